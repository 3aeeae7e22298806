"""The Koordinatormappe (one printable PDF of the toolbox) and the offline copy of the site (ZIP)."""
from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, SHARED_CACHE, PagesSent, structure_roles


@pytest.fixture(scope="module")
def mappe_pdf(built_site):
    from pypdf import PdfReader

    from toolbox.render.mappe import MAPPE_PATH

    path = built_site / MAPPE_PATH
    assert path.is_file()
    reader = PdfReader(path)
    return path, reader, [" ".join(p.extract_text().split()) for p in reader.pages]


def _nav_titles(section: str) -> list[str]:
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    entries = next(item[section] for item in nav if isinstance(item, dict) and section in item)
    return [title for e in entries if isinstance(e, dict) for title in e]


def test_the_folder_has_a_cover_with_the_profile(mappe_pdf, real):
    _, reader, texts = mappe_pdf
    from toolbox.render import mappe

    assert real.profile.name in texts[0]
    assert mappe.TITLE in texts[0]
    assert reader.metadata.title == f"{mappe.TITLE} – {real.profile.name}"
    assert reader.metadata.author == real.profile.name


def test_the_folder_is_a_tagged_pdf_ua_document_with_bookmarks(mappe_pdf, real):
    """PDF/UA-1 like the form PDFs: tagged, language, title shown, and bookmarks for every page."""
    from toolbox.render import mappe

    _, reader, _ = mappe_pdf
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    tree = root["/StructTreeRoot"]
    assert tree["/K"]
    assert root["/Lang"] == "da"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert b"pdfuaid:part" in root["/Metadata"].get_data()
    assert reader.xmp_metadata.dc_title["x-default"] == f"{mappe.TITLE} – {real.profile.name}"
    # every page's content is tagged: the structure tree reaches a marked-content id on each page
    parents = tree["/ParentTree"]["/Nums"]
    assert len(parents) // 2 >= len(reader.pages) - 1  # the cover may be the only page without its own entry
    roles = structure_roles(root)
    assert {"/H1", "/P", "/L", "/Table"} <= roles, roles
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    for role in _nav_titles("Roller"):
        assert any(role in t for t in titles), (role, titles[:20])


def test_the_table_of_contents_gives_the_right_page_numbers(mappe_pdf):
    from toolbox.render import mappe

    _, _, texts = mappe_pdf
    assert texts[1].startswith(mappe.CONTENTS)
    toc_pages = []
    for text in texts[1:]:
        if "....." not in text:
            break
        toc_pages.append(text)
    entries = re.findall(r"([^.]+?) \.{3,} ?(\d+)", " ".join(toc_pages))
    assert len(entries) >= 30, entries
    numbers = [int(n) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] > len(toc_pages)
    for title, number in entries:
        # the text before the leader may start with the name of a nav section; the page starts
        # with the page's own heading (pypdf puts the running header at the end)
        words = title.split()
        page = texts[int(number) - 1]
        assert any(page.startswith(" ".join(words[i:])) for i in range(len(words))), (title, number, page[:200])


def test_every_page_has_the_municipality_and_a_page_number(mappe_pdf, real):
    _, reader, texts = mappe_pdf
    total = len(reader.pages)
    for n, text in enumerate(texts[1:], start=2):
        assert f"Side {n} af {total}" in text, n
        assert real.profile.name in text, n


def test_the_folder_holds_every_role_page_and_every_form(mappe_pdf, real):
    _, _, texts = mappe_pdf
    whole = " ".join(texts)
    roles = _nav_titles("Roller")
    assert len(roles) >= 6
    for title in roles + _nav_titles("Handlevejledninger") + _nav_titles("Implementering"):
        assert title in whole, title
    from toolbox.render.mappe import LEFT_OUT

    for form in real.forms:
        if f"blanketter/{form.id}.md" in LEFT_OUT:  # the course's evaluation form
            assert f"{form.title}" not in texts[1], form.id  # not in the contents either
            continue
        assert form.title in whole, form.id
        for section in form.sections:
            if section.title:
                assert section.title in whole, (form.id, section.id)


def test_the_folder_is_of_reasonable_size(mappe_pdf):
    path, reader, _ = mappe_pdf
    assert path.stat().st_size < 3 * 1024 * 1024
    assert 40 < len(reader.pages) < 400


def test_the_folder_is_cached_by_its_inputs(built_site, real):
    """The built site's pages give the key the build used, so the folder comes from the cache."""
    from toolbox import engine, outputs
    from toolbox.render import mappe

    config = engine.config(engine.read_config(ROOT), real, outputs.nav_entries(real))
    cache = Path(SHARED_CACHE) / "mappe"
    before = sorted(cache.iterdir())
    data = mappe.render(real, outputs.Context(site=built_site, config=config, cache=cache))[mappe.MAPPE_PATH]
    assert sorted(cache.iterdir()) == before, "nothing new was rendered"
    assert data == (built_site / mappe.MAPPE_PATH).read_bytes()


