"""The Danish content (issue 4): every named page exists, every page says whom it is for,
the glossary covers every abbreviation, the check works without a script, and a new
caseworker finds the first case's steps in two clicks from the front page."""
from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag

import pytest
import yaml

from helpers import ROOT
from toolbox.render.catalogue import render as render_catalogue

DOCS = ROOT / "docs"

ROLE_PAGES = ("koordinerende-kontaktperson", "tovholder", "leder", "samarbejdspartner",
              "borger-og-paaroerende", "ki-koordinator-og-fagperson", "pixi-guide")
GUIDES = ("forloebet", "vurdering-af-maalgruppen", "samtykke", "det-koordinerende-moede", "netvaerkskortet",
          "overgange", "afslutning", "koordinerende-indsatsplan", "koordineret-plan")
IMPLEMENTATION = ("forankringsplan", "tovholderfunktionen", "foel-og-makkerordning", "ledelse",
                  "maaltal-og-opfoelgning", "kommunikation", "it-understoettelse", "evaluering", "erfaringer")
OTHER_PAGES = ("index.md", "ordliste.md", "redskaber/vurderingskriterier.md", "kursus/index.md",
               "om/kilder.md", "om/tilgaengelighed.md", "om/privatliv.md")
NAMED_TOOLS = ("tjekliste-foerste-moede", "borgerkort-indsatser", "funktionsbeskrivelse-koordinatorer",
               "snitfladepapir-jobcenter-socialcenter", "vurderingskriterier", "udrettedagsorden",
               "netvaerkskort", "samtykkeerklaering", "pjece-borger", "pjece-samarbejdspartner",
               "koordinerende-indsatsplan", "henvisning", "afslutning", "sagsoversigt", "samtykke-sundhed",
               "koordineret-plan")
# Capitals that are not abbreviations a reader needs explained.
NOT_ABBREVIATIONS = {
    "IV": "a Roman numeral in a report's title (Endelig Rapport IV)",
    "AA": "the WCAG conformance level, explained where it is used",
}
ABBREVIATION = re.compile(r"(?<![\w-])([A-ZÆØÅ]{2,})(?![a-zæøå])")


def docs_pages() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md"))


# ---- pages and cards named in the issue -------------------------------------------------

def test_every_named_role_guide_and_page_exists():
    missing = [f"roller/{n}.md" for n in ROLE_PAGES if not (DOCS / "roller" / f"{n}.md").is_file()]
    missing += [f"handlevejledninger/{n}.md" for n in GUIDES if not (DOCS / "handlevejledninger" / f"{n}.md").is_file()]
    missing += [f"implementering/{n}.md" for n in IMPLEMENTATION if not (DOCS / "implementering" / f"{n}.md").is_file()]
    missing += [p for p in OTHER_PAGES if not (DOCS / p).is_file()]
    assert not missing


def test_every_named_tool_has_a_card(real):
    ids = {t.id for t in real.catalogue.tools}
    assert set(NAMED_TOOLS) <= ids
    index = render_catalogue(real)["redskaber/index.md"].decode()
    for tool in NAMED_TOOLS:
        assert f"{{ #redskab-{tool} }}" in index, tool


def test_role_pages_in_the_catalogue_exist(real):
    for tool in real.catalogue.tools:
        for role in tool.roles:
            assert (DOCS / "roller" / f"{role}.md").is_file(), (tool.id, role)


def test_pages_have_real_content():
    for page in docs_pages():
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"\b(TODO|FIXME|lorem ipsum|kommer snart)\b", text, re.I), page
        assert len(text.split()) > 60, f"{page} is too short to be real content"


# ---- every page says whom it is for --------------------------------------------------------

def _first_paragraph(markdown: str) -> str | None:
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    lines = text.splitlines()
    heading = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if heading is None:
        return None
    rest = [line for line in lines[heading + 1:] if line.strip()]
    return rest[0] if rest else None


def _says_whom_for(markdown: str) -> bool:
    first = _first_paragraph(markdown)
    return bool(first) and not first.startswith(("#", "-", "<", "|", "!!!", "1.", "```")) \
        and re.search(r"\btil\b", first, re.I) is not None


