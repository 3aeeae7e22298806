"""The hand-written pages under ``docs/``: which exist, and the text of those the build fills in.

A page may hold markers the build replaces: ``<!-- trin -->`` (the guide's step diagram, from
``forms/trin.yml``) and ``<!-- profil:NAME -->`` (a text from the municipality profile).  The pages
are read once here; the steps check and the outputs use what is read.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem
from ..model import PROFILE_MARKER, PROFILE_MARKERS, STEPS_MARKER, Pages
_ANY_PROFILE_MARKER = re.compile(r"<!-- profil:([^ ]*) -->")
MAX_PAGES = 2_000
MAX_PAGE_BYTES = 2 * 1024 * 1024


def load(docs: Path, display: str = "docs") -> Pages:
    """Every Markdown page under ``docs`` and the text of those with a marker."""
    problems: list[Problem] = []
    paths: list[str] = []
    marked: dict[str, str] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        paths.append(rel)
        if len(paths) > MAX_PAGES:
            raise InputError([Problem(display, 1, "", f"der er mere end {MAX_PAGES} sider")])
        try:
            if path.stat().st_size > MAX_PAGE_BYTES:
                problems.append(Problem(f"{display}/{rel}", 1, "", f"siden er for stor (højst {MAX_PAGE_BYTES // 1024 // 1024} MB)"))
                continue
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(f"{display}/{rel}", 1, "", "siden er ikke gyldig UTF-8 (gem den som UTF-8)"))
            continue
        except OSError as exc:
            problems.append(Problem(f"{display}/{rel}", 1, "", f"kan ikke læse siden ({exc.strerror})"))
            continue
        for n, line in enumerate(text.splitlines(), start=1):
            for m in _ANY_PROFILE_MARKER.finditer(line):
                if m.group(1) not in PROFILE_MARKERS:
                    problems.append(Problem(f"{display}/{rel}", n, "", f"ukendt markør '{m.group(0)}' (forventet en af: "
                                            + ", ".join(PROFILE_MARKER.format(name=p) for p in PROFILE_MARKERS) + ")"))
        if STEPS_MARKER in text or "<!-- profil:" in text:
            marked[rel] = text
    if problems:
        raise InputError(problems)
    return Pages(paths=paths, marked=marked)
