"""The build pipeline, on one screen: inputs → model → outputs → docs tree → engine → swap.

1. **Inputs** (``toolbox.inputs``): every input file read once and checked; any problem stops the
   build before anything is written (``InputError``, exit status 2).
2. **Outputs** (``toolbox.outputs``): the registry's form outputs for every form (from the document
   cache when their inputs are unchanged, the rest in processes side by side), then its site
   outputs, each seeing what the earlier ones made.
3. **Docs tree**: the project's pages, the generated files, and empty placeholders for the
   after-site outputs, in a temporary folder beside the site (``toolbox.writer``).
4. **Engine** (``toolbox.engine``): MkDocs (default) or Zensical builds the tree (strict).  When
   nothing the site is made of has changed since the last build of the same site folder, it is skipped.
   MkDocs hands each page to the after-site outputs as it writes it (``outputs.early``): the
   Koordinatormappe and the course pack start printing that page in the downloads' pool while the
   site is still built.
5. **After the site**: the registry's after-site outputs (Koordinatormappe, offline copy) from the
   built site; ``--no-downloads`` leaves them out (``toolbox serve`` makes them after the pages are
   up, with :func:`make_downloads`).
6. **Swap**: the finished site replaces the old one in one step; a failure anywhere leaves the old
   site as it was.
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from . import engine, inputs, outputs
from .cache import FileSetCache, cache_root, file_digest
from .errors import ToolboxError
from .model import Form, Model
from . import parallel
from .parallel import side_by_side
from .render import FILES_DIR
from .writer import swap_into_place, write_tree

log = logging.getLogger("toolbox")
DOCUMENTS = "documents"  # the document cache's folder in .cache/
DOWNLOADS_LEFT_OUT = "koordinatormappe, kursuspakke og offline-ZIP"
Progress = Callable[[str], None]


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    forms: int
    seconds: float
    skipped: dict[str, str] = field(default_factory=dict)
    rendered: int = 0
    reused: int = 0
    unchanged: bool = False  # the site was already up to date: the engine did not run
    model: Model | None = None  # what it was built from (``toolbox serve`` reuses it)

    def summary(self) -> str:
        if self.unchanged:
            return f"Uændret: {self.site_dir} er allerede bygget af de samme filer ({self.seconds:.1f} s)"
        extra = "".join(f"; {k} sprunget over: {v}" for k, v in self.skipped.items())
        return (f"Bygget: {self.forms} blanketter, {self.pages} sider, {self.rendered} dokumenter lavet, "
                f"{self.reused} genbrugt → {self.site_dir} ({self.seconds:.1f} s){extra}")


# ---- form outputs, with the document cache ----------------------------------------------------

def cache_key(output: outputs.Output, model: Model, form: Form) -> str:
    """Everything a document depends on: renderer code and versions, its input files, form, profile."""
    from importlib.metadata import version

    mod = output.module
    h = hashlib.sha256(output.name.encode())
    for name in getattr(mod, "TOOLS", ()):
        h.update(f"{name}={version(name)};".encode())
    for path in [Path(mod.__file__), *mod.inputs(model)]:
        h.update(path.name.encode())
        h.update(file_digest(path))
    fields = getattr(mod, "PROFILE_FIELDS", None)  # the profile fields the renderer reads; None: all
    if model.profile is None:  # the neutral view: the same for every profile, so every profile shares it
        h.update(b"\0neutral" if fields != () else b"{}")  # a renderer that reads no profile field: as for a profile
    elif fields is None:
        h.update(model.profile_id.encode())
        h.update(model.profile.model_dump_json(warnings=False).encode())
    else:  # the profile's id is then only in the paths, which the cache stores without it
        h.update(model.profile.model_dump_json(include=set(fields), warnings=False).encode())
    if model.logo_file is not None and (fields is None or "logo" in fields):
        h.update(file_digest(model.logo_file))
    h.update(form.model_dump_json(warnings=False).encode())
    return h.hexdigest()


ANY_PROFILE = "{profile}"  # stands for the profile's folder in cached paths, so profiles can share an entry


def _to_cache(files: dict[str, bytes], profile_id: str) -> dict[str, bytes]:
    own = f"{FILES_DIR}/{profile_id}/"
    return {p.replace(own, f"{FILES_DIR}/{ANY_PROFILE}/", 1): c for p, c in files.items()}


def _from_cache(files: dict[str, bytes], profile_id: str) -> dict[str, bytes]:
    return {p.replace(f"{FILES_DIR}/{ANY_PROFILE}/", f"{FILES_DIR}/{profile_id}/", 1): c for p, c in files.items()}


def _render_one(name: str, model: Model, form_id: str) -> dict[str, bytes]:
    form = next(f for f in model.forms if f.id == form_id)
    return outputs.by_name(name).module.render_form(model, form)


def render_many(todo: list[tuple[str, Model, str]], jobs: int | None) -> list[dict[str, bytes]]:
    """Each (output name, model, form id) rendered, in order; in processes when there is more than one."""
    return side_by_side(_render_one, todo, jobs)


@dataclass
class Rendered:
    files: dict[str, bytes] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    rendered: int = 0  # documents made in this build
    reused: int = 0  # documents taken from the cache


def render_documents(model: Model, cache: FileSetCache | None, jobs: int | None = None,
                     neutral: Model | None = None) -> Rendered:
    """Every form output of every form, of the profile's model and of the ``neutral`` view when given;
    unchanged ones come from the cache, the rest in parallel.  Whether an output can run here is
    asked only when it has something to make (the answer may cost an import: WeasyPrint's, 0.8 s)."""
    out = Rendered()
    todo: list[tuple[str, Model, str, str]] = []  # (output, model, form id, cache key)
    again: list[tuple[Model, str]] = []  # (model, cache key) of a document already in todo
    for output in outputs.stage("form"):
        missing = output.tools_missing()  # (its cache is keyed by their versions)
        if missing:
            out.skipped[output.name] = output.unavailable() or ", ".join(missing) + " er ikke installeret"
            continue
        wanted = [(view, form, cache_key(output, view, form))
                  for view in [model] + ([neutral] if neutral is not None else []) for form in view.forms]
        hits = [cache.get(key) if cache else None for _, _, key in wanted]
        if None in hits and (why := output.unavailable()):
            out.skipped[output.name] = why
            continue
        for (view, form, key), hit in zip(wanted, hits):
            if hit is not None:
                out.files.update(_from_cache(hit, view.profile_id))
                out.reused += 1
            elif any(key == k for *_, k in todo):  # the same document in both views (a JSON Schema)
                again.append((view, key))
            else:
                todo.append((output.name, view, form.id, key))
    results = render_many([(name, view, form_id) for name, view, form_id, _ in todo], jobs)
    made: dict[str, dict[str, bytes]] = {}
    for (_, view, _, key), files in zip(todo, results):
        out.files.update(files)
        out.rendered += 1
        made[key] = _to_cache(files, view.profile_id)
        if cache:
            cache.put(key, made[key])
    for view, key in again:
        out.files.update(_from_cache(made[key], view.profile_id))
        out.reused += 1
    return out


def render_shared(models: list[Model], cache: FileSetCache, jobs: int | None = None,
                  neutral: Model | None = None) -> int:
    """Render once, into the cache, every document that two or more of ``models`` share (equal
    cache keys), so that profiles built side by side find it there instead of each making its own;
    and every document of the ``neutral`` view, which every profile's build uses."""
    owners: dict[str, list[tuple[str, Model, str]]] = {}
    for model in models + ([neutral, neutral] if neutral is not None else []):  # twice: shared by all
        for output in outputs.stage("form"):
            if output.tools_missing() or output.unavailable():
                continue
            for form in model.forms:
                owners.setdefault(cache_key(output, model, form), []).append((output.name, model, form.id))
    todo = [(key, *found[0]) for key, found in owners.items() if len(found) > 1 and not cache.has(key)]
    results = render_many([(name, model, form_id) for _, name, model, form_id in todo], jobs)
    for (key, _, model, _), files in zip(todo, results):
        cache.put(key, _to_cache(files, model.profile_id))
    return len(todo)


def render_all(model: Model, cache: Path | None, jobs: int | None = None, progress: Progress | None = None,
               neutral: Model | None = None) -> Rendered:
    """The form outputs (of the profile's model and of the ``neutral`` view when given), then the site
    outputs in order, each seeing what the earlier ones made.  ``cache`` is the cache folder
    (``.cache``), None for none."""
    say = progress or (lambda stage: None)
    say("laver dokumenter")
    rendered = render_documents(model, FileSetCache(cache / DOCUMENTS) if cache else None, jobs, neutral)
    say("laver sider")
    for output in outputs.stage("site"):
        say(f"laver sider: {output.what}")
        ctx = outputs.Context(files=dict(rendered.files), cache=cache / output.name if cache else None, neutral=neutral,
                              jobs=jobs)
        rendered.files.update(output.module.render(model, ctx))
    return rendered


# ---- the site -----------------------------------------------------------------------------------

SITE_PACKAGES = ("weasyprint", "pikepdf")  # besides the engine's own
SITE_INPUT_DIRS = ("docs", *engine.SIDE_FOLDERS)
TOOLBOX_DIR = Path(__file__).resolve().parent  # the toolbox's own code, templates, fonts: they shape the site too


def site_key(root: Path, files: dict[str, bytes], config: dict, with_downloads: bool, engine_name: str = engine.DEFAULT) -> str:
    """A hash of everything the site is made of: pages, generated files, config, code, versions."""
    from importlib.metadata import version

    h = hashlib.sha256((b"downloads" if with_downloads else b"no-downloads") + b";" + engine_name.encode())
    for name in (*SITE_PACKAGES, *engine.get(engine_name).PACKAGES):
        h.update(f"{name}={version(name)};".encode())
    h.update(os.environ.get("SOURCE_DATE_EPOCH", "").encode())
    h.update(yaml.safe_dump(config, allow_unicode=True, sort_keys=True).encode())
    for folder in [root / d for d in SITE_INPUT_DIRS] + [TOOLBOX_DIR]:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(folder.parent)).encode() + b"\0" + file_digest(path))
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + files[rel])
    return h.hexdigest()


