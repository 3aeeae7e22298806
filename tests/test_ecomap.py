"""The network map drawn as a map (issue 14): the description the build makes, the layout (run by Node,
as the build runs it), its labels measured with the PDFs' real font, the drawing's page in the filled
PDFs and on the course's case pages.  The page itself: tests/browser/test_ecomap_page.py."""
from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pikepdf
import pytest
from helpers import FIXTURES, ROOT, structure_elements

from toolbox import messages
from toolbox.render import ecomap

SVG = "{http://www.w3.org/2000/svg}"
THIRTY = FIXTURES / "ecomap" / "netvaerkskort-30.json"
FONT = ROOT / "toolbox" / "fonts"


def _form(real, form_id="netvaerkskort"):
    return next(f for f in real.forms if f.id == form_id)


def _draw(real, values, id_="tb-ecomap-test"):
    (d,) = ecomap.draw(real, [(ecomap.description(_form(real)), values, id_)])
    return d


def test_the_layout_script_passes_its_own_tests(real):
    node = shutil.which("node")
    assert node, "node is needed (scripts/setup.sh installs it)"
    env = {**os.environ, "DKK_ECOMAP": json.dumps(ecomap.description(_form(real)), ensure_ascii=False)}
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "ecomap.test.js")],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_description_is_the_network_maps_tables_in_order(real):
    form = _form(real)
    desc = ecomap.description(form)
    tables = [f for s in form.sections for f in s.fields if f.kind == "table"]
    assert [s["label"] for s in desc["sectors"]] == [t.label for t in tables]
    assert desc["citizen"] == "borger.navn"
    assert [c["id"] for c in desc["connections"]] == ["staerk", "svag", "anstrengt"]
    for t in tables:  # every table has the drawing's columns, with the same choices
        cols = {c.id: c for c in t.columns}
        assert [c.id for c in cols["forbindelse"].choices] == ["staerk", "svag", "anstrengt"], t.id
        assert cols["koordinerende-moede"].kind == "checkbox", t.id
    assert desc["texts"] == messages.ECOMAP_TEXTS
    # the other forms have nothing to draw, and their pages no drawing
    from toolbox.render.html import form_html, page_data

    for other in real.forms:
        if other.id != "netvaerkskort":
            assert ecomap.description(other) is None, other.id
            assert "data-ecomap" not in form_html(real, other, page_data(real, other, False))
    page = form_html(real, form, page_data(real, form, False))
    assert 'class="tb-section tb-ecomap"' in page and "data-ecomap=" in page and " hidden>" in page


def test_the_same_data_gives_the_same_svg_in_two_runs_of_node(real):
    values = json.loads(THIRTY.read_text(encoding="utf-8"))["values"]
    first = ecomap.run_script(real.site_asset(ecomap.SCRIPT), ecomap._payload(
        [(ecomap.description(_form(real)), values, "a")]))
    second = ecomap.run_script(real.site_asset(ecomap.SCRIPT), ecomap._payload(
        [(ecomap.description(_form(real)), dict(reversed(list(values.items()))), "a")]))
    assert first == second
    assert json.loads(first)[0]["count"] == 30


# ---- labels measured with the real font ----------------------------------------------------------

class Metrics:
    """Advance widths and the ascent/descent of a TrueType font (no kerning: it only narrows text)."""

    def __init__(self, path):
        from fontTools.ttLib import TTFont

        font = TTFont(path)
        self.upm = font["head"].unitsPerEm
        self.cmap = font.getBestCmap()
        self.hmtx = font["hmtx"]
        self.ascent = font["hhea"].ascent / self.upm
        self.descent = -font["hhea"].descent / self.upm
        self.notdef = self.hmtx[".notdef"][0]

    def width(self, text: str, size: float) -> float:
        units = sum(self.hmtx[self.cmap[ord(c)]][0] if ord(c) in self.cmap else self.notdef for c in text)
        return units / self.upm * size


@pytest.fixture(scope="module")
def fonts():
    return {"400": Metrics(FONT / "source-sans-3-latin-400-normal.ttf"),
            "700": Metrics(FONT / "source-sans-3-latin-700-normal.ttf")}


