"""The course cases' forms, filled: ``kursus/filer/NAME-FORM.pdf`` for each form a case fills.

The blank PDF comes from this build's documents, or is rendered anew when the case needs more rows
than the form shows at first or the form has a drawing (a network map: its last page is the case's
drawing, made by the ``ecomap`` output); then ``toolbox.fill`` writes the case's values into its fields.  Both
steps are cached (the blank by everything it depends on, the filled one by the blank, the values and
the filler's code), so a rebuild does not fill them again; with ``--no-cache`` nothing is reused.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .. import fill as filler
from ..cache import cached, file_digest, lookup
from ..model import Model
from ..parallel import side_by_side
from . import document_path, ecomap
from . import pdf

FILES = "kursus/filer"
HANDLES = pdf.HANDLES  # the blank forms are the PDF output's; the filler writes every kind it draws


def sheet_path(case_id: str, form_id: str) -> str:
    return f"{FILES}/{case_id}-{form_id}.pdf"


def _pdf_key(model: Model, shown, extra: str = "") -> str:
    """Everything a blank PDF depends on: the PDF renderer, its inputs, the profile, the form and the drawing."""
    h = hashlib.sha256(b"course-pdf")
    for path in [Path(pdf.__file__), *pdf.inputs(model)]:
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(pdf.tool_versions().encode())
    h.update(model.profile_id.encode())
    h.update(model.profile.model_dump_json(warnings=False).encode())
    h.update(shown.model_dump_json(warnings=False).encode())
    h.update(extra.encode())
    return h.hexdigest()


def _blank_pdf(model: Model, form, shown, blank: bytes | None, cache: Path | None, extra: str = "",
               make: bool = True) -> bytes | None:
    """The blank PDF of ``shown`` (the form with the case's rows, and ``extra``, the drawing's page):
    ``blank`` (this build's document of the form) when it will do, else from the cache, or new
    (``make=False``: None instead)."""
    if shown is form and not extra:
        return blank
    if make and pdf.unavailable():  # a look in the cache needs no WeasyPrint (nor its import)
        return None
    return _get(cache, f"{_pdf_key(model, shown, extra)}.pdf", lambda: pdf.render_pdf(model, shown, extra), make)


def _get(cache: Path | None, name: str, make_it, make: bool) -> bytes | None:
    return cached(cache, name, make_it) if make else lookup(cache, name)


def _filled_pdf(blank: bytes, shown, fill, cache: Path | None, make: bool = True) -> bytes | None:
    """The case's values written into the blank PDF; cached by the blank, the values and the filler's code."""
    h = hashlib.sha256(b"course-filled")
    h.update(file_digest(Path(filler.__file__)))
    h.update(blank)
    h.update(fill.model_dump_json(warnings=False).encode())
    return _get(cache, f"{h.hexdigest()}.filled.pdf", lambda: filler.fill_pdf(blank, shown, fill), make)


def _sheet(model: Model, form, shown, fill, blank: bytes | None, cache: Path | None, extra: str,
           make: bool = True) -> bytes | None:
    """One case's filled form (``make=False``: only when both steps are in the cache, else None)."""
    got = _blank_pdf(model, form, shown, blank, cache, extra, make)
    return _filled_pdf(got, shown, fill, cache, make) if got is not None else None


def render(model: Model, ctx) -> dict[str, bytes]:
    """Every case's filled forms: from the cache where they are, the others side by side in processes
    (each a WeasyPrint render and a fill; ``ctx.jobs`` of them at a time, default all cores)."""
    if pdf.tools_missing():
        return {}
    out: dict[str, bytes] = {}
    forms = {f.id: f for f in model.forms}
    todo: list[tuple[str, tuple]] = []  # (path, the arguments of _sheet)
    order: list[str] = []
    for loaded in model.cases:
        for form_id, fill in loaded.case.forms.items():
            form = forms.get(form_id)
            if form is None:
                continue
            shown = filler.form_for_case(form, fill)
            drawing = ctx.files.get(ecomap.svg_path(loaded.id, form_id))  # made by the ecomap output
            extra = ecomap.figure_html(drawing.decode()) if drawing is not None else ""
            args = (form, shown, fill, ctx.files.get(document_path(model.profile_id, form.id, ".pdf")), ctx.cache, extra)
            order.append(sheet_path(loaded.id, form_id))
            hit = _sheet(model, *args, make=False) if ctx.cache is not None else None
            if hit is not None:
                out[sheet_path(loaded.id, form_id)] = hit
            elif not pdf.unavailable():
                todo.append((sheet_path(loaded.id, form_id), args))
    made = side_by_side(_sheet, [(model, *args) for _, args in todo], ctx.jobs)
    out.update({path: data for (path, _), data in zip(todo, made) if data is not None})
    return {path: out[path] for path in order if path in out}  # in the cases' order, however made
