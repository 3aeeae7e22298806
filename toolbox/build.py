"""The build pipeline: validate → render → write into a temporary tree → MkDocs → swap.

The site appears whole or not at all: everything is made in a temporary folder beside the
target and only a finished site replaces the old one.
"""
from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import downloads, messages
from .steps import fill_page as fill_steps
from .errors import ToolboxError
from .model import Form, Model
from .render import DOCUMENT_OUTPUTS, FILES_DIR, SITE_OUTPUTS, inputs as render_inputs, module as render_module, unavailable
from .text import md_escape
from .validate import build_model, validate_all

log = logging.getLogger("toolbox")
FORMS_SECTION_ANCHOR = "redskaber/index.md"  # the nav section the form pages join
COURSE_SECTION_ANCHOR = "kursus/index.md"  # the nav section the slides and case pages join


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    forms: int
    seconds: float
    skipped: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    unchanged: bool = False  # the site was already up to date: MkDocs did not run

    def summary(self) -> str:
        if self.unchanged:
            return f"Uændret: {self.site_dir} er allerede bygget af de samme filer ({self.seconds:.1f} s)"
        extra = "".join(f"; {k} sprunget over: {v}" for k, v in self.skipped.items())
        return (f"Bygget: {self.forms} blanketter, {self.pages} sider, {self.rendered} dokumenter lavet, "
                f"{self.reused} genbrugt → {self.site_dir} ({self.seconds:.1f} s){extra}")


CACHE_DIR = Path(".cache") / "documents"


def cache_root(root: Path) -> Path:
    """The project's cache folder; TOOLBOX_CACHE_DIR moves it (tests share one between project copies)."""
    return Path(os.environ["TOOLBOX_CACHE_DIR"]) if os.environ.get("TOOLBOX_CACHE_DIR") else root / CACHE_DIR.parent


def _render_one(kind: str, model: Model, form_id: str) -> dict[str, bytes]:
    form = next(f for f in model.forms if f.id == form_id)
    return render_module(kind).render_form(model, form)


_DIGESTS: dict[tuple[Path, int, int], bytes] = {}


def _file_digest(path: Path) -> bytes:
    """The file's SHA-256, read again only when its size or modification time changes (a build
    of many profiles asks for the same fonts and templates thousands of times)."""
    st = path.stat()
    key = (path, st.st_mtime_ns, st.st_size)
    if key not in _DIGESTS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).digest()
    return _DIGESTS[key]


def cache_key(kind: str, model: Model, form: Form) -> str:
    """Everything a document depends on: renderer code, its template/style/font files, form, profile."""
    h = hashlib.sha256(kind.encode())
    mod = render_module(kind)
    for path in [Path(mod.__file__), *render_inputs(kind)]:
        h.update(path.name.encode())
        h.update(_file_digest(path))
    fields = getattr(mod, "PROFILE_FIELDS", None)  # the profile fields the renderer reads; None: all
    if fields is None:
        h.update(model.profile_id.encode())
        h.update(model.profile.model_dump_json(warnings=False).encode())
    else:  # the profile's id is then only in the paths, which the cache stores without it
        h.update(model.profile.model_dump_json(include=set(fields), warnings=False).encode())
    if model.logo_file is not None and (fields is None or "logo" in fields):
        h.update(model.logo_file.read_bytes())
    h.update(form.model_dump_json(warnings=False).encode())  # union rows: the fallback is exact
    return h.hexdigest()


ANY_PROFILE = "{profile}"  # stands for the profile's folder in cached paths, so profiles can share an entry


def _cache_read(folder: Path, key: str, profile_id: str) -> dict[str, bytes] | None:
    entry = folder / f"{key}.json"
    own = f"{FILES_DIR}/{profile_id}/"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        return {path.replace(f"{FILES_DIR}/{ANY_PROFILE}/", own, 1): base64.b64decode(content)
                for path, content in data.items()}
    except (OSError, ValueError):
        return None


