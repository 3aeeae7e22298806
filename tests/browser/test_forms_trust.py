"""The form pages as a caseworker relies on them, in Chromium through nginx (issue 10): files of every
earlier version open with every value, unknown values are shown and kept, nothing typed is lost without
a question, checks on saving (GOV.UK/DKFDS error summary), Danish dates, "Gem som PDF" (values in the
fields, rows beyond the published PDF in an appendix, the saved file attached, opened again), the
narrow layout, and axe-core with zero violations in every one of these states."""
from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
from pypdf import PdfReader

from browserlib import ARTIFACTS, run_axe
from formlib import (FILL, MAIN_FORMS, READ, SAVED_V1, TITLES, UI, form_page, load_fully, open_file,
                     pdfua_findings, published_schema, save_json, save_pdf, schema_errors)
from toolbox import messages

V1_FILES = sorted(SAVED_V1.glob("*.json"))


def _axe(page, axe_source, state):
    page.wait_for_timeout(500)  # let Material's transitions (the "back to top" button fading in) end
    violations = run_axe(page, axe_source)
    assert violations == [], f"{state}: " + "; ".join(f"{v['id']}: {v['help']} at {v['nodes']}" for v in violations)


def _no_foreign_requests(requests, server):
    return [u for u in requests if not u.startswith((server + "/", "blob:", "data:"))]


@pytest.mark.parametrize("fixture", V1_FILES, ids=lambda p: p.stem)
def test_a_file_saved_by_version_1_opens_with_every_value(fixture, server, built_site, context, tmp_path):
    old = json.loads(fixture.read_text(encoding="utf-8"))
    assert old["version"] == 1
    form_id = old["form"]
    page, errors = form_page(context, server, form_id)
    status = open_file(page, fixture, form_id)
    assert status == UI[form_id].JS_OPENED.format(name=fixture.name)
    assert page.evaluate(READ) == old["values"], "every value is back in its field"
    assert page.locator(".tb-notice").count() == 0, "a file of today's format has no unknown values"
    rows = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('tbody.tb-repeat')].map("
                         "t => [t.dataset.block, t.querySelectorAll('tr.tb-repeat-row').length]))")
    assert {k: rows[k] for k in old["rows"]} == old["rows"]
    # saved again, it is today's version with the same values, and the published schema accepts it
    again = save_json(page, form_id, tmp_path / "again.json")
    assert again["version"] == 2 and again["values"] == old["values"] and again["rows"] == rows
    assert len(again["form_version"]) == 12 and "kept" not in again
    assert schema_errors(published_schema(built_site, form_id), again) == []
    assert errors == []


@pytest.mark.parametrize("form_id", MAIN_FORMS)
def test_unknown_values_are_shown_kept_and_saved_again(form_id, server, built_site, context, axe_source, tmp_path):
    old = json.loads((SAVED_V1 / f"{form_id}.json").read_text(encoding="utf-8"))
    page, errors = form_page(context, server, form_id)
    radios = page.evaluate("() => [...document.querySelectorAll('form.tb-form input[type=radio]')].map(e => e.name)")
    radio = next(k for k in old["values"] if k in radios)
    changed = copy.deepcopy(old)
    changed["values"]["gammelt-afsnit.omdoebt-felt"] = "Skrevet i et felt, der har skiftet navn"
    changed["values"][radio] = "maaske"  # a choice the form does not have (any more)
    path = tmp_path / f"{form_id}-ukendt.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    status = open_file(page, path, form_id)
    assert status == UI[form_id].JS_OPENED_KEPT.format(name=path.name, n=2)
    notice = page.locator(".tb-notice")
    assert notice.locator("h2").inner_text() == UI[form_id].JS_KEPT_TITLE
    items = dict(zip(notice.locator("li").evaluate_all("els => els.map(e => e.dataset.name)"), notice.locator("li").all_inner_texts()))
    assert items["gammelt-afsnit.omdoebt-felt"] == "gammelt-afsnit.omdoebt-felt: Skrevet i et felt, der har skiftet navn"
    title = page.locator(f'[name="{radio}"]').first.get_attribute("title").rsplit(": ", 1)[0]
    assert items[radio] == f"{title}: maaske", "a known field is named by its label"
    known = {k: v for k, v in old["values"].items() if k != radio}
    assert page.evaluate(READ) == known, "every known value is in its field"
    _axe(page, axe_source, "notice shown")
    saved = save_json(page, form_id, tmp_path / "saved.json")
    assert saved["kept"] == {"gammelt-afsnit.omdoebt-felt": "Skrevet i et felt, der har skiftet navn", radio: "maaske"}
    assert saved["values"] == known
    # and they survive a second round: the saved file opens with the notice again and keeps them
    page.reload()
    open_file(page, tmp_path / "saved.json", form_id)
    assert page.locator(".tb-notice li").count() == 2
    assert save_json(page, form_id, tmp_path / "saved2.json")["kept"] == saved["kept"]
    assert errors == []


