"""The course's slides (``forms/kursus/slides.md``): Markdown, one slide per ``##`` heading.

Every slide carries notes for the trainer (what to say, what to ask, how long) in a block that
pandoc reads as speaker notes::

    ## Samtykke kommer først

    - Intet samtykke, ingen koordinerende kontaktperson

    ::: notes
    **Tid:** 10 minutter. **Sig:** ...
    :::

HTML comments are notes for whoever edits the file and are left out.  The checks: the file is
UTF-8 text of a sensible size, it has at least one slide, every slide has one notes block that is
closed and not empty (a missing one is reported at the slide's heading), and its links, images and
attributes are allowed (``toolbox.links``).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem
from ..model import Slide, Slides
from ..links import markdown_problems

SLIDES_FILE = Path("forms") / "kursus" / "slides.md"
SLIDE_HEADING = re.compile(r"^## +(.+?) *#*$", re.MULTILINE)
NOTES_OPEN = re.compile(r"^:{3,} *(?:notes|\{ *\.notes *\}) *$")
FENCE_CLOSE = re.compile(r"^:{3,} *$")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MAX_BYTES = 1024 * 1024
EXPECTED_NOTES = "forventet en blok med noter til underviseren under overskriften: ::: notes, noterne, :::"


class _Open:
    """The slide being read."""

    def __init__(self, title: str, line: int) -> None:
        self.title, self.line = title, line
        self.body: list[str] = []
        self.notes: list[str] = []
        self.notes_at: int | None = None  # the line of its notes block
        self.in_notes = False


def split(source: str, display: str) -> tuple[list[Slide], list[Problem]]:
    """The slides of ``source`` with their notes, and every problem with the notes blocks."""
    slides: list[Slide] = []
    problems: list[Problem] = []
    slide: _Open | None = None

    def close(s: _Open) -> None:
        if s.in_notes:
            problems.append(Problem(display, s.notes_at or s.line, "",
                                    f"noterne til diaset '{s.title}' er ikke lukket (forventet en linje med ::: efter noterne)"))
        elif s.notes_at is None:
            problems.append(Problem(display, s.line, "", f"diaset '{s.title}' har ingen noter ({EXPECTED_NOTES})"))
        elif not "".join(s.notes).strip():
            problems.append(Problem(display, s.notes_at, "", f"noterne til diaset '{s.title}' er tomme"))
        slides.append(Slide(title=s.title, line=s.line, body="\n".join(s.body).strip(),
                            notes="\n".join(s.notes).strip()))

    for n, line in enumerate(source.splitlines(), start=1):
        heading = SLIDE_HEADING.match(line)
        if heading:
            if slide is not None:
                close(slide)
            slide = _Open(heading.group(1), n)
            slide.body.append(line)
        elif slide is None:
            continue  # before the first slide: not shown
        elif slide.in_notes:
            if FENCE_CLOSE.match(line):
                slide.in_notes = False
            else:
                slide.notes.append(line)
        elif NOTES_OPEN.match(line):
            if slide.notes_at is not None:
                problems.append(Problem(display, n, "", f"diaset '{slide.title}' har mere end én blok med noter "
                                                        "(forventet én ::: notes-blok pr. dias)"))
            slide.notes_at = slide.notes_at or n
            slide.in_notes = True
        else:
            slide.body.append(line)
    if slide is not None:
        close(slide)
    return slides, problems


def load(path: Path, display: str) -> Slides:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError([Problem(display, 1, "", f"filen er for stor (højst {MAX_BYTES // 1024} kB)")])
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError([Problem(display, 1, "", "filen er ikke gyldig UTF-8 (gem den som UTF-8)")]) from None
    except OSError as exc:
        raise InputError([Problem(display, 1, "", f"kan ikke læse filen ({exc.strerror})")]) from None
    source = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), raw)  # keeps the line numbers
    titles = SLIDE_HEADING.findall(source)
    problems: list[Problem] = []
    if not titles:
        problems.append(Problem(display, 1, "", "ingen dias (forventet mindst én overskrift '## Titel')"))
    slides, notes_problems = split(source, display)
    problems += notes_problems
    for n, line in enumerate(source.splitlines(), start=1):
        for message in markdown_problems(line):
            problems.append(Problem(display, n, "", message))
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line))
    return Slides(source=source, titles=titles, slides=slides)