def _cache_write(folder: Path, key: str, files: dict[str, bytes], profile_id: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{key}.{os.getpid()}.tmp"
    own = f"{FILES_DIR}/{profile_id}/"
    tmp.write_text(json.dumps({p.replace(own, f"{FILES_DIR}/{ANY_PROFILE}/", 1): base64.b64encode(c).decode()
                               for p, c in files.items()}), encoding="utf-8")
    tmp.replace(folder / f"{key}.json")


@dataclass
class Rendered:
    files: dict[str, bytes] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    rendered: int = 0  # documents made in this build
    reused: int = 0  # documents taken from the cache


def _render_many(todo: list[tuple[str, Model, str]], jobs: int | None) -> list[dict[str, bytes]]:
    """Each (kind, model, form id) rendered, in order; in processes when there is more than one."""
    workers = min(len(todo), jobs or os.cpu_count() or 1)
    if workers <= 1:
        return [_render_one(*item) for item in todo]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_render_one, *zip(*todo)))


def render_documents(model: Model, cache: Path | None, jobs: int | None = None) -> Rendered:
    """Every document of every form; unchanged ones come from the cache, the rest in parallel."""
    out = Rendered()
    todo: list[tuple[str, str, str]] = []  # (kind, form id, cache key)
    for kind in DOCUMENT_OUTPUTS:
        why = unavailable(kind)
        if why:
            out.skipped[kind] = why
            continue
        for form in model.forms:
            key = cache_key(kind, model, form)
            hit = _cache_read(cache, key, model.profile_id) if cache else None
            if hit is not None:
                out.files.update(hit)
                out.reused += 1
            else:
                todo.append((kind, form.id, key))
    results = _render_many([(kind, model, form_id) for kind, form_id, _ in todo], jobs)
    for (kind, form_id, key), files in zip(todo, results):
        out.files.update(files)
        out.rendered += 1
        if cache:
            _cache_write(cache, key, files, model.profile_id)
    return out


def render_shared(models: list[Model], cache: Path, jobs: int | None = None) -> int:
    """Render once, into the cache, every document that two or more of ``models`` share (equal
    cache keys: the inputs the renderer reads are equal), so that profiles built side by side
    find it there instead of each making its own copy.  Returns how many were rendered."""
    owners: dict[str, list[tuple[str, Model, str]]] = {}
    for model in models:
        for kind in DOCUMENT_OUTPUTS:
            if unavailable(kind):
                continue
            for form in model.forms:
                owners.setdefault(cache_key(kind, model, form), []).append((kind, model, form.id))
    todo = [(key, *found[0]) for key, found in owners.items()
            if len(found) > 1 and not (cache / f"{key}.json").is_file()]
    results = _render_many([(kind, model, form_id) for _, kind, model, form_id in todo], jobs)
    for (key, _, model, _), files in zip(todo, results):
        _cache_write(cache, key, files, model.profile_id)
    return len(todo)


def render_all(model: Model, cache: Path | None = None, jobs: int | None = None) -> Rendered:
    """Documents first, then the site outputs that link or bundle them."""
    result = render_documents(model, cache, jobs)
    for kind in SITE_OUTPUTS:  # each sees the documents and what earlier site outputs made
        result.files.update(render_module(kind).render(model, dict(result.files)))
    return result


def profile_css(model: Model) -> bytes:
    colors = model.profile.colors
    if colors is None:
        return b"/* Ingen farver i profilen: temaets standardfarver bruges. */\n"
    accent = colors.accent or colors.primary
    # Header and buttons: white on primary; links: primary on white; hover: accent (both checked ≥ 4.5:1).
    return (":root, [data-md-color-scheme=default] {\n"
            f"  --md-primary-fg-color: {colors.primary};\n"
            f"  --md-primary-fg-color--light: {colors.primary};\n"
            f"  --md-primary-fg-color--dark: {colors.primary};\n"
            "  --md-primary-bg-color: #ffffff;\n"
            "  --md-primary-bg-color--light: #ffffffb3;\n"
            f"  --md-accent-fg-color: {accent};\n"
            f"  --md-accent-fg-color--transparent: {accent}1a;\n"
            "  --md-accent-bg-color: #ffffff;\n"
            f"  --md-typeset-a-color: {colors.primary};\n"
            "}\n").encode()


