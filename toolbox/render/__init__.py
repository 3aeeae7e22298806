"""The renderers: one module per output, each a function from the model to files.

Which outputs there are, in which order they run and what each declares is the registry's
business (``toolbox.outputs``).  This package only says where a form's documents live in the
site, so that every renderer and the pages that link to them agree.  Renderers return content
(``{path relative to the docs folder: bytes}``); only the build writes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Literal

FILES_DIR = "blanketter/filer"  # where documents live in the site
BUILDER_PAGE = "implementering/egen-udgave.md"  # "Lav jeres egen udgave" (profile_builder), linked from the downloads


def missing_packages(names: Iterable[str]) -> list[str]:
    """Those of ``names`` that are not installed: a renderer's ``TOOLS``, whose versions key its
    cache, so that without one nothing can be looked up in it, nor made (a cheap question: it
    imports nothing)."""
    from importlib.metadata import PackageNotFoundError, version

    missing = []
    for name in names:
        try:
            version(name)
        except PackageNotFoundError:
            missing.append(name)
    return missing


def document_path(profile_id: str, form_id: str, suffix: str) -> str:
    """Where a form's document goes, e.g. ``blanketter/filer/eksempel/netvaerkskort.pdf``."""
    return f"{FILES_DIR}/{profile_id}/{form_id}{suffix}"


@dataclass(frozen=True)
class NavEntry:
    """A page (or a section of pages) an output adds to the site's menu: next to ``anchor``, a page
    of the project's own nav (``mkdocs.yml``), appended to the section holding it or placed right
    after it."""

    anchor: str
    where: Literal["append", "after"]
    entry: dict[str, Any]
