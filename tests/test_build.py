"""`toolbox build`: a strict MkDocs build with every form page, all or nothing."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from helpers import copy_project, run_toolbox


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_site_has_every_form_page(built_site, real):
    for form in real.forms:
        page = built_site / "blanketter" / form.id / "index.html"
        assert page.is_file(), form.id
        html = page.read_text(encoding="utf-8")
        assert f'data-form="{form.id}"' in html
        assert '<html lang="da"' in html
    index = (built_site / "blanketter" / "index.html").read_text(encoding="utf-8")
    for form in real.forms:
        assert f'href="{form.id}/"' in index


def test_forms_are_in_the_navigation(built_site, real):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for form in real.forms:
        assert f"blanketter/{form.id}/" in html


def test_nav_sections_exist(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    for title in ("Forside", "Roller", "Handlevejledninger", "Implementering", "Redskaber og blanketter",
                  "Kursus", "Ordliste", "Om"):
        assert title in html


def test_no_asset_from_another_host(built_site):
    pattern = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not pattern.search(text), f"{page} loads something from another host"
    css = "".join(p.read_text(encoding="utf-8", errors="replace") for p in built_site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_invalid_schema_leaves_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path)
    site = project / "site"
    assert run_toolbox("build", cwd=project).returncode == 0
    before = tree_digest(site)
    schema = project / "forms" / "schema.yml"
    schema.write_text(schema.read_text(encoding="utf-8").replace("kind: textarea", "kind: tekstfelt", 1), encoding="utf-8")
    result = run_toolbox("build", cwd=project)
    assert result.returncode == 2
    assert re.fullmatch(r"forms/schema\.yml:\d+: (forms\.[a-z-]+\.sections|groups)\.[a-z-]+\.fields\.[a-z-.]+kind: ugyldig værdi 'tekstfelt' \(forventet en af: .*\)\n", result.stderr)
    assert tree_digest(site) == before
    assert not list(project.glob(".site.build-*")), "no half-written build folder is left behind"


def test_failing_mkdocs_build_leaves_previous_site_untouched(tmp_path):
    project = copy_project(tmp_path)
    site = project / "site"
    assert run_toolbox("build", cwd=project).returncode == 0
    before = tree_digest(site)
    (project / "docs" / "ordliste.md").write_text("[brudt link](findes-ikke.md)\n", encoding="utf-8")
    result = run_toolbox("build", cwd=project)
    assert result.returncode == 1
    assert "strict" in result.stderr
    assert tree_digest(site) == before


def test_a_new_form_is_a_yaml_only_change(tmp_path):
    project = copy_project(tmp_path)
    schema = project / "forms" / "schema.yml"
    schema.write_text(schema.read_text(encoding="utf-8").rstrip("\n") + "\n" + (
        "  - id: proeveblanket\n"
        "    title: Prøveblanket\n"
        "    summary: Findes kun i denne test.\n"
        "    sections:\n"
        "      - id: borger\n"
        "        fields:\n"
        "          - use: borger\n"), encoding="utf-8")
    result = run_toolbox("build", cwd=project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "blanketter" / "proeveblanket" / "index.html").read_text(encoding="utf-8")
    assert 'name="borger.navn"' in html
    assert "Prøveblanket" in (project / "site" / "index.html").read_text(encoding="utf-8")


def test_profile_branding_reaches_the_site(built_site):
    css = (built_site / "assets" / "stylesheets" / "profile.css").read_text(encoding="utf-8")
    assert "--md-primary-fg-color" in css
    html = (built_site / "blanketter" / "pjece-borger" / "index.html").read_text(encoding="utf-8")
    assert "Eksempel Kommune" in html


def test_unchanged_inputs_skip_the_site_build_and_a_change_rebuilds(tmp_path):
    project = copy_project(tmp_path)
    first = run_toolbox("build", cwd=project)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Bygget:")
    before = tree_digest(project / "site")
    stamp = (project / "site" / "index.html").stat().st_mtime_ns
    again = run_toolbox("build", cwd=project)
    assert again.stdout.startswith("Uændret:"), again.stdout
    assert tree_digest(project / "site") == before
    assert (project / "site" / "index.html").stat().st_mtime_ns == stamp, "the site was not built again"
    page = project / "docs" / "ordliste.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny linje.\n", encoding="utf-8")
    changed = run_toolbox("build", cwd=project)
    assert changed.stdout.startswith("Bygget:") and " 0 dokumenter lavet" in changed.stdout, changed.stdout
    assert "En ny linje." in (project / "site" / "ordliste" / "index.html").read_text(encoding="utf-8")


PAGE_EDIT_IN_A_PROCESS = """
import sys
from pathlib import Path
from toolbox.build import build
result = build(Path("."), jobs=2)
print(result.rendered, "weasyprint" in sys.modules)
"""


def test_a_page_edit_with_the_documents_cached_loads_weasyprint_only_in_the_pool(tmp_path):
    """After a page edit every document and case sheet comes from the cache; the page's part of the
    Koordinatormappe is printed by the pool's processes, which load WeasyPrint while the engine
    runs, so the build's own process does not spend the import on asking whether it could."""
    import os
    import subprocess
    import sys

    from helpers import SHARED_CACHE

    project = copy_project(tmp_path)
    first = run_toolbox("build", cwd=project)
    assert first.returncode == 0, first.stderr
    page = project / "docs" / "roller" / "tovholder.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny linje til mappen.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", PAGE_EDIT_IN_A_PROCESS], cwd=project, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "TOOLBOX_CACHE_DIR": SHARED_CACHE})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["0", "False"], result.stdout
    from pypdf import PdfReader

    mappe = PdfReader(project / "site" / "filer" / "koordinatormappe.pdf")
    assert "En ny linje til mappen." in " ".join(" ".join((p.extract_text() or "").split()) for p in mappe.pages)


def test_a_failing_warm_up_leaves_the_pool_working(real, monkeypatch):
    """The downloads' pool loads what they need when it starts; if that fails, the pool still works
    (the render itself says what is wrong), rather than being broken for every page."""
    from toolbox import outputs, parallel
    from toolbox.render import mappe

    def fails(model):
        raise RuntimeError("en fejl i opvarmningen")

    monkeypatch.setattr(mappe, "warm", fails)  # before the fork: the pool's processes have it too
    with parallel.started(2, outputs.warm, real) as pool:
        assert pool.submit(outputs.why_unavailable, "mappe").result() is None
        assert pool.submit(len, "abc").result() == 3


def test_mkdocs_hands_over_each_page_as_it_writes_it(tmp_path):
    """The engine tells the build each page it writes (its docs path and its HTML, as written), so
    that the Koordinatormappe can start printing a page while the rest of the site is built."""
    from toolbox.engine import mkdocs as mkdocs_engine

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Forside\n", encoding="utf-8")
    (tmp_path / "docs" / "a.md").write_text("# En side\n\nMed tekst.\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Prøve\nstrict: true\nnav:\n  - index.md\n  - a.md\n", encoding="utf-8")
    seen: dict[str, str] = {}
    mkdocs_engine.build(config, lambda path, html: seen.setdefault(path, html))
    assert set(seen) == {"index.md", "a.md"}
    assert seen["a.md"] == (tmp_path / "site" / "a" / "index.html").read_text(encoding="utf-8")
    assert "Med tekst." in seen["a.md"]