LOGO_PATH = "assets/profil/logo"  # + .svg or .png, in the docs folder
PROFILE_MARKER = "<!-- profil:{name} -->"  # in a page under docs/: replaced by a text from the profile


def profile_snippets(model: Model) -> dict[str, str]:
    """The Markdown each marker in the pages becomes (empty when the profile says nothing)."""
    p = model.profile
    target = (f'!!! info "{messages.TARGET_GROUP_TITLE.format(kommune=md_escape(p.name))}"\n\n'
              f"    {md_escape(p.target_group)}\n") if p.target_group else ""
    return {"maalgruppe": target}


def profile_files(root: Path, model: Model) -> dict[str, bytes]:
    """What the profile adds to the docs folder: its colours, its logo, the pages with markers filled
    (the profile's texts, and the guides' step diagrams)."""
    files = {"assets/stylesheets/profile.css": profile_css(model)}
    if model.logo_file is not None:
        files[LOGO_PATH + model.logo_file.suffix] = model.logo_file.read_bytes()
    used = {f.id for f in model.forms}
    for form in model.schema_.forms:  # a short page for each form left out, so links to it still work
        if form.id not in used:
            files[f"blanketter/{form.id}.md"] = (f"# {md_escape(form.title)}\n\n"
                                                 + messages.FORM_NOT_USED.format(kommune=md_escape(model.profile.name))
                                                 + "\n").encode()
    snippets = profile_snippets(model)
    for page in sorted((root / "docs").rglob("*.md")):
        original = text = page.read_text(encoding="utf-8")
        rel = page.relative_to(root / "docs").as_posix()
        for name, value in snippets.items():
            text = text.replace(PROFILE_MARKER.format(name=name), value)
        text = fill_steps(text, rel, model.steps)  # the guide's step diagram, from forms/trin.yml
        if text != original:
            files[rel] = text.encode()
    return files


def _nav_with_forms(nav: list[Any], model: Model) -> list[Any]:
    entry = {"Blanketter": ["blanketter/index.md"] + [{f.title: f"blanketter/{f.id}.md"} for f in model.forms]
             + [{messages.DOWNLOADS_TITLE: "blanketter/hent.md"}]}
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and FORMS_SECTION_ANCHOR in value:
                    value.append(entry)
                    return nav
    nav.append(entry)
    return nav


def _nav_with_catalogue(nav: list[Any], model: Model) -> list[Any]:
    """The catalogue's lists by phase, theme and role join the nav section of the tool index."""
    if model.catalogue is None:
        return nav
    from .render.catalogue import filter_pages

    entry = {messages.CATALOGUE_FIND: [{p.nav_title: p.path} for p in filter_pages(model.catalogue)]}
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and FORMS_SECTION_ANCHOR in value:
                    value.insert(value.index(FORMS_SECTION_ANCHOR) + 1, entry)
                    return nav
    return nav


def _nav_with_course(nav: list[Any], model: Model) -> list[Any]:
    """The generated course pages (slides, cases) join the nav section of the course index."""
    from .render.course import CASES_INDEX, CASES_TITLE, SLIDES_PAGE, SLIDES_TITLE, case_nav

    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and COURSE_SECTION_ANCHOR in value:
                    value += [{SLIDES_TITLE: SLIDES_PAGE},
                              {CASES_TITLE: [CASES_INDEX] + case_nav(model)}]
                    return nav
    return nav