def write_build_folder(root: Path, work: Path, files: dict[str, bytes], config: dict) -> Path:
    """The folder the engine builds: the project's pages and the generated files in ``docs/``, empty
    placeholders for the after-site outputs, the theme's side folders, and the config; returns the config file."""
    docs = work / "docs"
    shutil.copytree(root / "docs", docs)
    write_tree(docs, files)
    write_tree(docs, outputs.placeholders())  # made after the site; there now so links to them check
    engine.prepare(root, work)
    return engine.write_config(work, config)


def make_downloads(model: Model, site: Path, config: dict, cache: Path | None, engine_name: str = engine.DEFAULT,
                   jobs: int | None = None, progress: Progress | None = None,
                   skipped: dict[str, str] | None = None, pool: Any = None,
                   starts: dict[str, Any] | None = None, asked: dict[str, Any] | None = None) -> dict[str, bytes]:
    """The after-site outputs (Koordinatormappe, offline copy) of the built ``site``, each written into
    it as soon as it is made (the next one sees it); returns them (paths relative to the site).
    ``starts``: their ``Early`` objects, which saw the pages while the engine wrote them (``outputs.early``);
    ``asked``: whether each can run, asked of ``pool`` already (:func:`outputs.ask_unavailable`)."""
    say = progress or (lambda stage: None)
    made: dict[str, bytes] = {}
    if pool is not None and asked is None:
        asked = outputs.ask_unavailable(pool)
    for output in outputs.stage("after-site"):
        # asked of the pool, whose processes have loaded WeasyPrint already (this one need not)
        why = asked[output.name].result() if asked is not None else output.unavailable()
        if why:
            if skipped is not None:
                skipped[output.what] = why
            for path in output.module.PATHS:
                (site / path).unlink(missing_ok=True)
            continue
        say(f"laver {output.what}")
        ctx = outputs.Context(files=dict(made), cache=cache / output.name if cache else None, site=site,
                              config=config, engine=engine.get(engine_name), jobs=jobs, progress=say, pool=pool,
                              early=(starts or {}).get(output.name))
        files = output.module.render(model, ctx)
        write_tree(site, files)
        made.update(files)
    return made


