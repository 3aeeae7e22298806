"""The course's slides (``forms/kursus/slides.md``): Markdown, one slide per ``##`` heading.

HTML comments are notes for whoever edits the file and are left out.  The checks: the file is
UTF-8 text of a sensible size, it has at least one slide, and its links, images and attributes are
allowed (``toolbox.links``).
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem
from ..model import Slides
from ..links import markdown_problems

SLIDES_FILE = Path("forms") / "kursus" / "slides.md"
SLIDE_HEADING = re.compile(r"^## +(.+?) *#*$", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
MAX_BYTES = 1024 * 1024


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
        problems.append(Problem(display, 1, "", "ingen slides (forventet mindst én overskrift '## Titel')"))
    for n, line in enumerate(source.splitlines(), start=1):
        for message in markdown_problems(line):
            problems.append(Problem(display, n, "", message))
    if problems:
        raise InputError(problems)
    return Slides(source=source, titles=titles)