@pytest.mark.parametrize("page", docs_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_page_opens_with_whom_it_is_for(page):
    assert _says_whom_for(page.read_text(encoding="utf-8")), "after the H1 comes one line saying who the page is for"


def test_generated_catalogue_pages_open_with_whom_they_are_for(real):
    for path, content in render_catalogue(real).items():
        assert _says_whom_for(content.decode()), path


# ---- glossary ---------------------------------------------------------------------------

def glossary_terms() -> list[str]:
    lines = (DOCS / "ordliste.md").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line, after in zip(lines, lines[1:]) if after.startswith(":   ") and line.strip()]


def _covered(token: str, terms: list[str]) -> bool:
    return any(t == token or t.startswith((token + "-", token + " ")) for t in terms)


def _text_for_abbreviations(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    return re.sub(r"https?://\S+|`[^`]*`", " ", text)


def test_glossary_covers_every_abbreviation_used():
    terms = glossary_terms()
    sources = [*docs_pages(), ROOT / "forms" / "schema.yml", ROOT / "forms" / "redskaber.yml"]
    missing: dict[str, str] = {}
    for path in sources:
        for token in ABBREVIATION.findall(_text_for_abbreviations(path)):
            if token not in NOT_ABBREVIATIONS and not _covered(token, terms):
                missing.setdefault(token, str(path.relative_to(ROOT)))
    assert not missing, f"explain these in docs/ordliste.md: {missing}"


def test_every_hover_abbreviation_is_in_the_glossary():
    terms = glossary_terms()
    abbrs = re.findall(r"^\*\[([^\]]+)\]:", (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8"), re.M)
    assert len(abbrs) >= 20
    assert [a for a in abbrs if not _covered(a, terms)] == []


def test_issue_abbreviations_are_explained():
    terms = glossary_terms()
    for token in ("SOF", "BIF", "DPC", "OPUS", "OP-team", "SKP", "VUM", "KI", "SKI", "§ 141-handleplan"):
        assert _covered(token, terms), token


# ---- the check "Skal borgeren have en koordinerende kontaktperson?" ---------------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_check_works_as_a_plain_checklist():
    text = (DOCS / "redskaber" / "vurderingskriterier.md").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(text)
    tags = parser.tags
    assert "<script" not in text and "onclick" not in text.lower()
    assert sum(1 for t, _ in tags if t == "form") == 1
    assert sum(1 for t, _ in tags if t == "fieldset") == sum(1 for t, _ in tags if t == "legend") >= 4
    inputs = [a for t, a in tags if t == "input"]
    labels = {a.get("for") for t, a in tags if t == "label"}
    assert len(inputs) >= 12
    for attrs in inputs:
        assert attrs.get("id") in labels, attrs
    for_ = [a for a in inputs if a.get("name") == "for"]
    against = [a for a in inputs if a.get("name") == "imod"]
    assert {a["value"] for a in for_} == {"interne-parter", "eksterne-parter", "sygdomsbillede",
                                          "bolig", "forsoergelse", "behandlingsbehov", "paaroerende"}
    assert {a["value"] for a in against} >= {"op-team", "har-kontaktperson", "afviser", "samtykke", "selv-overblik"}
    assert all(a.get("data-reason") for a in for_ + against)
    # each tick points to one area; the criteria that overlapped (complexity vs housing and income,
    # parties vs number of actors) are one tick each now, so nothing is counted twice
    assert {a.get("data-area") for a in for_} == {"mange aktører", "bolig", "forsørgelse", "behandling", "pårørende"}
    reasons = [a["data-reason"] for a in for_]
    assert len(reasons) == len(set(reasons))
    status = [a for t, a in tags if a.get("role") == "status"]
    assert len(status) == 1 and status[0].get("aria-live") == "polite"
    assert "18 og 65" in text
    assert "Du kan selv læse resultatet" in text  # the rules for reading it without a script
    rules = text[text.index("Du kan selv læse resultatet"):text.index("<form")]
    assert "ingen regel for, hvor mange kryds" in rules and "faglige vurdering" in rules
    assert not re.search(r"to eller flere|mindst to|2 eller flere", text), "no count of ticks decides"


def test_check_script_is_local_and_keeps_nothing():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "assets/javascripts/vurdering.js" in config["extra_javascript"]
    script = (DOCS / "assets" / "javascripts" / "vurdering.js").read_text(encoding="utf-8")
    for banned in ("http://", "https://", "localStorage", "sessionStorage", "document.cookie", "fetch(",
                   "XMLHttpRequest", "innerHTML", "eval("):
        assert banned not in script, banned


def test_check_logic():
    node = shutil.which("node")
    assert node, "node is needed for the check's script tests (README: scripts/test.sh installs it)"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "vurdering.test.js")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_built_check_page_loads_its_script(built_site):
    html = (built_site / "redskaber" / "vurderingskriterier" / "index.html").read_text(encoding="utf-8")
    assert '<form class="tb-check"' in html
    assert 'src="../../assets/javascripts/vurdering.js"' in html


# ---- two clicks from the front page to the first case ------------------------------------------

class _ContentLinks(HTMLParser):
    """Links inside the page's main article (not the navigation)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        elif tag == "a" and self.depth and a.get("href") and "headerlink" not in (a.get("class") or ""):
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1


def content_links(site: Path, page: Path) -> set[Path]:
    parser = _ContentLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    out: set[Path] = set()
    for href in parser.links:
        href = urldefrag(href)[0]
        if not href or re.match(r"^[a-z]+:", href):
            continue
        target = (page.parent / href).resolve()
        if target.is_dir() or href.endswith("/"):
            target = target / "index.html"
        if target.is_file() and site.resolve() in target.parents:
            out.add(target)
    return out


def clicks_from_front_page(site: Path, target: str) -> int | None:
    goal = (site / target / "index.html").resolve()
    seen = {(site / "index.html").resolve()}
    frontier = set(seen)
    for clicks in (1, 2):
        frontier = {link for page in frontier for link in content_links(site, page)} - seen
        if goal in frontier:
            return clicks
        seen |= frontier
    return None


@pytest.mark.parametrize("target", ["handlevejledninger/forloebet", "roller/pixi-guide"])
def test_a_new_caseworker_reaches_the_first_case_in_two_clicks(built_site, target):
    clicks = clicks_from_front_page(built_site, target)
    assert clicks is not None and clicks <= 2, f"{target} is not within two clicks of the front page"


def test_every_reader_has_an_entry_on_the_front_page():
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    for entry in ("Jeg er ny sagsbehandler", "Jeg skal undervise", "Vi vil indføre modellen i vores kommune",
                  "Jeg er samarbejdspartner", "Jeg er borger eller pårørende"):
        assert entry in text


# ---- consent, the forms the guides name, one coordinating plan, plain Danish (issue 11) -------

def _forms(real) -> dict:
    return {f.id: f for f in real.forms}


def _texts(form) -> str:
    """Every text a reader of the form sees: titles, section texts, labels, hints, choices, rows."""
    out = [form.title, form.subtitle or "", form.summary]
    for s in form.sections:
        out += [s.title or "", s.text or ""]
        stack = list(s.fields)
        while stack:
            f = stack.pop()
            out += [f.label, f.hint or "", f.row_header or ""]
            out += [c.label for c in f.choices or []]
            out += [getattr(r, "label", None) or r.repeat.label for r in f.rows or []]
            stack += [c for c in f.columns or []]
    return "\n".join(out)


def _all_fields(form):
    for s in form.sections:
        stack = [(s.id, f) for f in s.fields]
        while stack:
            sid, f = stack.pop()
            yield sid, f
            stack += [(sid, c) for c in f.columns or []]


def test_consent_form_names_controller_dpo_and_the_right_to_complain():
    from toolbox import inputs
    from toolbox.text import fill

    project = inputs.load(ROOT)
    schema, profiles = project.schema_, project.profiles
    consent = next(f for f in schema.forms if f.id == "samtykkeerklaering")
    for name, profile in profiles.items():
        text = fill(_texts(consent), profile)
        assert profile.data_controller in text and profile.data_protection_officer in text, name
        assert "Datatilsynet" in text
    text = _texts(consent)
    for needed in ("værge", "fremtidsfuldmagt", "journalen", "Tolk", "frivilligt", "Hvis du siger nej"):
        assert needed in text, needed
    assert "Det må kommunen kun" not in text, "other legal bases exist; the form must not say consent is the only one"
    assert "GDPR" not in text, "the citizen reads the regulation's Danish name"


def test_consent_forms_keep_the_legal_review_marker_without_a_review_date():
    raw = yaml.safe_load((ROOT / "forms" / "schema.yml").read_text(encoding="utf-8"))
    forms = {f["id"]: f for f in raw["forms"]}
    for form_id in ("samtykkeerklaering", "samtykke-sundhed"):
        first = forms[form_id]["sections"][0]
        assert "jurist" in first["text"].lower() and "godkende" in first["text"]
        assert {"use": "juridisk-kontrol"} in first["fields"], "the lawyer writes the date of the check"
        text = yaml.safe_dump(forms[form_id], allow_unicode=True)
        assert not re.search(r"sidst gennemgået|(januar|februar|marts|april|maj|juni|juli|august|september|"
                             r"oktober|november|december) 20\d\d", text), "no review date as if a lawyer had checked it"


def test_health_consent_is_the_treatment_places_and_cites_the_health_act(real):
    form = _forms(real)["samtykke-sundhed"]
    text = _texts(form)
    for law in ("§§ 41 og 42", "§§ 43 og 44", "§ 17, stk. 3"):
        assert law in text, law
    assert "{kommune}" not in "".join(s.text or "" for s in form.sections), "the municipality is not its controller"
    names = {f"{sid}.{f.id}" for sid, f in _all_fields(form)}
    assert {"dataansvarlig.dataansvarlig", "dataansvarlig.databeskyttelsesraadgiver", "underskrift.journal",
            "paa-vegne.grundlag", "mundtligt.note", "tolk.sprog"} <= names
    assert "Datatilsynet" in text and "højst 1 år" in text


def test_ki_steps_pages_and_card_lead_to_the_health_consent(real):
    steps = yaml.safe_load((ROOT / "forms" / "trin.yml").read_text(encoding="utf-8"))["pages"]
    consent_step = next(s for s in steps["handlevejledninger/koordinerende-indsatsplan.md"] if s["title"] == "Få samtykke")
    assert "samtykke-sundhed.md" in consent_step["form"] and "samtykkeerklaering.md" not in consent_step["form"]
    for page in ("handlevejledninger/koordinerende-indsatsplan.md", "roller/ki-koordinator-og-fagperson.md",
                 "handlevejledninger/samtykke.md"):
        assert "blanketter/samtykke-sundhed.md" in (DOCS / page).read_text(encoding="utf-8"), page
    card = next(t for t in real.catalogue.tools if t.id == "koordinerende-indsatsplan")
    assert "Samtykke til koordinerende plan" in card.description
    assert any(t.form == "samtykke-sundhed" for t in real.catalogue.tools)


def test_citizen_brochure_says_signing_is_voluntary_and_the_help_is_for_a_period(real):
    forms = _forms(real)
    da, en = _texts(forms["pjece-borger"]), _texts(forms["pjece-borger-en"])
    assert "frivilligt" in da and "trække samtykket tilbage" in da and "i en periode" in da
    assert "your choice" in en and "withdraw" in en and "for a period" in en


@pytest.mark.parametrize("form_id", ["foerste-moede", "henvisning", "afslutning", "sagsoversigt",
                                     "samtykke-sundhed", "koordineret-plan"])
def test_every_form_the_guides_name_exists_and_has_a_card_and_a_step(real, form_id):
    assert form_id in _forms(real)
    assert any(t.form == form_id for t in real.catalogue.tools), "a card links the form"
    steps = (ROOT / "forms" / "trin.yml").read_text(encoding="utf-8")
    assert f"blanketter/{form_id}.md" in steps, "a guide step links the form"


def test_exit_form_has_the_checklist_and_both_letters(real):
    form = _forms(real)["afslutning"]
    titles = [s.title or "" for s in form.sections]
    assert any("Brev til borgeren" in t and "min rolle som koordinerende kontaktperson slutter" in t for t in titles)
    assert any("Brev til samarbejdspartnerne" in t and "min rolle som koordinerende kontaktperson slutter" in t
               for t in titles)
    checklist = next(s for s in form.sections if s.id == "tjekliste")
    assert [f.id for f in checklist.fields][:3] == ["situation", "indsatsen", "overdragelse"]


def test_case_overview_holds_no_cpr_and_says_where_it_may_be_kept(real):
    form = _forms(real)["sagsoversigt"]
    assert not [f.id for _, f in _all_fields(form) if f.kind == "cpr" or "cpr" in f.id]
    about = form.sections[0].text
    assert "ingen cpr-numre" in about and "Gem oversigten et sikkert sted" in about


def test_next_meeting_in_the_agenda_and_plan_b_in_the_ki_plan(real):
    forms = _forms(real)
    agenda = {f"{sid}.{f.id}" for sid, f in _all_fields(forms["udrettedagsorden"])}
    assert {"naeste-moede.dato", "naeste-moede.sted", "naeste-moede.indkaldes-af"} <= agenda
    ki = {f"{sid}.{f.id}" for sid, f in _all_fields(forms["koordinerende-indsatsplan"])}
    assert "plan-b.plan-b" in ki
    # the KI plan's saved names stay as they were, so earlier files open with every value
    assert {"moedet.dato", "moedet.tilstede", "kontaktpersoner.tovholder", "eksisterende-planer.planer",
            "udfordringer.udfordringer", "maal.maal", "indsatser.indsatser", "naeste-moede.dato",
            "godkendelse.godkendt", "godkendelse.sendt"} <= ki




def test_the_coordinating_plan_has_a_base_and_one_block_of_sections_per_module(real):
    form = _forms(real)["koordineret-plan"]
    first = form.sections[0]
    assert first.id == "moduler" and [f.id for f in first.fields] == ["moduler"]
    choices = [c.id for c in first.fields[0].choices]
    assert first.fields[0].kind == "multichoice"
    assert {"psykiatri-misbrug", "bolig", "arbejde", "loesladelse", "boern", "oekonomi"} <= set(choices)
    modules: dict[str, list[str]] = {}
    for s in form.sections:
        if s.when is not None:
            assert s.when.field == "moduler.moduler"
            modules.setdefault(s.when.has, []).append(s.id)
    assert list(modules) == choices, "every module has its section, in the order of the choices"
    sections = [s.id for s in form.sections]
    for module, ids in modules.items():
        assert ids and set(ids) <= set(sections), module
        for sid in ids:
            assert next(s for s in form.sections if s.id == sid).title.startswith("Modul: ")
    base = set(sections) - {sid for ids in modules.values() for sid in ids}
    assert {"moduler", "borger", "maal", "kontaktpersoner", "indsatser", "plan-b", "naeste-moede", "afslutning"} <= base
    words = {f"{sid}.{f.id}" for sid, f in _all_fields(form)}
    assert "maal.borgerens-ord" in words, "the goals in the citizen's own words"


def test_cards_named_only_from_a_source_say_when_there_is_no_template(real):
    for tool in real.catalogue.tools:
        if tool.described_from_name and tool.form is None:
            assert "ingen skabelon" in tool.description, tool.id


ENGLISH = re.compile(r"\b(exit|slides?|cases?|feedback|json schema)\b", re.I)


def _visible(markdown: str) -> str:
    """Page text without link targets, inline code, HTML attributes or comments."""
    text = re.sub(r"<!--.*?-->", " ", markdown, flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def test_no_english_in_the_danish_interface(real):
    from toolbox import messages
    from toolbox.render import course, slides

    found = []
    for page in docs_pages():
        for word in ENGLISH.findall(_visible(page.read_text(encoding="utf-8"))):
            found.append((str(page.relative_to(DOCS)), word))
    for form in real.forms:
        if form.lang == "da":
            found += [(form.id, w) for w in ENGLISH.findall(_texts(form))]
    for tool in real.catalogue.tools:
        found += [(tool.id, w) for w in ENGLISH.findall(" ".join([tool.name, tool.purpose, tool.description,
                                                                  tool.actors, tool.when, *tool.challenges,
                                                                  *tool.benefits]))]
    steps = yaml.safe_load((ROOT / "forms" / "trin.yml").read_text(encoding="utf-8"))["pages"]
    for page, items in steps.items():
        for step in items:
            found += [(page, w) for w in ENGLISH.findall(_visible(" ".join(v for v in step.values() if v)))]
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    titles = re.findall(r"'([^']+)':", str(nav))
    found += [("mkdocs.yml nav", w) for w in ENGLISH.findall(" ".join(titles))]
    found += [("course titles", w) for w in ENGLISH.findall(f"{slides.SLIDES_TITLE} {course.CASES_TITLE}")]
    found += [("download formats", w) for w in ENGLISH.findall(" ".join(n for n, _ in messages.FORMATS.values()))]
    found += [("downloads page", w) for w in ENGLISH.findall(messages.DOWNLOADS_LEAD)]
    assert found == []


GUIDE_PAGES = [p for p in docs_pages() if p.parent.name in ("handlevejledninger", "implementering")]


@pytest.mark.parametrize("page", GUIDE_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_guides_open_with_one_short_line(page):
    first = _first_paragraph(page.read_text(encoding="utf-8"))
    assert not first.startswith("Siden er til"), "the old 30-word template"
    assert len(first.split()) <= 20, first