def build(root: Path, profile: str = "eksempel", site_dir: Path | None = None, use_cache: bool = True,
          jobs: int | None = None, with_downloads: bool = True, progress: Progress | None = None,
          engine_name: str = engine.DEFAULT) -> BuildResult:
    """Build one profile's site; ``jobs`` caps the processes that render documents (default: all cores).

    Only this profile is checked, so another profile's mistake does not stop it (``toolbox validate``
    checks them all).  ``with_downloads=False`` leaves out the after-site outputs; ``engine_name``
    chooses the site engine (``mkdocs`` or ``zensical``).
    """
    start = time.perf_counter()
    say = progress or (lambda stage: None)
    site_engine = engine.get(engine_name)
    why = site_engine.unavailable()
    if why:
        raise ToolboxError(why)
    say("tjekker filerne")
    project = inputs.load_project(root, profile)  # raises InputError before anything is written
    model = inputs.model_for(project, profile)
    cache = cache_root(root) if use_cache else None
    rendered = render_all(model, cache, jobs, say, neutral=inputs.neutral_model(project))
    config = engine.config(engine.read_config(root), model, outputs.nav_entries(model))
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    key_file = cache_root(root) / "sites" / (hashlib.sha256(str(site_dir).encode()).hexdigest()[:32] + ".key")
    key = site_key(root, rendered.files, config, with_downloads, engine_name)
    if use_cache and (site_dir / "index.html").is_file() and key_file.is_file() and key_file.read_text() == key:
        pages = sum(1 for _ in site_dir.rglob("*.html"))  # nothing changed since this site was built
        return BuildResult(site_dir, pages, len(model.forms), time.perf_counter() - start,
                           rendered.skipped, rendered.rendered, rendered.reused, unchanged=True, model=model)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        config_file = write_build_folder(root, work, rendered.files, config)
        say(f"bygger sitet med {site_engine.NAME}")
        site = work / "site"
        # the downloads' processes start now and load what they need while the engine runs (unless
        # there is to be one process only: ``--jobs 1``, a profile of ``--all-profiles``)
        early = with_downloads and parallel.workers(2, jobs) > 1
        with parallel.started(jobs, outputs.warm, model) if early else nullcontext() as pool:
            # and the downloads' work that needs only a page (a page of the Koordinatormappe) starts as
            # the engine writes that page
            starts = outputs.early(model, config, cache, pool) if pool is not None else {}
            # (asked first, so the answers wait for no page the engine starts printing)
            asked = outputs.ask_unavailable(pool) if pool is not None else None
            site_engine.build(config_file, outputs.on_page(starts))
            outputs.engine_done(starts)
            if with_downloads:
                make_downloads(model, site, config, cache, engine_name, jobs, say, rendered.skipped, pool, starts, asked)
        if not with_downloads:
            for path in outputs.placeholders():
                (site / path).unlink(missing_ok=True)
            rendered.skipped[DOWNLOADS_LEFT_OUT] = "fravalgt med --no-downloads"
        pages = sum(1 for _ in site.rglob("*.html"))
        say("skifter det nye site ind")
        swap_into_place(site, site_dir)
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(site_dir, pages, len(model.forms), time.perf_counter() - start,
                       rendered.skipped, rendered.rendered, rendered.reused, model=model)
