"""The course-day pack: ``kursus/filer/kursusdag-pakke.zip``, everything a trainer prints for a course day.

Made after MkDocs has built the site (an after-site output of the registry), because it holds the
built pages as PDFs: the two programmes, the assessment exercise, and per case its page for the
participants and its page for the trainer, each printed by WeasyPrint from the page's ``article``
like the Koordinatormappe (``toolbox.render.mappe``), tagged PDF/UA-1; as MkDocs writes such a page,
a new one is printed in the build's pool (:class:`Early`) as soon as the engine is done.  Beside them it packs what
the build made: the slides as PowerPoint, each case's role cards and filled forms, the blank forms
the cases fill and the modules on consent and ending use, and the evaluation form.  What this site
does not have (no pandoc, a profile without a form) is left out, and ``LAES-MIG.txt`` lists
exactly what is in the pack.

The ZIP is deterministic (sorted entries, fixed dates and modes) and cached by a hash of
everything in it and of the code and styles that printed the pages.
"""
from __future__ import annotations

import hashlib
import io
import logging
import os
import time
import zipfile
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..cache import cached, file_digest
from ..model import Model
from . import document_path, mappe, pdf
from .builtpages import Page, html_file, page_url, read_page
from .mapparts import Parts
from .rolecards import cards_path
from .sheets import sheet_path
from .slides import PPTX_PATH

log = logging.getLogger("toolbox")
HANDLES = None  # renders no form fields (it packs documents and prints pages)
PACK_PATH = "kursus/filer/kursusdag-pakke.zip"
PATHS = (PACK_PATH,)
FOLDER = "kursusdag-pakke"
EVALUATION = "kursusevaluering"
# The forms the full day's modules on consent and on ending use, as far as the schema has them.
MODULE_FORMS = ("samtykkeerklaering", "samtykke-sundhed", "pjece-borger", "afslutning")
PROGRAMMES = (("kursus/halv-dag.md", "1-program/halv-temadag.pdf", "programmet for en halv temadag i enheden"),
              ("kursus/hel-dag.md", "1-program/hel-kursusdag.pdf",
               "programmet for en hel kursusdag med modulerne om samtykke og afslutning"),
              ("kursus/vurderingsoevelse.md", "1-program/vurderingsoevelse.pdf",
               "vurderingsøvelsen: korte sager til samtalen om vurderingskriterierne"))
README = """Kursuspakke til en kursusdag om Den Koordinerende Kontaktperson
{kommune}

Her er alt, du skal bruge til en halv eller en hel kursusdag. Udskriv det, du
skal bruge, før dagen. Alle sager er opdigtede.

{liste}

Rollekortene er i A6, fire på hvert A4-ark: Udskriv dem, og klip dem ud langs
de stiplede linjer. Siderne til underviseren er til dig. Vis dem først for
deltagerne, når de selv har prøvet øvelserne.

Evalueringen er uden navn. Deltagerne udfylder den til sidst på dagen.

Samtykkeerklæringen skal godkendes af kommunens juridiske afdeling, før den bruges.

Læs mere: {web}
"""


@dataclass
class Entry:
    name: str  # path inside the pack's folder
    what: str  # one line for LAES-MIG.txt
    data: bytes


def unavailable() -> str | None:
    return pdf.unavailable()


def _zip_date() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, the earliest ZIP date
    return time.gmtime(max(epoch, 315532800))[:6]