def _text_box(t, fonts):
    size = float(t.get("font-size"))
    m = fonts[t.get("font-weight", "400")]
    w = m.width(t.text or "", size)
    x, y = float(t.get("x")), float(t.get("y"))
    anchor = t.get("text-anchor", "start")
    left = x - (w / 2 if anchor == "middle" else w if anchor == "end" else 0)
    return (left, y - m.ascent * size, left + w, y + m.descent * size)


def _blocks(texts, fonts):
    """The labels of a group: the lines of one label (same x and anchor, one line height apart) make one
    box, their union; every other text is a label of its own."""
    out = []
    last = None
    for t in texts:
        box = _text_box(t, fonts)
        key = (t.get("x"), t.get("text-anchor"))
        if last is not None and last[0] == key and abs(float(t.get("y")) - last[1] - LINE) < 0.01:
            prev = out[-1]
            out[-1] = (min(prev[0], box[0]), prev[1], max(prev[2], box[2]), box[3])
        else:
            out.append(box)
        last = (key, float(t.get("y")))
    return out


LINE = 20  # the drawing's line height (LH in ecomap.js)


def _apart(a, b):
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def _inside(inner, outer):
    return outer[0] <= inner[0] and inner[2] <= outer[2] and outer[1] <= inner[1] and inner[3] <= outer[3]


def _segment_hits(seg, box):
    """Does the segment pass through the inside of the box? (sampled densely; a line only touching
    the edge it ends at does not count)"""
    (x1, y1), (x2, y2) = seg
    x0, y0, x3, y3 = box[0] + 0.5, box[1] + 0.5, box[2] - 0.5, box[3] - 0.5
    steps = 400
    return any(x0 < x1 + (x2 - x1) * k / steps < x3 and y0 < y1 + (y2 - y1) * k / steps < y3 for k in range(steps + 1))


def _segments(node):
    if node.tag == SVG + "line":
        return [((float(node.get("x1")), float(node.get("y1"))), (float(node.get("x2")), float(node.get("y2"))))]
    pts = [tuple(map(float, p.split(","))) for p in node.get("points").split()]
    return list(zip(pts, pts[1:]))


def test_thirty_people_no_label_overlaps_another_or_leaves_its_box(real, fonts):
    """The 30 people of the shared fixture: every label measured with Source Sans 3 (the PDFs' font):
    no two labels overlap, each person's lines stay inside its box, and no line crosses a box or a label."""
    d = _draw(real, json.loads(THIRTY.read_text(encoding="utf-8"))["values"])
    assert d.count == 30
    svg = ET.fromstring(d.svg)
    width, height = map(float, svg.get("viewBox").split()[2:])
    labels, frames = [], []
    for g in svg.iter(SVG + "g"):
        cls = g.get("class")
        texts = _blocks(g.findall(SVG + "text"), fonts)
        if cls == "tb-ecomap-actor":
            r = g.find(SVG + "rect")
            frame = (float(r.get("x")), float(r.get("y")), float(r.get("x")) + float(r.get("width")),
                     float(r.get("y")) + float(r.get("height")))
            frames.append(frame)
            for box in texts:
                assert _inside(box, frame), "a label runs out of its box"
        if cls in ("tb-ecomap-actor", "tb-ecomap-sector-name", "tb-ecomap-citizen", "tb-ecomap-legend"):
            labels += texts
    assert len(frames) == 30
    assert len(labels) > 40
    for i, a in enumerate(labels):
        assert 0 <= a[0] and a[2] <= width and 0 <= a[1] and a[3] <= height, "a label leaves the picture"
        for b in labels[i + 1:]:
            assert _apart(a, b), f"labels overlap: {a} {b}"
    links = next(g for g in svg.iter(SVG + "g") if g.get("class") == "tb-ecomap-links")
    segments = [s for line in links for s in _segments(line)]
    assert len(segments) >= 30
    for seg in segments:
        end = seg[1]
        own = [f for f in frames if f[0] - 4 <= end[0] <= f[2] + 4 and f[1] - 4 <= end[1] <= f[3] + 4]
        for box in frames + labels:
            if box not in own:  # the box a line ends at hides its end (boxes are drawn over the lines)
                assert not _segment_hits(seg, box), f"a line crosses {box}"


