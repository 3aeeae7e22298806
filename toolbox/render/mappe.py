"""The Koordinatormappe: the whole toolbox as one printable PDF (WeasyPrint).

Made after the engine has built the site, from the built pages' content (the ``article`` of each
page, in nav order, read by ``toolbox.render.builtpages``): role guides, handlevejledninger,
implementation, the tool catalogue, the blank forms and the glossary.  A cover and a table of contents with page numbers come first; every
page has the municipality in its header and "Side X af Y" at its foot; the profile's colours
colour headings and the cover.  Fonts are the files in ``toolbox/fonts``; only ``file:`` URLs are
fetched.  It is a tagged PDF/UA-1 document with a bookmark for every page.

Rendering 144 pages at once takes WeasyPrint half a minute, so the folder is made in parts
(:func:`make_pdf`): every page of the site is a document of its own, rendered side by side in
processes (``toolbox.render.mapparts``) and cached by its content, so an edited page renders only
that page again.  The parts carry no page numbers: once their lengths are known, the cover and
table of contents are rendered with the numbers as text, a document of only "Side X af Y" feet is
drawn over the pages, and ``toolbox.render.pdfjoin`` joins it all into one tagged document.
The whole PDF is cached too, by everything it is made of: this module, its stylesheets and fonts,
WeasyPrint's version, the profile and the pages' content.  It is an after-site output of the
registry (``toolbox.outputs``).
"""
from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import replace
from html import escape
from pathlib import Path
from typing import Any

from ..cache import cached, file_digest
from .. import messages
from ..model import Model
from . import BUILDER_PAGE
from . import html as html_output
from . import pdf
from .builtpages import Page, html_file, page_url, read_page
from .mapparts import Parts, remember, remembered

log = logging.getLogger("toolbox")
PACKAGE = Path(__file__).resolve().parent.parent
PDF_CSS = PACKAGE / "templates" / "pdf.css"
MAPPE_CSS = PACKAGE / "templates" / "mappe.css"
HANDLES = html_output.HANDLES  # it prints the built pages, the form pages among them

MAPPE_PATH = "filer/koordinatormappe.pdf"  # in the site; docs/index.md links to it
PATHS = (MAPPE_PATH,)


def inputs(model: Model) -> list[Path]:
    return [Path(__file__), model.site_asset(pdf.SITE_CSS), PDF_CSS, MAPPE_CSS, *pdf.FONT_FILES]
TITLE = "Koordinatormappe"
SUBTITLE = "Værktøjskassen til Den Koordinerende Kontaktperson"
CONTENTS = "Indhold"
LEAD = "Roller, handlevejledninger, implementering, redskaber, blanketter og ordliste samlet til udskrift."
# Top-level nav sections (by their first page) that go into the folder, and pages left out.
SECTIONS = ("roller/", "handlevejledninger/", "implementering/", "redskaber/", "blanketter/", "ordliste.md")
# Pages left out: the forms' listings, the course's evaluation form (it belongs to a course day, not
# to a caseworker's folder) and the profile builder (it is for the browser).
LEFT_OUT = ("blanketter/index.md", "blanketter/hent.md", "blanketter/kursusevaluering.md", BUILDER_PAGE)

def nav_pages(nav: list[Any]) -> list[Page]:
    """The pages of the folder in nav order, each with the title of its top-level nav section."""
    out: list[Page] = []

    def walk(items: Any, part: str) -> None:
        for item in items if isinstance(items, list) else [items]:
            if isinstance(item, str):
                if item.startswith(SECTIONS) and item not in LEFT_OUT:
                    out.append(Page(item, part))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if title == messages.CATALOGUE_FIND:
                        continue  # the catalogue's lists by phase, theme and role repeat its cards
                    walk(value, part or title)

    for item in nav:
        if isinstance(item, dict):
            for title, value in item.items():
                walk(value, title)
        else:
            walk(item, "")
    return out


