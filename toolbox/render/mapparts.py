"""Rendering the Koordinatormappe's parts: each a WeasyPrint document of its own, side by side in
processes, each cached under its key (``toolbox.render.mappe`` says what the parts are, and
``toolbox.render.pdfjoin`` joins them).

A part's PDF comes with its page count and the anchors it links to but does not hold: WeasyPrint
drops a link to an anchor it cannot find, so a stand-in for each is put on the part's first page,
and the join leaves the stand-ins out.  The stylesheets are parsed once per process, not per part.
"""
from __future__ import annotations

import json
import logging
from concurrent.futures import Future
from contextlib import nullcontext
from pathlib import Path
from typing import Any, Callable

from ..cache import write_atomic
from .. import parallel
from ..model import Model
from . import pdf

log = logging.getLogger("toolbox")
PACKAGE = Path(__file__).resolve().parent.parent
Part = tuple[bytes, int, list[str]]  # the PDF, its pages, the anchors it only links to


_SHEETS: dict[tuple, list[Any]] = {}


def _stylesheets(model: Model, files: list[Path]) -> list[Any]:
    """The folder's stylesheets, parsed once per process (a part would otherwise spend a quarter of
    its time on them); given to WeasyPrint as the document's own, in the same order."""
    from weasyprint import CSS

    key = tuple((f, f.stat().st_mtime_ns) for f in files)
    if key not in _SHEETS:
        fetcher = pdf.url_fetcher(*pdf.fetch_folders(model))
        _SHEETS.clear()
        _SHEETS[key] = [CSS(url=f.as_uri(), url_fetcher=fetcher, font_config=pdf.font_config()) for f in files]
    return _SHEETS[key]


