"""The step diagrams of the guides (``forms/trin.yml``): who does what, when, with which form.

Each handlevejledning and implementation guide shows its steps as a numbered diagram (an
ordered list styled by ``ol.steps`` in ``toolbox.css``: numbered circles joined by a line,
readable as a plain list without CSS).  The steps are data: the page says ``<!-- trin -->``
where its diagram goes, and the build puts the diagram there, drawn from the page's entry in
``forms/trin.yml``.  ``check_steps`` finds, with their lines, a page that does not exist, a
page without the marker (or with it twice), a page with the marker but no steps, and a link
in a step that leads nowhere.
"""
from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Iterator

from . import messages
from .errors import InputError, Problem
from .loader import Document, load_yaml
from .model import Schema, Step, Steps

STEPS_FILE = "trin.yml"  # beside the schema
MARKER = "<!-- trin -->"  # where a page's diagram goes
LINK = re.compile(r"\]\(([^)\s]+)\)")
GENERATED = ("blanketter/index.md", "blanketter/hent.md")  # pages the build makes besides the form pages


def _targets(schema: Schema | None, docs: Path) -> set[str] | None:
    """Every page a step may link to (docs-relative), or None when the schema did not validate."""
    if schema is None:
        return None
    pages = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    return pages | set(GENERATED) | {f"blanketter/{f.id}.md" for f in schema.forms}


def _link_problems(doc: Document, loc: tuple, page: str, text: str, targets: set[str]) -> Iterator[Problem]:
    for href in LINK.findall(text):
        if re.match(r"^[a-z]+:", href) or href.startswith("#"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href.partition("#")[0]))
        if target not in targets:
            yield doc.problem(loc, f"linket '{href}' fører ikke til en side (forventet en side under docs/ "
                                   "eller en blanket i skemaet, skrevet relativt til siden)")


def check_steps(doc: Document, steps: Steps, schema: Schema | None, docs: Path, docs_display: str = "docs") -> Iterator[Problem]:
    targets = _targets(schema, docs)
    for page, items in steps.pages.items():
        loc = ("pages", page)
        path = docs / page
        if not path.is_file():
            yield doc.problem(loc, f"siden '{page}' findes ikke under docs/")
            continue
        count = path.read_text(encoding="utf-8").count(MARKER)
        if count != 1:
            yield doc.problem(loc, f"siden '{page}' skal skrive {MARKER} én gang, dér hvor trinene skal stå "
                                   f"(den skriver det {count} gange)")
        if targets is None:
            continue
        for i, step in enumerate(items):
            for name in ("who", "what", "when", "form", "tool"):
                text = getattr(step, name)
                if text:
                    yield from _link_problems(doc, loc + (i, name), page, text, targets)
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel in steps.pages:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if MARKER in line:
                yield Problem(f"{docs_display}/{rel}", n, "", f"siden viser trin ({MARKER}), men {doc.file} har "
                                                              f"ingen trin til den (forventet pages.{rel})")
                break


def load_steps(path: Path, schema: Schema | None, docs: Path, display: str | None = None,
               docs_display: str = "docs") -> Steps:
    doc = load_yaml(path, display)
    from .validate import parse  # validate imports this module

    steps = parse(doc, Steps)
    problems = list(check_steps(doc, steps, schema, docs, docs_display))
    if problems:
        raise InputError(problems)
    return steps


def _inline(text: str) -> str:
    """A step's text as inline Markdown: links and emphasis work, raw HTML is shown as text."""
    return html.escape(text, quote=False)


def diagram(items: list[Step]) -> str:
    """The page's steps as Markdown: an ordered list (``ol.steps``) with who, what, when and what to use."""
    out = ['<ol class="steps" markdown>']
    for step in items:
        lines = [f"**{_inline(step.title)}**", ""]
        for name, label in messages.STEP_LABELS.items():
            text = getattr(step, name)
            if text:
                lines.append(f"- **{label}:** {_inline(text)}")
        out.append('<li markdown="block">\n' + "\n".join(lines) + "\n</li>")
    return "\n".join(out) + "\n</ol>\n"


def fill_page(text: str, rel: str, steps: Steps | None) -> str:
    """The page's text with its diagram where it says ``<!-- trin -->``."""
    if steps is None or rel not in steps.pages or MARKER not in text:
        return text
    return text.replace(MARKER, diagram(steps.pages[rel]).rstrip("\n"), 1)
