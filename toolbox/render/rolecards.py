"""Role cards for the course cases: ``kursus/filer/NAME-rollekort.pdf``, one card per role of a case.

Each actor of a case (``forms/cases/NAME.yml``) becomes a card of A6 size, four to an A4 page with
cut lines between them: the role, who it is (the citizen, the koordinerende kontaktperson, a partner
or a relative), the name in the case, ``about``, and what the role knows, wants and worries about,
written to the one who plays it.  The citizen's card also carries the case's wishes.  A first card
tells the participants how to use the cards.

Like the other PDFs the document is made by WeasyPrint as tagged PDF/UA-1 (``pdf.pdf_head``,
``pdf.url_fetcher``, ``pdf.font_config``): ``lang="da"``, a title, a heading per card.  Every text is
escaped.  The cards name no municipality, so profiles share them; each PDF is cached by its case,
this module, its stylesheets, the fonts and WeasyPrint's version, and the cases not in the cache
are rendered side by side in processes (``toolbox.parallel``).  A card whose texts do not fit on
A6 grows taller instead of cutting text off, and the build log names it.
"""
from __future__ import annotations

import hashlib
import logging
from html import escape
from pathlib import Path
from typing import Any

from ..cache import file_digest, lookup, store
from ..model import Actor, LoadedCase, Model
from ..parallel import side_by_side
from . import pdf

log = logging.getLogger("toolbox")
HANDLES = None  # renders no form fields
FILES = "kursus/filer"
CARDS_CSS = pdf.TEMPLATES / "rollekort.css"
PARTY = {"borger": "Borgeren", "kontaktperson": "Koordinerende kontaktperson",
         "samarbejdspartner": "Samarbejdspartner", "paaroerende": "Pårørende"}
HEADINGS = (("knows", "Det ved du"), ("wants", "Det vil du"), ("worries", "Det bekymrer dig"))
WISHES = "Det siger du selv"
TITLE = "Rollekort"
HOW_TO = ("Klip kortene ud langs de stiplede linjer.",
          "Giv hver deltager ét kort. Mødelederen får kortet til den koordinerende kontaktperson.",
          "Læs dit kort i fem minutter før øvemødet. Vis det ikke til de andre.",
          "Spil rollen, som du tror, personen ville. Du må gerne finde på, når nogen spørger om noget, "
          "der ikke står på kortet.",
          "Bagefter fortæller borgeren først, hvordan mødet var.")
CARD_HEIGHT = 148.4  # millimetres: an A6 card (rollekort.css), four to an A4 page
FICTION = "Sagen er opdigtet. Alle navne, steder og numre er opfundet til kurset."


def cards_path(case_id: str) -> str:
    return f"{FILES}/{case_id}-rollekort.pdf"


def inputs() -> list[Path]:
    """The files a role card PDF depends on besides this module and the case (the cache key)."""
    return [pdf.PDF_CSS, CARDS_CSS, *pdf.FONT_FILES, *pdf.CODE]


def _items(items: list[str], quoted: bool = False) -> str:
    shown = [f"»{item}«" if quoted else item for item in items]
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in shown) + "</ul>"


def card_html(loaded: LoadedCase, actor: Actor) -> str:
    """One role's card: a ``<section>`` with a heading and the role's texts."""
    case = loaded.case
    parts = [f'<section class="tb-card tb-card-{actor.party}">',
             f'<p class="tb-card-case">Øvelsessag: {escape(case.title)}</p>',
             f'<p class="tb-card-party">{escape(PARTY[actor.party])}</p>',
             f"<h2>{escape(actor.role)}</h2>"]
    if actor.name:
        parts.append(f'<p class="tb-card-name">Navn i øvelsen: {escape(actor.name)}</p>')
    parts.append(f'<p class="tb-card-about">{escape(actor.about)}</p>')
    for key, heading in HEADINGS:
        items = getattr(actor, key)
        if items:
            parts.append(f"<h3>{escape(heading)}</h3>{_items(items)}")
    if actor.party == "borger":
        parts.append(f"<h3>{escape(WISHES)}</h3>{_items(case.wishes, quoted=True)}")
    parts.append("</section>")
    return "".join(parts)


