"""The brochures as real folded leaflets (toolbox/render/fold.py): one A4 sheet printed on both sides
and letter-folded, read back from the PDF: two pages, the cover on the outside's right-hand panel,
each section on its panel, the reading order of the folded leaflet, tagged, small."""
from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest

from helpers import ROOT
from toolbox import icons, inputs
from toolbox.errors import RenderError
from toolbox.render import fold, pdf

MM = 72 / 25.4
MAX_BYTES = 150 * 1024
# The panels' left and right edges in mm, from the letter fold's imposition (page 1: flap, back,
# cover; page 2: inside 1, 2, 3): written out here, not taken from the module.
PANELS = {1: {"flap": (0, 97), "back": (97, 197), "cover": (197, 297)},
          2: {1: (0, 100), 2: (100, 200), 3: (200, 297)}}


@pytest.fixture(scope="session")
def project():
    return inputs.load(ROOT)


@pytest.fixture(scope="session")
def brochures(project):
    """Every brochure (translations too) for the sample profiles and the neutral view: {(view, form id): (form, bytes)}."""
    out = {}
    views = [inputs.model_for(project, name) for name in ("eksempel", "fuld-branding", "minimal")]
    for model in views + [inputs.neutral_model(project)]:
        for form in model.forms:
            if form.kind == "brochure":
                out[model.profile_id, form.id] = (form, pdf.render_pdf(model, form))
    return out


def texts(page) -> list[tuple[str, float]]:
    """Each piece of text on the page with its left edge in mm."""
    found: list[tuple[str, float]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((" ".join(text.split()), (tm[4] * cm[0] + cm[4]) / MM))
    page.extract_text(visitor_text=visit)
    return found


def begins(piece: str, text: str) -> bool:
    """Whether a piece of the page's text begins with ``text``'s first words (a heading may wrap)."""
    start = " ".join(text.split()[:2])
    return piece == start or piece.startswith(start + " ")


def left_edge(page, text: str) -> float:
    """The left edge (mm) of the first piece of text that begins ``text``'s first words."""
    hits = [x for t, x in texts(page) if begins(t, text)]
    assert hits, f"{text!r} is not on the page"
    return hits[0]


def panel_of(section) -> str:
    return section.layout.panel or "inside"


def test_the_real_brochures_are_letter_folds(project):
    forms = [f for f in project.schema_.forms if f.kind == "brochure"]
    assert {f.id for f in forms} == {"pjece-borger", "pjece-borger-en", "pjece-samarbejdspartner"}
    for form in forms:
        panels = [panel_of(s) for s in form.sections]
        assert {"cover", "flap", "back", "inside"} <= set(panels), form.id
        assert all(s.layout.icon for s in form.sections), form.id


def test_every_brochure_is_two_a4_pages_with_the_cover_on_the_outside(brochures):
    for (view, form_id), (form, data) in brochures.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 2, (view, form_id)
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (842, 595)
        outside, inside = reader.pages
        left, right = PANELS[1]["cover"]
        assert left < left_edge(outside, form.title) < right - 20, (view, form_id)  # the cover's title
        assert form.title not in inside.extract_text()
        for s in form.sections:
            if not s.title:
                continue
            panel = panel_of(s)
            page = inside if panel == "inside" else outside
            other = outside if page is inside else inside
            x = left_edge(page, s.title)
            if panel != "inside":
                low, high = PANELS[1][panel]
                assert low < x < high, (view, form_id, s.id, panel, x)
            assert not any(begins(t, s.title) for t, _ in texts(other)), (view, form_id, s.id)


def test_inside_sections_follow_the_panels_in_order(brochures):
    """Inside 1, 2, 3 left to right: a section that starts a panel is in the next panel."""
    for (view, form_id), (form, data) in brochures.items():
        inside = pypdf.PdfReader(io.BytesIO(data)).pages[1]
        panel = 1
        for i, s in enumerate(x for x in form.sections if panel_of(x) == "inside"):
            if i and s.layout.page_break_before:
                panel += 1
            low, high = PANELS[2][panel]
            assert low < left_edge(inside, s.title) < high, (view, form_id, s.id, panel)
        assert panel == 3, f"{form_id}: the inside uses all three panels"


def headings_by_page(data: bytes) -> list[tuple[str, int]]:
    """The structure tree's headings in reading order, each with its page number."""
    with pikepdf.open(io.BytesIO(data)) as doc:
        pages = {p.objgen: n for n, p in enumerate(doc.pages, start=1)}
        out: list[tuple[str, int]] = []

        def walk(element) -> None:
            tag = str(element.get("/S", ""))
            if tag in ("/H1", "/H2"):
                out.append((tag, pages[element.Pg.objgen]))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)
        walk(doc.Root.StructTreeRoot)
        return out


