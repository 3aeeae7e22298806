"""The steps of the guides (``forms/trin.yml``): who does what, when, with which form.

A page under ``docs/`` says ``<!-- trin -->`` where its diagram goes (drawn by
``toolbox.render.steps``).  The checks find, with their lines, a page that does not exist, a page
without the marker (or with it twice), a page with the marker but no steps, a link in a step that
leads nowhere, and a link or attribute no text may hold (``toolbox.links``).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Iterator

from ..errors import InputError, Problem
from ..links import scheme
from ..model import STEPS_MARKER, Pages, Schema, Steps
from .common import markdown
from .problems import parse
from .yamlfile import Document, load_yaml

STEPS_FILE = "trin.yml"  # beside the schema
LINK = re.compile(r"\]\(([^)\s]+)\)")
GENERATED = ("blanketter/index.md", "blanketter/hent.md")  # pages the build makes besides the form pages


def _targets(schema: Schema | None, pages: Pages) -> set[str] | None:
    """Every page a step may link to (docs-relative), or None when the schema did not validate."""
    if schema is None:
        return None
    return set(pages.paths) | set(GENERATED) | {f"blanketter/{f.id}.md" for f in schema.forms}


def _link_problems(doc: Document, loc: tuple, page: str, text: str, targets: set[str]) -> Iterator[Problem]:
    for href in LINK.findall(text):
        if scheme(href) is not None or href.startswith("#"):  # other schemes: see toolbox.links
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0]))
        if target not in targets:
            yield doc.problem(loc, f"linket '{href}' fører ikke til en side (forventet en side under docs/ "
                                   "eller en blanket i skemaet, skrevet relativt til siden)")


def check_steps(doc: Document, steps: Steps, schema: Schema | None, pages: Pages,
                docs_display: str = "docs") -> Iterator[Problem]:
    targets = _targets(schema, pages)
    known = set(pages.paths)
    for page, items in steps.pages.items():
        loc = ("pages", page)
        if page not in known:
            yield doc.problem(loc, f"siden '{page}' findes ikke under docs/")
            continue
        count = pages.marked.get(page, "").count(STEPS_MARKER)
        if count != 1:
            yield doc.problem(loc, f"siden '{page}' skal skrive {STEPS_MARKER} én gang, dér hvor trinene skal stå "
                                   f"(den skriver det {count} gange)")
        for i, step in enumerate(items):
            for name in ("title", "who", "what", "when", "form", "tool"):
                text = getattr(step, name)
                if not text:
                    continue
                yield from markdown(doc, loc + (i, name), text)
                if targets is not None:
                    yield from _link_problems(doc, loc + (i, name), page, text, targets)
    for rel, text in sorted(pages.marked.items()):
        if rel in steps.pages:
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            if STEPS_MARKER in line:
                yield Problem(f"{docs_display}/{rel}", n, "", f"siden viser trin ({STEPS_MARKER}), men {doc.file} har "
                                                              f"ingen trin til den (forventet pages.{rel})")
                break


def load(path: Path, schema: Schema | None, pages: Pages, display: str | None = None,
         docs_display: str = "docs") -> Steps:
    doc = load_yaml(path, display)
    steps = parse(doc, Steps)
    problems = list(check_steps(doc, steps, schema, pages, docs_display))
    if problems:
        raise InputError(problems)
    return steps