def test_a_file_for_another_form_names_it_and_links_to_it(server, context, tmp_path):
    page, _ = form_page(context, server, "netvaerkskort")
    page.fill("#borger--navn", "Anna Testesen")
    page.once("dialog", lambda d: d.accept())  # "Åbn fil" over unsaved input asks first
    status = open_file(page, SAVED_V1 / "udrettedagsorden.json", "netvaerkskort")
    assert status.startswith(UI["netvaerkskort"].JS_OTHER_FORM.format(form=TITLES["udrettedagsorden"]))
    link = page.locator(".tb-status a")
    assert link.inner_text() == UI["netvaerkskort"].JS_OTHER_FORM_LINK.format(form=TITLES["udrettedagsorden"])
    assert link.get_attribute("href") == f"{server}/blanketter/udrettedagsorden/"
    assert page.evaluate(READ) == {"borger.navn": "Anna Testesen"}, "the page is as it was"
    page.once("dialog", lambda d: d.accept())  # leaving with unsaved input asks
    link.click()
    page.wait_for_url(f"{server}/blanketter/udrettedagsorden/")
    assert page.locator("form.tb-form").get_attribute("data-form") == "udrettedagsorden"


def test_broken_huge_and_hostile_files_get_one_message_and_change_nothing(server, built_site, context, tmp_path):
    form_id = "netvaerkskort"
    ui = UI[form_id]
    page, errors = form_page(context, server, form_id)
    page.fill("#borger--navn", "Anna Testesen")
    page.locator("button.tb-add").first.click()
    before = page.evaluate(READ)
    rows_before = page.locator("tr.tb-repeat-row").count()
    base = json.loads((SAVED_V1 / f"{form_id}.json").read_text(encoding="utf-8"))
    deep = json.dumps(base)[:-1] + ', "x": ' + "[" * 5000 + "]" * 5000 + "}"
    cases = {
        "broken.json": ('{"format": "dkk-blanket", "version": 1, "form": "netv', ui.JS_NOT_JSON),
        "huge.json": ('{"a": "' + "x" * (6 * 1024 * 1024) + '"}', ui.JS_TOO_LARGE),
        "proto.json": (json.dumps(base)[:-1] + ', "__proto__": {"polluted": "ja"}}', ui.JS_HOSTILE),
        "deep.json": (deep, ui.JS_HOSTILE),
        "other.json": ('{"a": 1}', ui.JS_NOT_SAVED),
        "newer.json": (json.dumps({**base, "version": 99}), ui.JS_VERSION),
        "binary.json": (b"\xff\xfe\x00garbage", ui.JS_NOT_JSON),
    }
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        page.once("dialog", lambda d: d.accept())
        assert open_file(page, path, form_id) == message, name
        assert page.evaluate(READ) == before, f"{name}: the page is as it was"
        assert page.locator("tr.tb-repeat-row").count() == rows_before
        assert page.locator(".tb-notice").count() == 0
    assert page.evaluate("() => ({}).polluted") is None
    # a PDF without a saved form inside (the blank published PDF)
    blank = built_site / "blanketter" / "filer" / "eksempel" / f"{form_id}.pdf"
    page.once("dialog", lambda d: d.accept())
    assert open_file(page, blank, form_id) == ui.JS_NO_ATTACHMENT
    assert page.evaluate(READ) == before
    assert [e for e in errors if "pdf" not in e.lower()] == []


