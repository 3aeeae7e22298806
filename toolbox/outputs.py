"""The output registry: everything the build writes, one entry per output, in the order they run.

Each output is a module of ``toolbox.render``; the build asks this registry, never a module by name.
Three stages:

- ``form``: files of each form (PDF, DOCX, ODT, JSON Schema).  The module defines
  ``render_form(model, form) -> {path: bytes}`` (pure, so forms render in processes side by side),
  ``inputs(model) -> [Path]`` (files besides the schema and profile that change its output; they
  key the document cache), ``TOOLS`` (packages whose versions key the cache), optionally
  ``PROFILE_FIELDS`` (the profile fields it reads; ``()`` none: profiles then share the document)
  and ``unavailable() -> str | None`` (why it cannot run on this machine).
- ``site``: files made once from the whole model and everything earlier outputs made:
  ``render(model, ctx) -> {path: bytes}`` (``ctx.files``, ``ctx.cache``, ``ctx.neutral``).  Paths
  are relative to the docs folder.

The form outputs run for the profile's model and for the neutral view (``inputs.neutral_model``:
no profile, every form; its documents go to ``blanketter/filer/neutral/`` and are shared by every
profile through the cache); ``ctx.neutral`` is that view, for the outputs that list its documents.
- ``after-site``: files made from the built site (the Koordinatormappe reads its pages, the offline
  ZIP builds it again): ``render(model, ctx)`` with ``ctx.site``, ``ctx.config``, ``ctx.engine``;
  ``PATHS`` lists what it writes (the docs tree holds empty placeholders for them while the site is
  built, so links to them are checked).  Paths are relative to the site folder.  It may define
  ``warm(model)``: what it needs loaded, run in a process of ``ctx.pool`` while the engine builds,
  and ``Early(model, config, cache, pool)``: an object whose ``page(path, html)`` the engine calls
  with each page it writes (MkDocs does), to start work in the pool then, and whose optional
  ``done()`` is called when the engine has finished (work held back until then, so that what the
  build waits for first goes first); the output gets it as ``ctx.early``.

Every output declares ``HANDLES``: the field kinds it renders (``None``: it renders no form
fields), and ``tests/test_outputs.py`` walks every kind × every output.  An output may define
``nav(model) -> [NavEntry]``: pages it adds to the site's menu.  A new output is one module and one
line here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Literal

from .render import NavEntry, missing_packages

Stage = Literal["form", "site", "after-site"]


@dataclass(frozen=True)
class Output:
    name: str
    module_name: str
    stage: Stage
    what: str  # what it is, in Danish (shown when it is skipped)

    @property
    def module(self) -> ModuleType:
        return import_module(self.module_name)

    @property
    def handles(self) -> frozenset[str] | None:
        found = getattr(self.module, "HANDLES")  # every output declares it
        return None if found is None else frozenset(found)

    def unavailable(self) -> str | None:
        check = getattr(self.module, "unavailable", None)
        return check() if check else None

    def tools_missing(self) -> list[str]:
        """The packages of its ``TOOLS`` (whose versions key its cache) that are not installed."""
        return missing_packages(getattr(self.module, "TOOLS", ()))


OUTPUTS: tuple[Output, ...] = (
    Output("pdf", "toolbox.render.pdf", "form", "PDF-blanketter"),
    Output("docx", "toolbox.render.docx", "form", "Word-blanketter"),
    Output("odt", "toolbox.render.odt", "form", "LibreOffice-blanketter"),
    Output("jsonschema", "toolbox.render.jsonschema", "form", "JSON-skemaer"),
    Output("profile", "toolbox.render.profile", "site", "profilens farver og logo"),
    Output("pages", "toolbox.render.pages", "site", "sider med trin og profiltekster"),
    Output("catalogue", "toolbox.render.catalogue", "site", "redskabskataloget"),
    Output("bundle", "toolbox.render.bundle", "site", "blanketterne i én ZIP-fil"),
    Output("html", "toolbox.render.html", "site", "blanketsiderne"),
    Output("profile_builder", "toolbox.render.profile_builder", "site", "siden “Lav jeres egen udgave”"),
    Output("slides", "toolbox.render.slides", "site", "kursets dias"),
    Output("ecomap", "toolbox.render.ecomap", "site", "tegninger af netværket til kursets øvelsessager"),
    Output("sheets", "toolbox.render.sheets", "site", "udfyldte blanketter til kursets øvelsessager"),
    Output("rolecards", "toolbox.render.rolecards", "site", "rollekort til kursets øvelsessager"),
    Output("course", "toolbox.render.course", "site", "kursets øvelsessager"),
    Output("trainer", "toolbox.render.trainer", "site", "sider til underviseren"),
    Output("mappe", "toolbox.render.mappe", "after-site", "koordinatormappe"),
    Output("coursepack", "toolbox.render.coursepack", "after-site", "kursuspakke"),
    Output("offline", "toolbox.render.offline", "after-site", "offline-udgave"),
)


def stage(name: Stage) -> list[Output]:
    return [o for o in OUTPUTS if o.stage == name]


def by_name(name: str) -> Output:
    return next(o for o in OUTPUTS if o.name == name)


@dataclass
class Context:
    """What a site or after-site output gets besides the model."""

    files: dict[str, bytes] = field(default_factory=dict)  # what earlier outputs made
    neutral: Any = None  # site: the neutral view (a ``Model`` without profile) whose documents ``files`` holds, or None
    cache: Path | None = None  # this output's cache folder (None: build without the cache)
    site: Path | None = None  # after-site: the built site
    work: Path | None = None  # after-site: the build's temporary folder (for a second engine run)
    config: dict[str, Any] | None = None  # after-site: the engine's configuration of the site
    engine: Any = None  # after-site: the site engine's module (``toolbox.engine.mkdocs`` or ``.zensical``)
    jobs: int | None = None  # how many processes an output may render in (None: all cores)
    progress: Any = None  # progress(text): what the output is making now, for the progress line
    pool: Any = None  # after-site: the build's process pool, started before the engine (None: each makes its own)
    early: Any = None  # after-site: its ``Early`` object, which saw the pages while the engine wrote them (or None)


def nav_entries(model: Any) -> list[NavEntry]:
    out: list[NavEntry] = []
    for output in OUTPUTS:
        nav = getattr(output.module, "nav", None)
        if nav is not None:
            out.extend(nav(model))
    return out


def why_unavailable(name: str) -> str | None:
    """The named output's ``unavailable()`` (a function of this module, so a process pool can run it)."""
    return by_name(name).unavailable()


