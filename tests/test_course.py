"""The course kit: cases (validation, filled PDFs, pages), the programmes and the slides."""
from __future__ import annotations

import io
import re

import pytest
from helpers import ROOT, run_toolbox

from toolbox.controls import blocks, controls, lookup
from toolbox.errors import InputError
from toolbox.inputs import cases as cases_input
from toolbox.model import Case, FormFill, LoadedCase


def load_case(path, schema, display=None):
    return cases_input.load(path, schema, display)


def load_cases(root, schema):
    return [cases_input.load(p, schema, str(p.relative_to(root))) for p in sorted((root / "forms" / "cases").glob("*.yml"))]

CASES = ROOT / "forms" / "cases"
BAD = ROOT / "tests" / "fixtures" / "cases"
SLIDES = ROOT / "forms" / "kursus" / "slides.md"


def _forms(real):
    return {f.id: f for f in real.forms}


def _outline_headings() -> list[str]:
    """The slide titles, counted from the Markdown: every '## ' line outside HTML comments."""
    text = re.sub(r"<!--.*?-->", "", SLIDES.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]


# ---- cases ------------------------------------------------------------------------------

def test_cases_validate(real):
    cases = load_cases(ROOT, real.schema_)
    assert len(cases) >= 4
    assert {c.id for c in cases} == {p.stem for p in CASES.glob("*.yml")}
    for loaded in cases:
        assert loaded.case.actors and loaded.case.wishes and loaded.case.forms
        for form_id, fill in loaded.case.forms.items():
            assert form_id in _forms(real)
            assert fill.values


def test_every_case_fills_the_network_map_or_the_agenda(real):
    """The exercises build on the netværkskort and the udrettedagsorden; the KI case fills the plan."""
    cases = load_cases(ROOT, real.schema_)
    filled = {form_id for c in cases for form_id in c.case.forms}
    assert {"netvaerkskort", "udrettedagsorden", "koordinerende-indsatsplan"} <= filled


def test_control_names_are_the_form_pages_names(real):
    """The names a case may use are exactly the names of the controls on the form page."""
    from toolbox.render.html import form_html

    for form in real.forms:
        html = re.sub(r"<template>.*?</template>", "", form_html(real, form), flags=re.DOTALL)
        on_page = set(re.findall(r'\bname="([^"]+)"', html))
        expected = set(controls(form))
        for name, block in blocks(form).items():
            for n in range(block.row.repeat.initial):
                expected |= {f"{name}.{n}.label"} | {f"{name}.{n}.{c.id}" for c in block.table.columns or []}
        assert on_page == expected, form.id
        for name in on_page:
            assert lookup(form, name) is not None


def test_a_bad_case_gives_one_line_and_exit_2():
    rel = "tests/fixtures/cases/unknown-field.yml"
    result = run_toolbox("validate", "--cases", rel)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{rel}:13: forms.netvaerkskort.values.borger.navnn: blanketten 'netvaerkskort' har intet felt "
        "'borger.navnn' (forventet AFSNIT.FELT, AFSNIT.TABEL.RÆKKE.KOLONNE eller AFSNIT.TABEL.BLOK.N.KOLONNE)"]