def test_the_estimated_widths_are_never_narrower_than_the_font(real, fonts):
    """ecomap.js estimates text widths from a table per character; for every character in it the
    estimate is at least Source Sans 3's own width (regular and bold)."""
    node = shutil.which("node")
    script = ("const e = require(process.argv[1]); const out = {};"
              "for (const w of ['regular', 'bold']) { out[w] = {}; for (const [em, chars] of e.WIDTHS[w]) "
              "for (const c of chars) out[w][c] = e.textWidth(c, w === 'bold') / e.FS; }"
              "process.stdout.write(JSON.stringify(out));")
    result = subprocess.run([node, "-e", script, str(real.site_asset(ecomap.SCRIPT))], capture_output=True, text=True, timeout=60)
    estimates = json.loads(result.stdout)
    for weight, key in (("regular", "400"), ("bold", "700")):
        assert len(estimates[weight]) > 150
        for ch, em in estimates[weight].items():
            if ord(ch) in fonts[key].cmap:
                assert em + 1e-9 >= fonts[key].width(ch, 1), (weight, ch)


# ---- the documents -----------------------------------------------------------------------------

def _figures(pdf_bytes):
    """(the Alt text of every /Figure, how many /Caption elements there are) of a tagged PDF."""
    pdf = pikepdf.open(io.BytesIO(pdf_bytes))  # (held while its objects are read)
    elements = [e for e, _ in structure_elements(pdf)]
    alts = [str(e.get("/Alt", "")) for e in elements if e.get("/S") == "/Figure"]
    return alts, sum(1 for e in elements if e.get("/S") == "/Caption")


def _page_text(data: bytes, page: int) -> str:
    """A page's text as a viewer copies it (poppler's ``pdftotext``): pypdf guesses the spaces of
    the drawing's labels from the width of a space, which the drawing page's font subset may lack."""
    done = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-", "-"], input=data,
                          capture_output=True, timeout=60, check=True)
    return done.stdout.decode("utf-8")


def test_toolbox_fill_puts_the_drawing_on_a_last_page_as_a_figure(real, tmp_path):
    from pypdf import PdfReader

    from toolbox.fill import render_filled  # what `toolbox fill` writes (the command itself: test_course.py)

    case = next(c for c in real.cases if c.id == "sara")
    fill = case.case.forms["netvaerkskort"]
    data = render_filled(real, _form(real), fill)
    reader = PdfReader(io.BytesIO(data))
    last = _page_text(data, len(reader.pages))
    assert messages.ECOMAP_CAPTION in last and "Ali (psykiater)" in last and "Sara Eksempel" in last
    assert messages.ECOMAP_CAPTION not in reader.pages[-2].extract_text(), "the drawing has a page of its own"
    alts, _ = _figures(data)
    (alt,) = [a for a in alts if a.startswith("Tegning af netværket")]
    assert "Sara Eksempel" in alt and "DPC, Ali (psykiater), svag forbindelse, med i det koordinerende møde" in alt
    assert "Udlejer, anstrengt forbindelse" in alt
    # the fields still hold the case's values
    fields = reader.get_fields()
    assert fields["aktoerer.behandling.dpc.navn"]["/V"] == "Ali (psykiater)"
    assert str(fields["aktoerer.behandling.dpc.forbindelse"]["/V"]) == "/svag"
    (tmp_path / "sara.pdf").write_bytes(data)
    from pdfua.validator import validate

    report = validate(str(tmp_path / "sara.pdf"))
    assert [f.message for o in report.outcomes for f in o.findings] == []


def test_a_form_without_a_drawing_gets_no_drawing_page(real):
    from toolbox.fill import drawing_html

    case = next(c for c in real.cases if c.id == "sara")
    assert drawing_html(real, _form(real, "udrettedagsorden"), case.case.forms["udrettedagsorden"]) == ""
    nobody = case.case.forms["netvaerkskort"].model_copy(update={"values": {"borger.navn": "Sara Eksempel"}})
    assert drawing_html(real, _form(real), nobody) == ""


