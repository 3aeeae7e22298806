"""Browser tests: Debian's Chromium driven by Playwright, the built site served by Debian's nginx
with the project's own configuration (deploy/), axe-core from node_modules."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from browserlib import AXE, CHROMIUM, CHROMIUM_ARGS, free_port, nginx_config


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@contextmanager
def nginx_serving(site: Path, prefix: Path):
    """``site`` behind the real nginx with deploy/'s configuration; yields its base URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is missing: scripts/setup.sh --test installs it"
    port = free_port()
    conf = nginx_config(prefix, site, port)
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
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session")
def server(built_site, tmp_path_factory):
    """The built site behind the real nginx with deploy/'s configuration; yields its base URL."""
    with nginx_serving(built_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


@pytest.fixture(scope="session")
def zensical_server(zensical_site, tmp_path_factory):
    """The site built by Zensical behind the same nginx."""
    with nginx_serving(zensical_site, tmp_path_factory.mktemp("nginx-zensical")) as base:
        yield base


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