def ask_unavailable(pool: Any) -> dict[str, Any]:
    """Each after-site output's :func:`why_unavailable`, asked of ``pool`` (output name → future): its
    processes load WeasyPrint anyway, the build's own need not."""
    return {output.name: pool.submit(why_unavailable, output.name) for output in stage("after-site")}


def warm(model: Any) -> None:
    """In a process started before the engine runs: what the after-site outputs will need, loaded
    (each output's optional ``warm(model)``), so the first page they print does not wait for it."""
    for output in stage("after-site"):
        fn = getattr(output.module, "warm", None)
        try:
            if fn is not None and output.unavailable() is None:
                fn(model)
        except Exception:  # noqa: BLE001 - a pool whose start failed would be broken; the render says what is wrong
            pass


def early(model: Any, config: dict[str, Any], cache: Path | None, pool: Any) -> dict[str, Any]:
    """The after-site outputs' ``Early`` objects (output name → object), for work started in ``pool``
    while the engine builds.  It is work ahead of time only: an output that cannot start it gets none."""
    out: dict[str, Any] = {}
    for output in stage("after-site"):
        make = getattr(output.module, "Early", None)
        if make is not None and not output.tools_missing():
            try:
                out[output.name] = make(model, config, cache / output.name if cache else None, pool)
            except Exception:  # noqa: BLE001 - (e.g. WeasyPrint not installed): the output itself will say why
                continue
    return out


def on_page(starts: dict[str, Any]) -> Callable[[str, str], None] | None:
    """What the engine calls with each page it writes (its docs path and HTML): every ``Early`` object's ``page``."""
    if not starts:
        return None

    def page(path: str, html: str) -> None:
        for start in starts.values():
            start.page(path, html)
    return page


def engine_done(starts: dict[str, Any]) -> None:
    """The engine has written every page: each ``Early`` object's ``done()``, where it has one."""
    for start in starts.values():
        if hasattr(start, "done"):
            start.done()


def placeholders() -> dict[str, bytes]:
    """Empty files where the after-site outputs will write, so links to them check while the site is built."""
    return {path: b"" for o in stage("after-site") for path in o.module.PATHS}
