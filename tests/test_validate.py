"""The schema's declared model: the real schema validates, every bad input gives its one line."""
from __future__ import annotations


import pytest
import yaml

from helpers import FIXTURES, ROOT, run_toolbox
from toolbox.errors import InputError
from toolbox import inputs
from toolbox.inputs.profile import load as load_profile
from toolbox.inputs.schema import load as load_schema

BAD = ROOT / "tests" / "bad_inputs"
EXPECTED = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))


def test_real_schema_and_profiles_validate():
    project = inputs.load(ROOT)
    assert project.catalogue is not None and project.steps is not None and project.cases and project.slides
    profiles = project.profiles
    ids = [f.id for f in project.schema_.forms]
    for form in ("udrettedagsorden", "netvaerkskort", "samtykkeerklaering", "pjece-borger", "pjece-samarbejdspartner"):
        assert form in ids
    assert "eksempel" in profiles


def test_cli_validate_ok():
    result = run_toolbox("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_every_bad_input_is_listed():
    on_disk = {f"{p.parent.name}/{p.name}" for p in BAD.glob("*/*.yml")}
    assert on_disk == set(EXPECTED), "each file under tests/bad_inputs needs its expected error"
    assert len(on_disk) >= 15


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_input_gives_its_line(case):
    kind, name = case.split("/")
    rel = f"tests/bad_inputs/{case}"
    if kind == "schema":
        args = ["--schema", rel, "--profiles"]
    elif kind == "catalogue":  # checked against a small schema, so the known forms stay put
        args = ["--schema", "tests/fixtures/every-kind.yml", "--profiles", "--catalogue", rel]
    else:
        args = ["--schema", "tests/fixtures/every-kind.yml", "--profiles", rel]
    result = run_toolbox("validate", *args)  # how fast: benchmarks/inputs_bench.py
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == EXPECTED[case]
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(f"{rel}:") or line.startswith("tests/fixtures/")


def test_all_problems_are_collected(tmp_path):
    bad = tmp_path / "s.yml"
    bad.write_text(
        "version: 1\nforms:\n  - id: a\n    title: A\n    summary: S\n    sections:\n"
        "      - id: s\n        fields:\n"
        "          - {id: x, kind: nope, label: X}\n"
        "          - {id: y, kind: text}\n"
        "          - {id: z, kind: text, label: Z, colour: red}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_schema(bad, "s.yml")
    lines = [str(p) for p in exc.value.problems]
    assert [line.split(":")[1] for line in lines] == ["9", "10", "11"]
    assert any("fields.x.kind: ugyldig værdi 'nope'" in line for line in lines)
    assert any("fields.y.label: mangler" in line for line in lines)
    assert any("fields.z.colour: ukendt nøgle" in line for line in lines)


def test_groups_are_resolved_and_omit_works():
    schema = load_schema(FIXTURES / "every-kind.yml")
    person = schema.forms[0].sections[0]
    assert person.title == "Personen"  # the group's title is the default section title
    assert [f.id for f in person.fields] == ["navn", "cpr"]
    table = schema.forms[0].sections[2].fields[0]
    assert [r.id for r in table.rows] == ["laege", "andre", "sidst"]


def test_profile_unknown_form_is_reported():
    schema = load_schema(FIXTURES / "every-kind.yml")
    with pytest.raises(InputError) as exc:
        load_profile(BAD / "profiles" / "unknown-form.yml", schema, "p.yml")
    assert str(exc.value) == "p.yml:11: forms.1: ukendt blanket 'moedereferat' (kendte: alle-typer)"


def test_shared_groups_are_defined_once_and_referenced():
    raw = yaml.safe_load((ROOT / "forms" / "schema.yml").read_text(encoding="utf-8"))
    assert {"borger", "kontaktperson", "moede"} <= set(raw["groups"])
    uses = {}
    for form in raw["forms"]:
        for section in form["sections"]:
            for entry in section.get("fields", []):
                if "use" in entry:
                    uses.setdefault(entry["use"], set()).add(form["id"])
    assert {"udrettedagsorden", "netvaerkskort"} <= uses["borger"]
    assert {"udrettedagsorden", "netvaerkskort"} <= uses["kontaktperson"]


def test_consent_form_cites_current_law_only():
    text = (ROOT / "forms" / "schema.yml").read_text(encoding="utf-8").lower()
    start = text.index("  - id: samtykkeerklaering")
    end = text.find("\n  - id: ", start + 1)
    consent = text[start:end if end != -1 else None]  # this form's entry only
    for law in ("databeskyttelsesloven", "forvaltningsloven", "retssikkerhedsloven", "sundhedsloven"):
        assert law in consent
    assert "persondataloven" not in text
    assert "patienters retsstilling" not in text
    assert "juridisk" in consent


def test_a_table_in_a_group_may_take_its_columns_from_another_group(tmp_path):
    """Groups are resolved before the forms that use them: no ``use`` reaches a renderer."""
    from toolbox.model import FieldSpec

    path = tmp_path / "s.yml"
    path.write_text(
        "version: 1\ngroups:\n  kol:\n    title: K\n    fields:\n      - {id: navn, kind: text, label: Navn}\n"
        "  tabel:\n    title: T\n    fields:\n      - id: t\n        kind: table\n        label: Tabel\n"
        "        columns:\n          - use: kol\n        rows:\n          - {id: a, label: A}\n"
        "forms:\n  - id: f\n    title: F\n    summary: S\n    sections:\n      - id: s\n        fields:\n"
        "          - use: tabel\n", encoding="utf-8")
    table = load_schema(path).forms[0].sections[0].fields[0]
    assert [type(c) for c in table.columns] == [FieldSpec] and table.columns[0].id == "navn"
