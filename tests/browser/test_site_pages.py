"""Every built page, in Chromium, through nginx: WCAG 2.1 AA (axe-core), privacy, no console errors;
for the site as MkDocs builds it and as Zensical builds it."""
from __future__ import annotations

import pytest

from browserlib import run_axe, site_pages
from formlib import WATCH_CSP


@pytest.fixture(params=["mkdocs", "zensical"])
def engine_site(request):
    """(built site, its base URL behind nginx) for each engine."""
    if request.param == "mkdocs":
        return request.getfixturevalue("built_site"), request.getfixturevalue("server")
    return request.getfixturevalue("zensical_site"), request.getfixturevalue("zensical_server")


def test_every_page_passes_axe_and_keeps_privacy(engine_site, context, axe_source):
    built_site, server = engine_site
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    pages = site_pages(built_site)
    assert len(pages) >= 40
    for path in pages:
        requests.clear()
        console.clear()
        page.goto(server + path, wait_until="networkidle")
        foreign = [u for u in requests if not u.startswith(server + "/") and not u.startswith(("data:", "blob:"))]
        if foreign:
            problems.append(f"{path}: requests to other hosts: {foreign}")
        storage = page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
        if storage != [0, 0, ""]:
            problems.append(f"{path}: storage or cookie written on load: {storage}")
        violations = page.evaluate("() => window.__cspViolations")
        assert violations is not None, "the CSP watcher did not run"
        if violations:
            problems.append(f"{path}: CSP violations: {violations}")
        errors = [c for c in console if "404" not in c or path != "/404.html"]
        if errors:
            problems.append(f"{path}: console: {errors}")
        for v in run_axe(page, axe_source):
            problems.append(f"{path}: axe {v['id']} ({v['impact']}): {v['help']} at {v['nodes']}")
    assert context.cookies() == []
    assert not problems, "\n".join(problems)


def test_security_headers_and_mime_types(engine_site):
    import urllib.request

    built_site, server = engine_site

    with urllib.request.urlopen(server + "/") as r:
        headers = r.headers
        assert headers["Content-Type"].startswith("text/html")
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "Set-Cookie" not in headers
    expected = {".pdf": "application/pdf", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".odt": "application/vnd.oasis.opendocument.text", ".zip": "application/zip", ".js": "text/javascript",
                ".css": "text/css", ".json": "application/json"}
    seen = set()
    for path in sorted(built_site.rglob("*")):
        suffix = path.suffix
        if path.is_file() and suffix in expected and suffix not in seen:
            seen.add(suffix)
            with urllib.request.urlopen(server + "/" + path.relative_to(built_site).as_posix()) as r:
                assert r.headers["Content-Type"].split(";")[0] == expected[suffix], path
                assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert {".js", ".css", ".json"} <= seen
