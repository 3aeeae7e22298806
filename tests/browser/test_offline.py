"""The offline copy of the site: unzipped to a folder and opened from disk (file://), search included."""
from __future__ import annotations

import zipfile

import pytest


@pytest.fixture(scope="module", params=["mkdocs", "zensical"])
def unzipped(request, tmp_path_factory):
    """The offline copy of the site as each engine built it, unzipped."""
    from toolbox.render.offline import OFFLINE_PATH

    site = request.getfixturevalue("built_site" if request.param == "mkdocs" else "zensical_site")
    target = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(site / OFFLINE_PATH) as z:
        z.extractall(target)
    (folder,) = target.iterdir()
    return folder


# Where each engine's search is: Material's box in the header; Zensical's panel (in a shadow root,
# which Playwright's CSS locators reach) opened by a button.
SEARCH = {
    "material": {"open": None, "box": "input.md-search__input", "results": ".md-search-result__item",
                 "link": ".md-search-result__item a"},
    "zensical": {"open": "button.md-search__button", "box": "dialog input[role=combobox]",
                 "results": "ol[role=listbox] a[role=option]", "link": "ol[role=listbox] a[role=option]"},
}


def _ui(page) -> dict:
    return SEARCH["zensical" if page.locator("button.md-search__button").count() else "material"]


def _open(browser, url):
    ctx = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url, wait_until="load")
    return ctx, page, errors, requests


def _search(page, term: str) -> list[str]:
    ui = _ui(page)
    if ui["open"]:
        page.locator(ui["open"]).first.click()
    box = page.locator(ui["box"]).first
    box.click()
    box.fill("")
    box.type(term, delay=30)
    items = page.locator(ui["results"])
    items.first.wait_for(timeout=10_000)
    return items.all_inner_texts()


def test_the_front_page_opens_from_disk_and_search_finds_pages(browser, unzipped, real):
    url = (unzipped / "index.html").as_uri()
    ctx, page, errors, requests = _open(browser, url)
    try:
        assert page.locator("article h1").first.inner_text().strip()
        results = _search(page, "samtykke")
        assert results and any("amtykke" in r for r in results), results
        # a result opens its page, from disk too
        page.locator(_ui(page)["link"]).first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(unzipped.as_uri() + "/") and ".html" in page.url, page.url
        assert page.locator("article h1").first.inner_text().strip()
        assert all(u.startswith(("file://", "data:", "blob:")) for u in requests), [
            u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
        assert errors == []
    finally:
        ctx.close()


def test_search_works_on_a_page_deep_in_the_copy(browser, unzipped, real):
    form = next(f for f in real.forms if f.kind == "form")
    # the copy keeps the site's folders: a page is its folder's index.html, and links name it
    ctx, page, errors, _ = _open(browser, (unzipped / "blanketter" / form.id / "index.html").as_uri())
    try:
        assert form.title in page.locator("article h1").first.inner_text()
        results = _search(page, form.title.split()[0])
        assert any(form.title in r for r in results), results
        # links between pages work from disk: the logo leads to the front page
        page.keyboard.press("Escape")
        page.locator("a.md-header__button.md-logo").first.click()
        page.wait_for_load_state("load")
        assert page.url == (unzipped / "index.html").as_uri()
        assert errors == []
    finally:
        ctx.close()


def test_every_page_of_the_copy_carries_the_sites_content_security_policy(unzipped, real):
    """A page opened from disk gets no headers: the policy is in a <meta> tag, only what a meta may hold,
    and inline script only by hash (the search shim's), never 'unsafe-inline'."""
    import re

    served = real.headers["Content-Security-Policy"]
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', text)
        assert m, page
        policy = m.group(1).replace("&#x27;", "'")
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert "frame-ancestors" not in policy  # a meta tag cannot hold it
        for directive in ("default-src 'self'", "object-src 'none'", "connect-src 'self'"):
            assert directive in policy and directive in served, (page, directive)
        assert text.index("Content-Security-Policy") < text.index("<script"), "the policy comes before any script"
