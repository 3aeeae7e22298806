"""The tool catalogue: the real one validates, and it becomes cards and plain filter lists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from helpers import FIXTURES, ROOT
from toolbox import inputs, outputs
from toolbox.errors import InputError
from toolbox.model import PHASES, ROLES, THEMES, Catalogue
from toolbox.render.catalogue import anchor, filter_pages, render

CATALOGUE = ROOT / "forms" / "redskaber.yml"

DKK_TOOLS = ("vurderingskriterier", "udrettedagsorden", "metodeguide-moeder", "netvaerkskort",
             "samtykkeerklaering", "pjece-borger", "pjece-samarbejdspartner", "koordinerende-indsatsplan")
TOOL_FORMS = {"udrettedagsorden": "udrettedagsorden", "netvaerkskort": "netvaerkskort",
              "samtykkeerklaering": "samtykkeerklaering", "pjece-borger": "pjece-borger",
              "pjece-samarbejdspartner": "pjece-samarbejdspartner",
              "koordinerende-indsatsplan": "koordinerende-indsatsplan"}
# The handicap project's table (SEEDS-MAP 4.9, report S3:2471-2659): (theme, phase) -> catalogue ids.
HANDICAP_TABLE = {
    ("koordinatorfunktioner", "opstart"): [
        "inspirationsmateriale-koordinatorer", "borgerpjece-koordinering", "borgerkort-indsatser",
        "dagsorden-foerste-moede", "funktionsbeskrivelse-koordinatorer", "hvem-skal-have-koordinator",
        "oplysninger-om-koordinator", "tjekliste-foerste-moede"],
    ("koordinatorfunktioner", "eksisterende"): [
        "inspirationsmateriale-koordinatorer", "funktionsbeskrivelse-koordinatorer",
        "info-samarbejdspartnere-koordinator", "procedure-netvaerk-overgange", "redskaber-moedeafholdelse",
        "standarddagsorden-overdragelse"],
    ("dialog", "opstart"): [
        "adresseliste-kontaktpersoner", "guide-vanskelig-samtale", "sagsbehandlingsfrister",
        "orienteringsskrivelse-lovgivning", "pjece-foraeldre-handicapforvaltningen", "samarbejdsaftale",
        "vejledning-raad-og-vejledning"],
    ("dialog", "eksisterende"): [
        "borgerkort-indsatser", "guide-vanskelig-samtale", "information-via-hjemmeside", "kvitteringsbrevskabeloner",
        "pjece-foraeldre-tvaerfaglig-stoette", "skabelon-handleplan", "tjekliste-handleplan"],
    ("tvaerfagligt", "opstart"): [
        "faelles-kalendersystem", "intern-telefonbog", "kompetencekatalog-samarbejdspartnere",
        "oversigt-samarbejdspartnere", "samarbejdsmodel-bekymringsskala-boern", "tjekliste-aktoerer-involveres",
        "vidensmatrix"],
    ("tvaerfagligt", "eksisterende"): [
        "faelles-kalendersystem", "huskeliste-overgange", "info-samarbejdspartnere-koordinator", "intern-telefonbog",
        "kompetencekatalog-samarbejdspartnere", "overdragelsesskabelon-boern-voksen", "oversigt-samarbejdspartnere",
        "procedure-netvaerk-overgange", "redskaber-moedeafholdelse", "samarbejdsmodel-bekymringsskala-boern",
        "standarddagsorden-overdragelse", "snitfladepapir-jobcenter-socialcenter",
        "tjekliste-aktoerer-informeres-boern", "tjekliste-aktoerer-involveres", "vidensmatrix"],
}
# The issue names these by name.
NAMED = {"tjekliste-foerste-moede": "Tjekliste for første møde", "borgerkort-indsatser": "Borgerkort over indsatser",
         "funktionsbeskrivelse-koordinatorer": "Funktionsbeskrivelse", "snitfladepapir-jobcenter-socialcenter": "Snitfladepapir"}


def _norm(text: str) -> str:
    return re.sub(r"[^a-zæøå0-9]+", " ", text.lower()).strip()


@pytest.fixture(scope="module")
def catalogue(real) -> Catalogue:
    assert real.catalogue is not None
    return real.catalogue


def test_real_catalogue_validates_and_rides_on_the_model(catalogue):
    again = inputs.load(ROOT).catalogue
    assert again is not None and again.tools == catalogue.tools
    ids = [t.id for t in catalogue.tools]
    assert len(ids) == len(set(ids))
    assert set(DKK_TOOLS) <= set(ids)


def test_every_handicap_tool_sits_under_its_theme_and_phase(catalogue):
    by_id = {t.id: t for t in catalogue.tools}
    for (theme, phase), ids in HANDICAP_TABLE.items():
        for tool_id in ids:
            assert tool_id in by_id, tool_id
            assert theme in by_id[tool_id].themes and phase in by_id[tool_id].phases, (tool_id, theme, phase)
    handicap = {t.id for t in catalogue.tools if t.source == "handicap"}
    assert handicap == {i for ids in HANDICAP_TABLE.values() for i in ids}, "one entry per tool in the table"
    for tool_id, name in NAMED.items():
        assert _norm(name) in _norm(by_id[tool_id].name), tool_id


def test_handicap_tools_are_marked_as_described_from_their_name(catalogue):
    for tool in catalogue.tools:
        assert tool.described_from_name == (tool.source == "handicap"), tool.id


def test_tools_with_a_form_name_it(catalogue, real):
    forms = {f.id for f in real.schema_.forms}
    by_id = {t.id: t for t in catalogue.tools}
    for tool_id, form_id in TOOL_FORMS.items():
        assert by_id[tool_id].form == form_id
    assert {t.form for t in catalogue.tools if t.form} <= forms
    assert by_id["vurderingskriterier"].page == "redskaber/vurderingskriterier.md"


def test_catalogue_runs_before_the_html_output():
    kinds = [o.name for o in outputs.stage("site")]
    assert kinds.index("catalogue") < kinds.index("html")


def test_every_card_links_its_form_roles_and_page(real, catalogue):
    index = render(real)["redskaber/index.md"].decode()
    cards = [c.split("\n</div>")[0] for c in index.split("\n-   ### ")[1:]]
    assert len(cards) == len(catalogue.tools)
    for tool in catalogue.tools:
        card = next(c for c in cards if f"{{ #{anchor(tool)} }}" in c.splitlines()[0])
        if tool.form:
            assert f"(../blanketter/{tool.form}.md)" in card, tool.id
        else:
            assert "../blanketter/" not in card, tool.id
        for role in tool.roles:
            assert f"(../roller/{role}.md)" in card, (tool.id, role)
        if tool.page:
            target = Path("redskaber").joinpath(re.search(r"\]\(([^)]+)\)$", card.strip().splitlines()[-1]).group(1))
            assert (ROOT / "docs" / target).resolve() == (ROOT / "docs" / tool.page).resolve(), tool.id
        for word in ("Form:", "Aktører:", "Udfordringer:", "Forventet udbytte:", "Hvornår:", "Roller:", "Kilde:"):
            assert f"**{word}**" in card, (tool.id, word)
        assert ("Beskrevet ud fra navnet" in card) == tool.described_from_name


def test_filter_pages_list_exactly_their_tools(real, catalogue):
    files = render(real)
    pages = filter_pages(catalogue)
    assert {p.key for p in pages if p.group == "fase"} == set(PHASES)
    assert {p.key for p in pages if p.group == "tema"} == set(THEMES)
    assert {p.key for p in pages if p.group == "rolle"} == set(ROLES)
    index = files["redskaber/index.md"].decode()
    for page in pages:
        text = files[page.path].decode()
        assert f"({page.path.removeprefix('redskaber/')})" in index, "the index links every list"
        listed = set(re.findall(r"\]\(index\.md#redskab-([a-z0-9-]+)\)", text))
        field = {"fase": "phases", "tema": "themes", "rolle": "roles"}[page.group]
        expected = {t.id for t in catalogue.tools if page.key in getattr(t, field)}
        assert listed == expected, page.path
        assert "<script" not in text and "grid cards" not in text  # a plain list
        assert text.count("\n# ") == 1 and "\n*Til dig, der " in text


def test_generated_pages_are_not_committed():
    for name in ("index.md", "fase-opstart.md", "tema-dialog.md", "rolle-leder.md"):
        assert not (ROOT / "docs" / "redskaber" / name).exists()


def test_catalogue_text_is_escaped(tmp_path):
    raw = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    tool = dict(raw["tools"][0], id="farlig", name="<script>alert(1)</script> *fed* [link](x)",
                purpose="Tekst med {: .klasse } og ![billede](y.png)")
    tool.pop("page", None)
    raw["tools"] = [tool]
    path = tmp_path / "redskaber.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    model = inputs.model_for(inputs.load(ROOT, schema_path=FIXTURES / "every-kind.yml",
                                         profiles=[FIXTURES / "profile.yml"], catalogue_path=path), "profile")
    index = render(model)["redskaber/index.md"].decode()
    assert "<script>" not in index and "&lt;script&gt;" in index
    assert "![billede]" not in index and "[link](x)" not in index and "{: .klasse }" not in index
    assert "\\*fed\\*" in index


def test_a_form_left_out_by_the_profile_is_not_linked(real):
    profile = real.profile.model_copy(update={"forms": ["netvaerkskort"]})
    model = real.model_copy(update={"profile": profile})
    index = render(model)["redskaber/index.md"].decode()
    assert "(../blanketter/netvaerkskort.md)" in index
    assert "(../blanketter/udrettedagsorden.md)" not in index


def test_bad_reference_is_reported_with_file_and_line(tmp_path):
    text = CATALOGUE.read_text(encoding="utf-8").replace("form: netvaerkskort", "form: netvaerkskortet", 1)
    path = tmp_path / "redskaber.yml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    form: netvaerkskortet") + 1
    with pytest.raises(InputError) as exc:
        inputs.load(ROOT, catalogue_path=path)
    assert [p.line for p in exc.value.problems] == [line]
    assert "tools.netvaerkskort.form: ukendt blanket 'netvaerkskortet'" in str(exc.value)


def test_site_has_cards_anchors_and_lists(built_site, catalogue):
    index = (built_site / "redskaber" / "index.html").read_text(encoding="utf-8")
    assert '<div class="grid cards">' in index
    for tool in catalogue.tools:
        assert f'id="{anchor(tool)}"' in index, tool.id
    for page in filter_pages(catalogue):
        html = (built_site / page.path.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        for target in re.findall(r'href="\.\./#(redskab-[a-z0-9-]+)"', html):
            assert f'id="{target}"' in index
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    assert "redskaber/fase-opstart/" in nav and "redskaber/rolle-leder/" in nav
