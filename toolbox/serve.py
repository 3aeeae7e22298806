"""``toolbox serve``: the built site on a local port, with the same headers as production.

The headers come from ``deploy/snippets/dkk-security-headers.conf`` (``Model.headers``), so a page
that breaks the Content-Security-Policy breaks here too, as it would behind nginx.  Documents are
sent as downloads with the MIME types ``deploy/toolbox-site.conf`` gives them.
"""
from __future__ import annotations

import functools
import http.server
from pathlib import Path

MIME_TYPES = {
    ".js": "text/javascript", ".json": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2",
    ".pdf": "application/pdf", ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
DOWNLOADS = (".pdf", ".docx", ".odt", ".zip", ".pptx")


class Handler(http.server.SimpleHTTPRequestHandler):
    headers_to_send: dict[str, str] = {}
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        if self.path.split("?", 1)[0].lower().endswith(DOWNLOADS):
            self.send_header("Content-Disposition", "attachment")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is for the editor
        pass


def server(site: Path, host: str, port: int, headers: dict[str, str]) -> http.server.ThreadingHTTPServer:
    handler = type("SiteHandler", (Handler,), {"headers_to_send": dict(headers)})
    return http.server.ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))
