"""Municipality profiles: the samples build and differ where they should; --all-profiles, new-profile."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, copy_project, run_toolbox
from toolbox import build, inputs, outputs
from toolbox.cache import FileSetCache
from toolbox.colors import contrast_with_white
from toolbox.profiles import ProfileResult, exit_status, starter_profile


def cache_key(kind, model, form):
    return build.cache_key(outputs.by_name(kind), model, form)

PROFILES = ROOT / "forms" / "profiles"
SAMPLES = ("eksempel", "minimal", "fuld-branding", "udvalgte-blanketter")


def profile_yaml(name: str) -> dict:
    return yaml.safe_load((PROFILES / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> tuple[Path, str]:
    """Every profile of the project built in one `--all-profiles` run (documents from the shared cache)."""
    site = tmp_path_factory.mktemp("profiles") / "site"
    result = run_toolbox("build", "--all-profiles", "--site-dir", str(site), timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout


def page(site: Path, name: str, rel: str = "index.html") -> str:
    return (site / name / rel).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", SAMPLES)
def test_each_sample_builds_into_its_own_folder(sites, name):
    site, table = sites
    assert (site / name / "index.html").is_file()
    assert (site / name / "blanketter" / "index.html").is_file()
    assert re.search(rf"│ {re.escape(name)}\s+│ bygget\s+│\s+\d+ │\s+\d+ │\s+\d+ │\s+[\d.]+ │", table), table


def test_summary_table_has_its_columns(sites):
    _, table = sites
    for column in ("Profil", "Status", "Sider", "Dokumenter lavet", "Genbrugt", "Sekunder"):
        assert column in table
    assert re.search(r"(\d+) af \1 profiler bygget", table)


@pytest.mark.parametrize("name", SAMPLES)
def test_the_municipality_is_named_from_its_own_profile_only(sites, name):
    site, _ = sites
    own = profile_yaml(name)["name"]
    others = [profile_yaml(o)["name"] for o in SAMPLES if o != name]
    for rel in ("index.html", "blanketter/pjece-borger/index.html"):
        html = page(site, name, rel)
        assert own in html, rel
        for other in others:
            assert other not in html, (rel, other)
        assert "København" not in html, rel  # the model's history lives on the Om pages, never in a form


def test_colours_reach_header_links_and_buttons(sites):
    site, _ = sites
    primary = profile_yaml("fuld-branding")["colors"]["primary"]
    css = page(site, "fuld-branding", "assets/stylesheets/profile.css")
    for var in ("--md-primary-fg-color", "--md-typeset-a-color", "--md-accent-fg-color", "--md-primary-bg-color"):
        assert var in css
    assert primary in css
    assert 'data-md-color-primary="custom"' in page(site, "fuld-branding")
    minimal_css = page(site, "minimal", "assets/stylesheets/profile.css")
    assert "--md-primary-fg-color" not in minimal_css
    assert 'data-md-color-primary="indigo"' in page(site, "minimal")


def test_logo_is_in_the_header_of_the_branded_site_only(sites):
    site, _ = sites
    logo = site / "fuld-branding" / "assets" / "profil" / "logo.svg"
    assert logo.read_bytes() == (PROFILES / "fuld-branding.svg").read_bytes()
    header = re.search(r'<header class="md-header.*?</header>', page(site, "fuld-branding"), re.S).group(0)
    assert "assets/profil/logo.svg" in header
    assert not (site / "minimal" / "assets" / "profil").exists()
    assert "assets/profil/" not in page(site, "minimal")


def test_forms_present_and_absent(sites, real):
    site, _ = sites
    chosen = profile_yaml("udvalgte-blanketter")["forms"]
    for form in real.schema_.forms:
        base = getattr(form, "translation_of", None) or form.id
        assert f'data-form="{form.id}"' in page(site, "minimal", f"blanketter/{form.id}/index.html"), form.id
        html = page(site, "udvalgte-blanketter", f"blanketter/{form.id}/index.html")  # links to it still work
        assert (f'data-form="{form.id}"' in html) == (base in chosen), form.id
        if base not in chosen:
            assert "Udvalgsby Kommune bruger ikke denne blanket" in html
    index = page(site, "udvalgte-blanketter", "blanketter/index.html")
    assert 'href="samtykkeerklaering/"' not in index and 'href="udrettedagsorden/"' in index
    nav = page(site, "udvalgte-blanketter")
    assert "blanketter/samtykkeerklaering/" not in nav and "blanketter/udrettedagsorden/" in nav


def test_omitted_section_is_missing(sites):
    site, _ = sites
    omitted = profile_yaml("udvalgte-blanketter")["omit_sections"]
    assert omitted, "the sample leaves a section out"
    for form_id, sections in omitted.items():
        kept = page(site, "eksempel", f"blanketter/{form_id}/index.html")
        cut = page(site, "udvalgte-blanketter", f"blanketter/{form_id}/index.html")
        for section in sections:
            assert f'id="{form_id}--{section}"' in kept
            assert f'id="{form_id}--{section}"' not in cut
        assert cut.count(f'id="{form_id}--') < kept.count(f'id="{form_id}--')


def test_target_group_is_shown_where_the_pages_ask_for_it(sites):
    site, _ = sites
    wording = profile_yaml("fuld-branding")["target_group"]
    for rel in ("index.html", "redskaber/vurderingskriterier/index.html"):
        assert wording in page(site, "fuld-branding", rel), rel
        assert "Målgruppen i" not in page(site, "minimal", rel), rel  # no wording: no box


def test_documents_are_per_profile_and_the_zip_names_the_municipality(sites):
    site, _ = sites
    for name in ("minimal", "fuld-branding"):
        files = site / name / "blanketter" / "filer" / name
        assert (files / "netvaerkskort.pdf").is_file()
        assert (files / f"blanketter-{name}.zip").is_file()
    assert not (site / "udvalgte-blanketter" / "blanketter" / "filer" / "udvalgte-blanketter" / "samtykkeerklaering.pdf").exists()


# ---- cache keys ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def models():
    project = inputs.load(ROOT)
    return {name: inputs.model_for(project, name) for name in SAMPLES}


def test_json_schema_is_shared_between_profiles_and_the_pdf_is_not(models):
    form = next(f for f in models["eksempel"].forms if f.id == "netvaerkskort")
    keys = {kind: {cache_key(kind, m, form) for m in models.values()} for kind in ("jsonschema", "pdf", "docx")}
    assert len(keys["jsonschema"]) == 1
    assert len(keys["pdf"]) == len(SAMPLES) and len(keys["docx"]) == len(SAMPLES)


def test_shared_documents_are_made_once_before_the_profiles_are_built(models, tmp_path):
    """What profiles share (equal cache keys) is rendered once into the cache; what is their own is not."""
    from toolbox.build import render_shared

    cache = FileSetCache(tmp_path / "documents")
    made = render_shared(list(models.values()), cache, jobs=1)
    keys = {cache_key(kind, m, f): (kind, name) for name, m in models.items() for kind in ("jsonschema", "pdf", "docx")
            for f in m.forms}
    cached = {p.name for p in cache.folder.iterdir() if p.is_dir()}
    assert made == len(cached) >= len(models["eksempel"].forms)
    assert {kind for key, (kind, _) in keys.items() if key in cached} == {"jsonschema"}
    assert all(cache_key("jsonschema", models["eksempel"], f) in cached for f in models["eksempel"].forms)
    assert render_shared(list(models.values()), cache, jobs=1) == 0  # already there


def test_an_omitted_section_changes_the_json_schema_key(models):
    eks, cut = models["eksempel"], models["udvalgte-blanketter"]
    form_id = next(iter(cut.profile.omit_sections))
    a = next(f for f in eks.forms if f.id == form_id)
    b = next(f for f in cut.forms if f.id == form_id)
    assert cache_key("jsonschema", eks, a) != cache_key("jsonschema", cut, b)


def test_pdf_has_the_logo_with_a_text(models):
    from toolbox.render.pdf import document_html

    m = models["fuld-branding"]
    html = document_html(m, m.forms[0])
    assert re.search(r'<img class="tb-pdf-logo" src="file://[^"]+fuld-branding\.svg" alt="Bølgeby Kommunes logo">', html)
    assert "tb-pdf-logo" not in document_html(models["minimal"], models["minimal"].forms[0])


# ---- contrast -------------------------------------------------------------------------

def test_contrast_ratio():
    assert contrast_with_white("#ffffff") == pytest.approx(1.0)
    assert contrast_with_white("#000000") == pytest.approx(21.0)
    assert contrast_with_white("#767676") == pytest.approx(4.54, abs=0.01)  # the lightest AA grey
    for name in SAMPLES:
        colors = profile_yaml(name).get("colors") or {}
        for color in colors.values():
            assert contrast_with_white(color) >= 4.5, (name, color)


# ---- one failing profile ----------------------------------------------------------------

def test_a_failing_profile_does_not_stop_the_others(tmp_path):
    project = copy_project(tmp_path / "p")
    if (ROOT / ".cache" / "documents").is_dir():  # documents already made: the test stays fast
        shutil.copytree(ROOT / ".cache" / "documents", project / ".cache" / "documents")
    profiles = project / "forms" / "profiles"
    for extra in ("fuld-branding", "udvalgte-blanketter"):
        (profiles / f"{extra}.yml").unlink()
    bad = profiles / "oedelagt.yml"
    bad.write_text((profiles / "minimal.yml").read_text(encoding="utf-8")
                   + 'colors: {primary: "#9fc5e8"}\n', encoding="utf-8")
    old = project / "site" / "oedelagt"
    old.mkdir(parents=True)
    (old / "index.html").write_text("den gamle side", encoding="utf-8")
    result = run_toolbox("build", "--all-profiles", "--jobs", "2", cwd=project, timeout=900)
    assert result.returncode == 2, result.stdout + result.stderr
    assert re.search(r"│ oedelagt\s+│ ugyldig", result.stdout)
    assert re.search(r"│ eksempel\s+│ bygget", result.stdout) and re.search(r"│ minimal\s+│ bygget", result.stdout)
    assert re.search(r"^oedelagt: forms/profiles/oedelagt\.yml:\d+: colors\.primary: farven '#9fc5e8' har for lav kontrast",
                     result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stderr
    assert (old / "index.html").read_text(encoding="utf-8") == "den gamle side"
    assert (project / "site" / "eksempel" / "index.html").is_file()
    assert (project / "site" / "minimal" / "index.html").is_file()
    assert not list((project / "site").glob(".*build-*")), "no half-written build folder is left"


def test_exit_status():
    ok = ProfileResult("a", "ok", Path("s"))
    assert exit_status([ok, ok]) == 0
    assert exit_status([ok, ProfileResult("b", "fejl", Path("s"))]) == 1
    assert exit_status([ProfileResult("b", "fejl", Path("s")), ProfileResult("c", "ugyldig", Path("s"))]) == 2


def test_jobs_must_be_a_positive_number():
    result = run_toolbox("build", "--all-profiles", "--jobs", "0")
    assert result.returncode == 2
    assert "--jobs" in result.stderr and "mindst 1" in result.stderr


# ---- toolbox new-profile ----------------------------------------------------------------

def test_new_profile_writes_a_commented_profile_that_validates(tmp_path):
    project = copy_project(tmp_path)
    result = run_toolbox("new-profile", "ny-kommune", cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "forms" / "profiles" / "ny-kommune.yml"
    text = path.read_text(encoding="utf-8")
    assert text == starter_profile("ny-kommune")
    assert text.count("\n#") >= 5 and "påkrævet" in text  # Danish comments explain the fields
    assert yaml.safe_load(text)["name"] == "Ny Kommune"
    check = run_toolbox("validate", "--profiles", str(path), cwd=project)
    assert check.returncode == 0, check.stderr


def test_new_profile_never_overwrites(tmp_path):
    project = copy_project(tmp_path)
    path = project / "forms" / "profiles" / "eksempel.yml"
    before = path.read_bytes()
    result = run_toolbox("new-profile", "eksempel", cwd=project)
    assert result.returncode == 2
    assert result.stderr == "toolbox: forms/profiles/eksempel.yml findes allerede; vælg et andet navn (filen er ikke ændret)\n"
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["Ny_Kommune", "ny kommune", "ny-", "ny--kommune", "æble"])
def test_new_profile_name_must_be_kebab_case(tmp_path, name):
    project = copy_project(tmp_path)
    result = run_toolbox("new-profile", name, cwd=project)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"toolbox: ugyldigt profilnavn '{name}'")
    assert sorted(p.name for p in (project / "forms" / "profiles").iterdir()) == \
        sorted(p.name for p in PROFILES.iterdir())
