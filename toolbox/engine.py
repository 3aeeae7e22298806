"""The site engine: MkDocs (with Material) builds the generated docs tree into a site.

Everything the toolbox does happens before: the docs tree is written whole (the project's pages
with their markers filled, the generated pages and documents), and here only the engine's
configuration is made from the project's ``mkdocs.yml`` and run.  The configuration uses paths
relative to the build folder (``docs/``, ``site/``, ``overrides/``, ``includes/`` copied beside
it), so the same tree builds anywhere.

- ``config``: the project's ``mkdocs.yml`` with the generated pages in the nav, the profile's
  name, colours and logo; every value that the theme writes into its pages without escaping is
  escaped here (the footer's name) or refused by the inputs layer (titles, see FORMAT.md).
- ``build``: run MkDocs on a build folder (strict: a broken link stops the build).
"""
from __future__ import annotations

import html
import shutil
from copy import deepcopy
from pathlib import Path
from typing import Any

import yaml

from .errors import ToolboxError
from .model import Model
from .render import NavEntry
from .render.profile import CSS_PATH, logo_path

CONFIG_FILE = "mkdocs.yml"
SIDE_FOLDERS = ("overrides", "includes")  # copied into the build folder, so the config's paths are relative


def read_config(root: Path) -> dict[str, Any]:
    """The project's own ``mkdocs.yml``."""
    try:
        return yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ToolboxError(f"{CONFIG_FILE} kan ikke læses: {exc}") from None


def _section(nav: list[Any], anchor: str) -> list[Any] | None:
    """The nav list (at any depth) that holds the page ``anchor``."""
    if anchor in nav:
        return nav
    for item in nav:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    found = _section(value, anchor)
                    if found is not None:
                        return found
    return None


def with_entries(nav: list[Any], entries: list[NavEntry]) -> list[Any]:
    """The nav with each output's pages added next to their anchors (at the end when it is missing)."""
    nav = deepcopy(nav)
    for e in entries:
        section = _section(nav, e.anchor)
        if section is None:
            nav.append(e.entry)
        elif e.where == "after":
            section.insert(section.index(e.anchor) + 1, e.entry)
        else:
            section.append(e.entry)
    return nav


def config(base: dict[str, Any], model: Model, entries: list[NavEntry]) -> dict[str, Any]:
    """The engine's configuration for a build folder: docs in ``docs/``, the site in ``site/``."""
    cfg = deepcopy(base)
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = "site"
    cfg["copyright"] = html.escape(model.profile.name)  # Material writes it into the footer as it is
    if "nav" in cfg:
        cfg["nav"] = with_entries(cfg["nav"], entries)
    cfg["extra_css"] = list(cfg.get("extra_css", [])) + [CSS_PATH]
    theme = cfg.get("theme", {})
    if isinstance(theme, dict):
        if model.profile.colors is not None:  # the colours come from profile.css
            theme["palette"] = {**(theme.get("palette") or {}), "primary": "custom", "accent": "custom"}
        logo = logo_path(model)
        if logo is not None:
            theme["logo"] = logo
    return cfg


def prepare(root: Path, work: Path) -> None:
    """Copy the theme overrides and snippets beside the docs tree, where the config finds them."""
    for name in SIDE_FOLDERS:
        if (root / name).is_dir():
            shutil.copytree(root / name, work / name, dirs_exist_ok=True)


def write_config(work: Path, cfg: dict[str, Any], name: str = CONFIG_FILE) -> Path:
    path = work / name
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config_file: Path) -> None:
    """Run MkDocs on ``config_file`` (paths in it relative to its folder)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        cfg = load_config(config_file=str(config_file))
        snippets = cfg.mdx_configs.get("pymdownx.snippets")
        if snippets and snippets.get("base_path"):  # the extension reads them relative to the current folder
            snippets["base_path"] = [str(config_file.parent / p) for p in snippets["base_path"]]
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        raise ToolboxError(f"MkDocs-bygningen fejlede: {exc}") from None
