"""``toolbox serve``: the site on a local port with the same headers as production, rebuilt when an
input changes, and the open page reloaded by itself.

- **Headers**: from ``deploy/snippets/dkk-security-headers.conf`` (``Model.headers``), so a page that
  breaks the Content-Security-Policy breaks here too, as it would behind nginx.  Documents are sent
  as downloads with the MIME types ``deploy/toolbox-site.conf`` gives them.
- **Watching and rebuilding**: ``toolbox.live`` (the session).
- **Reloading**: every HTML page the server sends gets one ``<script src="/__toolbox/reload.js">``
  (a file, so the CSP needs no ``unsafe-inline``; only ``serve`` adds it, ``toolbox build`` never
  writes it).  The script listens to ``/__toolbox/events`` (server-sent events, same origin) and
  reloads the page after each new build.
- **Broken input**: the open pages show the build's problems over the page (in Danish); the last
  good site stays served.
- **Downloads**: until the Koordinatormappe and the offline ZIP are made (after the pages, see
  ``toolbox.live``), their links say so, and asking for one gives a short page that says so
  (status 503) and fetches the file by itself when it is ready.
"""
from __future__ import annotations

import functools
import http.server
import json
import os
import threading
import time
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable

MIME_TYPES = {
    ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2",
    ".pdf": "application/pdf", ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
DOWNLOADS = (".pdf", ".docx", ".odt", ".zip", ".pptx")
PREFIX = "/__toolbox/"  # the server's own files and events; never a path of the site
ASSETS = Path(__file__).resolve().parent / "templates" / "serve"
RELOAD_TAG = '<script src="/__toolbox/reload.js" data-build="{build}" defer></script>'
# What the links say while a download is being made, and the page shown when one is asked for then.
MAKING = "bliver lavet – klar om lidt"
NOT_READY_TITLE = "Filen bliver lavet"
NOT_READY_TEXT = ("{what} bliver lavet lige nu, efter at siderne er bygget. Prøv igen om lidt – "
                  "siden her henter filen af sig selv, når den er klar.")
FAILED = "kunne ikke laves (se terminalen)"


@dataclass
class State:
    """What the open pages are told: the build's number, its problems, the downloads' status."""

    server: str = field(default_factory=lambda: f"{os.getpid()}-{time.time_ns()}")
    build: int = 0
    problems: list[str] = field(default_factory=list)
    downloads: dict[str, str] = field(default_factory=dict)  # site path → "making" | "ready" | "failed"
    labels: dict[str, str] = field(default_factory=dict)  # site path → what it is, in Danish

    def as_json(self) -> bytes:
        return json.dumps({"server": self.server, "build": self.build, "problems": self.problems,
                           "downloads": self.downloads, "labels": self.labels,
                           "texts": {"making": MAKING, "failed": FAILED}}, ensure_ascii=False).encode()


class Hub:
    """The state, and a condition the event streams wait on."""

    def __init__(self) -> None:
        self.state = State()
        self.changed = threading.Condition()
        self.version = 0
        self.closed = False

    def update(self, change: Callable[[State], None]) -> None:
        with self.changed:
            change(self.state)
            self.version += 1
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()


class Handler(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}
    hub: Hub | None = None
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        if self.path.split("?", 1)[0].lower().endswith(DOWNLOADS):
            self.send_header("Content-Disposition", "attachment")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is for the editor
        pass

    # ---- live reload (only when the server has a hub) ----

    def do_GET(self) -> None:
        if self.hub is None:
            return super().do_GET()
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX + "events":
            return self._events()
        if path.startswith(PREFIX):
            return self._asset(path[len(PREFIX):])
        rel = path.lstrip("/")
        status = self.hub.state.downloads.get(rel)
        if status is not None and status != "ready":
            return self._not_ready(rel)
        file = Path(self.translate_path(self.path))
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            return self._page(file)
        return super().do_GET()

    def _send(self, status: int, ctype: str, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _page(self, file: Path) -> None:
        text = file.read_bytes()
        tag = self._tag()
        at = text.find(b"</head>")
        body = text[:at] + tag + text[at:] if at >= 0 else text + tag
        self._send(200, "text/html; charset=utf-8", body)

    def _tag(self) -> bytes:
        return RELOAD_TAG.format(build=self.hub.state.build if self.hub else 0).encode()

    def _asset(self, name: str) -> None:
        files = {"reload.js": "text/javascript", "reload.css": "text/css"}
        if name not in files:
            return self.send_error(404)
        self._send(200, files[name] + "; charset=utf-8", (ASSETS / name).read_bytes())

    def _not_ready(self, rel: str) -> None:
        what = self.hub.state.labels.get(rel, rel) if self.hub else rel
        failed = self.hub is not None and self.hub.state.downloads.get(rel) == "failed"
        text = f"{what} {FAILED}." if failed else NOT_READY_TEXT.format(what=what)
        body = (f'<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                f'<title>{escape(NOT_READY_TITLE)}</title>\n<link rel="stylesheet" href="{PREFIX}reload.css">\n'
                f'{self._tag().decode()}\n</head>\n<body class="tb-serve-waiting" data-tb-waiting="{escape(rel)}">\n'
                f'<main><h1>{escape(NOT_READY_TITLE)}</h1>\n<p>{escape(text)}</p></main>\n</body>\n</html>\n').encode()
        self.send_response(503)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Retry-After", "5")
        self.send_header("Cache-Control", "no-store")
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        http.server.BaseHTTPRequestHandler.end_headers(self)  # no attachment: it is a page
        if self.command != "HEAD":
            self.wfile.write(body)

    def _events(self) -> None:
        hub = self.hub
        assert hub is not None
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        try:
            while True:
                with hub.changed:
                    if hub.version == seen and not hub.closed:
                        hub.changed.wait(timeout=15)
                    if hub.closed:
                        return
                    if hub.version == seen:
                        message = b": ping\n\n"
                    else:
                        seen = hub.version
                        message = b"data: " + hub.state.as_json() + b"\n\n"
                self.wfile.write(message)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, OSError):
            return


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    handler: type[Handler]


def server(site: Path, host: str, port: int, headers: dict[str, str], hub: Hub | None = None) -> Server:
    """The site's server; with a ``hub``, pages get the reload script and the events.  Its
    ``handler`` class holds the headers (a new build may change them)."""
    handler = type("SiteHandler", (Handler,), {"headers_to_send": dict(headers), "hub": hub})
    httpd = Server((host, port), functools.partial(handler, directory=str(site)))
    httpd.handler = handler
    return httpd
