"""The course's slides: a page of the site and a PowerPoint deck, both with the trainer's notes.

``kursus/slides.md`` and ``kursus/filer/kursus-slides.pptx`` from the slides in the model
(``forms/kursus/slides.md``): one slide per ``##`` heading, as a page of sections in the site and as a
PowerPoint deck made by pandoc with ``templates/pandoc/reference.pptx``.  Each slide's ``::: notes``
block becomes the PPTX slide's speaker notes (pandoc) and, on the page, a folded ``<details>`` under
the slide; ``slides.js`` adds a presenter view (one slide at a time, its notes beside it, keyboard
only).  The deck is cached by what it is made of (:func:`pptx_key`), so a build does not run
pandoc for it again.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from ..cache import cached, file_digest
from ..errors import RenderError
from ..model import Model, Slide, Slides
from . import NavEntry, office

HANDLES = None  # renders no form fields
REFERENCE_PPTX = Path(__file__).resolve().parent.parent / "templates" / "pandoc" / "reference.pptx"
PPTX_PATH = "kursus/filer/kursus-slides.pptx"
SLIDES_PAGE = "kursus/slides.md"
SLIDES_TITLE = "Dias"  # nav title of the generated page
SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01, when the environment sets none


def slides_pptx(source: str) -> bytes:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    cmd = [office.pandoc_path(), "--sandbox", "--from=markdown", "--to=pptx", "--slide-level=2",
           "--metadata=lang=da-DK",
           f"--reference-doc={REFERENCE_PPTX}", "--output=-"]
    try:
        proc = subprocess.run(cmd, input=source.encode(), capture_output=True, env=env,
                              timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise RenderError("pptx", "slides", f"pandoc kunne ikke køre: {e}") from e
    if proc.returncode != 0:
        raise RenderError("pptx", "slides", f"pandoc fejlede ({proc.returncode}): {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def pptx_key(source: str) -> str:
    """Everything the deck is made of: the slides, pandoc's version, the reference deck, this code, the date."""
    from importlib.metadata import version

    h = hashlib.sha256(source.encode())
    h.update(f"\0{';'.join(version(t) for t in office.TOOLS)}\0{os.environ.get('SOURCE_DATE_EPOCH', '')}\0".encode())
    for path in (REFERENCE_PPTX, Path(__file__)):
        h.update(file_digest(path))
    return h.hexdigest()


NOTES_SUMMARY = "Noter til underviseren"
PRESENTER_BUTTON = "Visning for underviseren"


def _text(markdown: str) -> str:
    """A slide's Markdown with any raw HTML shown as text (its links were checked by the inputs layer)."""
    return markdown.replace("<", "&lt;")


def slide_section(n: int, slide: Slide) -> str:
    """One slide as a ``<section>`` (md_in_html renders the Markdown inside) with its notes folded in."""
    return "\n".join([
        f'<section class="tb-slide" id="slide-{n}" markdown="1">', "", _text(slide.body), "",
        '<details class="tb-notes" markdown="1">', f"<summary>{NOTES_SUMMARY}</summary>", "",
        _text(slide.notes), "", "</details>", "", "</section>"])


def slides_page(slides: Slides, pptx: bool) -> str:
    download = ("[Hent diasene som PowerPoint (PPTX)](filer/kursus-slides.pptx), med noterne som "
                "noter til foredragsholderen." if pptx
                else "Der er ingen PowerPoint-fil i denne udgave af værktøjskassen.")
    sections = [slide_section(n, s) for n, s in enumerate(slides.slides, start=1)]
    return "\n".join([
        "# Dias til kursusdagen", "",
        "*Til dig, der underviser. Her er kursets dias med dine noter: hvad du kan sige, hvad du kan spørge om, "
        "og hvor lang tid det tager. Vis diasene fra siden her, eller hent dem som PowerPoint og ret dem til "
        "jeres egen dag.*", "",
        download, "",
        "Noterne står under hvert dias. Fold dem ud med »" + NOTES_SUMMARY + "«. Knappen »" + PRESENTER_BUTTON
        + "« viser ét dias ad gangen med noterne ved siden af. Gå mellem diasene med piletasterne, og forlad "
        "visningen med Esc.", "",
        '<div class="tb-slides" markdown="1">', "",
        '<p class="tb-presenter-bar" hidden><button type="button" class="md-button tb-presenter-toggle" '
        f'aria-pressed="false">{PRESENTER_BUTTON}</button> '
        '<span class="tb-presenter-status" role="status" aria-live="polite"></span></p>', "",
        "\n\n".join(sections), "", "</div>", ""])


def nav(model: Model) -> list[NavEntry]:
    """The slides page joins the nav section of the course index."""
    return [NavEntry("kursus/index.md", "append", {SLIDES_TITLE: SLIDES_PAGE})] if model.slides else []


def render(model: Model, ctx) -> dict[str, bytes]:
    if model.slides is None:
        return {}
    files: dict[str, bytes] = {}
    has_pptx = office.unavailable() is None  # pandoc is there
    if has_pptx:
        files[PPTX_PATH] = cached(ctx.cache, f"{pptx_key(model.slides.source)}.pptx", lambda: slides_pptx(model.slides.source))
    files[SLIDES_PAGE] = slides_page(model.slides, has_pptx).encode()
    return files