def page_document(model: Model, built: str, rel: str, directory_urls: bool, date: str) -> tuple[str, str]:
    """A built page (``rel``, its HTML ``built``) as an HTML document WeasyPrint prints (its title, the document)."""
    # one page per document: its ids and its links within it get the same prefix, links to other pages become text
    page = Page(rel, "Kursus", url=page_url(rel, directory_urls), slug="side")
    read_page(page, built, {})
    title, html = page.title, page.html
    p = model.profile
    primary = p.colors.primary if p.colors else "#1f1f1f"
    accent = (p.colors.accent or p.colors.primary) if p.colors else primary
    head = pdf.pdf_head("da", title, p.name, f"Kursus: {title}", date, [],  # the stylesheets: see print_pages
                        f":root {{ --tb-primary: {primary}; --tb-accent: {accent}; }}",
                        extra_css=".tb-pack-page { break-before: auto; } .tb-pack-page > .tb-pdf-org { margin: 0 0 3mm; }")
    return title, (f'{head}\n<body class="tb-mappe md-typeset">\n<section class="tb-mappe-page tb-pack-page" data-part="Kursus">\n'
                   f'<p class="tb-pdf-org">Kursus · {escape(p.name)}</p>\n{html}\n</section>\n</body>\n</html>\n')


def _page_key(common: str, name: str, html: str) -> str:
    return hashlib.sha256(f"{common}\0{name}\0{html}".encode()).hexdigest()


def _parts(model: Model, cache: Path | None, jobs: int | None, progress: Any = None, pool: Any = None,
           started: dict[str, Any] | None = None) -> Parts:
    return Parts(cache / "pages" if cache else None, model, mappe.stylesheet_files(model), jobs, progress,
                 what="kursuspakke", identifier=True, pool=pool, started=started)


def print_pages(model: Model, documents: list[tuple[str, str, str]], cache: Path | None, jobs: int | None,
                progress: Any = None, pool: Any = None, early: Early | None = None) -> dict[str, bytes]:
    """Each (name, what, document) printed: side by side, as the Koordinatormappe's parts are (its
    stylesheets parsed once per process), and cached one by one, so that a pack whose filled forms
    changed prints no page again; a page ``early`` started already is taken from it."""
    common = mappe.common_key(model, pdf.pdf_date())
    parts = _parts(model, cache, jobs, progress, pool, early.started if early is not None else None)
    keys = {name: _page_key(common, name, html) for name, _, html in documents}
    got = parts.get_many([(keys[name], html, True, name) for name, _, html in documents])
    return {name: got[keys[name]][0] for name, _, _ in documents}


class Early:
    """The pack's pages printed while the site is built, as the Koordinatormappe's are (``mappe.Early``):
    MkDocs hands each page over as it writes it, and a new one the pack holds is sent to the build's
    pool when the engine is done (:meth:`done`), after the folder's parts, which the build waits for first."""

    def __init__(self, model: Model, config: dict[str, Any], cache: Path | None, pool: Any):
        self.model, self.date = model, pdf.pdf_date()
        self.common = mappe.common_key(model, self.date)
        self.directory_urls = config.get("use_directory_urls", True)
        self.names = {rel: name for rel, name, _ in _pages(model)}
        self.parts = _parts(model, cache, None, pool=pool)
        self.started = self.parts.started
        self.waiting: dict[str, str] = {}  # key -> document, of the pages not sent yet

    def page(self, path: str, built: str) -> None:
        """The built HTML of the docs page ``path``: kept to be printed when the pack holds it."""
        name = self.names.get(path)
        if name is None:
            return
        html = page_document(self.model, built, path, self.directory_urls, self.date)[1]
        self.waiting[_page_key(self.common, name, html)] = html

    def done(self) -> None:
        """The engine has written every page: the new ones sent to the pool (``Parts.start``)."""
        for key, html in self.waiting.items():
            self.parts.start(key, lambda: html)  # (called at once)
        self.waiting.clear()


def _pages(model: Model) -> list[tuple[str, str, str]]:
    """(page, name in the pack, what it is) for every built page the pack prints."""
    out = list(PROGRAMMES)
    for loaded in model.cases:
        folder = f"3-oevelsessager/{loaded.id}"
        out.append((f"kursus/cases/{loaded.id}.md", f"{folder}/{loaded.id}-sagen.pdf",
                    f"{loaded.case.title}: sagen til deltagerne, med roller og øvelser"))
        out.append((f"kursus/underviser/{loaded.id}.md", f"{folder}/{loaded.id}-til-underviseren.pdf",
                    f"{loaded.case.title}: facit og fælder til underviseren"))
    return out


