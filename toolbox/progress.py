"""The progress line of one build: which stage, which document, and the seconds so far.

On a terminal it is one line on standard error, redrawn in place by rich (a spinner, the text, the
time) and gone when the build ends, so only the summary line stays.  When standard error is not a
terminal (a pipe, a log file, CI) nothing is written: the output stays the summary and the error
lines, as before.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator


@contextmanager
def line(enabled: bool | None = None) -> Iterator[Callable[[str], None]]:
    """A ``progress(text)`` callback for :func:`toolbox.build.build`, shown while the block runs.
    ``enabled`` None: only when standard error is a terminal."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield lambda text: None
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(stderr=True)
    start = time.perf_counter()
    with console.status("", spinner="dots") as status:
        def say(text: str) -> None:  # a Text, not markup: a document's title may hold [brackets]
            status.update(Text(text) + Text(f" ({time.perf_counter() - start:.1f} s)", style="dim"))
        yield say