def render_part(model: Model, html: str, files: list[Path], tagged: bool = True, identifier: bool = False) -> Part:
    """One part as a PDF: its bytes, its number of pages, and the anchors it links to but does not
    hold (a stand-in for each is put on its first page, so WeasyPrint keeps those links);
    ``identifier``: with a file identifier (a PDF of its own, not a part to join)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    doc = HTML(string=html, base_url=PACKAGE.as_uri() + "/",
               url_fetcher=pdf.url_fetcher(*pdf.fetch_folders(model))).render(
        font_config=pdf.font_config(), stylesheets=_stylesheets(model, files), **options)
    own = {name for page in doc.pages for name in page.anchors}
    foreign = sorted({target for page in doc.pages for kind, target, _, _ in page.links
                      if kind == "internal" and target not in own})
    if foreign and doc.pages:
        doc.pages[0].anchors.update({name: (0, 0, 0, 0) for name in foreign})
    data = doc.write_pdf(pdf_identifier=identifier, uncompressed_pdf=False,
                         finisher=pdf.scope_table_headers if tagged else None, **options)
    return data, len(doc.pages), foreign


def _part_job(model: Model, html: str, files: list[Path], tagged: bool, identifier: bool) -> Part:
    return render_part(model, html, files, tagged, identifier)


def warm(model: Model, files: list[Path]) -> None:
    """Load what a part needs (WeasyPrint, the fonts, the stylesheets ``files``), in a process started
    before the parts are known (``toolbox.parallel.started``), so the first part does not wait for them."""
    _stylesheets(model, files)


class Parts:
    """The rendered parts, cached one by one under ``folder`` (none when it is None): each entry the
    part's PDF and a line with its page count and the anchors it only links to.  ``what`` names
    them on the progress line; ``identifier``: each a PDF of its own (the course pack's pages)."""

    def __init__(self, folder: Path | None, model: Model, files: list[Path], jobs: int | None, progress: Any = None,
                 what: str = "koordinatormappe", identifier: bool = False, pool: Any = None,
                 started: dict[str, Future] | None = None):
        self.folder, self.model, self.files, self.jobs = folder, model, files, jobs
        self.what, self.identifier = what, identifier
        self.pool = pool  # the build's pool (``toolbox.parallel.started``), its processes warm; None: one of
        # its own, started the same way, for as long as one call of :meth:`get_many` (``toolbox serve``)
        self.started: dict[str, Future] = {} if started is None else started  # key -> part being rendered in ``pool``
        self.say = progress or (lambda text: None)
        self.made = 0

    def _meta(self, key: str) -> tuple[int, list[str]] | None:
        """The line of the part ``key`` in the cache: its page count and the anchors it only links to."""
        if self.folder is None:
            return None
        try:
            lines = (self.folder / f"{key}.txt").read_text(encoding="utf-8").split("\n")
            return int(lines[0]), [m for m in lines[1:] if m]
        except (OSError, ValueError, IndexError):
            return None

    def _get(self, key: str) -> Part | None:
        meta = self._meta(key)
        if meta is None:
            return None
        try:
            return (self.folder / f"{key}.pdf").read_bytes(), *meta
        except OSError:
            return None

    def count(self, key: str) -> int | None:
        """The page count of the part ``key`` when the cache has it (None: not there)."""
        meta = self._meta(key)
        return meta[0] if meta is not None else None

    def _put(self, key: str, part: Part) -> None:
        if self.folder is None:
            return
        try:  # the PDF first: an entry counts only when its line is there
            write_atomic(self.folder / f"{key}.pdf", part[0])
            write_atomic(self.folder / f"{key}.txt", "\n".join([str(part[1]), *part[2]]).encode())
        except OSError as exc:
            log.warning("kunne ikke gemme en del af koordinatormappen i cachen: %s", exc)

    def start(self, key: str, html: Callable[[], str], tagged: bool = True) -> None:
        """The part ``key`` sent to the pool now (it must have one), unless it is started or cached
        already; ``html()`` makes its document only then.  :meth:`get_many` takes it from there."""
        if key not in self.started and self.count(key) is None:
            self.started[key] = self.pool.submit(_part_job, self.model, html(), self.files, tagged, self.identifier)

    def get_many(self, wanted: list[tuple[str, str, bool, str]]) -> dict[str, Part]:
        """(key, html, tagged, what) → the parts, from the cache or rendered side by side."""
        out: dict[str, Part] = {}
        todo = []
        for key, html, tagged, what in wanted:
            hit = self._get(key)
            if hit is not None:
                out[key] = hit
            elif key not in {t[0] for t in todo}:
                todo.append((key, html, tagged, what))
        if not todo:
            return out
        from concurrent.futures import as_completed

        workers = parallel.workers(len(todo), self.jobs)
        if workers <= 1 and self.pool is None and not self.started:
            for n, (key, html, tagged, what) in enumerate(todo, 1):
                self.say(f"laver {self.what}: {what} ({n}/{len(todo)})")
                out[key] = render_part(self.model, html, self.files, tagged, self.identifier)
                self._put(key, out[key])
        else:
            # the largest first, so the last one to finish is a small one
            todo.sort(key=lambda t: -len(t[1]))
            with nullcontext(self.pool) if self.pool else parallel.started(workers, warm, self.model, self.files) as pool:
                futures = {self.started.pop(key, None) or pool.submit(_part_job, self.model, html, self.files, tagged,
                                                                      self.identifier): (key, what)
                           for key, html, tagged, what in todo}
                for n, future in enumerate(as_completed(futures), 1):
                    key, what = futures[future]
                    out[key] = future.result()
                    self._put(key, out[key])
                    self.say(f"laver {self.what}: {what} ({n}/{len(todo)})")
        self.made += len(todo)
        return out


def remembered(file: Path | None) -> dict[str, Any] | None:
    """The layout the last build wrote to ``file`` (the Koordinatormappe's: its cover and contents'
    page count and each page's), or None: none, or not readable as one."""
    try:
        layout = json.loads(file.read_text(encoding="utf-8")) if file else None
        return layout if isinstance(layout["front"], int) and isinstance(layout["pages"], dict) else None
    except (OSError, ValueError, TypeError, KeyError):
        return None


def remember(file: Path | None, known: dict[str, Any] | None, layout: dict[str, Any]) -> None:
    """``layout`` written to ``file``, unless it is the one read from it (``known``)."""
    if file is None or known == layout:
        return
    try:
        write_atomic(file, json.dumps(layout, ensure_ascii=False, sort_keys=True).encode())
    except OSError as exc:
        log.warning("kunne ikke gemme koordinatormappens sidetal i cachen: %s", exc)
