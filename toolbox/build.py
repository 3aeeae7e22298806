"""The build pipeline: validate → render → write into a temporary tree → MkDocs → swap.

The site appears whole or not at all: everything is made in a temporary folder beside the
target and only a finished site replaces the old one.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ToolboxError
from .model import Model
from .render import OUTPUTS, renderer, unavailable
from .validate import build_model, validate_all

log = logging.getLogger("toolbox")
FORMS_SECTION_ANCHOR = "redskaber/index.md"  # the nav section the form pages join


@dataclass
class BuildResult:
    site_dir: Path
    pages: int
    forms: int
    seconds: float
    skipped: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        extra = "".join(f"; {k} sprunget over: {v}" for k, v in self.skipped.items())
        return (f"Bygget: {self.forms} blanketter, {self.pages} sider → {self.site_dir} "
                f"({self.seconds:.1f} s){extra}")


def render_all(model: Model) -> tuple[dict[str, bytes], dict[str, str]]:
    """Ask every registered output for its files; an unavailable one is skipped with a reason."""
    files: dict[str, bytes] = {}
    skipped: dict[str, str] = {}
    for kind in OUTPUTS:
        why = unavailable(kind)
        if why:
            skipped[kind] = why
            continue
        files.update(renderer(kind)(model))
    return files, skipped


def profile_css(model: Model) -> bytes:
    colors = model.profile.colors
    if colors is None:
        return b"/* Ingen farver i profilen: temaets standardfarver bruges. */\n"
    accent = colors.accent or colors.primary
    return (":root, [data-md-color-scheme=default] {\n"
            f"  --md-primary-fg-color: {colors.primary};\n"
            f"  --md-primary-fg-color--dark: {colors.primary};\n"
            f"  --md-accent-fg-color: {accent};\n"
            f"  --md-typeset-a-color: {colors.primary};\n"
            "}\n").encode()


def _nav_with_forms(nav: list[Any], model: Model) -> list[Any]:
    entry = {"Blanketter": ["blanketter/index.md"] + [{f.title: f"blanketter/{f.id}.md"} for f in model.forms]}
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list) and FORMS_SECTION_ANCHOR in value:
                    value.append(entry)
                    return nav
    nav.append(entry)
    return nav


def mkdocs_config(root: Path, docs: Path, site: Path, model: Model) -> dict[str, Any]:
    """The project's mkdocs.yml with absolute paths, the form pages and the profile's branding."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site)
    config["copyright"] = model.profile.name
    if "nav" in config:
        config["nav"] = _nav_with_forms(config["nav"], model)
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


def build(root: Path, profile: str = "eksempel", site_dir: Path | None = None) -> BuildResult:
    start = time.perf_counter()
    schema, profiles = validate_all(root)  # raises InputError before anything is written
    model = build_model(schema, profiles, profile)
    files, skipped = render_all(model)
    files["assets/stylesheets/profile.css"] = profile_css(model)
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        docs = work / "docs"
        shutil.copytree(root / "docs", docs)
        write_tree(docs, files)
        config_file = work / "mkdocs.yml"
        config = mkdocs_config(root, docs, work / "site", model)
        config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        run_mkdocs(config_file)
        pages = sum(1 for _ in (work / "site").rglob("*.html"))
        swap_into_place(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(site_dir, pages, len(model.forms), time.perf_counter() - start, skipped)
