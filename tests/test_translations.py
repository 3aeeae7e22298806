"""Forms in other languages: the schema's translations, validated and built as forms of their own."""
from __future__ import annotations

import io
import json
import re
import zipfile
from html import escape, unescape

import pytest
import yaml

from helpers import ROOT, run_toolbox
from toolbox import messages


@pytest.fixture(scope="module")
def english(real):
    return next(f for f in real.forms if f.lang == "en")


def test_the_citizen_brochure_has_an_english_translation(real, english):
    assert english.translation_of == "pjece-borger"
    assert english.id == "pjece-borger-en"
    danish = next(f for f in real.forms if f.id == "pjece-borger")
    assert [s.id for s in english.sections] == [s.id for s in danish.sections]
    for da, en in zip(danish.sections, english.sections):
        assert (da.title is None) == (en.title is None) and (da.text is None) == (en.text is None)
        assert da.title is None or da.title != en.title
        assert [f.id for f in en.fields] == [f.id for f in da.fields]
    assert english.ui == {} and english.translations == {}


def test_the_english_page_is_marked_english(built_site, english):
    html = (built_site / "blanketter" / english.id / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="[^"]*" lang="en">' + re.escape(escape(english.title)), html)
    assert f'<p lang="en">{escape(english.summary)}' in html
    block = html[html.index(f'<div class="tb-form-page" data-form="{english.id}" lang="en" data-messages="'):]
    said = json.loads(unescape(re.search(r'data-messages="([^"]*)"', block).group(1)))
    assert said["saved"] == messages.UI["en"]["JS_SAVED"] and said["confirm_clear"].startswith("Do you want")
    for section in english.sections:
        if section.title:
            assert f">{escape(section.title)}</h2>" in block
    assert ">Save as file</button>" in block and "Gem som fil" not in block
    for field in (f for s in english.sections for f in s.fields):
        assert f"{escape(field.label)}</label>" in block or f">{escape(field.label)}" in block


def test_the_english_documents_exist_and_are_english(built_site, english):
    from pypdf import PdfReader

    from toolbox import messages

    files = built_site / "blanketter" / "filer" / "eksempel"
    pdf = PdfReader(files / f"{english.id}.pdf")
    assert pdf.trailer["/Root"]["/Lang"] == "en"
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert english.title in text
    heading = next(s.title for s in english.sections if s.title)  # the cover's own sections have none
    assert heading in text
    assert f"{messages.UI['en']['PHONE']}: " in text  # the contact units' own words are English too
    assert f"{messages.PHONE}: " not in text
    with zipfile.ZipFile(files / f"{english.id}.docx") as z:
        body = z.read("word/document.xml").decode()
    assert escape(heading) in body
    with zipfile.ZipFile(files / f"{english.id}.odt") as z:
        assert escape(heading) in z.read("content.xml").decode()
    assert (files / f"{english.id}.schema.json").is_file()


def test_the_downloads_page_and_the_zip_list_the_english_brochure(built_site, english):
    hent = (built_site / "blanketter" / "hent" / "index.html").read_text(encoding="utf-8")
    assert f"filer/eksempel/{english.id}.pdf" in hent
    with zipfile.ZipFile(built_site / "blanketter" / "filer" / "eksempel" / "blanketter-eksempel.zip") as z:
        assert f"blanketter-eksempel/{english.id}.pdf" in z.namelist()


def _schema_with(tmp_path, translation: dict) -> str:
    schema = {"version": 1, "forms": [{
        "id": "pjece", "title": "Pjece", "summary": "S", "kind": "brochure",
        "sections": [{"id": "hvad-er", "title": "Hvad er det?", "text": "Tekst."},
                     {"id": "kontakt", "title": "Kontakt", "fields": [
                         {"id": "navn", "kind": "text", "label": "Navn"},
                         {"id": "svar", "kind": "yesno", "label": "Svar"}]}],
        "translations": translation}]}
    path = tmp_path / "schema.yml"
    path.write_text(yaml.safe_dump(schema, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(path)


GOOD = {"title": "Leaflet", "summary": "S", "sections": {"hvad-er": {"title": "What?", "text": "Text."},
                                                          "kontakt": {"title": "Contact"}},
        "fields": {"kontakt.navn": {"label": "Name"}, "kontakt.svar": {"label": "Answer"}}}


def _validate(path: str):
    return run_toolbox("validate", "--schema", path, "--profiles")


def test_a_complete_translation_validates(tmp_path):
    result = _validate(_schema_with(tmp_path, {"en": GOOD}))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: 2 blanketter")


@pytest.mark.parametrize("change, message", [
    ({"sections": {**GOOD["sections"], "hvem": {"title": "Who?"}}},
     r"^.+schema\.yml:\d+: forms\.pjece\.translations\.en\.sections\.hvem: ukendt afsnit 'hvem' \(afsnit i blanketten: hvad-er, kontakt\)$"),
    ({"fields": {**GOOD["fields"], "kontakt.alder": {"label": "Age"}}},
     r"^.+schema\.yml:\d+: forms\.pjece\.translations\.en\.fields\.kontakt\.alder: ukendt felt 'kontakt\.alder' .*$"),
    ({"sections": {"hvad-er": {"title": "What?"}, "kontakt": {"title": "Contact"}}},
     r"^.+schema\.yml:\d+: forms\.pjece\.translations\.en: mangler oversættelse af sections\.hvad-er\.text$"),
    ({"ui": {"gem": "Save"}},
     r"^.+schema\.yml:\d+: forms\.pjece\.translations\.en\.ui: ukendte tekster: gem \(forventet: .*\)$"),
])
def test_a_bad_translation_gives_one_line(tmp_path, change, message):
    result = _validate(_schema_with(tmp_path, {"en": {**GOOD, **change}}))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.match(message, lines[0]), lines[0]


def test_a_new_language_is_yaml_only_but_needs_the_page_strings(tmp_path):
    from toolbox import messages

    result = _validate(_schema_with(tmp_path, {"de": GOOD}))
    assert result.returncode == 2
    assert "forms.pjece.translations.de: sproget 'de' har ingen indbyggede tekster; ui mangler: required, yes, no" in result.stderr
    ui = {k.lower(): f"DE {k}" for k in messages.UI_KEYS}
    result = _validate(_schema_with(tmp_path, {"de": {**GOOD, "ui": ui}}))
    assert result.returncode == 0, result.stderr


def test_the_form_page_of_a_new_language_uses_its_strings(tmp_path):
    from toolbox import messages
    from toolbox.render.html import form_page
    from helpers import fixture_model

    ui = {k.lower(): f"DE-{k}" for k in messages.UI_KEYS}
    model = fixture_model(__import__("pathlib").Path(_schema_with(tmp_path, {"de": {**GOOD, "ui": ui}})),
                          ROOT / "forms" / "profiles" / "eksempel.yml")
    german = next(f for f in model.forms if f.lang == "de")
    page = form_page(model, german)
    assert 'lang="de"' in page and ">DE-SAVE</button>" in page and ">DE-YES<" in page
    assert "Gem som fil" not in page and "Ja<" not in page
    assert "DE-JS_CONFIRM_CLEAR" in page and messages.JS_CONFIRM_CLEAR not in page  # the form script's words too
