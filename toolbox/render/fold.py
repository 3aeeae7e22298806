"""A brochure's PDF as a real folded leaflet: one A4 sheet, printed on both sides, letter-folded.

The fold is the **letter fold** (also called roll fold or C-fold): the sheet is folded in three
and the right-hand panel of the inside is folded in first, so it lies inside; the cover panel
folds over it.  Printed landscape on both sides, turned on the short edge.  The panel order, as
printers' imposition guides give it for a letter fold, left to right:

==========  =====================  =====================  =====================
page        left                   middle                 right
==========  =====================  =====================  =====================
1 outside   flap (97 mm), seen     back (100 mm)          cover (100 mm), the
            first on opening                              front of the folded leaflet
2 inside    inside 1 (100 mm)      inside 2 (100 mm)      inside 3 (97 mm), the
                                                          back of the flap
==========  =====================  =====================  =====================

The panel that folds in is 3 mm narrower so that it does not buckle in the fold; on the inside
it is the right-hand one, on the outside the left-hand one.  A section says where it goes with
``layout.panel`` (``cover``, ``flap``, ``back``; unmarked sections flow through the three inside
panels, ``page_break_before`` starting a new one).  The HTML holds the panels in reading order
(cover, flap, back, inside); ``pdf.css`` places them.  A tagged PDF's reading order is its
structure tree, which WeasyPrint builds page by page, so the back panel (an ``<article>``, the only
one) would be read before the inside: ``reading_order`` moves it to the end, so that a screen
reader reads cover, flap, the three inside panels, back, as the folded leaflet is read.

A text that does not fit stops the build (``check``): the brochure must be two pages, and no
outside panel may run over.  Pictograms (``layout.icon``, ``toolbox.icons``) and fold marks (the
profile's ``fold_marks``) are CSS backgrounds, which a tagged PDF draws as artifacts.
"""
from __future__ import annotations

import base64
from html import escape
from typing import Any

from .. import colors, icons
from ..errors import RenderError
from ..model import Form, Model

OUTSIDE = (("flap", 97), ("back", 100), ("cover", 100))  # page 1, left to right, in mm
INSIDE = (100, 100, 97)  # page 2, left to right, in mm
DEFAULT_COLOR = "#1f4e79"  # a brochure without the profile's colours (and the neutral one)
MARK = "#8a8a8a"  # fold marks: 0.25 mm lines, 5 mm long, at the top and bottom edges
WHITE = "#ffffff"


def used_icons(forms: list[Form]) -> list[str]:
    return sorted({s.layout.icon for f in forms if f.kind == "brochure" for s in f.sections if s.layout.icon})


def palette(model: Model) -> tuple[str, str, str]:
    """The brochure's primary colour, its accent and a light tint of the primary for the flap."""
    c = model.profile.colors if model.profile is not None else None
    primary = c.primary if c else DEFAULT_COLOR
    return primary, (c.accent if c and c.accent else primary), colors.readable_tint(primary)


def _folds(widths: tuple[int, ...]) -> list[int]:
    return [sum(widths[:i]) for i in range(1, len(widths))]


def _marks(width: float, xs: list[float]) -> str:
    """An image ``width`` mm wide and the sheet's height with a fold mark at each of ``xs`` (mm): a line
    of 5 mm at the top and at the bottom edge."""
    lines = "".join(f'<path d="M{x:g} 0V5M{x:g} 205V210"/>' for x in xs)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}mm" height="210mm" viewBox="0 0 {width:g} 210">'
           f'<g stroke="{MARK}" stroke-width="0.25">{lines}</g></svg>')
    return f'url("data:image/svg+xml;base64,{base64.b64encode(svg.encode()).decode()}")'


