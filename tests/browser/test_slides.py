"""The slides page's presenter view in Chromium, by keyboard alone: one slide at a time with its notes
beside it, the arrow keys, Home/End and Esc; axe-core finds nothing in the view."""
from __future__ import annotations

from browserlib import run_axe

VISIBLE = """() => [...document.querySelectorAll('.tb-slide')].map(s => {
  const notes = s.querySelector('details.tb-notes');
  return {id: s.id, shown: s.offsetParent !== null, notesOpen: !!notes && notes.open};
})"""


def _shown(page) -> list[str]:
    return [s["id"] for s in page.evaluate(VISIBLE) if s["shown"]]


def test_presenter_view_by_keyboard(server, context, axe_source):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/kursus/slides/", wait_until="networkidle")
    slides = page.evaluate(VISIBLE)
    count = len(slides)
    assert count >= 13 and all(s["shown"] and not s["notesOpen"] for s in slides)

    toggle = page.locator(".tb-presenter-toggle")
    assert toggle.is_visible()  # the script shows the button; without it the page is a list of slides
    for _ in range(200):  # reach the button with Tab, as a keyboard user does
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('tb-presenter-toggle')"):
            break
    else:
        raise AssertionError("the presenter button cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert _shown(page) == ["slide-1"]
    assert page.evaluate(VISIBLE)[0]["notesOpen"]
    assert page.locator(".tb-presenter-status").inner_text().startswith(f"Dias 1 af {count}")
    assert page.evaluate("() => document.activeElement.id") == "slide-1"
    assert not run_axe(page, axe_source)

    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _shown(page) == ["slide-3"]
    assert page.locator(".tb-presenter-status").inner_text().startswith(f"Dias 3 af {count}")
    page.keyboard.press("ArrowLeft")
    assert _shown(page) == ["slide-2"]
    page.keyboard.press("End")
    assert _shown(page) == [f"slide-{count}"]
    page.keyboard.press("ArrowRight")  # stays on the last one
    assert _shown(page) == [f"slide-{count}"]
    page.keyboard.press("Home")
    page.keyboard.press("PageDown")
    assert _shown(page) == ["slide-2"]
    # a wide window shows the notes beside the slide, not below it
    box = page.evaluate("""() => { const s = document.getElementById('slide-2');
        const h = s.querySelector('h2').getBoundingClientRect(), n = s.querySelector('details.tb-notes').getBoundingClientRect();
        return {notesLeft: n.left, headingRight: h.left + 10, notesTop: n.top, headingBottom: h.bottom}; }""")
    assert box["notesLeft"] > box["headingRight"] and box["notesTop"] < box["headingBottom"]

    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-pressed") == "false"
    after = page.evaluate(VISIBLE)
    assert all(s["shown"] and not s["notesOpen"] for s in after)
    assert page.evaluate("() => document.activeElement.classList.contains('tb-presenter-toggle')")
    assert not errors
