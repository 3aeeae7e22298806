"""Helpers of the browser suite: paths, Chromium flags, the nginx config, axe-core."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_config(prefix: Path, site: Path, port: int) -> Path:
    """The project's server block, rewritten to serve `site` on 127.0.0.1:port from `prefix`."""
    (prefix / "snippets").mkdir(parents=True)
    (prefix / "logs").mkdir()
    shutil.copy(ROOT / "deploy" / "snippets" / "dkk-security-headers.conf", prefix / "snippets")
    server = (ROOT / "deploy" / "toolbox-site.conf").read_text(encoding="utf-8")
    server = server.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/dkk-toolbox/site;", f"root {site};")
    (prefix / "toolbox-site.conf").write_text(server, encoding="utf-8")
    conf = prefix / "nginx.conf"
    conf.write_text(
        "worker_processes 1;\n"
        "daemon off;\n"
        f"pid {prefix}/nginx.pid;\n"
        f"error_log {prefix}/logs/error.log warn;\n"
        + ("user root;\n" if os.geteuid() == 0 else "")
        + "events { worker_connections 64; }\n"
        "http {\n"
        f"  access_log {prefix}/logs/access.log;\n"
        f"  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;\n"
        f"  fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;\n"
        "  sendfile on;\n"
        "  include toolbox-site.conf;\n"
        "}\n", encoding="utf-8")
    return conf


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        pages.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return pages


def run_axe(page, axe_source: str) -> list[dict]:
    """Run axe-core's WCAG 2.0/2.1 A and AA rules on the page; returns the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})); }")
    return result