def _files(model: Model, site: Path) -> list[Entry]:
    """What the build made that the pack holds, as far as this site has it."""
    def have(rel: str) -> bytes | None:
        path = site / rel
        return path.read_bytes() if path.is_file() and path.stat().st_size else None

    forms = {f.id: f for f in model.forms}
    out: list[Entry] = []
    if (data := have(PPTX_PATH)) is not None:
        out.append(Entry("2-dias/kursus-dias.pptx", "kursets dias som PowerPoint, med noter til underviseren", data))
    for loaded in model.cases:
        folder = f"3-oevelsessager/{loaded.id}"
        if (data := have(cards_path(loaded.id))) is not None:
            out.append(Entry(f"{folder}/{loaded.id}-rollekort.pdf", f"{loaded.case.title}: rollekort, ét til hver rolle", data))
        for form_id in loaded.case.forms:
            if form_id in forms and (data := have(sheet_path(loaded.id, form_id))) is not None:
                out.append(Entry(f"{folder}/{loaded.id}-{form_id}-udfyldt.pdf",
                                 f"{loaded.case.title}: {forms[form_id].title.lower()}, udfyldt som facit", data))
    blank = sorted({fid for c in model.cases for fid in c.case.forms} | set(MODULE_FORMS))
    for form_id in blank:
        if form_id in forms and (data := have(document_path(model.profile_id, form_id, ".pdf"))) is not None:
            what = "til at give borgeren" if forms[form_id].kind == "brochure" else "tom til udskrift"
            out.append(Entry(f"4-tomme-blanketter/{form_id}.pdf", f"{forms[form_id].title}, {what}", data))
    if EVALUATION in forms and (data := have(document_path(model.profile_id, EVALUATION, ".pdf"))) is not None:
        out.append(Entry(f"5-evaluering/{EVALUATION}.pdf", "kursusevalueringen til deltagerne, uden navn", data))
    return out


def readme(model: Model, entries: list[Entry]) -> str:
    listing = "\n".join(f"- {e.name}: {e.what}" for e in sorted(entries, key=lambda e: e.name))
    return README.format(kommune=model.profile.name, liste="Indhold:\n" + listing, web=model.profile.web)


def pack(model: Model, entries: list[Entry]) -> bytes:
    """The ZIP: LAES-MIG.txt and every entry under one folder, sorted, with fixed dates and modes."""
    stamp = _zip_date()
    items = [("LAES-MIG.txt", readme(model, entries).encode("utf-8"))] + sorted((e.name, e.data) for e in entries)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=9)
    return buf.getvalue()


def render(model: Model, ctx) -> dict[str, bytes]:
    """The pack, from the built site (``ctx.site``); from the cache when nothing in it has changed."""
    date = pdf.pdf_date()
    directory_urls = (ctx.config or {}).get("use_directory_urls", True)
    documents = [(name, what, page_document(model, built.read_text(encoding="utf-8"), rel, directory_urls, date)[1])
                 for rel, name, what in _pages(model)
                 if (built := html_file(ctx.site, page_url(rel, directory_urls))).exists()]
    files = _files(model, ctx.site)
    h = hashlib.sha256(f"coursepack;{pdf.tool_versions()};{date};{os.environ.get('SOURCE_DATE_EPOCH', '')};".encode())
    for path in [Path(__file__), *mappe.inputs(model)]:
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(model.profile.model_dump_json(warnings=False).encode())
    for name, what, html in documents:
        h.update(f"{name}\0{what}\0".encode() + html.encode())
    for e in files:
        h.update(f"{e.name}\0{e.what}\0".encode() + hashlib.sha256(e.data).digest())

    def make() -> bytes:
        pages = print_pages(model, documents, ctx.cache, ctx.jobs, ctx.progress, ctx.pool, ctx.early)
        return pack(model, [Entry(name, what, pages[name]) for name, what, _ in documents] + files)

    data = cached(ctx.cache, f"{h.hexdigest()}.zip", make)
    log.info("Kursuspakke: %d kB", len(data) // 1024)
    return {PACK_PATH: data}
