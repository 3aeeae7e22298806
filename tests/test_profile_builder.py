"""The page "Lav jeres egen udgave" (toolbox/render/profile_builder.py, profile-builder.js): the form is derived
from the profile model, drawn with the form pages' macros, and the YAML it writes is read by `toolbox validate`
as it was typed; the page's checks and contrast are validate's.  The JavaScript runs in node here; the real
browser test is tests/browser/test_builder_page.py."""
from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import Field

from helpers import ROOT
from toolbox import colors, inputs, messages
from toolbox.errors import InputError
from toolbox.inputs import profile as profile_input
from toolbox.inputs.yamlfile import load_yaml
from toolbox.model import Label, Profile
from toolbox.render import html, profile_builder

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "profile-builder.js"
SCHEMA = inputs.load(ROOT, profiles=[]).schema_
FORM, SPEC = profile_builder.derive(SCHEMA)
# A whole profile as the page's controls hold it (names as forms.js collects them); the JavaScript
# tests start from the same values (tests/js/profile-builder.test.js).
VALUES = json.loads((ROOT / "tests" / "fixtures" / "builder" / "values.json").read_text(encoding="utf-8"))


def node(code: str, payload) -> object:
    """Run `code` in node with the builder module as `pb` and `payload` as `input`; returns what it prints (JSON)."""
    exe = shutil.which("node")
    assert exe, "node is needed (scripts/setup.sh installs it)"
    program = ("const pb = require(process.argv[1]);\n"
               "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
               f"process.stdout.write(JSON.stringify((() => {{ {code} }})()));\n")
    result = subprocess.run([exe, "-e", program, str(SCRIPT)], input=json.dumps(payload), capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def fields(form):
    return {f.id: f for s in form.sections for f in s.fields}


# ---- the form comes from the model ----------------------------------------------------------

def test_every_field_of_the_profile_model_is_on_the_page_with_its_title():
    assert [n["key"] for n in SPEC["fields"]] == list(Profile.model_fields), "every field, in the model's order"
    for node_ in SPEC["fields"]:
        assert node_["label"] == Profile.model_fields[node_["key"]].title
    by_id = fields(FORM)
    assert by_id["name"].label == "Kommunens navn" and by_id["name"].hint == Profile.model_fields["name"].description
    assert by_id["name"].required and not by_id["department"].required


def test_kinds_limits_and_choices_come_from_the_types():
    by_id = fields(FORM)
    months = by_id["consent-months"]
    assert (months.kind, months.min, months.max, months.required) == ("number", 1, 12, True)  # Field(ge=1, le=12)
    assert by_id["target-group"].kind == "textarea"
    table = by_id["contact-units"]
    assert table.kind == "table" and table.row_header == "Enhedens navn"  # the first field names the row
    assert [(c.id, c.kind, c.required) for c in table.columns] == [
        ("address", "text", True), ("phone", "text", True), ("email", "email", True), ("hours", "text", False)]
    assert table.rows[0].repeat.max == 50 and table.rows[0].repeat.initial == 1  # limited(ContactUnit, 50, 1)
    originals = [f for f in SCHEMA.forms if f.translation_of is None]
    assert [c.id for c in by_id["forms"].choices] == [f.id for f in originals], "the schema's forms, not translations"
    for f in originals:
        assert [c.id for c in by_id[f.id].choices] == [s.id for s in f.sections]
    # a colour is optional with its group, but a group that is given needs its primary colour
    assert not by_id["colors-primary"].required
    colours = next(n for n in SPEC["fields"] if n["key"] == "colors")
    assert colours["required"] is False and colours["children"][0]["required"] is True
    assert colours["children"][0]["contrast"] == colors.MIN_CONTRAST


def test_a_field_without_a_place_or_a_title_is_an_error():
    class WithFax(Profile):
        fax: Label = Field(title="Fax")

    with pytest.raises(profile_builder.DerivationError, match="fax"):
        profile_builder.derive(SCHEMA, WithFax)

    class Untitled(Profile):
        name: Label

    with pytest.raises(profile_builder.DerivationError, match="'name' has no title"):
        profile_builder.derive(SCHEMA, Untitled)


def test_the_page_draws_the_form_with_the_form_pages_macros(real):
    page = profile_builder.builder_page(real)
    sections = re.compile(r'<section class="tb-section.*?</section>', re.S)
    assert sections.findall(page) == sections.findall(html.form_html(real, FORM)), "the same markup as any form page"
    assert 'data-action="save-profile"' in page and 'data-action="save"' not in page, "a profile, not the form's JSON"
    assert "\n\n" not in page[page.index('<div class="tb-form-page"'):page.index("</form>\n</div>")], "one raw HTML block"
    files = profile_builder.render(real)
    assert set(files) == {profile_builder.PAGE, *profile_builder.VENDOR}
    assert b"sourceMappingURL" not in files[profile_builder.VENDOR_YAML]


def test_the_downloads_page_links_to_the_builder(real):
    assert "[Lav jeres egen udgave](../implementering/egen-udgave.md)" in html.downloads_page(real, {})


def test_the_builder_scripts_logic_in_node():
    exe = shutil.which("node")
    assert exe, "node is needed (scripts/setup.sh installs it)"
    env = {**os.environ, "DKK_BUILDER": json.dumps({"spec": SPEC, "messages": messages.BUILDER_JS})}
    result = subprocess.run([exe, "--test", str(ROOT / "tests" / "js" / "profile-builder.test.js")],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


# ---- the YAML it writes is read as it was typed --------------------------------------------------

NASTY = ["Ærø: Kommune # 1", 'Ærø "Kommune" \\ \'1\'', "yes", "no", "null", "~", "12", "0x1f", "1e3", "- liste",
         "{a: b}", "[a]", "&anker *alias", "!tag", "%YAML", "? nøgle", "@", "`", "|", ">", "a: b", "a #b", "#1",
         "tab\there", "linje\nto", "cr\rlf", "\x85NEL \u2028LS \u2029PS", "\ufeffbom", "🎉 fest", "\x7fDEL\x9f",
         "\x00nul\x1b", "\ufffe\uffff", "'", '"', "\\", "---", "...", "<b>&amp;</b>", "2026-01-01", "Ærø\u0301"]


def _random_texts(n: int) -> list[str]:
    rng = random.Random(15)
    ranges = [(0x20, 0x7e)] * 6 + [(0, 0x1f), (0x7f, 0xa0), (0xa0, 0x24f), (0x2000, 0x206f), (0x4e00, 0x4e50),
                                   (0xe000, 0xe010), (0xfef0, 0xffff), (0x1f300, 0x1f64f), (0x10fff0, 0x10ffff)]
    out = []
    for _ in range(n):
        chars = []
        for _ in range(rng.randint(1, 30)):
            lo, hi = rng.choice(ranges)
            chars.append(chr(rng.randint(lo, hi)))
        out.append("".join(chars))
    return out


def test_any_text_the_page_writes_reads_back_as_it_was_typed(tmp_path):
    texts = NASTY + _random_texts(400)
    got = node("return input.texts.map(t => { const v = Object.assign({}, input.values, {'kommunen.name': t,"
               " 'samtykke.consent-legal-contact': t, 'kontakt.contact-units.enhed.0.address': t});"
               " return {written: t.trim(), yaml: pb.profileYaml(input.spec, v, [])}; });",
               {"texts": texts, "values": VALUES, "spec": SPEC})
    assert len(got) == len(texts)
    for i, one in enumerate(got):
        path = tmp_path / f"p{i}.yml"
        path.write_text(one["yaml"], encoding="utf-8")
        data = load_yaml(path).data  # the toolbox's own loader, as validate reads it
        written = one["written"]
        if written == "":
            assert "name" not in data
            continue
        assert data["name"] == written, (texts[i], one["yaml"])
        assert data["consent"]["legal_contact"] == written and data["contact_units"][0]["address"] == written
        assert data["consent"]["months"] == 9
    # a lone surrogate (JavaScript can hold one) is written as an escape, never as a broken character
    one = node("return pb.yamlString(input.t);", {"t": "a\ud800b"})
    assert one == '"a\\ud800b"'


def test_a_name_with_quotes_and_a_hash_validates_as_typed(tmp_path):
    name = 'Ærø: Kommune # 1 "Øst" \'Vest\''
    yaml_text = node("return pb.profileYaml(input.spec, input.values, []);",
                     {"spec": SPEC, "values": {**VALUES, "kommunen.name": name}})
    path = tmp_path / "aeroe.yml"
    path.write_text(yaml_text, encoding="utf-8")
    assert profile_input.load(path, SCHEMA).name == name


# ---- the page checks what validate checks ----------------------------------------------------------

def test_contrast_is_computed_as_toolbox_colors_does():
    rng = random.Random(4)
    sample = ["#000000", "#ffffff", "#767676", "#777777", "#1f4e79", "#aaaaaa", "#5b2a86", "#00695c", "#0000ff",
              "#ff0000", "#00ff00", "#808080", "#949494", "#595959"] + [f"#{rng.randrange(1 << 24):06x}" for _ in range(300)]
    ratios = node("return input.map(c => pb.contrastWithWhite(c));", sample)
    for color, js in zip(sample, ratios):
        py = colors.contrast_with_white(color)
        assert abs(js - py) < 1e-12, color
        assert (js < colors.MIN_CONTRAST) == (py < colors.MIN_CONTRAST), color
    assert any(r < colors.MIN_CONTRAST for r in ratios) and any(r >= colors.MIN_CONTRAST for r in ratios)


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'
CASES = {  # name: (changes to VALUES, the control the page names, or None when the profile is valid)
    "valid": ({}, None),
    "valid with everything": ({"kommunen.department": "Forvaltningen", "kommunen.target-group": "Voksne",
                               "kontakt.contact-units.enhed.1.label": "Syd", "kontakt.contact-units.enhed.1.address": "Vej 2",
                               "kontakt.contact-units.enhed.1.phone": "1", "kontakt.contact-units.enhed.1.email": "s@a.example",
                               "kontakt.contact-units.enhed.1.hours": "9-14", "udseende.colors-primary": "#1f4e79",
                               "udseende.colors-accent": "#00695C", "udseende.logo": "aeroe.svg",
                               "blanketter.forms": ["netvaerkskort"], "afsnit.netvaerkskort": ["om-kortet"]}, None),
    "spaces around": ({"kommunen.web": "  https://www.aeroe.example/dkk ",
                       "kontakt.contact-units.enhed.0.email": " nord@aeroe.example "}, None),
    "no name": ({"kommunen.name": "  "}, "kommunen.name"),
    "a long name": ({"kommunen.name": "Æ" * 301}, "kommunen.name"),
    "a bad e-mail": ({"kontakt.contact-units.enhed.0.email": "nord at aeroe.example"}, "kontakt.contact-units.enhed.0.email"),
    "an e-mail without a dot": ({"kontakt.contact-units.enhed.0.email": "nord@aeroe"}, "kontakt.contact-units.enhed.0.email"),
    "an e-mail with quotes": ({"kontakt.contact-units.enhed.0.email": 'n"ord@aeroe.example'}, "kontakt.contact-units.enhed.0.email"),
    "a web address without https": ({"kommunen.web": "www.aeroe.example"}, "kommunen.web"),
    "a web address with a space": ({"kommunen.web": "https://aeroe.example/a b"}, "kommunen.web"),
    "months 0": ({"samtykke.consent-months": "0"}, "samtykke.consent-months"),
    "months 13": ({"samtykke.consent-months": "13"}, "samtykke.consent-months"),
    "months as text": ({"samtykke.consent-months": "tolv"}, "samtykke.consent-months"),
    "a light colour": ({"udseende.colors-primary": "#aaaaaa"}, "udseende.colors-primary"),
    "a colour just too light": ({"udseende.colors-primary": "#777777"}, "udseende.colors-primary"),
    "a colour just dark enough": ({"udseende.colors-primary": "#767676"}, None),
    "a colour not as #rrggbb": ({"udseende.colors-primary": "#1f4e7"}, "udseende.colors-primary"),
    "an accent without a primary colour": ({"udseende.colors-accent": "#00695c"}, "udseende.colors-primary"),
    "a logo of another kind": ({"udseende.logo": "aeroe.gif"}, "udseende.logo"),
    "a unit without an address": ({"kontakt.contact-units.enhed.0.address": ""}, "kontakt.contact-units.enhed.0.address"),
    "no unit": ({k: "" for k in VALUES if k.startswith("kontakt.")}, "kontakt.contact-units.enhed.0.label"),
    "a half-filled second unit": ({"kontakt.contact-units.enhed.1.email": "s@a.example"}, "kontakt.contact-units.enhed.1.label"),
    "every section left out": ({"afsnit.henvisning": [s.id for s in SCHEMA.forms if s.id == "henvisning"
                                                      for s in s.sections]}, "afsnit.henvisning"),
    "a section of a form not chosen": ({"blanketter.forms": ["netvaerkskort"], "afsnit.henvisning": ["henviser"]},
                                       "afsnit.henvisning"),
    "a bad profile name": ({"fil.id": "Ærø Kommune"}, "fil.id"),
}


@pytest.mark.parametrize("case", CASES)
def test_the_page_refuses_what_validate_refuses(case, tmp_path):
    changes, named = CASES[case]
    values = {**VALUES, **changes}
    got = node("return {yaml: pb.profileYaml(input.spec, input.values, []), file: pb.fileName(input.spec, input.values),"
               " found: pb.checks(input.spec, input.values, input.messages)};",
               {"spec": SPEC, "values": values, "messages": messages.BUILDER_JS})
    stem = values["fil.id"].strip() or "profil"  # the file as the user names it
    path = tmp_path / f"{stem}.yml"
    path.write_text(got["yaml"], encoding="utf-8")
    (tmp_path / "aeroe.svg").write_bytes(SVG)
    try:
        profile_input.load(path, SCHEMA)
        refused: list[str] = []
    except InputError as exc:
        refused = [str(p) for p in exc.problems]
    page = [p["name"] for p in got["found"]]
    if named is None:
        assert page == [] and refused == [], (page, refused)
    else:
        assert named in page, (page, refused)
        assert refused, f"validate accepts what the page refuses: {page}"
    if values["fil.id"] == "aeroe":
        assert got["file"] == "aeroe.yml"


def test_a_profile_without_a_name_is_saved_as_profil_yml_and_the_page_asks_for_one():
    got = node("return {file: pb.fileName(input.spec, input.values), found: pb.checks(input.spec, input.values, input.messages)};",
               {"spec": SPEC, "values": {**VALUES, "fil.id": ""}, "messages": messages.BUILDER_JS})
    assert got == {"file": "profil.yml", "found": [{"name": "fil.id", "message": "Profilens navn mangler."}]}


def test_the_page_is_in_danish(real):
    from test_content import ENGLISH, _visible

    page = profile_builder.builder_page(real)
    words = " ".join([_visible(page), *messages.BUILDER_JS.values(), *messages.BUILDER_FORM_UI.values()])
    assert ENGLISH.findall(words) == []
