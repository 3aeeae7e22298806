"""The course cases' forms, filled: ``kursus/filer/NAME-FORM.pdf`` for each form a case fills.

The blank PDF is this build's document of the form, or is rendered anew when the case needs more
rows than the form shows at first.  A form with a drawing (a network map: its last page is the
case's drawing, made by the ``ecomap`` output) gets that page joined onto the blank, and its margins
("Side X af Y") drawn again over all pages (``toolbox.render.pdf.with_drawing``); the drawing's
page does not name the form, so a new title of the network map renders no page for its cases.
Then ``toolbox.fill`` writes the case's values into its fields.  Every step is cached (a part by
everything it depends on, the filled sheet by the blank, the values and the filler's code), so a
rebuild does not fill them again; with ``--no-cache`` nothing is reused.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .. import fill as filler
from ..cache import cached, file_digest, lookup, store
from ..model import Form, FormFill, Model
from ..parallel import side_by_side
from . import document_path, ecomap
from . import pdf

FILES = "kursus/filer"
HANDLES = pdf.HANDLES  # the blank forms are the PDF output's; the filler writes every kind it draws
CODE = [Path(__file__), Path(pdf.__file__)]  # with the PDF output's inputs (pdf.inputs)


def sheet_path(case_id: str, form_id: str) -> str:
    return f"{FILES}/{case_id}-{form_id}.pdf"


def _pdf_key(model: Model, shown: Form | None, *texts: str) -> str:
    """Everything a part of a blank depends on: the code that makes it, its inputs, the profile, the
    form as the case shows it (None: a part that does not show the form) and ``texts``."""
    h = hashlib.sha256(b"course-pdf")
    for path in [*CODE, *pdf.inputs(model)]:
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(pdf.tool_versions().encode())
    h.update(model.profile_id.encode())
    h.update(model.profile.model_dump_json(warnings=False).encode())
    h.update(shown.model_dump_json(warnings=False).encode() if shown is not None else b"-")
    for text in texts:
        h.update(b"\0" + text.encode())
    return h.hexdigest() + ".pdf"


@dataclass
class Sheet:
    path: str
    form: Form  # as the schema has it
    shown: Form  # with the case's rows
    fill: FormFill  # the case's values
    extra: str  # the drawing's page ("" for none)
    document: bytes | None  # this build's PDF of the form

    def blank_key(self, model: Model) -> str | None:
        """The cache name of the blank, None when it is this build's document."""
        return None if self.shown is self.form and not self.extra else _pdf_key(model, self.shown, self.extra)

    def parts(self, model: Model) -> dict[str, tuple]:
        """The parts its blank is made of, other than this build's document: name -> arguments of
        :func:`_render_part` (the form with the case's rows; the drawing's page)."""
        out: dict[str, tuple] = {}
        if self.shown is not self.form:
            out[_pdf_key(model, self.shown, "")] = ("blank", self.shown, "")
        if self.extra:
            out[_page_key(model, self.shown, self.extra)] = ("drawing", self.shown, self.extra)
        return out


def _page_key(model: Model, form: Form, extra: str) -> str:
    """The drawing's page, by its HTML: it does not name its form, so a new title leaves it as it was."""
    return _pdf_key(model, None, "drawing", pdf.drawing_page_html(model, form, extra))


def _render_part(model: Model, kind: str, form: Form, extra: str) -> bytes:
    if kind == "drawing":
        return pdf.render_html(model, pdf.drawing_page_html(model, form, extra))
    return pdf.render_pdf(model, form)


