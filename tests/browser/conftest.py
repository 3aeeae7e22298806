"""Browser tests: Debian's Chromium driven by Playwright, the built site served by Debian's nginx
with the project's own configuration (deploy/), axe-core from node_modules."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                 "--disable-features=Translate,OptimizationHints,MediaRouter"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


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


@pytest.fixture(scope="session")
def server(built_site, tmp_path_factory):
    """The built site behind the real nginx with deploy/'s configuration; yields its base URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is missing: scripts/setup.sh --test installs it"
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = nginx_config(prefix, built_site, port)
    check = subprocess.run([nginx, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([nginx, "-p", str(prefix), "-c", str(conf)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)
            break
        except OSError:
            time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("nginx did not start: " + proc.stderr.read().decode(errors="replace"))
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: scripts/setup.sh --test installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, locale="da-DK", viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core is missing: scripts/setup.sh --test runs npm ci"
    return AXE.read_text(encoding="utf-8")


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