def how_to_html(loaded: LoadedCase) -> str:
    """The first card: the document's title and how to use the cards."""
    case = loaded.case
    steps = "".join(f"<li>{escape(s)}</li>" for s in HOW_TO)
    return (f'<section class="tb-card tb-card-intro"><h1>{escape(TITLE)}: {escape(case.title)}</h1>'
            f"<p>{escape(case.summary)}</p><ol>{steps}</ol>"
            f'<p class="tb-card-fiction">{escape(FICTION)}</p></section>')


def document_html(loaded: LoadedCase, date: str, natural: bool = False) -> str:
    """The HTML WeasyPrint prints; ``natural``: every card only as tall as its texts (to measure them)."""
    case = loaded.case
    title = f"{TITLE}: {case.title}"
    description = f"Rollekort til øvemødet i øvelsessagen {case.title}: ét kort til hver rolle."
    head = pdf.pdf_head("da", title, "Værktøjskassen til Den Koordinerende Kontaktperson", description, date,
                        [pdf.PDF_CSS, CARDS_CSS], ":root { --tb-primary: #1f1f1f; }",
                        extra_css="@page { @bottom-right { content: none; } }"
                        + (" .tb-card { min-height: 0; }" if natural else ""))
    # no white space between the cards: they are inline blocks side by side
    cards = how_to_html(loaded) + "".join(card_html(loaded, a) for a in case.actors)
    return f'{head}\n<body class="tb-cards">{cards}</body>\n</html>\n'


def _layout(html: str) -> Any:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=pdf.PACKAGE.as_uri() + "/", url_fetcher=pdf.url_fetcher(pdf.PACKAGE)).render(
        font_config=pdf.font_config(), pdf_variant="pdf/ua-1", pdf_identifier=True)


def _heights(document: Any) -> list[float]:
    """Each card's height as laid out, in millimetres, in order (the card on how to use them first)."""
    return [box.margin_height() * 25.4 / 96 for page in document.pages for box in page._page_box.descendants()
            if type(box).__name__ == "InlineBlockBox" and "tb-card" in (box.element.get("class") or "").split()]


def card_heights(loaded: LoadedCase) -> list[float]:
    """How tall each card's texts are, in millimetres (the first card is the one on how to use them);
    a card is ``CARD_HEIGHT`` tall, so a larger figure is a card that grows."""
    return _heights(_layout(document_html(loaded, pdf.pdf_date(), natural=True)))


def render_pdf(loaded: LoadedCase, date: str) -> bytes:
    """The case's role cards as PDF bytes; a card too long for A6 grows (and is named in the log)."""
    document = _layout(document_html(loaded, date))
    roles = ["", *(a.role for a in loaded.case.actors)]
    for role, height in zip(roles, _heights(document)):
        if height > CARD_HEIGHT + 0.5:
            log.warning("%s: rollekortet for '%s' er %.0f mm højt og fylder mere end et A6-kort (%.0f mm); "
                        "forkort teksterne i knows, wants og worries", loaded.file, role, height, CARD_HEIGHT)
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=True)


def cache_key(loaded: LoadedCase, date: str) -> str:
    h = hashlib.sha256(f"rolecards;{pdf.tool_versions()};{date};".encode())
    for path in [Path(__file__), *inputs()]:
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(loaded.id.encode() + b"\0" + loaded.case.model_dump_json(warnings=False).encode())
    return h.hexdigest()


def unavailable() -> str | None:
    return pdf.unavailable()


def render(model: Model, ctx) -> dict[str, bytes]:
    """Every case's role cards: from the cache where they are, the others side by side (whether
    WeasyPrint can run here is asked only then: the answer costs its import)."""
    if pdf.tools_missing():
        return {}
    date = pdf.pdf_date()
    names = {c.id: f"{cache_key(c, date)}.pdf" for c in model.cases}
    out: dict[str, bytes] = {}
    todo = []
    for c in model.cases:
        hit = lookup(ctx.cache, names[c.id])
        if hit is not None:
            out[cards_path(c.id)] = hit
        else:
            todo.append(c)
    if todo and unavailable():
        return {}
    for c, data in zip(todo, side_by_side(render_pdf, [(c, date) for c in todo], ctx.jobs)):
        store(ctx.cache, names[c.id], data)
        out[cards_path(c.id)] = data
    return {cards_path(c.id): out[cards_path(c.id)] for c in model.cases}
