"""Editable LibreOffice forms (ODT).  The logic, shared with DOCX, is in ``office.py``."""
from __future__ import annotations

from ..model import Form, Model
from . import office
from .office import unavailable  # noqa: F401  (the registry asks every output)

HANDLES = frozenset(office.FIELDS)
TOOLS = office.TOOLS


def inputs(model: Model) -> list:
    return office.inputs("odt")


def render_form(model: Model, form: Form) -> dict[str, bytes]:
    return office.render_form(model, form, "odt")
