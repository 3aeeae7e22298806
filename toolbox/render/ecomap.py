"""The network map drawn as a map ("Netværket som tegning"): the build's side of the drawing.

The drawing itself, its layout and its SVG, is ``docs/assets/javascripts/ecomap.js``: the script the
form page draws with while the user types, run here with Node, so that the page, "Gem som PDF", the
course's case pages and the filled PDFs draw one picture from one layout.  This module says what the
script draws from and puts its SVG where the documents want it:

- :func:`description`: which tables of a form are the drawing's sectors (those with the columns
  ``har-kontakt`` and ``forbindelse``), their rows, the connection's choices and the drawing's words
  (``toolbox/messages.py``).  The form page gets the same description in its ``data-ecomap``.
- :func:`draw`: runs the script once for any number of drawings (values as the saved file has them).
- :func:`figure_html`: a drawing as a page of a PDF, with the caption "Netværket som tegning"
  (WeasyPrint tags the SVG as a ``Figure`` whose ``/Alt`` is the SVG's title, the text alternative).
- as an output (``render``): the drawing of every course case that fills such a form, as
  ``kursus/filer/NAME-FORM-tegning.svg``, which the filled sheets and the case pages use.

Every value reaches the SVG as text: the script escapes what it writes (``markup`` in ecomap.js).
"""
from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from .. import messages
from ..cache import cached, file_digest
from ..errors import RenderError
from ..model import Form, Model, RepeatRow

SCRIPT = "docs/assets/javascripts/ecomap.js"  # in the project
CONTACT, NAME, CONNECTION, MEETING = "har-kontakt", "navn", "forbindelse", "koordinerende-moede"
CITIZEN = ("borger", "navn")  # the section and field whose value is the name in the centre
FILES = "kursus/filer"
HANDLES = None  # renders no form fields: it draws from a case's values
log = logging.getLogger("toolbox")


@dataclass(frozen=True)
class Drawing:
    svg: str  # the SVG markup, one line
    alt: str  # its text alternative (also the SVG's title)
    count: int  # people drawn


def drawing_id(form_id: str) -> str:
    """The id the drawing's title gets (``ID-title``), the same in every document."""
    return f"tb-ecomap-{form_id}"


def svg_path(case_id: str, form_id: str) -> str:
    return f"{FILES}/{case_id}-{form_id}-tegning.svg"


def description(form: Form) -> dict[str, Any] | None:
    """What ecomap.js draws the form from, or None when the form has no table to draw."""
    sectors: list[dict[str, Any]] = []
    connections: list[dict[str, str]] | None = None
    for s in form.sections:
        for f in s.fields:
            columns = {c.id: c for c in f.columns or []} if f.kind == "table" else {}
            if CONTACT not in columns or CONNECTION not in columns:
                continue
            if connections is None:
                connections = [{"id": c.id, "label": c.label} for c in columns[CONNECTION].choices or []]
            rows = [{"id": r.id, "repeat": r.repeat.label} if isinstance(r, RepeatRow) else {"id": r.id, "label": r.label}
                    for r in f.rows or []]
            sectors.append({"name": f"{s.id}.{f.id}", "label": f.label, "rows": rows})
    if not sectors:
        return None
    citizen = next((f"{s.id}.{f.id}" for s in form.sections if s.id == CITIZEN[0]
                    for f in s.fields if f.id == CITIZEN[1] and f.kind == "text"), "")
    return {"citizen": citizen, "columns": {"contact": CONTACT, "name": NAME, "connection": CONNECTION, "meeting": MEETING},
            "connections": connections or [], "sectors": sectors, "texts": messages.ECOMAP_TEXTS}


def unavailable() -> str | None:
    """Why nothing can be drawn here (in Danish), or None."""
    return None if shutil.which("node") else "Node.js mangler (scripts/setup.sh installerer det)"


def _payload(jobs: list[tuple[dict[str, Any], dict[str, Any], str]]) -> bytes:
    return json.dumps({"drawings": [{"description": d, "values": v, "id": i} for d, v, i in jobs]},
                      ensure_ascii=False, sort_keys=True).encode()


def run_script(script: Path, payload: bytes) -> bytes:
    """ecomap.js run by Node on ``payload``; its output (JSON)."""
    node = shutil.which("node")
    if node is None:
        raise RenderError("ecomap", "-", unavailable() or "")
    try:
        result = subprocess.run([node, str(script)], input=payload, capture_output=True, timeout=300)
    except subprocess.TimeoutExpired:
        raise RenderError("ecomap", "-", "tegningen tog for lang tid") from None
    if result.returncode != 0:
        raise RenderError("ecomap", "-", "tegningen kunne ikke laves: " + result.stderr.decode(errors="replace")[-500:])
    return result.stdout


def draw(model: Model, jobs: list[tuple[dict[str, Any], dict[str, Any], str]], cache: Path | None = None) -> list[Drawing]:
    """Each (description, values, id) drawn, in order; one run of Node for all of them (cached by the
    script and the data when ``cache`` is given)."""
    if not jobs:
        return []
    script = model.site_asset(SCRIPT)
    payload = _payload(jobs)
    key = hashlib.sha256(file_digest(script) + b"\0" + payload).hexdigest()
    out = cached(cache, f"{key}.json", lambda: run_script(script, payload))
    return [Drawing(d["svg"], d["alt"], d["count"]) for d in json.loads(out)]


def figure_html(svg: str, caption: str = messages.ECOMAP_CAPTION) -> str:
    """The drawing as the last page of a PDF: a figure with its caption (``svg`` is the script's markup)."""
    return (f'<section class="tb-ecomap-page"><figure class="tb-ecomap-figure">'
            f'<figcaption>{escape(caption)}</figcaption>{svg}</figure></section>')


def case_section(case_id: str, form: Form, files: dict[str, bytes]) -> list[str]:
    """Markdown lines for a case's page: its drawing, when the build made one."""
    svg = files.get(svg_path(case_id, form.id))
    if svg is None:
        return []
    size = max(1, len(svg) // 1024)
    return ["", f"## {messages.ECOMAP_CAPTION}", "",
            "Sådan ser netværkskortet ud som tegning, når kontaktpersonen har udfyldt det for sagen. "
            "Brug tegningen, når I taler om, hvem der mangler, hvor forbindelsen er svag, og hvem der skal med "
            "til det koordinerende møde.", "",
            f'<figure class="tb-ecomap-figure">{svg.decode()}</figure>', "",
            f"[Tegningen som SVG-fil ({size} kB)](../filer/{svg_path(case_id, form.id).rsplit('/', 1)[1]})"]


def render(model: Model, ctx: Any) -> dict[str, bytes]:
    """The drawing of every course case whose forms have one (and someone to draw)."""
    forms = {f.id: f for f in model.forms}
    jobs: list[tuple[dict[str, Any], dict[str, Any], str]] = []
    where: list[str] = []
    for loaded in model.cases:
        for form_id, fill in loaded.case.forms.items():
            desc = description(forms[form_id]) if form_id in forms else None
            if desc is not None:
                jobs.append((desc, fill.values, drawing_id(form_id)))
                where.append(svg_path(loaded.id, form_id))
    if not jobs:
        return {}
    why = unavailable()
    if why:
        log.warning("Tegningerne af netværket er udeladt: %s", why)
        return {}
    return {path: d.svg.encode() for path, d in zip(where, draw(model, jobs, ctx.cache)) if d.count}