def test_every_problem_in_a_case_is_reported_at_its_line(real):
    with pytest.raises(InputError) as err:
        load_case(BAD / "mixed.yml", real.schema_, "mixed.yml")
    lines = [str(p) for p in err.value.problems]
    assert lines[:8] == [
        "mixed.yml:13: forms.netvaerkskort.rows.aktoerer.boligen.findes-ikke: blanketten 'netvaerkskort' har ingen "
        "gentagen blok 'aktoerer.boligen.findes-ikke' (blokke: aktoerer.arbejde.anden-aktoer, aktoerer.behandling.andre, "
        "aktoerer.boligen.andre, aktoerer.familie.andre, aktoerer.hverdagen.andre, aktoerer.kriminalforsorgen.andre, "
        "aktoerer.socialforvaltning.andre, aktoerer.tolk.tolke)",
        "mixed.yml:15: forms.netvaerkskort.values.borger.samtykke: ugyldig værdi 'maaske' (forventet en af: ja, nej)",
        "mixed.yml:16: forms.netvaerkskort.values.udarbejdet.dato: ugyldig værdi '2. marts' "
        "(forventet en dato som ÅÅÅÅ-MM-DD, fx 2026-03-02)",
        "mixed.yml:17: forms.netvaerkskort.values.aktoerer.boligen.andre.2.navn: række 2 ligger uden for de 2 rækker, "
        "som rows giver blokken 'aktoerer.boligen.andre'",
        "mixed.yml:18: forms.netvaerkskort.values.aktoerer.behandling.andre.50.navn: række 50 findes ikke "
        "(blokken 'aktoerer.behandling.andre' har højst 50 rækker, talt fra 0)",
        "mixed.yml:19: forms.netvaerkskort.values.aktoerer.behandling.dpc.kolonne: blanketten 'netvaerkskort' har "
        "intet felt 'aktoerer.behandling.dpc.kolonne' (forventet AFSNIT.FELT, AFSNIT.TABEL.RÆKKE.KOLONNE eller "
        "AFSNIT.TABEL.BLOK.N.KOLONNE)",
        "mixed.yml:22: forms.udrettedagsorden.values.moede.type: feltet af typen 'choice' har én værdi "
        "(forventet en tekst, ikke en liste)",
        "mixed.yml:23: forms.udrettedagsorden.values.dagsorden.punkter.velkommen.tid: ugyldig værdi 'ti minutter' "
        "(forventet et helt tal)",
    ]
    assert len(lines) == 9
    assert lines[8].startswith("mixed.yml:24: forms.moedereferat: ukendt blanket 'moedereferat' (kendte: ")


