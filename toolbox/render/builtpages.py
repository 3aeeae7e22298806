"""Reading a page of the built site for printing (the Koordinatormappe's pages, the course pack's):
its ``article``, without what is only for the screen, its ids prefixed with the page's slug so that
many pages can share one document, and its links pointing at the pages printed with it (a link to
any other page of the site becomes plain text).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path


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
    # what only the form page's script reads (its texts, rules, the other forms' titles): printed
    # it is nothing, and kept it would make every form's part new when one form's title changes
    r'\sdata-(?:messages|rules|form-version|forms|pdf)="[^"]*"',
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


def page_url(path: str, directory_urls: bool = True) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def html_file(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url.endswith("/") or not url else url)


def read_page(page: Page, built: str, by_url: dict[str, Page]) -> None:
    """``page``'s title and content from its built HTML (``built``): the article, without what is
    only for the screen, its ids made the folder's own and its links pointing into the folder."""
    match = ARTICLE.search(built)
    html = match.group(1) if match else ""
    for pattern in REMOVE:
        html = pattern.sub("", html)
    h1 = H1.search(html)
    page.title = " ".join(TAGS.sub("", h1.group(1)).split()) if h1 else page.path
    page.html = links(local_ids(html, page.slug), page, by_url)


def local_ids(html: str, slug: str) -> str:
    """Ids made unique in the one document: every page's ids get the page's slug in front."""
    def one(m: re.Match[str]) -> str:
        return f'{m.group(1)}="' + " ".join(f"{slug}--{v}" for v in m.group(2).split()) + '"'
    return ID_ATTR.sub(one, html)


def links(html: str, page: Page, by_url: dict[str, Page]) -> str:
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
