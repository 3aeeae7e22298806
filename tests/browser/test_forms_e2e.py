"""Each form end to end in Chromium: fill everything, rows, save, reload, open, print; keyboard only."""
from __future__ import annotations

import io
import json
import re

import pytest
from pypdf import PdfReader

from browserlib import ARTIFACTS
from formlib import FILL, FORMS, READ, UI, load_fully, published_schema, schema_errors


@pytest.mark.parametrize("form_id", FORMS)
def test_fill_save_reload_open_print(form_id, server, built_site, context, tmp_path):
    page = context.new_page()
    requests: list[str] = []
    load_fully(page, f"{server}/blanketter/{form_id}/")
    page.on("request", lambda r: requests.append(r.url))

    blocks = page.locator("tbody.tb-repeat")
    if blocks.count():
        block = blocks.first
        name = block.get_attribute("data-block")
        before = block.locator("tr.tb-repeat-row").count()
        page.locator(f'button.tb-add[data-block="{name}"]').click()
        assert block.locator("tr.tb-repeat-row").count() == before + 1
        assert page.locator(".tb-status").inner_text() == UI[form_id].JS_ROW_ADDED
        new_row = block.locator("tr.tb-repeat-row").last
        assert new_row.locator("input").first.get_attribute("name") == f"{name}.{before}.label"
        # remove the first row: the rest are renumbered 0..n-1
        block.locator("tr.tb-repeat-row").first.locator("button.tb-remove").click()
        assert block.locator("tr.tb-repeat-row").count() == before
        names = [row.locator("input").first.get_attribute("name") for row in block.locator("tr.tb-repeat-row").all()]
        assert names == [f"{name}.{n}.label" for n in range(before)]
        labels = [row.locator("button.tb-remove").get_attribute("aria-label") for row in block.locator("tr.tb-repeat-row").all()]
        assert all(label.endswith(f" {n + 1}") for n, label in enumerate(labels))

    count = page.evaluate(FILL)
    assert count == page.locator("form.tb-form [name]:not(template *)").count()
    filled = page.evaluate(READ)

    with page.expect_download() as info:
        page.get_by_role("button", name=UI[form_id].SAVE).click()
    saved_path = tmp_path / f"{form_id}.json"
    info.value.save_as(saved_path)
    assert page.locator(".tb-status").inner_text() == UI[form_id].JS_SAVED  # in the page's language
    saved = json.loads(saved_path.read_text(encoding="utf-8"))
    assert saved["form"] == form_id and saved["format"] == "dkk-blanket"
    assert saved["values"] == filled
    # the real page's file is what the form's published JSON Schema describes
    assert schema_errors(published_schema(built_site, form_id), saved) == []

    page.screenshot(path=str(_artifact(f"{form_id}-udfyldt.png")), full_page=True)
    pdf = page.pdf(format="A4", print_background=False)
    _artifact(f"{form_id}-udskrift.pdf").write_bytes(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    text = re.sub(r"\s+", " ", text)
    typed = [v for v in saved["values"].values() if isinstance(v, str) and v.startswith("Værdi")]
    for value in typed[:5]:
        assert value.split(" <")[0] in text, f"typed value {value!r} is not in the printed PDF"
    assert UI[form_id].SAVE not in text, "the toolbar is not printed"

    assert [u for u in requests if not u.startswith("blob:")] == [], "filling, saving and printing made requests"
    load_fully(page, None)
    requests.clear()
    assert page.evaluate(READ) == {}, "nothing is remembered after a reload"
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=UI[form_id].OPEN).click()
    chooser.value.set_files(str(saved_path))
    opened = UI[form_id].JS_OPENED.format(name=saved_path.name)
    page.wait_for_function("t => document.querySelector('.tb-status').textContent === t", arg=opened)
    assert page.evaluate(READ) == filled

    asked: list[str] = []
    page.once("dialog", lambda d: (asked.append(d.message), d.accept()))
    page.get_by_role("button", name=UI[form_id].CLEAR).click()
    assert asked == [UI[form_id].JS_CONFIRM_CLEAR]
    assert page.evaluate(READ) == {}
    assert page.locator(".tb-status").inner_text() == UI[form_id].JS_CLEARED
    own = [u for u in requests if not u.startswith("blob:")]
    assert own == [], f"opening a file and clearing made requests: {own}"
    assert page.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]


def _artifact(name: str):
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@pytest.mark.parametrize("form_id", ["udrettedagsorden", "samtykkeerklaering"])
def test_keyboard_only(form_id, server, context):
    page = context.new_page()
    page.goto(f"{server}/blanketter/{form_id}/", wait_until="networkidle")
    controls = page.evaluate("""() => [...document.querySelectorAll('.tb-form-page input, .tb-form-page textarea, .tb-form-page button')]
        .filter(el => !el.closest('template') && !el.hidden && el.type !== 'file').map(el => el.id || el.getAttribute('aria-label') || el.textContent.trim())""")
    page.locator(".tb-toolbar button").first.focus()
    reached: set[str] = set()
    radios_seen: set[str] = set()
    for _ in range(len(controls) * 2 + 20):
        info = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {key: el.id || el.getAttribute('aria-label') || el.textContent.trim(), name: el.name || '', type: el.type || '',
                    outline: s.outlineStyle, shadow: s.boxShadow, inForm: !!el.closest('.tb-form-page')}; }""")
        if not info["inForm"]:
            break
        assert info["outline"] != "none" or info["shadow"] != "none", f"focus not visible on {info['key']}"
        reached.add(info["key"])
        if info["type"] == "radio":
            radios_seen.add(info["name"])
        page.keyboard.press("Tab")
    # a radio group is one tab stop: its other options are reached with the arrow keys
    missing = [c for c in controls if c not in reached and not _is_other_radio(page, c, radios_seen)]
    assert not missing, f"not reachable with Tab: {missing[:10]}"

    add = page.locator("button.tb-add").first
    if add.count():
        block = add.get_attribute("data-block")
        rows = page.locator(f'tbody.tb-repeat[data-block="{block}"] tr').count()
        add.focus()
        page.keyboard.press("Enter")
        assert page.locator(f'tbody.tb-repeat[data-block="{block}"] tr').count() == rows + 1
        assert page.evaluate("() => document.activeElement.name").startswith(block + ".")
        assert page.locator(".tb-status").get_attribute("role") == "status"
        page.keyboard.type("Nyt emne")
        remove = page.locator(f'tbody.tb-repeat[data-block="{block}"] tr').last.locator("button.tb-remove")
        assert remove.get_attribute("aria-label").startswith("Fjern ")
        remove.focus()
        page.keyboard.press("Enter")
        assert page.locator(f'tbody.tb-repeat[data-block="{block}"] tr').count() == rows


def _is_other_radio(page, key: str, groups: set[str]) -> bool:
    return page.evaluate("([k, g]) => { const el = document.getElementById(k); return !!el && el.type === 'radio' && g.includes(el.name); }",
                         [key, sorted(groups)])