def test_the_reading_order_is_the_folded_leaflets(brochures):
    """Cover, flap, the three inside panels, back: as the leaflet is opened, not as the sheet is printed."""
    for (view, form_id), (form, data) in brochures.items():
        titled = [s for s in form.sections if s.title]
        order = {"cover": 0, "flap": 1, "inside": 2, "back": 3}
        expected = [("/H1", 1)] + [("/H2", 2 if panel_of(s) == "inside" else 1)
                                   for s in sorted(titled, key=lambda s: order[panel_of(s)])]
        assert headings_by_page(data) == expected, (view, form_id)


def test_brochures_are_small_and_tagged(brochures, tmp_path):
    from pdfua.validator import validate

    for (view, form_id), (form, data) in brochures.items():
        assert len(data) <= MAX_BYTES, (view, form_id, len(data))
        path = tmp_path / f"{view}-{form_id}.pdf"
        path.write_bytes(data)
        report = validate(str(path))
        assert [f"{f.rule_id}: {f.message}" for o in report.outcomes for f in o.findings] == [], (view, form_id)
        with pikepdf.open(path) as doc:
            figures = []

            def walk(element) -> None:
                if str(element.get("/S", "")) == "/Figure":
                    figures.append(element)
                kids = element.get("/K")
                for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                    if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                        walk(kid)
            walk(doc.Root.StructTreeRoot)
            logo = view == "fuld-branding"
            assert len(figures) == (1 if logo else 0), (view, form_id)  # pictograms are artifacts, the logo a figure


def test_pictograms_come_from_the_pinned_icon_set():
    names = fold.used_icons([f for f in inputs.load(ROOT).schema_.forms])
    assert len(names) >= 8
    for name in names:
        assert icons.path(name) is not None and icons.path(name).parent.parts[-3:] == ("templates", ".icons", "material")
    assert b'fill="#123456"' in icons.svg(names[0], "#123456")
    assert "Apache" in icons.license_path().read_text()
    assert icons.path("findes-ikke") is None and icons.path("../LICENSE") is None


def test_fold_marks_are_drawn_only_when_the_profile_asks(project, brochures):
    with_marks = inputs.model_for(project, "fuld-branding")
    assert with_marks.profile.fold_marks and not project.profiles["eksempel"].fold_marks
    form = next(f for f in with_marks.forms if f.id == "pjece-samarbejdspartner")
    without = with_marks.model_copy(update={"profile": with_marks.profile.model_copy(update={"fold_marks": False})})
    marked, plain = brochures["fuld-branding", form.id][1], pdf.render_pdf(without, form)

    def images(data: bytes) -> list[int]:
        with pikepdf.open(io.BytesIO(data)) as doc:
            return [len(p.Resources.get("/XObject", {})) + len(p.Resources.get("/Pattern", {}))
                    for p in doc.pages]
    assert all(m > p for m, p in zip(images(marked), images(plain))), (images(marked), images(plain))


def test_a_brochure_that_does_not_fit_stops_with_a_clear_message(project):
    model = inputs.model_for(project, "eksempel")
    form = next(f for f in model.forms if f.id == "pjece-samarbejdspartner")
    long_text = "Lang tekst, der ikke kan være der. " * 120

    def with_text(panel: str):
        sections = [s.model_copy(update={"text": long_text}) if panel_of(s) == panel and s.text else s for s in form.sections]
        return form.model_copy(update={"sections": sections})
    with pytest.raises(RenderError, match=r"pjecen fylder \d+ sider, men et foldet A4-ark har 2"):
        pdf.render_pdf(model, with_text("inside"))
    with pytest.raises(RenderError, match=r"teksten på panelet 'flap' er for lang"):
        pdf.render_pdf(model, with_text("flap"))


def test_the_brochure_page_says_how_to_print_and_fold(project):
    from toolbox import messages
    from toolbox.render import document_path, html

    model = inputs.model_for(project, "eksempel")
    shown = {form.id for form in model.forms
             if messages.BROCHURE_PRINT in html.form_page(model, form, {document_path(model.profile_id, form.id, ".pdf"): b"%PDF"})}
    assert shown == {f.id for f in model.forms if f.kind == "brochure"} and len(shown) == 3


def test_a_brochure_that_does_not_fit_stops_the_build_with_its_message(tmp_path):
    """The check runs in the build's worker processes: its message comes back whole (not a broken pool)."""
    import yaml

    from helpers import copy_project, run_toolbox

    project = copy_project(tmp_path / "p")
    schema = project / "forms" / "schema.yml"
    data = yaml.safe_load(schema.read_text(encoding="utf-8"))
    form = next(f for f in data["forms"] if f["id"] == "pjece-samarbejdspartner")
    for section in form["sections"]:
        if (section.get("layout") or {}).get("panel") == "flap" and section.get("text"):
            section["text"] = "Lang tekst, der ikke kan være der. " * 120
    schema.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_toolbox("build", "--no-downloads", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "pdf: pjece-samarbejdspartner: teksten på panelet 'flap' er for lang" in result.stderr
    assert "BrokenProcessPool" not in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()  # nothing half-written
