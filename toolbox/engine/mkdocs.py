"""MkDocs with Material for MkDocs: the default engine, run in this process."""
from __future__ import annotations

from pathlib import Path

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


def build(config_file: Path) -> None:
    """Build the site of ``config_file`` (strict: a warning, such as a broken link, stops it)."""
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
