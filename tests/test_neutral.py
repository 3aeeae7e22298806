"""The neutral forms: every form without any municipality's name, rendered by the same form outputs
from the neutral view (no profile), with lines to write on (PDF) and marked placeholders (DOCX/ODT)."""
from __future__ import annotations

import io
import re
import zipfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

import pypdf
import pytest
from docx import Document

from helpers import ROOT, copy_project, fixture_model, run_toolbox
from toolbox import inputs, messages, outputs
from toolbox.build import render_documents
from toolbox.cache import FileSetCache
from toolbox.model import NEUTRAL, PLACEHOLDERS
from toolbox.render import bundle, document_path, html, office

ODT_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
ODT_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
ODT_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="session")
def project():
    return inputs.load(ROOT)


@pytest.fixture(scope="session")
def neutral(project):
    return inputs.neutral_model(project)


@pytest.fixture(scope="session")
def neutral_documents(neutral) -> dict[str, bytes]:
    """Every form of the neutral view as PDF, DOCX and ODT, made by the registry's form outputs."""
    jobs = [(name, form) for form in neutral.forms for name in ("pdf", "docx", "odt")]
    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = pool.map(lambda job: outputs.by_name(job[0]).module.render_form(neutral, job[1]), jobs)
    return {path: data for files in parts for path, data in files.items()}


def profile_values(project) -> set[str]:
    """Every text of every profile in forms/profiles/ that could name or place a municipality."""
    values: set[str] = set()
    for p in project.profiles.values():
        values |= {p.name, p.web, p.consent.legal_contact, p.data_controller, p.data_protection_officer}
        values |= {v for v in (p.department, p.target_group) if v}
        for u in p.contact_units:
            values |= {u.name, u.address, u.phone, u.email} | ({u.hours} if u.hours else set())
        values.add(f"gået {p.consent.months} måneder")  # the consent form's period
    return values


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def docx_runs(data: bytes) -> list[tuple[str, str]]:
    """(character style, text) of every run, in the body and in tables."""
    doc = Document(io.BytesIO(data))
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [(r.style.name if r.style is not None else "", r.text) for p in paragraphs for r in p.runs]


