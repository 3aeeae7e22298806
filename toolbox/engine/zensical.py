"""Zensical, Material for MkDocs' successor, as the second engine: it reads the same generated
``mkdocs.yml`` and builds the same docs tree (``toolbox build --engine zensical``).

It runs in this process (its core is native code).  Two things it does differently from MkDocs are
handled here: it reads the snippets' ``base_path`` relative to the current folder, so the build runs
from the build folder (under a lock, as the current folder belongs to the whole process); and it
writes its messages straight to the process's standard output and error, so they are caught there
and, when the build fails, become the error's text.

What differs in the pages it makes, and is handled in the project's files: it shows the colour
toggle's partials even for one palette (``overrides/partials/palette.html`` and
``overrides/partials/javascripts/palette.html`` are empty, so no inline script runs and nothing is
stored), it takes Material's look only with ``theme.variant: classic`` (``mkdocs.yml``), and its
search panel puts one inline stylesheet into its shadow root, which the site's CSP allows by its
hash (``deploy/snippets/dkk-security-headers.conf``).
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from ..errors import ToolboxError

NAME = "Zensical"
PACKAGES = ("zensical", "pymdown-extensions", "Markdown")
SEARCH_INDEX = "search.json"
SEARCH_SCRIPT = "search.js"
_LOCK = threading.Lock()
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def unavailable() -> str | None:
    try:
        import zensical  # noqa: F401
    except ImportError as exc:
        return f"Zensical kan ikke indlæses ({exc}); kør scripts/setup.sh"
    return None


def build(config_file: Path, on_page: Any = None) -> None:
    """Build the site of ``config_file`` (strict: a warning, such as a broken link, stops it);
    ``on_page`` is not called: Zensical tells nothing of a page before the whole site is built."""
    import zensical

    config_file = config_file.resolve()
    with _LOCK, tempfile.TemporaryFile() as caught:
        here = os.getcwd()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        saved = [os.dup(1), os.dup(2)]
        os.dup2(caught.fileno(), 1)
        os.dup2(caught.fileno(), 2)
        try:
            os.chdir(config_file.parent)
            zensical.build(str(config_file), {"strict": True, "clean": False})
            failed = None
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # the native core raises RuntimeError, and a panic as a BaseException
            failed = exc
        finally:
            os.chdir(here)
            for fd, old in zip((1, 2), saved):
                os.dup2(old, fd)
                os.close(old)
        caught.seek(0)
        said = ANSI.sub("", caught.read().decode("utf-8", errors="replace"))
    if failed is not None:
        lines = [line.rstrip() for line in said.splitlines() if line.strip() and not line.startswith("Build ")]
        raise ToolboxError("Zensical-bygningen fejlede: " + ("\n".join(lines) or str(failed)))