@pytest.mark.parametrize("form_id", MAIN_FORMS)
def test_leaving_or_opening_over_unsaved_input_asks_first(form_id, server, context, tmp_path):
    page, _ = form_page(context, server, form_id)
    field = page.locator("form.tb-form input[data-kind=text]:not(template *)").first
    field.click()
    page.keyboard.type("Tyve minutters arbejde")
    # "Åbn fil" asks; "Annuller" leaves the page as it was and opens no file chooser
    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.dismiss()))
    page.get_by_role("button", name=UI[form_id].OPEN).click()
    assert asked == [UI[form_id].JS_CONFIRM_OPEN]
    # a menu link: the browser asks (beforeunload); staying keeps what is typed
    kinds: list[str] = []
    page.once("dialog", lambda d: (kinds.append(d.type), d.dismiss()))
    page.locator("a.md-nav__link[href]:not([href^='#'])").first.click(force=True)
    page.wait_for_timeout(300)
    assert kinds == ["beforeunload"]
    assert field.input_value() == "Tyve minutters arbejde"
    # closing the tab asks too
    kinds.clear()
    page.once("dialog", lambda d: (kinds.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert kinds == ["beforeunload"] and not page.is_closed()
    # after "Gem som fil" nothing is unsaved: the page goes without a question
    save_json(page, form_id, tmp_path / "saved.json")
    kinds.clear()
    page.on("dialog", lambda d: (kinds.append(d.type), d.dismiss()))
    page.locator("a.md-header__button.md-logo").click()
    page.wait_for_load_state("load")
    assert kinds == [] and "/blanketter/" not in page.url


BAD = {  # (selector of the first field of a kind, a wrong value) – each form has some of them
    "cpr": "1234567-89", "email": "ikke-en-mail", "tel": "1234", "date": "31.02.2026", "number": "601",
}


@pytest.mark.parametrize("form_id", MAIN_FORMS)
def test_checks_on_saving_show_an_error_summary_and_never_block(form_id, server, built_site, context, axe_source, tmp_path):
    page, errors = form_page(context, server, form_id)
    bad = {}
    for kind, value in BAD.items():
        el = page.locator(f"form.tb-form input[data-kind={kind}]:not(template *)")
        if el.count():
            el.first.fill(value)
            bad[el.first.get_attribute("id")] = kind
    assert len(bad) >= 3
    required = page.evaluate("""() => [...document.querySelectorAll('form.tb-form [required], form.tb-form fieldset[data-required]')]
        .filter(el => !el.closest('template')).map(el => el.id || el.querySelector('input').id)""")
    assert required, "every main form has a required field"
    saved = save_json(page, form_id, tmp_path / "draft.json")  # saved all the same: a draft may be incomplete
    assert saved["values"][page.locator(f"#{next(iter(bad))}").get_attribute("name")]
    summary = page.locator(".tb-error-summary")
    assert summary.locator("h2").inner_text() == UI[form_id].JS_SUMMARY_TITLE
    assert page.evaluate("() => document.activeElement.classList.contains('tb-error-summary')"), "focus is on the summary"
    links = summary.locator("a")
    hrefs = links.evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert set(hrefs) == {f"#{i}" for i in list(bad) + required}
    texts = dict(zip(hrefs, links.all_inner_texts()))
    for rid in required:
        assert texts[f"#{rid}"].endswith(messages.JS_CHECK_REQUIRED.format(label="").strip()), texts[f"#{rid}"]
    for fid in list(bad) + required:
        target = page.locator(f"#{fid}")
        owner = target if target.get_attribute("type") not in ("radio", "checkbox") else target.locator("xpath=ancestor::fieldset[1]")
        described = owner.get_attribute("aria-describedby").split()
        assert f"{fid}-error" in described
        note = page.locator(f"#{fid}-error")
        assert note.locator(".tb-sr-only").inner_text().strip() == UI[form_id].JS_ERROR_PREFIX
        assert note.inner_text().replace(UI[form_id].JS_ERROR_PREFIX, "").strip() == texts[f"#{fid}"]
    _axe(page, axe_source, "error summary shown")
    # a link takes the user to the field
    first = hrefs[0]
    links.first.click()
    assert page.evaluate("() => '#' + document.activeElement.id") == first
    # corrected and saved again: the summary and the messages are gone
    for fid, kind in bad.items():
        page.locator(f"#{fid}").fill({"cpr": "010190-1234", "email": "navn@eksempel.dk", "tel": "12 34 56 78",
                                     "date": "23.11.2026", "number": "5"}[kind])
    page.evaluate(FILL)
    save_json(page, form_id, tmp_path / "done.json")
    assert page.locator(".tb-error-summary, .tb-error").count() == 0
    assert page.locator("[aria-invalid]").count() == 0
    assert errors == []


def test_dates_are_danish_in_a_browser_in_english(server, browser, tmp_path):
    ctx = browser.new_context(accept_downloads=True, locale="en-US", viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        load_fully(page, f"{server}/blanketter/netvaerkskort/")
        date = page.locator("#udarbejdet--dato")
        assert date.get_attribute("type") == "text" and date.get_attribute("inputmode") == "numeric"
        hint = page.locator("#" + date.get_attribute("aria-describedby").split()[0])
        assert hint.inner_text() == messages.DATE_HINT
        date.click()
        page.keyboard.type("3.2.2026")
        page.keyboard.press("Tab")
        assert date.input_value() == "03.02.2026", "shown in Danish order"
        saved = save_json(page, "netvaerkskort", tmp_path / "d.json")
        assert saved["values"]["udarbejdet.dato"] == "2026-02-03", "saved as before: åååå-mm-dd"
    finally:
        ctx.close()


def _pdf_fields(reader: PdfReader) -> dict[str, str]:
    out = {}
    for name, f in (reader.get_fields() or {}).items():
        v = f.get("/V")
        if v is not None:
            out[name] = str(v).lstrip("/")
    return out


@pytest.mark.parametrize("form_id", MAIN_FORMS)
def test_save_as_pdf_fills_the_published_pdf_attaches_the_file_and_opens_again(
        form_id, server, built_site, context, axe_source, tmp_path):
    page, errors = form_page(context, server, form_id)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    scripts_before = page.evaluate("() => [...document.scripts].map(s => s.src).filter(s => s.includes('pdf'))")
    assert scripts_before == [], "the PDF library is loaded only when it is needed"
    add = page.locator("button.tb-add").first
    block = add.get_attribute("data-block")
    for _ in range(2):  # two rows beyond those the published PDF holds
        add.click()
    page.evaluate(FILL)
    filled = page.evaluate(READ)
    saved_json = save_json(page, form_id, tmp_path / "saved.json")
    pdf = save_pdf(page, form_id, tmp_path / "saved.pdf")
    assert page.locator(".tb-status").inner_text() == UI[form_id].JS_SAVED_PDF
    (ARTIFACTS.mkdir(exist_ok=True), (ARTIFACTS / f"{form_id}-gemt.pdf").write_bytes(pdf))
    loaded = page.evaluate("() => [...document.scripts].map(s => s.src).filter(s => s.includes('pdf'))")
    assert any(s.endswith("/assets/javascripts/vendor/pdf-lib.min.js") for s in loaded)
    assert _no_foreign_requests(requests, server) == []
    assert page.evaluate("() => window.__cspViolations") == []

    reader = PdfReader(io.BytesIO(pdf))
    blank = PdfReader(built_site / "blanketter" / "filer" / "eksempel" / f"{form_id}.pdf")
    assert len(reader.pages) > len(blank.pages), "the rows beyond the published PDF are on appendix pages"
    fields = _pdf_fields(reader)
    in_blank = set(blank.get_fields() or {})
    kinds = page.evaluate("() => Object.fromEntries([...document.querySelector('form.tb-form').elements]"
                          ".filter(e => e.name).map(e => [e.name, e.getAttribute('data-kind') || e.type]))")
    extra = []
    for name, value in filled.items():
        if isinstance(value, list):  # multichoice: a checkbox per choice
            for choice in value:
                assert fields.get(f"{name}.{choice}") == choice, name
            continue
        if name not in in_blank:  # a row beyond the published PDF: a text field of the appendix
            assert name.startswith(block + "."), f"{name} is neither in the PDF nor in an added row"
            extra.append(name)
            assert fields.get(name), f"{name} is not in the appendix"
            if kinds[name] not in ("radio", "checkbox"):
                assert fields[name] == value, name
            continue
        shown = value
        if kinds[name] == "date":
            y, m, d = value.split("-")
            shown = f"{d}.{m}.{y}"
        assert fields.get(name) == shown, f"{name}: {fields.get(name)!r} != {shown!r}"
    assert extra, "the added rows' values are fields of the appendix"
    appendix = " ".join(p.extract_text() for p in reader.pages[len(blank.pages):])
    assert UI[form_id].JS_PDF_APPENDIX_TITLE in appendix
    # the attached file is the saved JSON
    (attached_name, attached), = reader.attachments.items()
    assert attached_name.endswith(".json")
    attached_data = json.loads(attached[0])
    assert {k: v for k, v in attached_data.items() if k != "saved"} == {k: v for k, v in saved_json.items() if k != "saved"}
    assert schema_errors(published_schema(built_site, form_id), attached_data) == []
    # tagged: the PDF/UA checker finds nothing, appendix included
    findings, ran = pdfua_findings(tmp_path / "saved.pdf")
    assert findings == [] and "UA-15-003" in ran and "UA-01-003" in ran, findings

    # the PDF opens again in the page: every value back, the rows too
    page.reload()
    assert page.evaluate(READ) == {}
    assert open_file(page, tmp_path / "saved.pdf", form_id) == UI[form_id].JS_OPENED.format(name="saved.pdf")
    assert page.evaluate(READ) == filled
    _axe(page, axe_source, "opened from a PDF")
    assert [e for e in errors if "pdf" not in e.lower()] == []


def test_the_published_pdfs_the_course_pdfs_and_the_koordinatormappe_pass_the_pdfua_checker(built_site):
    from toolbox.render.mappe import MAPPE_PATH

    pdfs = sorted((built_site / "blanketter" / "filer" / "eksempel").glob("*.pdf")) + [built_site / MAPPE_PATH]
    course = sorted((built_site / "kursus" / "filer").glob("*.pdf"))  # filled case sheets and role cards
    assert len(pdfs) >= 8 and any(p.name.endswith("-rollekort.pdf") for p in course)
    pdfs += course
    for path in pdfs:
        findings, ran = pdfua_findings(path)
        assert findings == [], f"{path.name}: {findings}"
        assert {"UA-01-005", "UA-01-003", "UA-15-003", "UA-06-001", "UA-18-001"} <= set(ran), path.name


@pytest.mark.parametrize("width", [320, 390])
def test_row_tables_reflow_on_a_phone(width, server, browser, axe_source, tmp_path):
    ctx = browser.new_context(accept_downloads=True, locale="da-DK", viewport={"width": width, "height": 800},
                              has_touch=True, is_mobile=True)
    try:
        for form_id in MAIN_FORMS:
            page = ctx.new_page()
            load_fully(page, f"{server}/blanketter/{form_id}/")
            page.locator("button.tb-add").first.click()
            measured = page.evaluate("""() => {
              const d = document.documentElement;
              const cell = document.querySelector('tbody.tb-repeat input[type=text]:not([name$=".label"]), tbody input[type=text]');
              const tr = cell.closest('tr');
              const small = [...document.querySelectorAll('.tb-option input, .tb-add, .tb-remove, .tb-toolbar button')]
                .filter(el => !el.closest('template') && el.offsetParent)
                .map(el => el.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length;
              return {doc: d.scrollWidth, view: d.clientWidth, input: cell.getBoundingClientRect().width,
                      rowDisplay: getComputedStyle(tr).display, small};
            }""")
            assert measured["doc"] <= measured["view"], f"{form_id} at {width} px scrolls sideways: {measured}"
            assert measured["input"] >= width * 0.6, f"{form_id}: a cell's input is {measured['input']} px wide"
            assert measured["rowDisplay"] == "block", "one group of fields per row"
            assert measured["small"] == 0, "touch targets of at least 24 px"
            if width == 390:
                _axe(page, axe_source, f"{form_id} at {width} px")
                save_json(page, form_id, tmp_path / f"{form_id}.json")  # with the summary shown (required fields)
                _axe(page, axe_source, f"{form_id} at {width} px with the error summary")
            page.close()
        # wide screens keep the table
        page = ctx.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        load_fully(page, f"{server}/blanketter/netvaerkskort/")
        assert page.evaluate("() => getComputedStyle(document.querySelector('tbody tr')).display") == "table-row"
    finally:
        ctx.close()


def test_save_as_pdf_works_in_the_offline_copy(built_site, browser, tmp_path):
    from toolbox.render.offline import OFFLINE_PATH

    with zipfile.ZipFile(built_site / OFFLINE_PATH) as z:
        z.extractall(tmp_path)
    folder = next(p for p in tmp_path.iterdir() if p.is_dir())
    ctx = browser.new_context(accept_downloads=True, locale="da-DK")
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((folder / "blanketter" / "udrettedagsorden" / "index.html").as_uri(), wait_until="load")
        page.fill("#borger--navn", "Anna Testesen")
        pdf = save_pdf(page, "udrettedagsorden", tmp_path / "offline.pdf")
        fields = _pdf_fields(PdfReader(io.BytesIO(pdf)))
        assert fields["borger.navn"] == "Anna Testesen"
        assert all(u.startswith(("file://", "blob:", "data:")) for u in requests), requests
    finally:
        ctx.close()
