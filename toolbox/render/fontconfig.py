"""One WeasyPrint font configuration per process, cleaned up when the process ends."""
from __future__ import annotations

import os
import shutil
from multiprocessing import util
from typing import Any

_FONT_CONFIG: dict[int, Any] = {}
# The configurations a forked process inherited from its parent.  Kept, never dropped: dropping one
# runs its clean-up, which deletes the font folder on disk that the parent still writes to.
_INHERITED: list[Any] = []


def font_config() -> Any:
    """One WeasyPrint font configuration per process, shared by every PDF it makes.

    All PDFs use the same font files.  A configuration of their own per document costs the
    loading of the fonts each time and keeps about 0.5 MB that fontconfig does not give back,
    which adds up over the hundreds of PDFs of ``build --all-profiles``.  The output is the same
    byte for byte.  Keyed by process, so a forked worker makes its own (and leaves the one it
    inherited, with its parent's font folder, alone).
    """
    from weasyprint.text.fonts import FontConfiguration

    pid = os.getpid()
    if pid not in _FONT_CONFIG:
        _INHERITED.extend(_FONT_CONFIG.values())
        _FONT_CONFIG.clear()
        _FONT_CONFIG[pid] = FontConfiguration()
        # run at the end of this process (also a worker's, which ends without running atexit; a
        # finaliser of another process is skipped): WeasyPrint's own clean-up runs at interpreter
        # shutdown, when the function it calls is gone, and leaves the folder behind
        util.Finalize(None, _drop, args=(pid,), exitpriority=10)
    return _FONT_CONFIG[pid]


def _drop(pid: int) -> None:
    """Delete this process's font folder now, and keep every configuration's clean-up from running later
    (an inherited one's folder is its parent's to delete)."""
    config = _FONT_CONFIG.pop(pid, None)
    if config is not None and getattr(config, "_folder", None):
        shutil.rmtree(config._folder, ignore_errors=True)
    for c in [config, *_INHERITED]:
        if c is not None:
            c._folder = None
