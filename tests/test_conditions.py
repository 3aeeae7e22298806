"""Sections shown on a condition (``when:``, the coordinating plan's modules) in every output: the page
marks them for its script, the blank PDF and Word files hold them all with a note, a filled sheet holds
only the chosen ones; a profile cannot leave out the field they depend on."""
from __future__ import annotations

import io
import re
import zipfile

import yaml

from helpers import copy_project, run_toolbox
from toolbox.fill import form_for_case
from toolbox.model import FormFill
from toolbox.render import docx, html as html_output

FORM = "koordineret-plan"


def _plan(real):
    return next(f for f in real.forms if f.id == FORM)


def test_the_page_marks_each_module_section_for_its_script(real):
    page = html_output.form_html(real, _plan(real))
    marked = re.findall(r'<section [^>]*id="koordineret-plan--([a-z-]+)"[^>]*data-when-field="moduler.moduler" '
                        r'data-when-has="([a-z-]+)"', page)
    assert marked and all(sid == has for sid, has in marked)
    assert page.count('class="tb-when"') == len(marked)
    assert "Udfyld kun dette afsnit, når »Bolig og hjemløshed« er valgt under »Moduler i planen«." in page


def test_the_blank_word_file_holds_every_module_with_its_note(real):
    data = next(iter(docx.render_form(real, _plan(real)).values()))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = re.sub(r"<[^>]+>", "", z.read("word/document.xml").decode())
    for s in _plan(real).sections:
        if s.when is not None:
            assert s.title in text, s.id
    assert text.count("Udfyld kun dette afsnit, når") == sum(s.when is not None for s in _plan(real).sections)


def test_a_filled_sheet_holds_only_the_chosen_modules(real):
    plan = _plan(real)
    fill = FormFill(values={"moduler.moduler": ["bolig", "boern"], "borger.navn": "Prøve Person"})
    shown = [s.id for s in form_for_case(plan, fill).sections]
    modules = [s.id for s in plan.sections if s.when is not None]
    assert [m for m in modules if m in shown] == ["bolig", "boern"]
    assert all(s.id in shown for s in plan.sections if s.when is None), "the base is always there"


def test_a_filled_pdf_of_a_case_has_the_chosen_modules_only(tmp_path):
    from pypdf import PdfReader

    project = copy_project(tmp_path / "p")
    case = project / "forms" / "cases" / "plan.yml"
    case.write_text(yaml.safe_dump({
        "title": "Prøveplan", "summary": "En plan med to moduler.", "story": "En opdigtet borger.",
        "wishes": ["At have et sted at bo."], "actors": [{"role": "Borgeren", "about": "Vil have en bolig.", "party": "borger"}],
        "forms": {FORM: {"values": {"moduler.moduler": ["bolig"], "bolig.note": "Sover hos venner."}}}},
        allow_unicode=True), encoding="utf-8")
    check = run_toolbox("validate", cwd=project)
    assert check.returncode == 0, check.stderr
    out = tmp_path / "plan.pdf"
    result = run_toolbox("fill", str(case), "-o", str(out), cwd=project)
    assert result.returncode == 0, result.stderr
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Modul: Bolig og hjemløshed" in text and "Modul: Børn i familien" not in text


def test_a_profile_cannot_leave_out_the_field_the_modules_depend_on(tmp_path):
    project = copy_project(tmp_path / "p")
    profile = project / "forms" / "profiles" / "minimal.yml"
    profile.write_text(profile.read_text(encoding="utf-8") + f"omit_sections:\n  {FORM}: [moduler]\n", encoding="utf-8")
    result = run_toolbox("validate", cwd=project)
    assert result.returncode == 2
    assert re.search(r"forms/profiles/minimal\.yml:\d+: omit_sections\.koordineret-plan: afsnittet '[a-z-]+' vises "
                     r"kun, når feltet 'moduler\.moduler' er udfyldt, men det afsnit er udeladt", result.stderr), result.stderr
