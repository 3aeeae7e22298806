"""Checks every input kind shares: unknown placeholders, duplicate ids, forbidden links."""
from __future__ import annotations

import re
from typing import Iterator

from ..errors import Problem
from ..model import PLACEHOLDERS
from ..links import markdown_problems
from .yamlfile import Document, Loc

PLACEHOLDER = re.compile(r"\{([^{}]*)\}|[{}]")


def placeholders(doc: Document, loc: Loc, text: str | None) -> Iterator[Problem]:
    for m in PLACEHOLDER.finditer(text or ""):
        name = m.group(1)
        if name not in PLACEHOLDERS:
            shown = m.group(0)
            yield doc.problem(loc, f"ukendt pladsholder {shown!r} (forventet en af: "
                                   + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")")


def duplicates(doc: Document, loc: Loc, ids: list[str], what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield doc.problem(loc + (i, "id"), f"{what} '{ident}' findes allerede (id'er skal være unikke)")
        seen.add(ident)


def markdown(doc: Document, loc: Loc, text: str | None) -> Iterator[Problem]:
    """A Markdown text's forbidden links, images and attributes (``toolbox.links``)."""
    for message in markdown_problems(text):
        yield doc.problem(loc, message)
