"""Links, images and attributes in the Markdown texts of the inputs.

Section texts, translations, the guides' steps, a case's story and the slides are Markdown.  Raw
HTML in them is always shown as text, but Markdown itself can make a link (``[her](…)``, also as a
reference or autolink), an image, and with ``attr_list`` an attribute (``{: onclick=…}``).  Each
text is rendered here the way the site renders it, and the result is checked:

- a link goes to ``http:``, ``https:``, ``mailto:``, ``tel:`` or a relative address;
- an image lies in the toolbox itself (a relative address): the site loads nothing from other hosts;
- no attribute can run script or style the page (``on…``, ``style``, ``srcdoc``, ``formaction``).

The inputs layer reports anything else as a problem with the text's line; ``toolbox.text.to_html``
removes it from what it renders (``strip``), so a text that reaches an output unchecked is safe too.
"""
from __future__ import annotations

import functools
import html
import re
from html.parser import HTMLParser
from typing import Iterator

import markdown

EXTENSIONS = ["sane_lists", "attr_list", "md_in_html", "def_list", "tables", "abbr"]
LINK_SCHEMES = ("http", "https", "mailto", "tel")
BAD_ATTRIBUTES = ("style", "srcdoc", "formaction")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def scheme(url: str) -> str | None:
    """The URL's scheme as a browser sees it (spaces and control characters in it are ignored)."""
    m = _SCHEME.match(_INVISIBLE.sub("", url))
    return m.group(1).lower() if m else None


def link_problem(url: str) -> str | None:
    found = scheme(url)
    if found is not None and found not in LINK_SCHEMES:
        return (f"linket '{url}' er ikke tilladt (forventet et link med http:, https:, mailto: eller tel: "
                "eller et link til en side i værktøjskassen)")
    return None


def image_problem(url: str) -> str | None:
    if scheme(url) is not None or _INVISIBLE.sub("", url).startswith("//"):
        return (f"billedet '{url}' hentes fra en anden vært (forventet et billede i værktøjskassen, "
                "med en relativ adresse): sitet henter intet fra andre værter")
    return None


def attribute_problem(name: str) -> str | None:
    if name.startswith("on") or name in BAD_ATTRIBUTES:
        return f"attributten '{name}' er ikke tilladt i en tekst (den kan køre script eller ændre siden)"
    return None


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            found = attribute_problem(name)
            if found is None and name == "href" and value is not None:
                found = link_problem(value)
            if found is None and name == "src" and value is not None:
                found = image_problem(value)
            if found is not None:
                self.problems.append(found)

    handle_startendtag = handle_starttag


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*(/?)>")
_ATTR = re.compile(r"""([^\s=>/]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?""")


def strip(rendered: str) -> str:
    """The HTML with every attribute removed that ``html_problems`` would report."""
    def tag(m: re.Match[str]) -> str:
        kept = []
        for a in _ATTR.finditer(m.group(2)):
            name, raw = a.group(1).lower(), a.group(2) or ""
            value = html.unescape(raw[1:-1] if raw[:1] in "\"'" else raw)
            bad = attribute_problem(name) or (name == "href" and link_problem(value)) \
                or (name == "src" and image_problem(value))
            if not bad:
                kept.append(a.group(0))
        return f"<{m.group(1)}" + "".join(" " + k for k in kept) + (" /" if m.group(3) else "") + ">"
    return _TAG.sub(tag, rendered)


def html_problems(rendered: str) -> list[str]:
    """What is not allowed in a piece of HTML (links, images, attributes), one message each."""
    scan = _Scan()
    scan.feed(rendered)
    scan.close()
    return list(dict.fromkeys(scan.problems))


def markdown_problems(text: str | None) -> Iterator[str]:
    """What is not allowed in a Markdown text, rendered as the site renders it (raw HTML as text)."""
    if not text:
        return
    yield from _markdown_problems(text)


_CONVERTER: list[markdown.Markdown] = []


@functools.lru_cache(maxsize=8192)
def _markdown_problems(text: str) -> tuple[str, ...]:
    """One Markdown converter, reset per text (making one per text took most of the time of checking
    the inputs), and the answer kept per text (``toolbox serve`` checks the same texts after each save)."""
    if not _CONVERTER:
        _CONVERTER.append(markdown.Markdown(extensions=EXTENSIONS))
    converter = _CONVERTER[0]
    converter.reset()
    return tuple(html_problems(converter.convert(html.escape(text, quote=False))))
