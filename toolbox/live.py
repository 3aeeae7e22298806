"""``toolbox serve``'s session: build, serve, watch, rebuild, and make the downloads afterwards.

- **Watching**: ``watchfiles`` (Rust's ``notify``: inotify on Linux) watches ``docs/``, ``forms/``,
  ``includes/``, ``overrides/``, ``deploy/`` and ``mkdocs.yml``; a burst of changes (an editor's
  save) is one rebuild.  The rebuild is the normal build without the downloads: documents,
  Koordinatormappe parts and the offline ZIP come from the caches unless their inputs changed, and
  the engine runs in this process, with its modules already loaded.
- **Broken input**: the problems are printed in the terminal as ``FILE:LINE`` lines and sent to the
  open pages (``toolbox.serve.Hub``), which show them over the page; the last good site stays
  served, and the next good build reloads the page.
- **Downloads**: the Koordinatormappe and the offline ZIP are made after the pages are up, in a
  process of their own (started fresh: this one has threads) from a hard-linked snapshot of the
  served site, and written into the served site as each is ready; until then their links say so.
  A new change stops the job (its whole process group): it would be out of date, and the core is
  better spent on the pages.
"""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from pathlib import Path
from typing import Any, Callable

from .serve import Handler, Hub, State, server

WATCHED = ("docs", "forms", "includes", "overrides", "deploy", "mkdocs.yml")
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".kate-swp")
DOWNLOADS_LATER = "koordinatormappen, kursuspakken og offline-ZIP'en laves nu bagefter"


def _make_downloads(conn: Any, model: Any, snapshot: str, config: dict, cache: str | None, engine_name: str) -> None:
    """In the downloads process: each after-site output of the snapshot, sent as it is made."""
    os.setpgrp()  # its own process group, so that stopping it stops the processes it renders in
    from . import engine, outputs

    site = Path(snapshot)
    done: dict[str, bytes] = {}
    try:
        for output in outputs.stage("after-site"):
            why = output.unavailable()
            if why:
                conn.send(("skipped", output.what, why))
                continue
            ctx = outputs.Context(files=dict(done), cache=Path(cache) / output.name if cache else None, site=site,
                                  config=config, engine=engine.get(engine_name))
            files = output.module.render(model, ctx)
            for rel, data in files.items():  # into the snapshot too: the next output reads the site
                (site / rel).unlink(missing_ok=True)  # a hard link to the served site's file: never write through it
                (site / rel).parent.mkdir(parents=True, exist_ok=True)
                (site / rel).write_bytes(data)
                conn.send(("made", rel, data))
            done.update(files)
        conn.send(("done", "", b""))
    except Exception as exc:  # reported in the terminal; the pages stay served
        conn.send(("failed", type(exc).__name__, str(exc)))
    finally:
        conn.close()


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


class Downloads:
    """The one downloads job at a time: started after a build, stopped by the next change."""

    def __init__(self, hub: Hub, say: Callable[[str], None]):
        self.hub, self.say = hub, say
        self.proc: multiprocessing.process.BaseProcess | None = None
        self.generation = 0
        self.lock = threading.Lock()

    def stop(self) -> None:
        with self.lock:
            self.generation += 1
            proc, self.proc = self.proc, None
        if proc is not None and proc.is_alive():
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except (ProcessLookupError, PermissionError):
                proc.terminate()
            proc.join(timeout=10)

    def start(self, model: Any, site: Path, snapshot: Path, config: dict, cache: Path | None, engine_name: str,
              paths: dict[str, str]) -> None:
        self.stop()
        if snapshot.exists():
            shutil.rmtree(snapshot)
        shutil.copytree(site, snapshot, copy_function=_link_or_copy)  # hard links: instant, and safe from the next swap
        ctx = multiprocessing.get_context("spawn")  # this process has threads: no fork
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_make_downloads, args=(child, model, str(snapshot), config,
                                                         str(cache) if cache else None, engine_name))
        with self.lock:
            generation = self.generation
            self.proc = proc
        proc.start()
        child.close()
        threading.Thread(target=self._collect, args=(parent, proc, generation, site, snapshot, paths),
                         daemon=True).start()

    def _collect(self, conn: Any, proc: Any, generation: int, site: Path, snapshot: Path, paths: dict[str, str]) -> None:
        from .cache import write_atomic

        start = time.perf_counter()
        try:
            while True:
                try:
                    kind, name, data = conn.recv()
                except (EOFError, OSError):
                    break
                if generation != self.generation:
                    break
                if kind == "made":
                    write_atomic(site / name, data)  # into the served site; renamed into place whole
                    self.hub.update(lambda s: s.downloads.__setitem__(name, "ready"))
                    self.say(f"{paths.get(name, name)} er klar ({time.perf_counter() - start:.1f} s)")
                elif kind == "skipped":
                    self.say(f"{name} laves ikke: {data}")
                elif kind == "failed":
                    self.hub.update(lambda s: s.downloads.update({p: "failed" for p, v in s.downloads.items() if v != "ready"}))
                    self.say(f"toolbox: downloads kunne ikke laves: {name}: {data}")
                elif kind == "done":
                    break
        finally:
            conn.close()
            proc.join(timeout=30)
            shutil.rmtree(snapshot, ignore_errors=True)


