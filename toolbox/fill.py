"""Fill a form's PDF with a case's values (``toolbox fill``).

The blank PDF comes from the PDF renderer (``toolbox.render.pdf``), with as many rows in each
repeating block as the case fills; then pypdf writes the values into its AcroForm fields.
Field names follow the renderer's rules: the control's name, split at its dots into the field
tree, and ``NAME.CHOICE-ID`` for each checkbox of a multichoice field.  Text fields get an
appearance stream from pypdf and the form keeps ``NeedAppearances``, so a viewer draws them
again with the form's own font; check boxes and radio buttons switch to their "on" appearance,
which WeasyPrint drew.  A date is written as the page shows it (dd.mm.åååå), as "Gem som PDF" does.
A network map gets the drawing of its network on a last page (``toolbox.render.ecomap``).
"""
from __future__ import annotations

import io
import logging
import re
from pathlib import Path
from typing import Any

from .controls import lookup, row_counts, shown, with_rows
from .errors import RenderError
from .model import Form, FormFill, Model


def form_for_case(form: Form, fill: FormFill) -> Form:
    """The form with each repeating block showing the rows the case fills, and only the sections its
    values show (a plan's chosen modules)."""
    return shown(with_rows(form, row_counts(form, fill)), fill.values)


def shown_date(value: str) -> str:
    """A saved date (åååå-mm-dd) as the form shows it, dd.mm.åååå; other text as it is."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return f"{m[3]}.{m[2]}.{m[1]}" if m else value


def pdf_values(form: Form, fill: FormFill) -> tuple[dict[str, str], dict[str, str]]:
    """(text field name -> text, button field name -> "on" state) for the PDF."""
    texts: dict[str, str] = {}
    buttons: dict[str, str] = {}
    for name, value in fill.values.items():
        found = lookup(form, name)
        assert found is not None, name  # the case was validated against the schema
        f = found[0]
        if f.kind == "multichoice":
            for choice in value if isinstance(value, list) else [value]:
                buttons[f"{name}.{choice}"] = choice
        elif f.kind in ("checkbox", "yesno", "choice"):
            buttons[name] = str(value)
        elif f.kind == "date":
            texts[name] = shown_date(str(value))
        else:
            texts[name] = str(value)
    return texts, buttons


def _qualified(field: Any) -> str:
    parts = []
    while field is not None:
        if "/T" in field:
            parts.append(str(field["/T"]))
        field = field.get("/Parent")
        field = field.get_object() if field is not None else None
    return ".".join(reversed(parts))


def fill_pdf(blank: bytes, form: Form, fill: FormFill) -> bytes:
    """The blank PDF with the case's values written into its fields."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # NeedAppearances stays set: viewers redraw the text
    texts, buttons = pdf_values(form, fill)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(blank)))
    writer.update_page_form_field_values(None, texts, auto_regenerate=True)
    fields = writer.get_fields() or {}  # (walks every field: once, not once per value)
    found_texts = {name for name in texts if name in fields}
    found_buttons: set[str] = set()
    for page in writer.pages:
        for ref in page.get("/Annots") or []:
            widget = ref.get_object()
            if widget.get("/Subtype") != "/Widget":
                continue
            field = widget if "/T" in widget else widget["/Parent"].get_object()
            name = _qualified(field)
            if name not in buttons:
                continue
            on = NameObject(f"/{buttons[name]}")
            states = widget["/AP"]["/N"]
            widget[NameObject("/AS")] = on if on in states else NameObject("/Off")
            if on in states:
                field[NameObject("/V")] = on
                found_buttons.add(name)
    missing = sorted((set(texts) - found_texts) | (set(buttons) - found_buttons))
    if missing:
        raise RenderError("pdf", form.id, "felterne findes ikke i PDF'en: " + ", ".join(missing))
    out = io.BytesIO()
    writer.write(out)
    return compact(out.getvalue())


def compact(data: bytes) -> bytes:
    """The PDF with its objects in compressed object streams, as WeasyPrint writes them: pypdf writes
    each of the thousands of structure elements and fields as a plain object (a filled network map:
    660 kB against 185 kB).  The same bytes for the same input (the file identifier from the content)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
                 recompress_flate=False, deterministic_id=True)
    return out.getvalue()


def drawing_html(model: Model, form: Form, fill: FormFill, cache: Path | None = None) -> str:
    """The page with the drawing of a filled network map ("Netværket som tegning"), or "" for a form
    without one, a case with nobody to draw, or a machine without Node (said in a warning)."""
    from .render import ecomap

    desc = ecomap.description(form)
    if desc is None:
        return ""
    why = ecomap.unavailable()
    if why:
        logging.getLogger("toolbox").warning("Tegningen af netværket er udeladt: %s", why)
        return ""
    (drawing,) = ecomap.draw(model, [(desc, fill.values, ecomap.drawing_id(form.id))], cache)
    return ecomap.figure_html(drawing.svg) if drawing.count else ""


def render_filled(model: Model, form: Form, fill: FormFill, blank: bytes | None = None) -> bytes:
    """A filled PDF of ``form``; ``blank`` is the form's PDF when the case fits in it (no rows added)
    and it has no drawing.  A network map gets its drawing on a page of its own at the end."""
    from .render.pdf import render_pdf

    shown = form_for_case(form, fill)
    extra = drawing_html(model, form, fill)
    if blank is None or shown is not form or extra:
        blank = render_pdf(model, shown, extra)
    return fill_pdf(blank, shown, fill)
