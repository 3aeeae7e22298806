"""The site's HTTP security headers, from the nginx snippet in ``deploy/`` (one place for them).

``deploy/snippets/dkk-security-headers.conf`` is what production nginx sends with every response;
``toolbox serve`` sends the same headers, and the offline copy's pages carry its Content-Security-
Policy as a ``<meta>`` tag.  Each ``add_header NAME "VALUE" always;`` line is one header.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError, Problem

HEADERS_FILE = Path("deploy") / "snippets" / "dkk-security-headers.conf"
LINE = re.compile(r'^\s*add_header\s+([A-Za-z-]+)\s+"([^"]*)"(?:\s+always)?\s*;\s*$')


def load(path: Path, display: str) -> dict[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(display, 1, "", f"kan ikke læse filen ({exc})")]) from None
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = LINE.match(line)
        if m is None:
            problems.append(Problem(display, n, "", 'forventet en linje som add_header NAVN "VÆRDI" always;'))
        else:
            headers[m.group(1)] = m.group(2)
    if "Content-Security-Policy" not in headers and not problems:
        problems.append(Problem(display, 1, "", "mangler add_header Content-Security-Policy"))
    if problems:
        raise InputError(problems)
    return headers