# ---- the session: build, serve, watch, rebuild -----------------------------------------------------

def _relevant(change: Any, path: str) -> bool:
    name = os.path.basename(path)
    return not (name.startswith((".#", ".~")) or name.endswith(IGNORED_SUFFIXES) or "__pycache__" in path
                or f"{os.sep}.git{os.sep}" in path)


class Session:
    """``toolbox serve``: one build without the downloads, the server, then a rebuild per change."""

    def __init__(self, root: Path, profile: str, site: Path, engine_name: str, out: Callable[[str], None],
                 progress: Callable[[], Any]):
        from .cache import cache_root

        self.root, self.profile, self.site, self.engine_name = root, profile, site.resolve(), engine_name
        self.out, self.progress = out, progress
        self.hub = Hub()
        self.downloads = Downloads(self.hub, out)
        self.cache = cache_root(root)
        self.headers: dict[str, str] = {}
        self.handler: type[Handler] | None = None

    def rebuild(self, changed: list[str] | None = None) -> bool:
        """Build the pages; on success swap them in, tell the pages, start the downloads."""
        from . import engine, outputs
        from .build import DOWNLOADS_LEFT_OUT, build
        from .errors import InputError, ToolboxError

        self.downloads.stop()  # out of date now, and its core is better spent on the pages
        start = time.perf_counter()
        what = f"{', '.join(changed)}: " if changed else ""
        result = None
        try:
            with self.progress() as say:
                result = build(self.root, self.profile, self.site, with_downloads=False, progress=say,
                               engine_name=self.engine_name)
        except InputError as exc:
            problems = [str(p) for p in exc.problems]
        except ToolboxError as exc:
            problems = [f"toolbox: {line}" if i == 0 else line for i, line in enumerate(str(exc).splitlines())]
        except Exception as exc:  # a failure of the tool itself: said, and the server keeps serving
            problems = [f"toolbox: intern fejl: {type(exc).__name__}: {exc}"]
        if result is None or result.model is None:
            self.out(f"{what}fejl")
            for line in problems:
                self.out(line)
            self.out(f"Siden er ikke bygget om; den sidste gode udgave vises stadig. "
                     f"Ret fejlen og gem filen ({time.perf_counter() - start:.1f} s).")
            self.hub.update(lambda s: setattr(s, "problems", problems))
            return False
        model = result.model
        self.headers = dict(model.headers)
        if self.handler is not None:
            self.handler.headers_to_send = dict(model.headers)
        if result.unchanged and self.hub.state.build and not self.hub.state.problems:
            self.out(f"{what}intet at bygge om ({result.seconds:.1f} s)")
            return True
        result.skipped.pop(DOWNLOADS_LEFT_OUT, None)
        self.out(f"{what}{result.summary()}; {DOWNLOADS_LATER}")

        paths = {path: o.what[:1].upper() + o.what[1:] for o in outputs.stage("after-site") for path in o.module.PATHS}

        def built(s: State) -> None:  # the new site has no downloads yet
            s.build += 1
            s.problems = []
            s.downloads.update({p: "making" for p in paths})
            s.labels.update(paths)
        self.hub.update(built)
        config = engine.config(engine.read_config(self.root), model, outputs.nav_entries(model))
        snapshot = self.cache / "serve" / f"snapshot-{os.getpid()}"
        self.downloads.start(model, self.site, snapshot, config, self.cache, self.engine_name, paths)
        return True

    def serve(self, host: str, port: int) -> None:
        import watchfiles

        if threading.current_thread() is threading.main_thread():  # stopped like Ctrl+C: the downloads stop too
            signal.signal(signal.SIGTERM, signal.default_int_handler)

        if not self.rebuild():
            if not (self.site / "index.html").is_file():
                raise SystemExit(2)  # nothing to show yet: the problems are printed
            from .errors import InputError
            from .inputs import headers as header_input

            try:  # the last good site, with the headers it is meant to have
                self.headers = header_input.load(self.root / header_input.HEADERS_FILE, str(header_input.HEADERS_FILE))
            except InputError:
                pass
        httpd = server(self.site, host, port, self.headers, self.hub)
        self.handler = httpd.handler
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        self.out(f"Siden kører på http://{host}:{port}/ og bygges om, når du gemmer en fil (stop med Ctrl+C)")
        stop = threading.Event()
        paths = [self.root / name for name in WATCHED if (self.root / name).exists()]
        try:
            for changes in watchfiles.watch(*paths, watch_filter=_relevant, stop_event=stop, debounce=400, step=50,
                                            raise_interrupt=False):
                names = sorted({os.path.relpath(path, self.root) for _, path in changes})
                self.rebuild(names[:3] + ([f"og {len(names) - 3} til"] if len(names) > 3 else []))
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            self.downloads.stop()
            self.hub.close()
            httpd.shutdown()
            httpd.server_close()