def _blank(model: Model, sheet: Sheet, parts: dict[str, bytes], cache: Path | None) -> bytes:
    """The blank PDF the case's values go into, made of its ``parts`` (by kind: "blank", "drawing"; and cached)."""
    form_pdf = sheet.document if sheet.shown is sheet.form else parts["blank"]
    if not sheet.extra:
        return form_pdf
    page = parts["drawing"]

    def joined() -> bytes:
        html = pdf.margins_html(model, sheet.shown, pdf.page_count(form_pdf) + pdf.page_count(page))
        margins = cached(cache, _pdf_key(model, None, "margins", html), lambda: pdf.render_html(model, html, tagged=False))
        return pdf.with_drawing(form_pdf, page, margins)

    return cached(cache, sheet.blank_key(model), joined)


def _filled_key(blank: bytes, fill) -> str:
    h = hashlib.sha256(b"course-filled")
    h.update(file_digest(Path(filler.__file__)))
    h.update(blank)
    h.update(fill.model_dump_json(warnings=False).encode())
    return f"{h.hexdigest()}.filled.pdf"


def _lookup(model: Model, sheet: Sheet, cache: Path | None) -> bytes | None:
    """The filled sheet when the cache has it (and its blank), else None; needs no WeasyPrint."""
    key = sheet.blank_key(model)
    blank = sheet.document if key is None else lookup(cache, key)
    return lookup(cache, _filled_key(blank, sheet.fill)) if blank is not None else None


def _make(model: Model, sheet: Sheet, parts: dict[str, bytes], cache: Path | None) -> bytes:
    """The case's values written into the blank PDF (the blank joined first, when it has a drawing)."""
    blank = _blank(model, sheet, parts, cache)
    return cached(cache, _filled_key(blank, sheet.fill), lambda: filler.fill_pdf(blank, sheet.shown, sheet.fill))


def render(model: Model, ctx) -> dict[str, bytes]:
    """Every case's filled forms: from the cache where they are; for the others, first the parts
    their blanks need, each once, side by side in processes (``ctx.jobs`` at a time, default all
    cores), then each blank joined and filled, side by side too."""
    if pdf.tools_missing():
        return {}
    forms = {f.id: f for f in model.forms}
    sheets: list[Sheet] = []
    for loaded in model.cases:
        for form_id, fill in loaded.case.forms.items():
            form = forms.get(form_id)
            if form is None:
                continue
            drawing = ctx.files.get(ecomap.svg_path(loaded.id, form_id))  # made by the ecomap output
            sheet = Sheet(sheet_path(loaded.id, form_id), form, filler.form_for_case(form, fill), fill,
                          ecomap.figure_html(drawing.decode()) if drawing is not None else "",
                          ctx.files.get(document_path(model.profile_id, form.id, ".pdf")))
            if sheet.document is not None or sheet.shown is not form:  # (no PDF of the form to fill in: none)
                sheets.append(sheet)
    out: dict[str, bytes] = {}
    todo: list[Sheet] = []
    for sheet in sheets:
        hit = _lookup(model, sheet, ctx.cache) if ctx.cache is not None else None
        if hit is not None:
            out[sheet.path] = hit
        else:
            todo.append(sheet)
    if todo and not pdf.unavailable():  # (a look in the cache needs no WeasyPrint, nor its import)
        own = [sheet.parts(model) for sheet in todo]  # (each builds its drawing page's HTML: once)
        wanted = {key: args for parts_of in own for key, args in parts_of.items()}
        parts = {key: data for key in wanted if (data := lookup(ctx.cache, key)) is not None}
        missing = [key for key in wanted if key not in parts]
        for key, data in zip(missing, side_by_side(_render_part, [(model, *wanted[k]) for k in missing], ctx.jobs)):
            parts[key] = data
            store(ctx.cache, key, data)
        needed = [{args[0]: parts[k] for k, args in parts_of.items()} for parts_of in own]  # by kind
        made = side_by_side(_make, [(model, sheet, got, ctx.cache) for sheet, got in zip(todo, needed)], ctx.jobs)
        out.update({sheet.path: data for sheet, data in zip(todo, made)})
    return {sheet.path: out[sheet.path] for sheet in sheets if sheet.path in out}  # in the cases' order
