"""JSON Schemas of the saved form files: valid 2020-12 schemas that accept a filled form and reject wrong ones."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess

import pytest
from jsonschema import Draft202012Validator

from helpers import ROOT
from helpers import fixture_model
from test_render_html import expected_names
from toolbox import rules
from toolbox.model import Form, RepeatRow
from toolbox.render import document_path
from toolbox.render import jsonschema as jsonschema_output

EXAMPLES = {  # a value the browser's control could give, by kind
    "text": "Tekst", "textarea": "Linje 1\nLinje 2", "tel": "11 22 33 44", "signature": "Anna Andersen",
    "date": "2026-11-23", "time": "14:30", "email": "anna@eksempel.example", "cpr": "010190-1234",
    "checkbox": "ja", "yesno": "nej",
}


def schema_of(model, form: Form) -> dict:
    files = jsonschema_output.render_form(model, form)
    path = document_path(model.profile_id, form.id, ".schema.json")
    assert list(files) == [path]
    return json.loads(files[path])


@pytest.fixture(scope="session")
def schemas(real) -> dict[str, dict]:
    return {form.id: schema_of(real, form) for form in real.forms}


def example_value(f):
    if f.kind == "number":
        return str(f.min if f.min is not None else 3)
    if f.kind == "choice":
        return f.choices[-1].id
    if f.kind == "multichoice":
        return [c.id for c in f.choices]
    return EXAMPLES[f.kind]


def filled(form: Form) -> dict:
    """A saved file with every field filled, built from the form schema alone."""
    values, rows = {}, {}
    for s in form.sections:
        for f in s.fields:
            base = f"{s.id}.{f.id}"
            if f.kind != "table":
                values[base] = example_value(f)
                continue
            for r in f.rows:
                if isinstance(r, RepeatRow):
                    n = r.repeat.initial + 1  # one row added by the user
                    rows[f"{base}.{r.id}"] = n
                    for i in range(n):
                        values[f"{base}.{r.id}.{i}.label"] = f"Række {i + 1}"
                        values |= {f"{base}.{r.id}.{i}.{c.id}": example_value(c) for c in f.columns}
                else:
                    values |= {f"{base}.{r.id}.{c.id}": example_value(c) for c in f.columns}
    return {"format": "dkk-blanket", "version": 1, "form": form.id, "saved": "2026-11-23T09:15:00.000Z",
            "rows": rows, "values": values}


def validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(schema: dict, data: dict) -> list[str]:
    return [e.message for e in validator(schema).iter_errors(data)]


def test_every_schema_is_a_valid_2020_12_schema(real, schemas):
    for form in real.forms:
        schema = schemas[form.id]
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["properties"]["form"] == {"const": form.id}


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_a_filled_form_is_accepted_and_an_empty_one_only_lacks_required_fields(which, real, schemas):
    model = real if which == "real" else fixture_model()
    for form in model.forms:
        schema = schemas[form.id] if which == "real" else schema_of(model, form)
        assert errors(schema, filled(form)) == [], form.id
        empty = {"format": "dkk-blanket", "version": 1, "form": form.id, "values": {}}
        required = [f"{s.id}.{f.id}" for s in form.sections for f in s.fields if f.required]
        assert sorted(errors(schema, empty)) == sorted(f"'{name}' is a required property" for name in required), form.id


def test_every_control_name_of_the_page_is_described_and_nothing_else(real, schemas):
    """The names the HTML form uses (computed from the schema, as in the HTML tests) are the schema's names."""
    for form in [*real.forms, *fixture_model().forms]:
        schema = schemas.get(form.id) or schema_of(fixture_model(), form)
        values = schema["properties"]["values"]
        patterns = [re.compile(p) for p in values.get("patternProperties", {})]
        names = expected_names(form)
        for name in names:
            matches = (name in values["properties"]) + sum(bool(p.search(name)) for p in patterns)
            assert matches == 1, (form.id, name)
        assert set(values["properties"]) <= names, form.id


def test_titles_are_the_danish_labels(real, schemas):
    props = schemas["udrettedagsorden"]["properties"]["values"]["properties"]
    assert props["borger.navn"]["title"] == "Navn"
    assert props["dagsorden.punkter.velkommen.ansvarlig"]["title"] == \
        "Dagsorden: Ansvarlig, Velkommen og kort præsentation af deltagerne"
    pattern = schemas["udrettedagsorden"]["properties"]["values"]["patternProperties"]
    assert pattern[r"^dagsorden\.punkter\.emner\.(0|[1-9][0-9]*)\.label$"]["title"].startswith("Dagsorden: Emne")