def test_the_front_page_links_both_downloads(built_site):
    from toolbox.render.offline import OFFLINE_PATH
    from toolbox.render.mappe import MAPPE_PATH

    front = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{MAPPE_PATH}"' in front and f'href="{OFFLINE_PATH}"' in front
    om = (built_site / "om" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{OFFLINE_PATH}"' in om


@pytest.fixture(scope="module")
def offline(built_site):
    from toolbox.render.offline import OFFLINE_PATH

    path = built_site / OFFLINE_PATH
    assert path.is_file()
    return path


def test_the_offline_zip_is_the_whole_site_for_a_disk(offline, built_site):
    from toolbox.render.mappe import MAPPE_PATH

    with zipfile.ZipFile(offline) as z:
        names = z.namelist()
        top = {n.split("/", 1)[0] for n in names}
        assert top == {"vaerktoejskassen-eksempel"}
        rel = {n.split("/", 1)[1] for n in names}
        # every page of the site, as a file of its own (no directory URLs)
        pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
        assert len([r for r in rel if r.endswith(".html")]) == len(pages)
        for r in pages:
            assert r in rel or r.removesuffix("/index.html") + ".html" in rel, r
        assert "search/search_index.js" in rel  # Material's offline plugin: the search index as a script
        assert "sitemap.xml" not in rel
        assert z.read(f"vaerktoejskassen-eksempel/{MAPPE_PATH}") == (built_site / MAPPE_PATH).read_bytes()
        front = z.read("vaerktoejskassen-eksempel/index.html").decode()
        assert "vaerktoejskassen-offline.zip" not in front  # no link to itself
        assert 'href="roller/index.html"' in front


def test_the_offline_zip_is_deterministic(offline):
    with zipfile.ZipFile(offline) as z:
        infos = z.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_the_offline_zip_is_of_reasonable_size(offline):
    assert offline.stat().st_size < 15 * 1024 * 1024


def test_zip_tree_gives_the_same_bytes_twice(tmp_path):
    from toolbox.render.offline import zip_tree

    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x.html").write_text("x")
    (tmp_path / "a.html").write_text("a")
    (tmp_path / "sitemap.xml").write_text("dated")
    first = zip_tree(tmp_path, "p")
    (tmp_path / "a.html").touch()
    assert zip_tree(tmp_path, "p") == first
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        assert z.namelist() == ["p/a.html", "p/b/x.html"]


def test_an_edited_page_renders_only_its_own_part_again(built_site, real):
    """The folder is made of one part per page, each cached by its content: after a page is edited only
    that part is rendered again (and the contents and page feet, if its length changed), then joined."""
    from pypdf import PdfReader
    import io

    from toolbox import engine, outputs
    from toolbox.render import mappe, pdf

    config = engine.config(engine.read_config(ROOT), real, outputs.nav_entries(real))
    pages = mappe.read_pages(built_site, config["nav"])
    edited = next(p for p in pages if p.path == "roller/tovholder.md")
    edited.html += "<p>En ny sætning i tovholderens side.</p>"
    cache = Path(SHARED_CACHE) / "mappe"
    before = set((cache / "parts").glob("*.pdf"))
    data = mappe.make_pdf(real, pages, pdf.pdf_date(), cache, jobs=1)
    made = set((cache / "parts").glob("*.pdf")) - before
    assert 1 <= len(made) <= 3, made  # the page; the contents and the feet only when its length changed
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "En ny sætning i tovholderens side." in text


def test_a_form_pages_script_data_is_not_in_its_part(built_site, tmp_path):
    """What a form page holds only for its script (its texts, its rules, every form's title) prints as
    nothing, so it is left out of the page's part: a new title of one form does not make every other
    form's part new."""
    from toolbox.render import mappe

    page = (built_site / "blanketter" / "henvisning" / "index.html").read_text(encoding="utf-8")
    renamed = page.replace("&#34;Netværkskort&#34;", "&#34;Netværkskort med ny titel&#34;")
    assert 'data-forms="' in page and renamed != page
    parts = []
    for n, text in enumerate((page, renamed)):
        site = tmp_path / str(n)
        (site / "blanketter" / "henvisning").mkdir(parents=True)
        (site / "blanketter" / "henvisning" / "index.html").write_text(text, encoding="utf-8")
        (got,) = mappe.read_pages(site, [{"Redskaber og blanketter": ["blanketter/henvisning.md"]}])
        parts.append(got.html)
    assert parts[0] == parts[1]
    assert not re.search(r"data-(messages|rules|forms|form-version|pdf)=", parts[0])
    assert 'data-form="henvisning"' in parts[0] and "<fieldset" in parts[0]  # the form itself is there


def test_a_new_title_renders_the_contents_once_and_a_wrong_guess_changes_nothing(built_site, real):
    """The cover and contents are rendered once, with the numbers, beside the pages, taking as many
    pages as the last build's did (and each page as many); when that guess is wrong they are rendered
    again, and the folder is the same."""
    from toolbox import engine, outputs
    from toolbox.render import mappe, pdf

    config = engine.config(engine.read_config(ROOT), real, outputs.nav_entries(real))
    pages = mappe.read_pages(built_site, config["nav"])
    cache, date = Path(SHARED_CACHE) / "mappe", pdf.pdf_date()
    mappe.make_pdf(real, pages[:-1], date, cache, jobs=1)  # (the contents' page count remembered)
    renamed = next(p for p in pages if p.path == "roller/tovholder.md")
    renamed.title += " (ny titel)"
    before = set((cache / "parts").glob("*.pdf"))
    first = mappe.make_pdf(real, pages, date, cache, jobs=1)
    made = set((cache / "parts").glob("*.pdf")) - before
    assert len(made) == 2, made  # the page and the contents, once (the feet are those of the build)
    assert renamed.title in " ".join(" ".join(p.extract_text().split()) for p in _reader(first).pages[:4])
    layout_file = cache / "parts" / f"{mappe._key(mappe.common_key(real, date), 'layout')}.json"
    right = json.loads(layout_file.read_text(encoding="utf-8"))
    assert right["pages"][renamed.slug] >= 1 and right["front"] >= 1
    for wrong in ({**right, "front": right["front"] + 1}, {**right, "pages": {renamed.slug: 99}}, "ikke et layout"):
        layout_file.write_text(json.dumps(wrong), encoding="utf-8")
        (cache / "parts" / f"{mappe._key(mappe.common_key(real, date), 'page', renamed.slug, renamed.part, renamed.title, renamed.html)}.txt").unlink()
        assert mappe.make_pdf(real, pages, date, cache, jobs=1) == first
        assert json.loads(layout_file.read_text(encoding="utf-8")) == right


def _reader(data: bytes):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


@pytest.mark.parametrize("edit", ["a sentence", "a title"])
def test_a_page_the_engine_writes_has_its_part_started_then_and_printed_once(built_site, real, edit):
    """While MkDocs writes the site, each page it writes goes to the Koordinatormappe (``mappe.Early``):
    an edited page's part is sent to the build's pool at once, the unchanged pages' parts are in the
    cache; once every page of the folder is seen, a new title's contents are sent too (numbered as the
    last build laid the folder out); and the folder then takes the parts that were started instead
    of printing them again."""
    import io
    import re

    from pypdf import PdfReader

    from toolbox import engine, outputs, parallel
    from toolbox.render import builtpages, mappe, pdf

    config = engine.config(engine.read_config(ROOT), real, outputs.nav_entries(real))
    cache, sentence = Path(SHARED_CACHE) / "mappe", "En sætning, som kun denne prøve skriver"
    built = {p.path: builtpages.html_file(built_site, p.url).read_text(encoding="utf-8")
             for p in mappe.nav_urls(config["nav"])}
    page = built["roller/tovholder.md"]
    built["roller/tovholder.md"] = (page.replace("</article>", f"<p>{sentence}</p></article>", 1) if edit == "a sentence"
                                    else re.sub(r"(<h1\b[^>]*>)[^<]*", rf"\g<1>{sentence}", page, count=1))
    new = 1 if edit == "a sentence" else 2  # the page; and the contents, which list its title

    with parallel.started(2, mappe.warm, real) as started:
        pool = PagesSent(started)
        submitted = pool.pages
        early = mappe.Early(real, config, cache, pool)
        for path, html in built.items():
            early.page(path, html)
        early.page("index.md", "<html></html>")  # not in the folder: nothing
        assert len(submitted) == new and all(sentence in html for html in submitted), "only the edited page is new"
        assert any('class="tb-mappe-toc"' in html for html in submitted) == (edit == "a title")
        pages = mappe.nav_urls(config["nav"])
        by_url = {p.url: p for p in pages}
        for page in pages:
            mappe.read_page(page, built[page.path], by_url)
        data = mappe.make_pdf(real, pages, pdf.pdf_date(), cache, pool=pool, early=early)
    assert sum(sentence in html for html in submitted) == new, "the started parts are not printed again"
    assert not early.started  # (taken)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert text.count(sentence) == new
