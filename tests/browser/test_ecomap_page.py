"""The network map drawn as a map in the real page (issue 14), in Chromium through nginx: the picture
follows the form as it is filled, has an accessible name and a text alternative, prints, passes
axe-core; it is the same SVG as the build draws (the shared fixture), its labels do not overlap in
the browser's own fonts, and "Gem som PDF" puts it on a page of its own as a tagged figure."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET

import pikepdf
from pypdf import PdfReader

from browserlib import ARTIFACTS, ROOT, run_axe
from formlib import READ, UI, form_page, load_fully, open_file, pdfua_findings, save_json, save_pdf
from helpers import structure_elements
from toolbox import inputs, messages
from toolbox.render import ecomap

FORM = "netvaerkskort"
THIRTY = ROOT / "tests" / "fixtures" / "ecomap" / "netvaerkskort-30.json"
SAVED_V2 = ROOT / "tests" / "fixtures" / "saved" / "v2" / "netvaerkskort.json"
DRAWING = "#tb-ecomap-netvaerkskort"
THREE = [("aktoerer--behandling--dpc", "Ali Testesen"), ("aktoerer--hverdagen--hjemmevejleder", "Bente Prøvesen"),
         ("aktoerer--familie--aegtefaelle", "Carl Eksempel")]


def _page(context, server):
    page, errors = form_page(context, server, FORM)
    page.wait_for_selector(f"{DRAWING} svg")
    return page, errors


def _actors(page) -> int:
    return page.locator(f"{DRAWING} .tb-ecomap-actor").count()


def test_three_people_in_contact_are_drawn_with_their_names_shown_in_print_and_pass_axe(
        server, context, axe_source, tmp_path):
    page, errors = _page(context, server)
    section = page.locator("#netvaerkskort--tegning")
    assert section.is_visible(), "the drawing is there from the start: the citizen alone, and how to add people"
    assert _actors(page) == 0
    for row, name in THREE:
        page.locator(f"label[for='{row}--har-kontakt']").click()  # "Ja"
        page.locator(f"#{row}--navn").fill(name)
    page.wait_for_function(f"() => document.querySelectorAll('{DRAWING} .tb-ecomap-actor').length === 3 && "
                           f"document.querySelector('{DRAWING} svg title').textContent.includes('Carl Eksempel')")
    # one picture, an SVG with role img, whose accessible name holds the three names, by sector
    names = "".join(f"(?=.*{re.escape(n)})" for _, n in THREE)
    img = page.get_by_role("img", name=re.compile(names))
    assert img.count() == 1 and img.evaluate("e => e.tagName.toLowerCase()") == "svg"
    label = img.evaluate("e => document.getElementById(e.getAttribute('aria-labelledby')).textContent")
    assert "Behandling: DPC, Ali Testesen" in label and "At klare hverdagen i hjemmet: Hjemmevejleder, Bente Prøvesen" in label
    # a person no longer in contact leaves the picture; the connection changes the line
    page.locator("label[for='aktoerer--familie--aegtefaelle--har-kontakt--nej']").click()
    page.wait_for_function(f"() => document.querySelectorAll('{DRAWING} .tb-ecomap-actor').length === 2")
    page.locator("label[for='aktoerer--familie--aegtefaelle--har-kontakt']").click()
    page.locator("label[for='aktoerer--behandling--dpc--forbindelse--anstrengt']").click()
    page.wait_for_function(f"() => document.querySelectorAll('{DRAWING} .tb-ecomap-links polyline').length === 1 && "
                           f"document.querySelectorAll('{DRAWING} .tb-ecomap-actor').length === 3")
    _axe(page, axe_source)
    # in print: on a page of its own, the picture visible
    page.emulate_media(media="print")
    assert section.is_visible() and page.locator(f"{DRAWING} svg").bounding_box()["height"] > 200
    assert page.locator("#netvaerkskort--tegning .tb-hint").is_hidden()
    assert section.evaluate("e => getComputedStyle(e).breakBefore") == "page"
    pdf = page.pdf(format="A4")
    (ARTIFACTS.mkdir(exist_ok=True), (ARTIFACTS / "netvaerkskort-tegning-udskrevet.pdf").write_bytes(pdf))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    (drawn,) = [t for t in pages if "Sådan læser du tegningen" in t]
    assert all(n in drawn for _, n in THREE) and messages.ECOMAP_CAPTION in drawn
    page.emulate_media(media="screen")
    assert page.evaluate("() => window.__cspViolations") == [] and errors == []


def _axe(page, axe_source):
    page.wait_for_timeout(500)
    violations = run_axe(page, axe_source)
    assert violations == [], "; ".join(f"{v['id']}: {v['help']} at {v['nodes']}" for v in violations)


def _tree(element):
    """An SVG element as (tag, attributes, text, children), namespaces and the xmlns attribute left out."""
    return (element.tag.rpartition("}")[2], {k: v for k, v in element.attrib.items() if k != "xmlns"},
            (element.text or "").strip(), [_tree(c) for c in element])


BOXES = """() => {
  const svg = document.querySelector('%s svg');
  const out = {texts: [], outside: []};
  for (const g of svg.querySelectorAll('g')) {
    const cls = g.getAttribute('class');
    if (!['tb-ecomap-actor', 'tb-ecomap-sector-name', 'tb-ecomap-citizen', 'tb-ecomap-legend'].includes(cls)) continue;
    const frame = cls === 'tb-ecomap-actor' ? g.querySelector('rect').getBBox() : null;
    for (const t of g.querySelectorAll('text')) {
      const b = t.getBBox();
      out.texts.push([b.x, b.y, b.x + b.width, b.y + b.height, t.textContent]);
      if (frame && (b.x < frame.x || b.y < frame.y || b.x + b.width > frame.x + frame.width || b.y + b.height > frame.y + frame.height))
        out.outside.push(t.textContent);
    }
  }
  return out;
}""" % DRAWING


def test_the_shared_fixture_is_drawn_as_the_build_draws_it_and_saved_in_the_pdf(
        server, built_site, context, axe_source, tmp_path):
    """30 people (tests/fixtures/ecomap/netvaerkskort-30.json): the page's SVG is the build's, element
    for element; measured in the browser's own font, no label overlaps another or leaves its box;
    "Gem som PDF" puts the drawing on its own page as a /Figure with its text as /Alt."""
    page, errors = _page(context, server)
    assert open_file(page, THIRTY, FORM) == UI[FORM].JS_OPENED.format(name=THIRTY.name)
    page.wait_for_function(f"() => document.querySelectorAll('{DRAWING} .tb-ecomap-actor').length === 30")
    in_page = page.locator(f"{DRAWING} svg").evaluate("e => e.outerHTML")
    model = inputs.load_model(ROOT, "eksempel")
    form = next(f for f in model.forms if f.id == FORM)
    values = json.loads(THIRTY.read_text(encoding="utf-8"))["values"]
    (built,) = ecomap.draw(model, [(ecomap.description(form), values, ecomap.drawing_id(FORM))])
    assert _tree(ET.fromstring(in_page)) == _tree(ET.fromstring(built.svg)), "the page draws what the build draws"
    found = page.evaluate(BOXES)
    assert found["outside"] == [], "labels run out of their boxes"
    texts = found["texts"]
    assert len(texts) > 60
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], f"labels overlap: {a} {b}"
    _axe(page, axe_source)

    pdf = save_pdf(page, FORM, tmp_path / "kort.pdf")
    (ARTIFACTS / "netvaerkskort-tegning-gemt.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    blank = PdfReader(built_site / "blanketter" / "filer" / "eksempel" / f"{FORM}.pdf")
    texts = [p.extract_text() for p in reader.pages]
    drawing = [i for i, t in enumerate(texts) if messages.ECOMAP_CAPTION in t and "Sådan læser du tegningen" in t]
    assert drawing == [len(blank.pages)], "the drawing has the first page after the form's own"
    assert any(UI[FORM].JS_PDF_APPENDIX_TITLE in t for t in texts[drawing[0] + 1:]), "the added rows follow it"
    doc = pikepdf.open(io.BytesIO(pdf))  # (held while its objects are read)
    figures = [(str(e.get("/Alt", "")), [str(c.get("/S")) for c in kids])
               for e, kids in structure_elements(doc) if e.get("/S") == "/Figure"]
    ((alt, children),) = [f for f in figures if f[0].startswith("Tegning af netværket")]
    assert alt == built.alt and "/Caption" in children
    findings, ran = pdfua_findings(tmp_path / "kort.pdf")
    assert findings == [] and "UA-13-004" in ran, findings
    assert page.evaluate("() => window.__cspViolations") == [] and [e for e in errors if "pdf" not in e.lower()] == []


def test_a_file_saved_by_version_2_before_the_drawing_opens_with_every_value_and_is_drawn(server, context, tmp_path):
    old = json.loads(SAVED_V2.read_text(encoding="utf-8"))
    assert old["version"] == 2 and old["form"] == FORM
    page, errors = _page(context, server)
    assert open_file(page, SAVED_V2, FORM) == UI[FORM].JS_OPENED.format(name=SAVED_V2.name)
    assert page.evaluate(READ) == old["values"], "every value is back in its field"
    assert page.locator(".tb-notice").count() == 0
    page.wait_for_function(f"() => document.querySelectorAll('{DRAWING} .tb-ecomap-actor').length === 4")
    title = page.locator(f"{DRAWING} svg title").text_content()
    for name in ("Bodil Eksempel", "Ahmed Testesen", "Grete Prøvesen", "Udlejer", "Signe Eksempel (datter)"):
        assert name in title
    assert "Kurt Opdigt" not in title, "no contact, not drawn"
    again = save_json(page, FORM, tmp_path / "again.json")
    assert again["values"] == old["values"] and again["rows"] == old["rows"]
    assert errors == []
