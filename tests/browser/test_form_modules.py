"""Sections shown on a condition (the coordinating plan's modules), in Chromium through nginx: a module
switched on shows its sections, off hides them without losing what was typed, and a saved file with
modules opens with them on."""
from __future__ import annotations

from browserlib import run_axe
from formlib import UI, WATCH_CSP, load_fully, open_file, save_json

FORM = "koordineret-plan"
MODULES = ("psykiatri-misbrug", "bolig", "arbejde", "loesladelse", "boern", "oekonomi")


def _visible_modules(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('section[data-when-field]')]
        .filter(s => !s.hidden && s.offsetParent !== null).map(s => s.id.split('--')[1])""")


def test_a_module_switched_on_shows_its_sections_and_a_saved_file_opens_with_it(server, context, axe_source, tmp_path):
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    load_fully(page, f"{server}/blanketter/{FORM}/")
    assert _visible_modules(page) == [], "no module is chosen at first"
    group = page.get_by_role("group", name="Moduler i planen")
    assert "Moduler" in group.locator("legend").inner_text()
    assert group.get_by_role("checkbox").count() == len(MODULES)

    group.get_by_role("checkbox", name="Bolig og hjemløshed").check()
    assert _visible_modules(page) == ["bolig"]
    notes = page.locator(f"#{FORM}--bolig .tb-when").inner_text()
    assert "Bolig og hjemløshed" in notes and "Moduler i planen" in notes
    page.locator(f"#{FORM}--bolig textarea").first.fill("Venteliste til en skæv bolig")
    page.locator(f"#{FORM}--bolig textarea").first.dispatch_event("input")
    group.get_by_role("checkbox", name="Økonomi og gæld").check()
    assert _visible_modules(page) == ["bolig", "oekonomi"]
    assert run_axe(page, axe_source) == []

    group.get_by_role("checkbox", name="Økonomi og gæld").uncheck()
    assert _visible_modules(page) == ["bolig"]
    saved = save_json(page, FORM, tmp_path / "plan.json")
    assert saved["values"]["moduler.moduler"] == ["bolig"]
    assert "Venteliste til en skæv bolig" in saved["values"].values()

    page.get_by_role("checkbox", name="Bolig og hjemløshed").uncheck()  # hidden: what was typed stays
    assert _visible_modules(page) == []
    kept = save_json(page, FORM, tmp_path / "uden.json")
    assert "Venteliste til en skæv bolig" in kept["values"].values()

    page.on("dialog", lambda d: d.accept())  # opening over unsaved input asks first
    load_fully(page, None)
    assert _visible_modules(page) == []
    open_file(page, tmp_path / "plan.json", FORM)
    assert _visible_modules(page) == ["bolig"]
    assert page.locator(f"#{FORM}--bolig textarea").first.input_value() == "Venteliste til en skæv bolig"
    assert page.evaluate("() => window.__cspViolations") == []


def test_a_required_field_of_a_hidden_module_is_not_reported(server, context, tmp_path):
    page = context.new_page()
    load_fully(page, f"{server}/blanketter/{FORM}/")
    page.get_by_role("button", name=UI[FORM].SAVE).click()
    summary = page.locator(".tb-error-summary")
    text = summary.inner_text() if summary.count() else ""
    for module in MODULES:
        assert f"#{FORM}--{module}" not in text
    hrefs = page.evaluate("() => [...document.querySelectorAll('.tb-error-summary a')].map(a => a.getAttribute('href'))")
    hidden = page.evaluate("""() => [...document.querySelectorAll('section[hidden] [id]')].map(e => '#' + e.id)""")
    assert not set(hrefs) & set(hidden), "no problem links to a field the user cannot see"