def test_every_case_sheet_and_page_of_the_site_holds_its_drawing(real, built_site):
    for case in real.cases:
        if "netvaerkskort" not in case.case.forms:
            continue
        sheet = (built_site / "kursus" / "filer" / f"{case.id}-netvaerkskort.pdf").read_bytes()
        alts, captions = _figures(sheet)
        drawings = [a for a in alts if a.startswith("Tegning af netværket")]
        assert len(drawings) == 1 and captions >= 1, case.id
        named = [v for k, v in case.case.forms["netvaerkskort"].values.items()
                 if k.endswith(".navn") and case.case.forms["netvaerkskort"].values.get(k[:-5] + ".har-kontakt") == "ja"]
        for name in named:
            assert name in drawings[0], (case.id, name)
        svg_file = built_site / "kursus" / "filer" / f"{case.id}-netvaerkskort-tegning.svg"
        svg = svg_file.read_text(encoding="utf-8")
        page = (built_site / "kursus" / "cases" / case.id / "index.html").read_text(encoding="utf-8")
        assert svg in page, "the case page shows the drawing inline, as the build drew it"
        assert f"{case.id}-netvaerkskort-tegning.svg" in page
        assert re.search(r'<h2 id="[^"]*">' + messages.ECOMAP_CAPTION, page)
        assert "<abbr" not in svg


def test_a_case_page_without_a_drawing_says_nothing_of_one(real):
    from toolbox.render.course import case_page

    case = next(c for c in real.cases if c.id == "sara")
    assert messages.ECOMAP_CAPTION not in case_page(real, case, {})
    svg = _draw(real, case.case.forms["netvaerkskort"].values).svg.encode()
    page = case_page(real, case, {ecomap.svg_path("sara", "netvaerkskort"): svg})
    assert f"## {messages.ECOMAP_CAPTION}" in page and svg.decode() in page


def test_a_new_title_of_the_network_map_renders_no_drawing_page_again(real, tmp_path, monkeypatch):
    """A case's filled network map is the form's PDF (this build's document) with the drawing's page
    joined on and the margins drawn again: after a new title only the join and the fill are made
    again, the drawing's page comes from the cache, and every page has the new title and its number."""
    from pypdf import PdfReader

    from toolbox import outputs
    from toolbox.render import document_path, pdf, sheets

    case = next(c for c in real.cases if c.id == "sara")
    rendered: list[str] = []
    real_part = sheets._render_part
    monkeypatch.setattr(sheets, "_render_part", lambda model, kind, *a: rendered.append(kind) or real_part(model, kind, *a))

    def sheet(model):
        form = _form(model)
        files = ecomap.render(model, outputs.Context(cache=tmp_path / "ecomap"))
        files[document_path(model.profile_id, form.id, ".pdf")] = document = pdf.render_pdf(model, form)
        made = sheets.render(model, outputs.Context(files=files, cache=tmp_path / "sheets", jobs=1))
        return document, made[sheets.sheet_path("sara", form.id)]

    one = real.model_copy(update={"cases": [case]})
    sheet(one)
    assert rendered == ["drawing"]
    form = _form(one)
    forms = [f.model_copy(update={"title": "Netværket omkring borgeren"}) if f is form else f for f in one.schema_.forms]
    renamed = one.model_copy(update={"schema_": one.schema_.model_copy(update={"forms": forms})})
    rendered.clear()
    document, data = sheet(renamed)
    assert rendered == [], "the drawing's page is the same after a new title"
    reader = PdfReader(io.BytesIO(data))
    total = len(reader.pages)
    assert total == len(PdfReader(io.BytesIO(document)).pages) + 1
    for n, page in enumerate(reader.pages, 1):
        text = " ".join(page.extract_text().split())
        assert text.count("Side ") == 1 and f"Side {n} af {total}" in text, (n, text[-80:])
        assert "Netværket omkring borgeren" in text, n  # the heading, then the running header
    assert messages.ECOMAP_CAPTION in reader.pages[-1].extract_text()
    assert reader.get_fields()["aktoerer.behandling.dpc.navn"]["/V"] == "Ali (psykiater)"


def test_a_network_map_without_a_pdf_of_its_form_in_the_build_gets_no_filled_sheet(real, tmp_path):
    """The filled network map is this build's PDF of the form with the drawing joined on: when the
    build has no PDF of the form, the case gets no sheet (and the build no error), drawing or not."""
    from toolbox import outputs
    from toolbox.render import sheets

    one = real.model_copy(update={"cases": [next(c for c in real.cases if c.id == "sara")]})
    files = ecomap.render(one, outputs.Context(cache=tmp_path / "ecomap"))
    assert ecomap.svg_path("sara", _form(one).id) in files
    assert sheets.sheet_path("sara", _form(one).id) not in sheets.render(
        one, outputs.Context(files=files, cache=tmp_path / "sheets", jobs=1))