def test_an_unknown_key_in_a_case_is_an_error(real, tmp_path):
    bad = tmp_path / "typo.yml"
    bad.write_text((CASES / "sara.yml").read_text(encoding="utf-8").replace("wishes:", "wishs:"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_case(bad, real.schema_, "typo.yml")
    text = bad.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(text, 1) if line and not line.startswith("#"))
    typo = next(i for i, line in enumerate(text, 1) if line.startswith("wishs:"))
    assert [str(p) for p in err.value.problems] == [
        f"typo.yml:{first}: wishes: mangler (påkrævet)",
        f"typo.yml:{typo}: wishs: ukendt nøgle (se forms/FORMAT.md for de tilladte)"]


# ---- filled PDFs --------------------------------------------------------------------------

def _expected_fields(form, fill: FormFill) -> dict[str, str]:
    """PDF field name -> value, by the PDF renderer's naming rules (see toolbox/render/pdf.py)."""
    out = {}
    for name, value in fill.values.items():
        field = lookup(form, name)[0]
        if field.kind == "multichoice":
            out.update({f"{name}.{v}": f"/{v}" for v in value})
        elif field.kind in ("checkbox", "yesno", "choice"):
            out[name] = f"/{value}"
        elif field.kind == "date":  # written as the page shows it, dd.mm.åååå
            y, m, d = str(value).split("-")
            out[name] = f"{d}.{m}.{y}"
        else:
            out[name] = value
    return out


def _assert_filled(pdf: bytes, form, fill: FormFill) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fields = reader.get_fields()
    assert reader.trailer["/Root"]["/AcroForm"]["/NeedAppearances"]
    expected = _expected_fields(form, fill)
    got = {name: str(fields[name].get("/V")) for name in expected if name in fields}
    assert got == expected
    filled = {name for name, f in fields.items() if f.get("/V") not in (None, "", "/Off") and "/FT" in f}
    assert filled == set(expected)  # nothing else is filled in


def test_fill_writes_a_pdf_whose_fields_hold_the_case(real, tmp_path):
    """A case with more rows than the blank form shows: the PDF gets the rows, and every value."""
    case = tmp_path / "flere-raekker.yml"
    text = (CASES / "noah.yml").read_text(encoding="utf-8")
    case.write_text(text.replace("  netvaerkskort:\n    values:\n",
                                 "  netvaerkskort:\n    rows: {aktoerer.behandling.andre: 3}\n    values:\n"
                                 "      aktoerer.behandling.andre.2.label: Tandlæge\n"
                                 "      aktoerer.behandling.andre.2.har-kontakt: ja\n"), encoding="utf-8")
    out = tmp_path / "ark.pdf"
    result = run_toolbox("fill", str(case), "--form", "netvaerkskort", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Udfyldt: {out}"
    fill = load_case(case, real.schema_).case.forms["netvaerkskort"]
    form = _forms(real)["netvaerkskort"]
    assert fill.rows["aktoerer.behandling.andre"] == 3 > blocks(form)["aktoerer.behandling.andre"].row.repeat.initial
    _assert_filled(out.read_bytes(), form, fill)


def test_fill_writes_every_form_of_a_case_by_default(real, tmp_path):
    result = run_toolbox("fill", "forms/cases/noah.yml", "--all-forms", "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    noah = load_case(CASES / "noah.yml", real.schema_)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"noah-{f}.pdf" for f in noah.case.forms)
    for form_id, fill in noah.case.forms.items():
        _assert_filled((tmp_path / f"noah-{form_id}.pdf").read_bytes(), _forms(real)[form_id], fill)


def test_fill_refuses_a_form_the_case_does_not_fill():
    result = run_toolbox("fill", "forms/cases/noah.yml", "--form", "samtykkeerklaering")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "forms/cases/noah.yml:1: forms: casen udfylder ikke blanketten 'samtykkeerklaering' (den udfylder: netvaerkskort)"]


def test_every_case_sheet_in_the_site_holds_its_values(real, built_site):
    for loaded in load_cases(ROOT, real.schema_):
        for form_id, fill in loaded.case.forms.items():
            pdf = built_site / "kursus" / "filer" / f"{loaded.id}-{form_id}.pdf"
            _assert_filled(pdf.read_bytes(), _forms(real)[form_id], fill)


FILL_IN_A_PROCESS = """
import sys
from pathlib import Path
from toolbox import inputs
from toolbox.fill import fill_pdf
model = inputs.load_model(Path({root!r}), "eksempel")
case = next(c for c in model.cases if c.id == "sara")
form = next(f for f in model.forms if f.id == "udrettedagsorden")
sys.stdout.buffer.write(fill_pdf(Path({blank!r}).read_bytes(), form, case.case.forms["udrettedagsorden"]))
"""

SLIDES_IN_A_PROCESS = """
import sys
from pathlib import Path
from toolbox import inputs
from toolbox.render.slides import slides_pptx
sys.stdout.buffer.write(slides_pptx(inputs.load_model(Path({root!r}), "eksempel").slides.source))
"""


def _in_a_process(code: str, seed: str) -> bytes:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300, cwd=ROOT,
                          env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


def test_filling_gives_the_same_bytes_in_two_processes(built_site):
    blank = built_site / "blanketter" / "filer" / "eksempel" / "udrettedagsorden.pdf"
    code = FILL_IN_A_PROCESS.format(root=str(ROOT), blank=str(blank))
    first = _in_a_process(code, "1")
    assert first.startswith(b"%PDF") and first == _in_a_process(code, "2")


# ---- pages and slides ---------------------------------------------------------------------

def test_course_pages_are_in_the_site(real, built_site):
    kursus = built_site / "kursus"
    index = (kursus / "index.html").read_text(encoding="utf-8")
    for target in ('href="halv-dag/"', 'href="hel-dag/"', 'href="slides/"', 'href="cases/"',
                   'href="filer/kursus-slides.pptx"'):
        assert target in index
    for page, heading in (("halv-dag", "Halv temadag i enheden"), ("hel-dag", "Hel kursusdag")):
        html = (kursus / page / "index.html").read_text(encoding="utf-8")
        assert f">{heading}<" in html or f">{heading}</h1>" in html
        assert "<table>" in html and "Mål for dagen" in html and "Det skal deltagerne have med" in html
    cases = load_cases(ROOT, real.schema_)
    listing = (kursus / "cases" / "index.html").read_text(encoding="utf-8")
    for loaded in cases:
        assert f'href="{loaded.id}/"' in listing
        page = (kursus / "cases" / loaded.id / "index.html").read_text(encoding="utf-8")
        assert loaded.case.actors[0].about.split(".")[0] in page
        for form_id in loaded.case.forms:
            assert f'href="../../filer/{loaded.id}-{form_id}.pdf"' in page
        assert "Hold et øvemøde" in page and "Tegn netværket" in page and "Forbered mødet" in page


def test_slides_page_has_one_section_per_heading(built_site):
    html = (built_site / "kursus" / "slides" / "index.html").read_text(encoding="utf-8")
    headings = _outline_headings()
    assert html.count('<section class="tb-slide"') == len(headings)
    assert "<script>" not in html.split('<div class="tb-slides">')[1].split("</article>")[0]
    assert 'src="../../assets/javascripts/slides.js"' in html


def test_pptx_has_one_slide_per_outline_heading(built_site):
    from pptx import Presentation

    deck = Presentation(str(built_site / "kursus" / "filer" / "kursus-slides.pptx"))
    headings = _outline_headings()
    assert len(deck.slides) == len(headings)
    assert [s.shapes.title.text for s in deck.slides] == headings


def test_pptx_gives_the_same_bytes_in_two_processes():
    code = SLIDES_IN_A_PROCESS.format(root=str(ROOT))
    first = _in_a_process(code, "1")
    assert first.startswith(b"PK") and first == _in_a_process(code, "2")


def test_a_case_brings_its_own_exercises(real):
    """Case-specific exercises come from the case's YAML, numbered after the course's own four."""
    from toolbox.render.course import case_page

    maja = load_case(CASES / "maja.yml", real.schema_)
    page = case_page(real, maja, {})
    assert maja.case.exercises
    for n, exercise in enumerate(maja.case.exercises, start=5):
        assert f"{n}. **{exercise.title}.** " in page
    case = Case(title="T", summary="S", story="x", wishes=["w"], actors=[{"role": "R", "about": "A"}],
                forms={"koordinerende-indsatsplan": {"values": {"stamoplysninger.navn": "Z"}}})
    plain = case_page(real, LoadedCase(id="proeve", file="proeve.yml", case=case), {})
    assert "5. **" not in plain, "a case without exercises of its own gets only the course's four"


def test_the_ki_case_follows_the_guides_steps(real):
    """Another professional spots the need and contacts a KI-koordinator, who appoints the fagperson
    in psychiatry or addiction treatment as tovholder; consent is taken on the health side."""
    maja = load_case(CASES / "maja.yml", real.schema_).case
    roles = [a.role for a in maja.actors]
    assert any("KI-koordinator" in r for r in roles)
    tovholder = maja.forms["koordinerende-indsatsplan"].values["kontaktpersoner.tovholder"]
    assert "hjemmevejleder" not in tovholder.lower() and "alkoholbehandling" in tovholder
    assert "samtykke-sundhed" in maja.forms
    assert maja.forms["koordinerende-indsatsplan"].values["plan-b.plan-b"]


def test_case_texts_are_escaped(real):
    from toolbox.render.course import case_page

    case = Case(title="*titel* [x](y)", summary="<script>alert(1)</script> *fed*", story="<b>x</b>",
                wishes=["[link](http://x)"], actors=[{"role": "A | B", "about": "<i>y</i>"}],
                forms={"netvaerkskort": {"values": {"borger.navn": "Z"}}},
                exercises=[{"title": "<u>z</u>", "text": "[link](http://y)"}])
    page = case_page(real, LoadedCase(id="proeve", file="proeve.yml", case=case), {})
    assert "<script>" not in page and "<b>" not in page and "<i>" not in page and "<u>" not in page
    assert "\\*titel\\*" in page and "[x](y)" not in page
    assert "](http://x)" not in page and "](http://y)" not in page
