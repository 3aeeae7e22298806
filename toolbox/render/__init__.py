"""Output registry.

Two kinds of output, both plain modules:

- **Document outputs** (``DOCUMENT_OUTPUTS``): one or more files per form.  A module defines
  ``render_form(model, form) -> {relative path: bytes}``, ``INPUTS`` (files besides the schema
  and profile that change its output: templates, styles, fonts; they key the cache) and may
  define ``unavailable() -> str | None`` to say why it cannot run on this machine.  A module
  that reads only some fields of the profile lists them in ``PROFILE_FIELDS`` (``()``: none);
  the cache key then holds only those, so profiles share the document when they agree on them.
- **Site outputs** (``SITE_OUTPUTS``): made once from the whole model and every document
  rendered before them: ``render(model, documents) -> {relative path: bytes}``.

Paths are relative to the docs folder.  Renderers return content; only the build writes.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from types import ModuleType

DOCUMENT_OUTPUTS: dict[str, str] = {
    "pdf": "toolbox.render.pdf",
    "docx": "toolbox.render.docx",
    "odt": "toolbox.render.odt",
    "jsonschema": "toolbox.render.jsonschema",
}
SITE_OUTPUTS: dict[str, str] = {
    "catalogue": "toolbox.render.catalogue",
    "bundle": "toolbox.render.bundle",
    "html": "toolbox.render.html",
    "course": "toolbox.render.course",
}

FILES_DIR = "blanketter/filer"  # where documents live in the site


def document_path(profile_id: str, form_id: str, suffix: str) -> str:
    """Where a form's document goes, e.g. ``blanketter/filer/eksempel/netvaerkskort.pdf``."""
    return f"{FILES_DIR}/{profile_id}/{form_id}{suffix}"


def module(kind: str) -> ModuleType:
    return import_module(DOCUMENT_OUTPUTS.get(kind) or SITE_OUTPUTS[kind])


def unavailable(kind: str) -> str | None:
    """Why output ``kind`` cannot be made on this machine, or None if it can."""
    check: Callable[[], str | None] | None = getattr(module(kind), "unavailable", None)
    return check() if check else None


def inputs(kind: str) -> list[Path]:
    return list(getattr(module(kind), "INPUTS", []))
