"""`toolbox serve` with a real server and a real browser: an edited page reloads by itself; a broken
input shows its FILE:LINE line on the page and in the terminal while the last good site stays
served, and fixing it recovers without a restart; the downloads' links say they are being made
until they are; the reload script breaks no CSP rule and is never part of a built site."""
from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from browserlib import free_port
from helpers import SHARED_CACHE, TOOLBOX, copy_project

WATCH = """window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def _log(project) -> str:
    return (project / "serve.log").read_text(encoding="utf-8")


def _wait_for(what, timeout: float = 120.0, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while True:
        found = what()
        if found:
            return found
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(every)


def _serve(tmp_path_factory, engine: str):
    """`toolbox serve --engine ENGINE` on a copy of the project; yields (project, base URL)."""
    project = copy_project(tmp_path_factory.mktemp(f"serve-{engine}"))
    port = free_port()
    env = {**os.environ, "TOOLBOX_CACHE_DIR": SHARED_CACHE, "PYTHONUNBUFFERED": "1"}
    with open(project / "serve.log", "w", encoding="utf-8") as log:
        proc = subprocess.Popen([*TOOLBOX, "serve", "--engine", engine, "--port", str(port)], cwd=project, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: proc.poll() is not None or "Siden kører på" in _log(project), timeout=600)
        assert proc.poll() is None, _log(project)
        yield project, base
    finally:
        proc.terminate()  # serve stops its downloads process too
        proc.wait(timeout=60)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    yield from _serve(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="module")
def served_by_zensical(tmp_path_factory):
    yield from _serve(tmp_path_factory, "zensical")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_edited_page_reloads_by_itself(engine, request, context):
    project, base = request.getfixturevalue("served" if engine == "mkdocs" else "served_by_zensical")
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.goto(base + "/ordliste/", wait_until="load")
    page.evaluate("window.__notReloaded = true")
    glossary = project / "docs" / "ordliste.md"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n\nEn linje skrevet mens siden var åben: testord-genindlaes.\n",
                        encoding="utf-8")
    page.wait_for_function("() => document.body !== null && document.body.innerText.includes('testord-genindlaes')", timeout=120_000)
    assert page.evaluate("window.__notReloaded") is None, "the page was reloaded (by its script, not by the test)"
    assert page.evaluate("window.__cspViolations") == []
    assert console == []
    assert re.search(r"docs/ordliste\.md: Bygget: ", _log(project)), _log(project)


def test_a_broken_input_shows_its_line_and_fixing_it_recovers(served, context):
    project, base = served
    page = context.new_page()
    page.goto(base + "/handlevejledninger/forloebet/", wait_until="load")
    steps = project / "forms" / "trin.yml"
    good = steps.read_text(encoding="utf-8")
    steps.write_text(good + "\nfejl: [ikke lukket\n", encoding="utf-8")
    box = page.locator(".tb-serve-problems")
    box.wait_for(timeout=120_000)
    shown = box.inner_text()
    line = re.search(r"forms/trin\.yml:\d+: [^\n]+", shown)
    assert line, shown
    assert "Siden kunne ikke bygges" in shown
    assert line.group(0) in _wait_for(lambda: line.group(0) in _log(project) and _log(project)), _log(project)
    # the last good site is still served
    assert _status(base + "/handlevejledninger/forloebet/") == 200
    page.evaluate("window.__notReloaded = true")
    steps.write_text(good, encoding="utf-8")
    page.wait_for_function("() => window.__notReloaded === undefined", timeout=120_000)  # it reloaded itself
    page.wait_for_load_state("load")
    assert page.locator(".tb-serve-problems").count() == 0
    assert page.locator("article h1").first.inner_text().strip()


def test_the_download_links_say_so_until_the_files_are_ready(served, context):
    project, base = served
    page = context.new_page()
    page.goto(base + "/", wait_until="load")
    page.evaluate("window.__notReloaded = true")
    front = project / "docs" / "index.md"
    front.write_text(front.read_text(encoding="utf-8") + "\n\nTestord-forside.\n", encoding="utf-8")
    page.wait_for_function("() => window.__notReloaded === undefined", timeout=120_000)
    note = page.locator('a[href$="filer/koordinatormappe.pdf"] + .tb-serve-note').first
    note.wait_for(timeout=30_000)  # the pages are up before the downloads
    assert "bliver lavet" in note.inner_text()
    waiting = urllib.request.Request(base + "/filer/koordinatormappe.pdf")
    try:
        with urllib.request.urlopen(waiting, timeout=10) as r:
            status, body = r.status, b""
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    if status == 503:  # asked for while it is made: a page in Danish that says so
        assert "bliver lavet lige nu".encode() in body
    page.wait_for_function("() => !document.querySelector('.tb-serve-note')", timeout=300_000)  # both are ready
    with urllib.request.urlopen(base + "/filer/koordinatormappe.pdf", timeout=10) as r:
        assert r.headers["Content-Type"] == "application/pdf"
        assert r.read(5) == b"%PDF-"
    assert _status(base + "/filer/vaerktoejskassen-offline.zip") == 200


def test_the_reload_script_is_only_in_what_serve_sends(served, built_site):
    _, base = served
    with urllib.request.urlopen(base + "/", timeout=10) as r:
        assert b'<script src="/__toolbox/reload.js"' in r.read()
    for path in built_site.rglob("*.html"):
        assert "__toolbox" not in path.read_text(encoding="utf-8"), path
    assert not list(built_site.rglob("reload.js"))