def css(model: Model, form: Form) -> str:
    """The brochure's own rules: colours, its pictograms and, when the profile asks, fold marks."""
    primary, accent, tint = palette(model)
    out = [f":root {{ --tb-primary: {primary}; --tb-accent: {accent}; --tb-tint: {tint}; }}"]
    cover = next((s.layout.icon for s in form.sections if s.layout.panel == "cover" and s.layout.icon), None)
    if cover:
        out.append(f'.tb-cover-top {{ background-image: url("{icons.data_url(cover, WHITE)}"); }}')
    for s in form.sections:  # pdf.css places them: above the heading inside, beside it outside
        if s.layout.icon and s.layout.panel != "cover":
            image = f'url("{icons.data_url(s.layout.icon, primary)}")'
            if s.layout.panel in (None, "inside"):  # on a disc of the tint
                image += f", radial-gradient(circle, {tint} 69%, transparent 70%)"
            out.append(f"#{form.id}--{s.id}{'-title' if s.title else ''} {{ background-image: {image}; }}")
    if model.profile is not None and model.profile.fold_marks:
        # inside: on the page; outside: on the coloured panels, which cover the page, by their folds
        out.append(f"@page fold-inside {{ background: {_marks(sum(INSIDE), _folds(INSIDE))} no-repeat 0 0; }}")
        (_, flap), _, (_, cover) = OUTSIDE
        out.append(f".tb-panel-flap {{ background-image: {_marks(flap, [flap - 0.125])}; }}")
        out.append(f".tb-panel-cover {{ background-image: {_marks(cover, [0.125])}; }}")
    return "\n".join(out)


def cover_html(model: Model, form: Form, logo: str, organisation: str) -> str:
    """The top of the cover panel: logo, the municipality (or its blank), room for the pictogram, the title."""
    return (f'<header class="tb-cover"><div class="tb-cover-top">{logo}{organisation}</div>'
            f"<h1>{escape(form.title)}</h1></header>")


def check(document: Any, form: Form) -> None:
    """Two pages, and no outside panel running over its edge; else a ``RenderError`` saying what to do."""
    pages = len(document.pages)
    if pages != 2:
        raise RenderError("pdf", form.id, f"pjecen fylder {pages} sider, men et foldet A4-ark har 2: forkort teksterne "
                                          "eller flyt et afsnit til et andet panel (layout.panel)")
    for box in document.pages[0]._page_box.descendants(placeholders=True):
        element = getattr(box, "element", None)
        classes = (element.get("class") or "").split() if element is not None and box.element_tag in ("div", "article") else []
        if "tb-panel" not in classes or not getattr(box, "children", None):
            continue
        bottom = box.content_box_y() + box.height
        if max(c.position_y + c.margin_height() for c in box.children) > bottom + 0.5:
            panel = next(c.removeprefix("tb-panel-") for c in classes if c.startswith("tb-panel-"))
            raise RenderError("pdf", form.id, f"teksten på panelet '{panel}' er for lang til panelet: forkort den "
                                              "eller flyt et afsnit til indersiden")


def _object(pdf: Any, ref: Any) -> Any:
    return pdf.objects[int(bytes(ref).split()[0])]


def reading_order(pdf: Any, form_id: str) -> None:
    """Move the back panel (the structure tree's one ``Art``) after the inside: cover, flap, inside, back."""
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    document = _object(pdf, root["K"][0])

    def find(element: Any) -> tuple[Any, Any] | None:
        for ref in element.get("K", []):
            if isinstance(ref, int):
                continue
            child = _object(pdf, ref)
            if not hasattr(child, "get") or "S" not in child:
                continue
            if child["S"] == "/Art":
                return element, ref
            found = find(child)
            if found:
                return found
        return None

    found = find(document)
    if found is None:
        raise RenderError("pdf", form_id, "pjecens bagside blev ikke fundet i PDF'ens struktur (en ny WeasyPrint?)")
    parent, ref = found
    parent["K"].remove(ref)
    document["K"].append(ref)
    _object(pdf, ref)["P"] = document.reference


def finish(document: Any, form: Form, finisher: Any) -> Any:
    """Check the laid-out brochure, and the finisher for its PDF: ``finisher``, then the reading order."""
    check(document, form)

    def both(doc: Any, pdf: Any) -> None:
        finisher(doc, pdf)
        reading_order(pdf, form.id)
    return both
