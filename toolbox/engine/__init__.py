"""The site engine: MkDocs (with Material, the default) or Zensical builds the generated docs tree.

Everything the toolbox does happens before: the docs tree is written whole (the project's pages
with their markers filled, the generated pages and documents), and here only the engine's
configuration is made from the project's ``mkdocs.yml`` and run.  The configuration uses paths
relative to the build folder (``docs/``, ``site/``, ``overrides/``, ``includes/`` copied beside
it) and only options both engines read (the search language comes from ``theme.language``), so
the same tree and the same config build with either.

- ``config``: the project's ``mkdocs.yml`` with the generated pages in the nav, the profile's
  name, colours and logo; every value that the theme writes into its pages without escaping is
  escaped here (the footer's name) or refused by the inputs layer (titles, see FORMAT.md).
- ``get(name)``: the engine module (``toolbox.engine.mkdocs``, ``toolbox.engine.zensical``), each
  with ``build(config_file)`` (strict: a broken link stops the build), ``unavailable()``,
  ``PACKAGES`` (whose versions key the site) and ``SEARCH`` (where its search index is, and the
  script that holds it for a copy opened from disk).
"""
from __future__ import annotations

import html
import shutil
from copy import deepcopy
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from ..errors import ToolboxError, UsageError
from ..model import Model
from ..render import NavEntry
from ..render.profile import CSS_PATH, logo_path

CONFIG_FILE = "mkdocs.yml"
SIDE_FOLDERS = ("overrides", "includes")  # copied into the build folder, so the config's paths are relative
ENGINES = ("mkdocs", "zensical")
DEFAULT = "mkdocs"


def get(name: str = DEFAULT) -> ModuleType:
    """The engine module called ``name``."""
    if name not in ENGINES:
        raise UsageError(f"ukendt motor '{name}' (vælg {' eller '.join(ENGINES)})")
    return import_module(f"{__name__}.{name}")


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


def _plugins_without_mkdocs_only_options(plugins: Any) -> Any:
    """The plugins with options only MkDocs reads left out: the search language is ``theme.language``
    (Material's search takes it from there; Zensical refuses ``search: {lang: …}``)."""
    if not isinstance(plugins, list):
        return plugins
    out: list[Any] = []
    for p in plugins:
        if isinstance(p, dict) and "search" in p and isinstance(p["search"], dict):
            options = {k: v for k, v in p["search"].items() if k != "lang"}
            out.append({"search": options} if options else "search")
        else:
            out.append(p)
    return out


def config(base: dict[str, Any], model: Model, entries: list[NavEntry]) -> dict[str, Any]:
    """The engine's configuration for a build folder: docs in ``docs/``, the site in ``site/``."""
    cfg = deepcopy(base)
    cfg["docs_dir"] = "docs"
    cfg["site_dir"] = "site"
    cfg["copyright"] = html.escape(model.profile.name)  # both themes write it into the footer as it is
    if "nav" in cfg:
        cfg["nav"] = with_entries(cfg["nav"], entries)
    if "plugins" in cfg:
        cfg["plugins"] = _plugins_without_mkdocs_only_options(cfg["plugins"])
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


def build(config_file: Path, name: str = DEFAULT, on_page: Any = None) -> None:
    """Run the engine ``name`` on ``config_file`` (paths in it relative to its folder); ``on_page(path,
    html)``: called with each page as it is written, by an engine that can (MkDocs)."""
    get(name).build(config_file, on_page)