def test_kinds(schemas):
    model = fixture_model()
    props = schema_of(model, model.forms[0])["properties"]["values"]["properties"]
    assert props["felter.dato"]["format"] == "date"
    assert props["felter.e-mail"]["format"] == "email"
    assert props["felter.ja-nej"]["enum"] == ["ja", "nej"]
    assert props["felter.valg"]["enum"] == ["a", "b"]
    assert props["felter.flere"] == props["felter.flere"] | {"type": "array", "uniqueItems": True,
                                                             "items": {"type": "string", "enum": ["x", "y", "z"]}}
    assert props["felter.afkryds"]["enum"] == ["ja"]
    assert props["person.cpr"]["pattern"] == rules.CPR  # the page checks with the same rule
    assert props["felter.dato"]["pattern"] == rules.DATE and props["felter.telefon"]["pattern"] == rules.TEL
    assert props["person.navn"]["title"] == "Navn"
    assert "required" not in props["person.navn"]
    assert model.forms[0].sections[0].fields[0].required


@pytest.mark.parametrize("change, message", [
    (lambda d: d["values"].__setitem__("felter.ukendt", "x"), "does not match any of the regexes"),
    (lambda d: d.__setitem__("ekstra", 1), "Additional properties"),
    (lambda d: d["values"].__setitem__("felter.ja-nej", "måske"), "is not one of"),
    (lambda d: d["values"].__setitem__("felter.valg", "c"), "is not one of"),
    (lambda d: d["values"].__setitem__("felter.flere", "x"), "is not of type 'array'"),
    (lambda d: d["values"].__setitem__("felter.flere", ["x", "x"]), "non-unique"),
    (lambda d: d["values"].__setitem__("person.cpr", "0101901234x"), "does not match"),
    (lambda d: d["values"].__setitem__("felter.dato", "23-11-2026"), "is not a 'date'"),
    (lambda d: d["values"].__setitem__("felter.tid", "25:00"), "does not match"),
    (lambda d: d["values"].__setitem__("felter.antal", "tre"), "does not match"),
    (lambda d: d["values"].__setitem__("tabel.aktoerer.laege.kontakt", "måske"), "is not one of"),
    (lambda d: d["values"].__setitem__("tabel.aktoerer.andre.0.ukendt", "x"), "does not match any of the regexes"),
    (lambda d: d["values"].__setitem__("tabel.aktoerer.andre.01.navn", "x"), "does not match any of the regexes"),
    (lambda d: d["values"].__delitem__("person.navn"), "'person.navn' is a required property"),
    (lambda d: d["rows"].__setitem__("tabel.aktoerer.andre", 6), "is greater than the maximum"),
    (lambda d: d["rows"].__setitem__("tabel.ukendt", 1), "Additional properties"),
    (lambda d: d.__setitem__("form", "en-anden"), "was expected"),
    (lambda d: d.__setitem__("format", "noget-andet"), "was expected"),
    (lambda d: d.__setitem__("version", 3), "is not one of"),
    (lambda d: d.__setitem__("kept", {"x": 1}), "is not valid under any of the given schemas"),
    (lambda d: d["values"].__setitem__("person.cpr", "310290-1234"), "does not match"),  # no 31 February
    (lambda d: d["values"].__setitem__("felter.dato", "2026-02-29"), "does not match"),
    (lambda d: d["values"].__setitem__("felter.e-mail", "ikke-en-mail"), "does not match"),
    (lambda d: d["values"].__setitem__("felter.telefon", "1234"), "does not match"),
])
def test_wrong_files_are_rejected(change, message):
    model = fixture_model()
    form = model.forms[0]
    schema = schema_of(model, form)
    data = copy.deepcopy(filled(form))
    assert errors(schema, data) == []
    change(data)
    found = errors(schema, data)
    assert any(message in e for e in found), found


def test_what_the_browser_saves_is_accepted():
    """forms-core.js' own serialize() (run by node) writes a file the schema accepts, kept values too."""
    node = shutil.which("node")
    assert node, "node is needed (README: scripts/test.sh installs it)"
    model = fixture_model()
    form = model.forms[0]
    data = filled(form)
    script = ("const f = require(process.argv[1]); const d = JSON.parse(process.argv[2]);"
              "process.stdout.write(JSON.stringify(f.serialize(d.form, d.values, d.rows, new Date(),"
              " {'gammelt.felt': 'x'}, 'abc')));")
    out = subprocess.run([node, "-e", script, str(ROOT / "docs/assets/javascripts/forms-core.js"), json.dumps(data)],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    saved = json.loads(out)
    assert saved["version"] == 2 and saved["kept"] == {"gammelt.felt": "x"}
    assert errors(schema_of(model, form), saved) == []