def nav_urls(nav: list[Any], directory_urls: bool = True) -> list[Page]:
    """The folder's pages (:func:`nav_pages`) with their URLs and slugs, before their content is read."""
    pages = nav_pages(nav)
    for page in pages:
        page.url = page_url(page.path, directory_urls)
        page.slug = "p-" + (re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-") or "forside")
    return pages


def read_pages(site: Path, nav: list[Any], directory_urls: bool = True) -> list[Page]:
    pages = nav_urls(nav, directory_urls)
    by_url = {p.url: p for p in pages}  # (the links need only the pages' URLs and slugs)
    for page in pages:
        read_page(page, html_file(site, page.url).read_text(encoding="utf-8"), by_url)
    return pages


def _org(model: Model) -> str:
    p = model.profile
    return p.name + (f" · {p.department}" if p.department else "")


def _head(model: Model, date: str, extra_css: str = "") -> str:
    p = model.profile
    primary = p.colors.primary if p.colors else "#1f1f1f"
    accent = (p.colors.accent or p.colors.primary) if p.colors else primary
    # the stylesheets are not linked: each process parses them once (:func:`_stylesheets`)
    return pdf.pdf_head("da", f"{TITLE} – {p.name}", p.name, LEAD, date, [],
                        f":root {{ --tb-primary: {primary}; --tb-accent: {accent}; }}", extra_css=extra_css)


# The parts carry no page numbers (the numbers overlay does); a page part has the running header on
# its first page too, with the municipality as a literal (the cover, which sets it, is another part).
NO_NUMBERS = "@page { @bottom-right { content: none; } }"


def stylesheet_files(model: Model) -> list[Path]:
    return [model.site_asset(pdf.SITE_CSS), PDF_CSS, MAPPE_CSS]


def front_html(model: Model, pages: list[Page], date: str, numbers: dict[str, int]) -> str:
    """The cover and the table of contents; ``numbers`` gives the page each page starts on."""
    p = model.profile
    toc: list[str] = []
    part = None
    for page in pages:
        if page.part != part:
            if part is not None:
                toc.append("</ol></li>")
            toc.append(f'<li class="tb-mappe-part"><span>{escape(page.part)}</span><ol>')
            part = page.part
        toc.append(f'<li><a href="#{page.slug}" data-page="{numbers.get(page.slug, 999)}">{escape(page.title)}</a></li>')
    if part is not None:
        toc.append("</ol></li>")
    return f"""{_head(model, date, NO_NUMBERS + " .tb-mappe-toc li a::after { content: leader('.') attr(data-page); }")}
<body class="tb-mappe md-typeset">
<section class="tb-mappe-cover">
<p class="tb-pdf-org">{escape(_org(model))}</p>
<h1>{escape(TITLE)}</h1>
<p class="tb-mappe-subtitle">{escape(SUBTITLE)}</p>
<p>{escape(LEAD)}</p>
<p class="tb-mappe-web">{escape(p.web)}</p>
</section>
<nav class="tb-mappe-toc" aria-label="{escape(CONTENTS)}">
<h2>{escape(CONTENTS)}</h2>
<ol>
{"".join(toc)}
</ol>
</nav>
</body>
</html>
"""


def page_html(model: Model, page: Page, date: str) -> str:
    """One page of the folder as a document of its own."""
    org = pdf._css_string(_org(model))
    header = (f"@page {{ @top-left {{ content: {org}; }} }} "
              f"@page :first {{ @top-left {{ content: {org}; }} @top-right {{ content: string(tb-title); }} }}")
    return f"""{_head(model, date, NO_NUMBERS + " " + header)}
<body class="tb-mappe md-typeset">
<section class="tb-mappe-page" id="{page.slug}" data-part="{escape(page.part)}">
{page.html}
</section>
</body>
</html>
"""


def numbers_html(model: Model, total: int, date: str) -> str:
    """``total`` empty pages with only their number at the foot ("Side X af Y"; none on the cover)."""
    reset = "@page { @top-left { content: none; } @top-right { content: none; } }"
    return f"""{_head(model, date, reset)}
<body class="tb-mappe">
{'<div style="break-after: page"></div>' * (total - 1)}<div></div>
</body>
</html>
"""


def cache_key(model: Model, pages: list[Page], date: str) -> str:
    """The whole folder's key: everything every part depends on, and every page."""
    joiner = file_digest(Path(__file__).with_name("pdfjoin.py"))
    return _key(common_key(model, date), joiner, *[f"{p.slug}\0{p.part}\0{p.title}\0{p.html}" for p in pages])


def unavailable() -> str | None:
    return pdf.unavailable()


def warm(model: Model) -> None:
    """What printing a page will need, loaded in a process started early (``outputs.warm``); the
    course pack prints with the same stylesheets."""
    from .mapparts import warm as warm_parts

    warm_parts(model, stylesheet_files(model))


def _key(*texts: str | bytes) -> str:
    h = hashlib.sha256()
    for t in texts:
        h.update(t if isinstance(t, bytes) else t.encode())
        h.update(b"\0")
    return h.hexdigest()


def common_key(model: Model, date: str) -> str:
    """What every part depends on: this module's code, styles, fonts, tool versions, the profile."""
    h = hashlib.sha256(f"{pdf.tool_versions()};{date};".encode())
    for path in [*inputs(model), *pdf.CODE]:
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(model.profile_id.encode())
    h.update(model.profile.model_dump_json(warnings=False).encode())
    return h.hexdigest()


def _page_key(common: str, page: Page) -> str:
    return _key(common, "page", page.slug, page.part, page.title, page.html)


def _parts(model: Model, cache: Path | None, jobs: int | None = None, progress: Any = None, pool: Any = None,
           started: dict[str, Any] | None = None) -> Parts:
    """The folder's parts, cached in ``cache/parts/`` (none without a cache)."""
    return Parts(cache / "parts" if cache else None, model, stylesheet_files(model), jobs, progress, pool=pool,
                 started=started)


class Early:
    """The folder's pages printed while the engine builds the site (an after-site output's ``Early``,
    ``toolbox.outputs``): MkDocs calls :meth:`page` with each page it writes (Zensical cannot), a new
    part goes to the build's pool at once, and :func:`make_pdf` takes it when its key is the one wanted."""

    def __init__(self, model: Model, config: dict[str, Any], cache: Path | None, pool: Any):
        self.model, self.date = model, pdf.pdf_date()
        self.common = common_key(model, self.date)
        self.order = nav_urls(config.get("nav", []), config.get("use_directory_urls", True))
        self.pages, self.by_url = {p.path: p for p in self.order}, {p.url: p for p in self.order}
        self.parts = _parts(model, cache, pool=pool)
        self.started = self.parts.started
        self.seen: dict[str, tuple[Page, str]] = {}  # path -> the page as read from what the engine wrote, its key

    def page(self, path: str, built: str) -> None:
        """The built HTML of the docs page ``path``: its part started when it is in the folder and new;
        after the folder's last page, the cover and contents too (:meth:`front`)."""
        if path not in self.pages:
            return
        page = replace(self.pages[path])
        read_page(page, built, self.by_url)
        self.seen[path] = page, _page_key(self.common, page)
        self.parts.start(self.seen[path][1], lambda: page_html(self.model, page, self.date))
        if len(self.seen) == len(self.pages):
            self.front()

    def front(self) -> None:
        """The cover and contents and the numbers started, as the last build's layout numbers the
        pages (their titles are all known now): a new title of a form then waits for no page."""
        layout = remembered(_layout_file(self.parts.folder, self.common))
        pages = [self.seen[p.path][0] for p in self.order]
        keys = [self.seen[p.path][1] for p in self.order]
        for key, html, tagged, _ in _front_guess(self.model, pages, self.date, self.common, self.parts, keys,
                                                 layout) if layout else []:
            self.parts.start(key, lambda: html, tagged)  # (called at once)


def make_pdf(model: Model, pages: list[Page], date: str, cache: Path | None, jobs: int | None = None,
             progress: Any = None, pool: Any = None, early: Early | None = None) -> bytes:
    """The folder: every page a part, rendered side by side and cached one by one (or started by
    ``early`` already), then the cover and the table of contents (with the page numbers the parts
    gave), the numbers overlay, and the join."""
    from .pdfjoin import join

    common = common_key(model, date)
    parts = _parts(model, cache, jobs, progress, pool, early.started if early is not None else None)
    page_keys = [_page_key(common, page) for page in pages]
    wanted = [(k, page_html(model, page, date), True, page.title) for k, page in zip(page_keys, pages)]
    toc_key = _toc_key(common, pages)
    # The last build's layout (the cover and contents' page count, each page's) gives the numbers
    # before the pages are rendered: a title's edit seldom changes them, so the contents are rendered
    # beside the pages, once.  Without it, a render with stand-in numbers tells how long they are.
    layout_file = _layout_file(parts.folder, common)
    layout = remembered(layout_file)
    if layout is None:
        wanted.append((toc_key, front_html(model, pages, date, {}), True, CONTENTS))
    else:
        wanted += _front_guess(model, pages, date, common, parts, page_keys, layout)
    got = parts.get_many(wanted)
    front_pages = layout["front"] if layout is not None else got[toc_key][1]
    for _ in range(3):  # a number's width could move a line break; it settles at once
        front, feet = _front_parts(model, pages, date, common, toc_key, front_pages, [got[k][1] for k in page_keys])
        front_key, numbers_key = front[0], feet[0]
        got.update(parts.get_many([t for t in (front, feet) if t[0] not in got]))
        if got[front_key][1] == front_pages:
            break
        front_pages = got[front_key][1]
    else:
        raise RuntimeError("indholdsfortegnelsen skifter længde, hver gang sidetallene skifter")
    remember(layout_file, layout, {"front": front_pages, "pages": {p.slug: got[k][1] for k, p in zip(page_keys, pages)}})
    order = [front_key, *page_keys]
    if progress:
        progress("laver koordinatormappe: samler delene")
    return join([got[k][0] for k in order], [got[k][2] for k in order], overlay=got[numbers_key][0])


def _toc_key(common: str, pages: list[Page]) -> str:
    return _key(common, "front", *[f"{p.slug}\0{p.part}\0{p.title}" for p in pages])


def _layout_file(folder: Path | None, common: str) -> Path | None:
    return folder / f"{_key(common, 'layout')}.json" if folder else None


def _front_guess(model: Model, pages: list[Page], date: str, common: str, parts: Parts, page_keys: list[str],
                 layout: dict[str, Any]) -> list[tuple[str, str, bool, str]]:
    """The cover and contents and the numbers overlay as the last build's ``layout`` numbers them (each
    page's count from the cache, else from the layout); none when a page's count is not known."""
    counts = [parts.count(k) or layout["pages"].get(p.slug) for k, p in zip(page_keys, pages)]
    if not all(isinstance(c, int) and c > 0 for c in counts):
        return []
    return _front_parts(model, pages, date, common, _toc_key(common, pages), layout["front"], counts)


def _front_parts(model: Model, pages: list[Page], date: str, common: str, toc_key: str, front_pages: int,
                 counts: list[int]) -> list[tuple[str, str, bool, str]]:
    """The cover and contents, and the numbers overlay, when the cover and contents take
    ``front_pages`` pages and the pages ``counts``: (key, html, tagged, what) for ``Parts``."""
    numbers: dict[str, int] = {}
    at = front_pages + 1
    for page, count in zip(pages, counts):
        numbers[page.slug] = at
        at += count
    total = at - 1
    return [(_key(toc_key, *[str(numbers[p.slug]) for p in pages]), front_html(model, pages, date, numbers), True, CONTENTS),
            (_key(common, "numbers", str(total)), numbers_html(model, total, date), False, "sidetal")]


def render(model: Model, ctx) -> dict[str, bytes]:
    """The folder's PDF, from the pages of the built site (``ctx.site``) in nav order."""
    date = pdf.pdf_date()
    cfg = ctx.config or {}
    pages = read_pages(ctx.site, cfg.get("nav", []), cfg.get("use_directory_urls", True))
    key = cache_key(model, pages, date)
    data = cached(ctx.cache, f"{key}.pdf",
                  lambda: make_pdf(model, pages, date, ctx.cache, ctx.jobs, ctx.progress, ctx.pool, ctx.early))
    log.info("Koordinatormappe: %d kB", len(data) // 1024)
    return {MAPPE_PATH: data}
