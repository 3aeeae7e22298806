"""MkDocs with Material for MkDocs: the default engine, run in this process."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..errors import ToolboxError

NAME = "MkDocs"
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2")
# The search index, and the script Material's search loads instead when the site is opened from disk.
SEARCH_INDEX = "search/search_index.json"
SEARCH_SCRIPT = "search/search_index.js"


def unavailable() -> str | None:
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
    except ImportError as exc:
        return f"MkDocs kan ikke indlæses ({exc})"
    return None


def build(config_file: Path, on_page: Callable[[str, str], None] | None = None) -> None:
    """Build the site of ``config_file`` (strict: a warning, such as a broken link, stops it);
    ``on_page(path, html)`` is called with each page as it is written (its docs path and its HTML)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.plugins import BasePlugin

    class Pages(BasePlugin):
        def on_post_page(self, output: str, page: Any, config: Any) -> str:
            on_page(page.file.src_uri, output)  # (registered only when there is one)
            return output

    try:
        cfg = load_config(config_file=str(config_file))
        snippets = cfg.mdx_configs.get("pymdownx.snippets")
        if snippets and snippets.get("base_path"):  # the extension reads them relative to the current folder
            snippets["base_path"] = [str(config_file.parent / p) for p in snippets["base_path"]]
        if on_page is not None:
            cfg.plugins["toolbox-pages"] = Pages()  # (the last plugin: it sees what is written)
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        raise ToolboxError(f"MkDocs-bygningen fejlede: {exc}") from None
