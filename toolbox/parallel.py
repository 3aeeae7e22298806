"""The build's one way to use every core: calls made side by side in processes.

The documents (``toolbox.build``), the course's filled forms (``render/sheets.py``) and role cards
(``render/rolecards.py``) each render their uncached files with :func:`side_by_side`.  The pages of
the Koordinatormappe and the course pack, which report each page as it is done, go to the pool of
:func:`started`: the build starts it before the engine runs, and its processes load WeasyPrint,
the fonts and the stylesheets meanwhile (an edited page is then printed without waiting for them);
without the build's pool (``toolbox serve``'s downloads), ``render/mapparts.py`` starts one the same way.
Processes are forked from the build's, so they start with its modules loaded; an error raised in
one comes back whole (``toolbox.errors``).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence


def workers(count: int, jobs: int | None) -> int:
    """How many processes ``count`` calls get: at most ``jobs`` (default: every core)."""
    return min(count, jobs or os.cpu_count() or 1)


def side_by_side(fn: Callable[..., Any], calls: Sequence[tuple], jobs: int | None) -> list[Any]:
    """``fn(*args)`` for each ``args`` of ``calls``, in their order; in this process when one
    process would do (one call, or ``jobs`` 1), else in up to ``jobs`` processes at once."""
    n = workers(len(calls), jobs)
    if n <= 1:
        return [fn(*args) for args in calls]
    with ProcessPoolExecutor(max_workers=n) as pool:
        return list(pool.map(fn, *zip(*calls)))


@contextmanager
def started(jobs: int | None, warm: Callable[..., Any], *args: Any) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``jobs`` processes (default: every core) for work that comes later, started now:
    each runs ``warm(*args)`` first (loading what that work needs); shut down at the end."""
    pool = ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1, initializer=warm, initargs=args)
    try:
        pool.submit(int)  # forked now (a forking pool starts all its processes at its first call)
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