def odt_spans(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The ODT's whole text, and (style, text) of every span."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = ET.fromstring(z.read("content.xml"))
    spans = [(s.get(f"{{{ODT_TEXT}}}style-name", ""), "".join(s.itertext())) for s in root.iter(f"{{{ODT_TEXT}}}span")]
    return " ".join("".join(root.itertext()).split()), spans


def placeholders_in(form) -> set[str]:
    return {m for s in form.sections if s.text for m in re.findall(r"\{([a-z_]+)\}", s.text)}


def test_the_neutral_view_has_every_form_and_section_and_no_profile(project, neutral):
    assert neutral.profile is None and neutral.profile_id == NEUTRAL
    assert [f.id for f in neutral.forms] == [f.id for f in project.schema_.forms]
    assert [f.sections for f in neutral.forms] == [f.sections for f in project.schema_.forms]
    limited = inputs.model_for(project, "udvalgte-blanketter")  # a profile with fewer forms and sections
    assert len(limited.forms) < len(neutral.forms)
    omitted = project.profiles["udvalgte-blanketter"].omit_sections
    assert omitted and all(len(next(f for f in limited.forms if f.id == i).sections)
                           < len(next(f for f in neutral.forms if f.id == i).sections) for i in omitted)


def test_neutral_documents_name_no_municipality(project, neutral, neutral_documents):
    values = profile_values(project)
    assert len(values) > 20
    for form in neutral.forms:
        texts = {".pdf": pdf_text(neutral_documents[document_path(NEUTRAL, form.id, ".pdf")])}
        texts[".docx"] = " ".join(t for _, t in docx_runs(neutral_documents[document_path(NEUTRAL, form.id, ".docx")]))
        texts[".odt"] = odt_spans(neutral_documents[document_path(NEUTRAL, form.id, ".odt")])[0]
        for suffix, text in texts.items():
            assert form.title.split()[0] in text, (form.id, suffix)  # the text was read
            found = sorted(v for v in values if v in text)
            assert not found, f"{form.id}{suffix} names {found}"


def test_neutral_pdfs_have_a_captioned_line_for_each_blank(neutral, neutral_documents):
    for form in neutral.forms:
        msg = messages.ui(form.lang, form.ui)
        text = pdf_text(neutral_documents[document_path(NEUTRAL, form.id, ".pdf")])
        assert text.startswith(msg.BLANK_ORGANISATION), form.id  # the heading's line, above the title
        for name in placeholders_in(form):
            assert getattr(msg, f"BLANK_{name.upper()}") in text, (form.id, name)
        if any(s.profile_block for s in form.sections):
            for name in html.UNIT_BLANKS:
                assert getattr(msg, f"BLANK_{name.upper()}") in text, (form.id, name)
    assert set().union(*map(placeholders_in, neutral.forms)) == set(PLACEHOLDERS)  # every placeholder was seen
    english = pdf_text(neutral_documents[document_path(NEUTRAL, "pjece-borger-en", ".pdf")])
    assert messages.UI["en"]["BLANK_KOMMUNE"] in english and messages.BLANK_KOMMUNE not in english


BORDER = re.compile(r"([\d.]+) ([\d.]+) m\n([\d.]+) ([\d.]+) l\n([\d.]+) ([\d.]+) l\n([\d.]+) ([\d.]+) l\s+W\*\s+n")


def test_neutral_pdfs_draw_the_line_above_each_caption(neutral, neutral_documents):
    """The caption sits under a stroke: just above the caption's text the page draws a thin, wide strip
    (WeasyPrint draws a border as a clip path of its shape, in CSS pixels on a page turned y-down)."""
    form = next(f for f in neutral.forms if f.id == "samtykkeerklaering")
    page = pypdf.PdfReader(io.BytesIO(neutral_documents[document_path(NEUTRAL, form.id, ".pdf")])).pages[0]
    height = float(page.mediabox.height)
    captions: list[float] = []  # baselines of the blanks' captions, in PDF points from the bottom

    def visit(text, cm, tm, font, size):
        if text.strip() in (messages.BLANK_ORGANISATION, messages.BLANK_KOMMUNE):
            captions.append(tm[5] * cm[3] + cm[5])
    page.extract_text(visitor_text=visit)
    assert len(captions) >= 2, "the heading's blank and the municipality's name are on page 1"
    strips = []
    for m in BORDER.finditer(page.get_contents().get_data().decode("latin-1")):
        xs, ys = [float(v) * 0.75 for v in m.groups()[0::2]], [height - float(v) * 0.75 for v in m.groups()[1::2]]
        if max(xs) - min(xs) > 80 and max(ys) - min(ys) < 1.2:
            strips.append(min(ys))
    for baseline in captions:
        assert any(0 < y - baseline < 12 for y in strips), f"no line just above the caption at {baseline:.1f}"


def test_neutral_docx_and_odt_mark_every_placeholder_in_its_style(neutral, neutral_documents):
    for form in neutral.forms:
        msg = messages.ui(form.lang, form.ui)
        wanted = {f"«[{getattr(msg, 'BLANK_' + n.upper())}]»" for n in placeholders_in(form) | {"organisation"}}
        if any(s.profile_block for s in form.sections):
            wanted |= {f"«[{getattr(msg, 'BLANK_' + n.upper())}]»" for n in html.UNIT_BLANKS}
        runs = docx_runs(neutral_documents[document_path(NEUTRAL, form.id, ".docx")])
        marked = {t for style, t in runs if style == office.STYLE_BLANK}
        assert marked == wanted, form.id
        assert all(style == office.STYLE_BLANK for style, t in runs if "«[" in t), form.id
        _, spans = odt_spans(neutral_documents[document_path(NEUTRAL, form.id, ".odt")])
        assert {t for style, t in spans if style == office.STYLE_BLANK} == wanted, form.id


def test_the_placeholder_style_stands_out_in_both_reference_documents():
    doc = Document(str(office.REFERENCE["docx"]))
    rpr = doc.styles[office.STYLE_BLANK].element.rPr
    assert rpr.find(f"{W}b") is not None and rpr.find(f"{W}shd").get(f"{W}fill") not in (None, "auto", "FFFFFF")
    with zipfile.ZipFile(office.REFERENCE["odt"]) as z:
        styles = ET.fromstring(z.read("styles.xml"))
    style = next(s for s in styles.iter(f"{{{ODT_STYLE}}}style") if s.get(f"{{{ODT_STYLE}}}name") == office.STYLE_BLANK)
    props = style.find(f"{{{ODT_STYLE}}}text-properties")
    assert props.get(f"{{{ODT_FO}}}font-weight") == "bold" and props.get(f"{{{ODT_FO}}}background-color") not in (None, "#ffffff")


def test_the_pdfua_checker_finds_nothing_in_the_neutral_pdfs(neutral, neutral_documents, tmp_path):
    from pdfua.validator import validate

    for form in neutral.forms:
        path = tmp_path / f"{form.id}.pdf"
        path.write_bytes(neutral_documents[document_path(NEUTRAL, form.id, ".pdf")])
        report = validate(str(path))
        assert [f"{f.rule_id}: {f.message}" for o in report.outcomes for f in o.findings] == [], form.id
        reader = pypdf.PdfReader(str(path))
        assert reader.metadata.title == form.title and "/Author" not in reader.metadata


def test_profiles_share_the_neutral_documents_through_the_cache(tmp_path):
    """Built for two profiles, the neutral documents are made once: the second build takes them from the cache."""
    schema = "every-kind.yml"
    first = fixture_model(schema)
    project = inputs.load(ROOT, schema_path=ROOT / "tests" / "fixtures" / schema, profiles=[ROOT / "forms" / "profiles" / "minimal.yml"])
    other, view = inputs.model_for(project, "minimal"), inputs.neutral_model(project)
    cache = FileSetCache(tmp_path / "cache")
    made = render_documents(first, cache, jobs=1, neutral=view)
    again = render_documents(other, cache, jobs=1, neutral=view)
    available = [o for o in outputs.stage("form") if o.name not in made.skipped]
    per_view = len(available) * len(view.forms)
    # the profile's and the neutral ones; a document that reads no profile field (a JSON Schema) is
    # the same in both views and made once
    shared = sum(len(view.forms) for o in available if getattr(o.module, "PROFILE_FIELDS", None) == ())
    assert shared and made.rendered == 2 * per_view - shared and made.reused == shared
    assert again.reused >= per_view and again.rendered <= per_view
    neutral_files = {p: d for p, d in made.files.items() if p.startswith(f"blanketter/filer/{NEUTRAL}/")}
    assert len(neutral_files) == per_view
    assert {p: again.files[p] for p in neutral_files} == neutral_files


def test_downloads_page_and_bundle_say_which_is_which(real, neutral):
    documents = {document_path(m.profile_id, f.id, s): b"x" for m in (real, neutral) for f in m.forms for s in (".pdf", ".docx")}
    documents.update(bundle.render(real, outputs.Context(files=documents, neutral=neutral)))
    page = html.downloads_page(real, documents, neutral)
    own, theirs = page.split(f"## {messages.DOWNLOADS_NEUTRAL_TITLE}")
    assert f"## {messages.DOWNLOADS_OWN_TITLE.format(kommune=real.profile.name)}" in own
    assert "(filer/eksempel/blanketter-eksempel.zip)" in own and "filer/neutral/" not in own
    assert "«[Kommunens navn]»" in theirs and "(filer/neutral/blanketter-neutral.zip)" in theirs
    for f in neutral.forms:
        assert f"(filer/neutral/{f.id}.pdf)" in theirs and f"(filer/neutral/{f.id}.docx)" in theirs
    assert "filer/eksempel/" not in theirs
    with zipfile.ZipFile(io.BytesIO(documents[bundle.bundle_path(NEUTRAL)])) as zf:
        names = set(zf.namelist())
        readme = zf.read("blanketter-neutral/LAES-MIG.txt").decode()
    assert names == {"blanketter-neutral/LAES-MIG.txt"} | {f"blanketter-neutral/{f.id}{s}" for f in neutral.forms for s in (".pdf", ".docx")}
    assert "«[Kommunens navn]»" in readme and real.profile.name not in readme


def test_a_built_site_holds_the_neutral_documents(built_site):
    folder = built_site / "blanketter" / "filer" / NEUTRAL
    assert (folder / "samtykkeerklaering.pdf").is_file() and (folder / "samtykkeerklaering.docx").is_file()
    assert (folder / "blanketter-neutral.zip").is_file()
    page = (built_site / "blanketter" / "hent" / "index.html").read_text(encoding="utf-8")
    assert messages.DOWNLOADS_NEUTRAL_TITLE in page and 'href="../filer/neutral/blanketter-neutral.zip"' in page
    assert "Apache" in (built_site / html.ICONS_LICENSE).read_text() and 'href="../filer/ikoner-LICENSE.txt"' in page


def test_no_profile_may_be_named_neutral(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "forms" / "profiles" / "neutral.yml").write_text((root / "forms" / "profiles" / "minimal.yml").read_text())
    result = run_toolbox("validate", cwd=root)
    assert result.returncode == 2
    assert "forms/profiles/neutral.yml:1: profilnavnet 'neutral' er forbeholdt de neutrale blanketter" in result.stderr
    result = run_toolbox("new-profile", "neutral", cwd=root)
    assert result.returncode == 2 and "forbeholdt" in result.stderr
