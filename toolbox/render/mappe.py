"""The Koordinatormappe: the whole toolbox as one printable PDF (WeasyPrint).

Made after MkDocs has built the site, from the built pages' content (the ``article`` of each
page, in nav order): role guides, handlevejledninger, implementation, the tool catalogue, the
blank forms and the glossary.  A cover and a table of contents with page numbers
(``target-counter``) come first; every page has the municipality in its header and "Side X af Y"
at its foot; the profile's colours colour headings and the cover.  Fonts are the files in
``toolbox/fonts``; only ``file:`` URLs are fetched.

Rendering takes a while, so the PDF is cached by a hash of everything it is made of: this
module, its stylesheets and fonts, WeasyPrint's version, the profile and the pages' content.
It is an after-site output of the registry (``toolbox.outputs``).
"""
from __future__ import annotations

import hashlib
import logging
import posixpath
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from ..cache import cached, file_digest
from .. import messages
from ..model import Model
from . import BUILDER_PAGE
from . import html as html_output
from . import pdf

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
LEFT_OUT = ("blanketter/index.md", "blanketter/hent.md", BUILDER_PAGE)  # the builder is for the browser

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
REMOVE = [re.compile(p, re.S) for p in (
    r'<a class="headerlink"[^>]*>.*?</a>',
    r'<div class="tb-toolbar".*?</div>',
    r'<p class="tb-privacy">.*?</p>',
    r'<p class="tb-status"[^>]*></p>',
    r'<template>.*?</template>',
    r'<button\b[^>]*>.*?</button>',
    r'<input type="file"[^>]*>',
    r'<h2 id="hent-blanketten">.*?</ul>',  # a form page's list of downloads
    r'<tbody class="tb-repeat-add">.*?</tbody>',
)]
H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
TAGS = re.compile(r"<[^>]+>")
ID_ATTR = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]*)"')
LINK = re.compile(r'<a\b([^>]*?)\bhref="([^"]*)"')


@dataclass
class Page:
    path: str  # docs-relative Markdown path
    part: str  # the nav section it belongs to
    url: str = ""  # its URL in the site, relative to the site root ("roller/tovholder/")
    slug: str = ""
    title: str = ""
    html: str = ""


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


def page_url(path: str, directory_urls: bool = True) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _html_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def read_pages(site: Path, nav: list[Any], directory_urls: bool = True) -> list[Page]:
    pages = nav_pages(nav)
    for page in pages:
        page.url = page_url(page.path, directory_urls)
        page.slug = "p-" + (re.sub(r"[^a-z0-9]+", "-", page.url.lower()).strip("-") or "forside")
        match = ARTICLE.search(_html_file(site, page.url).read_text(encoding="utf-8"))
        html = match.group(1) if match else ""
        for pattern in REMOVE:
            html = pattern.sub("", html)
        h1 = H1.search(html)
        page.title = " ".join(TAGS.sub("", h1.group(1)).split()) if h1 else page.path
        page.html = html
    by_url = {p.url: p for p in pages}
    for page in pages:
        page.html = _local_ids(page.html, page.slug)
        page.html = _links(page.html, page, by_url)
    return pages


def _local_ids(html: str, slug: str) -> str:
    """Ids made unique in the one document: every page's ids get the page's slug in front."""
    def one(m: re.Match[str]) -> str:
        return f'{m.group(1)}="' + " ".join(f"{slug}--{v}" for v in m.group(2).split()) + '"'
    return ID_ATTR.sub(one, html)


def _links(html: str, page: Page, by_url: dict[str, Page]) -> str:
    """Links to pages in the folder point into it; other links to the site lose their href."""
    def one(m: re.Match[str]) -> str:
        attrs, href = m.group(1), m.group(2)
        if re.match(r"^(https?:|mailto:|tel:)", href):
            return m.group(0)
        target, _, fragment = href.partition("#")
        if not target:
            return f'<a{attrs}href="#{page.slug}--{fragment}"' if fragment else f'<a{attrs}href="#{page.slug}"'
        url = posixpath.normpath(posixpath.join(page.url or ".", target))
        url = "" if url == "." else url
        url = url.removesuffix("index.html")
        if target.endswith("/") and url and not url.endswith("/"):
            url += "/"
        other = by_url.get(url)
        if other is None:
            return f"<a{attrs.rstrip()} "  # not in the folder: plain text
        return f'<a{attrs}href="#{other.slug}--{fragment}"' if fragment else f'<a{attrs}href="#{other.slug}"'
    return LINK.sub(one, html)


def document_html(model: Model, pages: list[Page], date: str) -> str:
    p = model.profile
    primary = p.colors.primary if p.colors else "#1f1f1f"
    accent = (p.colors.accent or p.colors.primary) if p.colors else primary
    org = p.name + (f" · {p.department}" if p.department else "")
    toc: list[str] = []
    body: list[str] = []
    part = None
    for page in pages:
        if page.part != part:
            if part is not None:
                toc.append("</ol></li>")
            toc.append(f'<li class="tb-mappe-part"><span>{escape(page.part)}</span><ol>')
            part = page.part
        toc.append(f'<li><a href="#{page.slug}">{escape(page.title)}</a></li>')
        body.append(f'<section class="tb-mappe-page" id="{page.slug}" data-part={_attr(page.part)}>'
                    f'\n{page.html}\n</section>')
    if part is not None:
        toc.append("</ol></li>")
    head = pdf.pdf_head("da", f"{TITLE} – {p.name}", p.name, LEAD, date, [model.site_asset(pdf.SITE_CSS), PDF_CSS, MAPPE_CSS],
                    f":root {{ --tb-primary: {primary}; --tb-accent: {accent}; }}")
    return f"""{head}
<body class="tb-mappe md-typeset">
<section class="tb-mappe-cover">
<p class="tb-pdf-org">{escape(org)}</p>
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
{"".join(body)}
</body>
</html>
"""


def _attr(text: str) -> str:
    return '"' + escape(text) + '"'


def cache_key(model: Model, pages: list[Page], date: str) -> str:
    h = hashlib.sha256(f"{pdf.tool_versions()};{date};".encode())
    for path in inputs(model):
        h.update(path.name.encode() + b"\0" + file_digest(path))
    h.update(model.profile_id.encode())
    h.update(model.profile.model_dump_json(warnings=False).encode())
    for page in pages:
        h.update(f"{page.slug}\0{page.part}\0{page.title}\0".encode() + page.html.encode())
    return h.hexdigest()


def render_pdf(model: Model, html: str) -> bytes:
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=PACKAGE.as_uri() + "/", url_fetcher=pdf.url_fetcher(*pdf.fetch_folders(model))).write_pdf(
        font_config=pdf.font_config(), pdf_variant="pdf/ua-1", pdf_identifier=True, uncompressed_pdf=False,
        finisher=pdf.scope_table_headers)


def unavailable() -> str | None:
    return pdf.unavailable()


def render(model: Model, ctx) -> dict[str, bytes]:
    """The folder's PDF, from the pages of the built site (``ctx.site``) in nav order."""
    date = pdf.pdf_date()
    cfg = ctx.config or {}
    pages = read_pages(ctx.site, cfg.get("nav", []), cfg.get("use_directory_urls", True))
    key = cache_key(model, pages, date)
    data = cached(ctx.cache, f"{key}.pdf", lambda: render_pdf(model, document_html(model, pages, date)))
    log.info("Koordinatormappe: %d kB", len(data) // 1024)
    return {MAPPE_PATH: data}
