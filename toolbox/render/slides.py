"""The course's slides: a page of the site and a PowerPoint deck.

``kursus/slides.md`` and ``kursus/filer/kursus-slides.pptx`` from the slides in the model
(``forms/kursus/slides.md``): one slide per ``##`` heading, as a page of sections in the site and as a
PowerPoint deck made by pandoc with ``templates/pandoc/reference.pptx``.
"""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from ..errors import RenderError
from ..model import Model
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


def slides_page(source: str, pptx: bool) -> str:
    """Every slide a ``<section>``; md_in_html renders the Markdown inside."""
    body = source.replace("<", "&lt;")
    parts = re.split(r"^(?=## )", body, flags=re.MULTILINE)
    sections = []
    for n, part in enumerate(p for p in parts if p.startswith("## ")):
        sections.append(f'<section class="tb-slide" id="slide-{n + 1}" markdown="1">\n\n{part.strip()}\n\n</section>')
    download = ("[Hent diasene som PowerPoint (PPTX)](filer/kursus-slides.pptx)" if pptx
                else "Der er ingen PowerPoint-fil i denne udgave af værktøjskassen.")
    return "\n".join([
        "# Dias til kursusdagen", "",
        "*Til dig, der underviser. Her er kursets dias. Vis dem fra siden her, eller hent dem som "
        "PowerPoint og ret dem til jeres egen dag.*", "",
        download + " · Gå mellem diasene med piletasterne, når et dias er valgt.", "",
        '<div class="tb-slides" markdown="1">', "", "\n\n".join(sections), "", "</div>", ""])


def nav(model: Model) -> list[NavEntry]:
    """The slides page joins the nav section of the course index."""
    return [NavEntry("kursus/index.md", "append", {SLIDES_TITLE: SLIDES_PAGE})] if model.slides else []


def render(model: Model, ctx) -> dict[str, bytes]:
    if model.slides is None:
        return {}
    files: dict[str, bytes] = {}
    has_pptx = office.unavailable() is None  # pandoc is there
    if has_pptx:
        files[PPTX_PATH] = slides_pptx(model.slides.source)
    files[SLIDES_PAGE] = slides_page(model.slides.source, has_pptx).encode()
    return files
