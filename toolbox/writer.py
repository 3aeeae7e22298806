"""The one place that writes what the build made: the generated docs tree, and the finished site
swapped into place.

The swap exchanges the new site folder with the old one in one step (Linux ``renameat2`` with
``RENAME_EXCHANGE``), so there is no moment when the site folder is missing or half-written; the
old site is then removed.  Where the exchange is not available (another system, another file
system), the old folder is renamed away and the new one renamed into place right after.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


def write_tree(base: Path, files: dict[str, bytes]) -> None:
    """Write rendered files (paths relative to ``base``)."""
    for rel, content in files.items():
        target = base / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when this system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0


def swap_into_place(new: Path, target: Path) -> None:
    """Put the finished site ``new`` where ``target`` is; the old site is removed."""
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # ``new`` now holds the old site
        return
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