def mkdocs_config(root: Path, docs: Path, site: Path, model: Model) -> dict[str, Any]:
    """The project's mkdocs.yml with absolute paths, the form pages and the profile's branding."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    config["copyright"] = model.profile.name
    if "nav" in config:
        config["nav"] = _nav_with_course(_nav_with_forms(_nav_with_catalogue(config["nav"], model), model), model)
    config["extra_css"] = list(config.get("extra_css", [])) + ["assets/stylesheets/profile.css"]
    for ext in config.get("markdown_extensions", []):
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            opts = ext["pymdownx.snippets"]
            opts["base_path"] = [str(root / p) for p in opts.get("base_path", ["."])]
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        theme["custom_dir"] = str(root / theme["custom_dir"])
    if config.get("hooks"):
        config["hooks"] = [str(root / h) for h in config["hooks"]]
    if isinstance(theme, dict):
        if model.profile.colors is not None:  # the colours come from profile.css
            theme["palette"] = {**(theme.get("palette") or {}), "primary": "custom", "accent": "custom"}
        if model.logo_file is not None:
            theme["logo"] = LOGO_PATH + model.logo_file.suffix
    return config


def run_mkdocs(config_file: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(config_file=str(config_file))
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        raise ToolboxError(f"MkDocs-bygningen fejlede: {exc}") from None


def write_tree(base: Path, files: dict[str, bytes]) -> None:
    """The one place that writes rendered files."""
    for rel, content in files.items():
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def swap_into_place(new: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


SITE_INPUT_DIRS = ("docs", "overrides", "includes")
SITE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "weasyprint")
TOOLBOX_DIR = Path(__file__).resolve().parent  # the toolbox's own code, templates, fonts: they shape the site too


def site_key(root: Path, files: dict[str, bytes], model: Model) -> str:
    """A hash of everything the MkDocs build reads: pages, generated files, config, versions."""
    from importlib.metadata import version

    h = hashlib.sha256()
    for name in SITE_PACKAGES:
        h.update(f"{name}={version(name)};".encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    config = mkdocs_config(root, Path("DOCS"), Path("SITE"), model)
    h.update(yaml.safe_dump(config, allow_unicode=True, sort_keys=True).encode())
    for folder in [root / d for d in SITE_INPUT_DIRS] + [TOOLBOX_DIR]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(folder.parent)).encode() + b"\0" + path.read_bytes())
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + files[rel])
    return h.hexdigest()


def build(root: Path, profile: str = "eksempel", site_dir: Path | None = None, use_cache: bool = True,
          jobs: int | None = None, with_downloads: bool = True) -> BuildResult:
    """Build one profile's site; ``jobs`` caps the processes that render documents (default: all cores).

    ``with_downloads=False`` leaves out the Koordinatormappe and the offline ZIP (``toolbox.downloads``).
    """
    start = time.perf_counter()
    own = root / "forms" / "profiles" / f"{profile}.yml"
    # Only this profile is checked, so another profile's mistake does not stop it (`toolbox validate` checks all).
    # Raises InputError before anything is written.
    schema, profiles, catalogue, steps = validate_all(root, profiles=[own] if own.is_file() else None)
    model = build_model(schema, profiles, profile, catalogue, profile_dir=own.parent, steps=steps)
    rendered = render_all(model, cache_root(root) / CACHE_DIR.name if use_cache else None, jobs)
    files = rendered.files
    files.update(profile_files(root, model))
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    key_file = cache_root(root) / "sites" / (hashlib.sha256(str(site_dir).encode()).hexdigest()[:32] + ".key")
    key = site_key(root, files, model) + ("" if with_downloads else "-no-downloads")
    if use_cache and (site_dir / "index.html").is_file() and key_file.is_file() and key_file.read_text() == key:
        pages = sum(1 for _ in site_dir.rglob("*.html"))  # nothing changed since this site was built
        return BuildResult(site_dir, pages, len(model.forms), time.perf_counter() - start,
                           rendered.skipped, rendered.rendered, rendered.reused, unchanged=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        docs = work / "docs"
        shutil.copytree(root / "docs", docs)
        write_tree(docs, files)
        write_tree(docs, downloads.placeholders())  # made after MkDocs; there now so links to them check
        config_file = work / "mkdocs.yml"
        config = mkdocs_config(root, docs, work / "site", model)
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run_mkdocs(config_file)
        if with_downloads:
            rendered.skipped.update(downloads.add_to_site(root, work, config, model,
                                                          cache_root(root) if use_cache else None))
        else:
            downloads.remove_placeholders(work / "site")
            rendered.skipped["koordinatormappe og offline-ZIP"] = "fravalgt med --no-downloads"
        pages = sum(1 for _ in (work / "site").rglob("*.html"))
        swap_into_place(work / "site", site_dir)
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(site_dir, pages, len(model.forms), time.perf_counter() - start,
                       rendered.skipped, rendered.rendered, rendered.reused)
