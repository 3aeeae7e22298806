"""DOCX and ODT forms, read back: every heading, field label and table from the schema; escaping.

(That the same input gives the same bytes from two processes is in test_outputs.py.)"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest
from docx import Document

from helpers import fixture_model
from toolbox.errors import RenderError
from toolbox.model import Form, Model, RepeatRow
from toolbox.text import fill
from toolbox import outputs
from toolbox.render import document_path, office

FORMATS = ("docx", "odt")
EVIL = '<script> & "x"'
ODT = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def render(model: Model, form: Form, fmt: str) -> bytes:
    files = outputs.by_name(fmt).module.render_form(model, form)
    assert list(files) == [document_path(model.profile_id, form.id, f".{fmt}")]
    return files[document_path(model.profile_id, form.id, f".{fmt}")]


@pytest.fixture(scope="session")
def rendered(real) -> dict[tuple[str, str], bytes]:
    """Every real form in both formats, rendered once for the whole session."""
    jobs = [(fmt, form) for form in real.forms for fmt in FORMATS]
    with ThreadPoolExecutor(max_workers=4) as pool:  # pandoc runs in its own process
        return dict(zip([(fmt, form.id) for fmt, form in jobs], pool.map(lambda j: render(real, j[1], j[0]), jobs)))


@pytest.fixture(scope="session")
def fixture_docs() -> dict[str, bytes]:
    model = fixture_model()
    return {fmt: render(model, model.forms[0], fmt) for fmt in FORMATS}


def norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


# ---- what the schema asks for, computed from the schema alone ---------------------------

def fields(form: Form):
    for s in form.sections:
        yield from ((s, f) for f in s.fields)


def tables(form: Form):
    return [f for _, f in fields(form) if f.kind == "table"]


def field_labels(form: Form) -> list[str]:
    """How each field's line starts: its label, after the tick box for a lone checkbox."""
    return [f"{office.BOX} {f.label}" if f.kind == "checkbox" else f.label
            for _, f in fields(form) if f.kind != "table"]


def table_shape(t) -> tuple[list[str], list[str]]:
    """Header cells, and the first cell of each body row ('' for the empty rows of a repeating block)."""
    header = [t.row_header or ""] + [c.label for c in t.columns]
    first = []
    for r in t.rows:
        first += [""] * r.repeat.initial if isinstance(r, RepeatRow) else [r.label]
    return header, first


# ---- DOCX --------------------------------------------------------------------------------

def docx_paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph outside tables."""
    return [(p.style.name, norm(p.text)) for p in Document(io.BytesIO(data)).paragraphs]


def test_docx_has_title_header_line_and_every_section_heading(real, rendered):
    for form in real.forms:
        paras = docx_paragraphs(rendered["docx", form.id])
        styles = [s for s, _ in paras]
        assert paras[styles.index("Title")][1] == norm(form.title)
        if form.subtitle:
            assert paras[styles.index("Subtitle")][1] == norm(form.subtitle)
        assert paras[styles.index(office.STYLE_HEADER)][1] == norm(f"{real.profile.name} · {real.profile.department}")
        headings = [t for s, t in paras if s == "Heading 1"]
        assert headings == [norm(s.title) for s in form.sections if s.title], form.id


def test_docx_has_every_field_as_a_labelled_line(real, rendered):
    for form in real.forms:
        paras = docx_paragraphs(rendered["docx", form.id])
        field_text = [t for s, t in paras if s in (office.STYLE_FIELD, office.STYLE_SIGNATURE)]
        for label in field_labels(form):
            assert any(t.startswith(norm(label)) for t in field_text), (form.id, label)


def test_docx_tables_match_the_schema(real, rendered):
    for form in real.forms:
        doc = Document(io.BytesIO(rendered["docx", form.id]))
        expected = tables(form)
        assert len(doc.tables) == len(expected), form.id
        for table, t in zip(doc.tables, expected):
            header, first = table_shape(t)
            assert [norm(c.text) for c in table.rows[0].cells] == [norm(h) for h in header], (form.id, t.id)
            assert [norm(r.cells[0].text) for r in table.rows[1:]] == [norm(x) for x in first], (form.id, t.id)


def test_docx_table_captions_are_the_table_labels(real, rendered):
    for form in real.forms:
        paras = docx_paragraphs(rendered["docx", form.id])
        assert [t for s, t in paras if s == "Table Caption"] == [norm(t.label) for t in tables(form)], form.id


def text_starts(form: Form, profile) -> list[str]:
    """The first words of each section's text, placeholders filled and Markdown marks dropped."""
    out = []
    for s in form.sections:
        if s.text:
            first = fill(s.text, profile).strip().split("\n\n")[0]  # the first paragraph or list item
            words = re.sub(r"[*_`]", "", re.sub(r"^[-*] ", "", first)).split()
            out.append(" ".join(words[:6]))
    return out


def test_docx_section_texts_contact_units_and_filled_placeholders(real, rendered):
    for form in real.forms:
        text = "\n".join(t for _, t in docx_paragraphs(rendered["docx", form.id]))
        for start in text_starts(form, real.profile):
            assert start in text, (form.id, start)
        assert not re.search(r"\{[a-z_]+\}", text), form.id
        if any(s.profile_block == "kontaktenheder" for s in form.sections):
            for unit in real.profile.contact_units:
                for value in (unit.name, unit.address, unit.phone, unit.email):
                    assert norm(value) in text, (form.id, value)
        if any("{kommune}" in (s.text or "") for s in form.sections):
            assert real.profile.name in text


def test_docx_every_field_kind(fixture_docs):
    """The fixture has each kind once: check how each is written."""
    paras = docx_paragraphs(fixture_docs["docx"])
    text = [t for _, t in paras]
    assert "Navn (skal udfyldes):" in text
    assert "Cpr-nummer:" in text and office.messages.CPR_HINT in text
    assert "☐ Sæt kryds" in text
    assert "Ja eller nej? ☐ Ja ☐ Nej" in text
    assert "Vælg én: ☐ A ☐ B" in text  # one option a line (line breaks read as spaces here)
    assert "Vælg flere: ☐ X ☐ Y ☐ Z" in text
    assert (office.STYLE_SIGNATURE, "Underskrift:") in paras
    lang = text.index("Lang tekst:")
    assert text[lang + 1: lang + 4] == ["", "", ""]  # lines: 3 → three lines to write on
    doc = Document(io.BytesIO(fixture_docs["docx"]))
    (table,) = doc.tables
    assert [norm(c.text) for c in table.rows[1].cells] == ["Læge", "☐ Ja ☐ Nej", ""]
    assert len(table.rows) == 1 + 1 + 2 + 1  # header, Læge, 2 initial repeat rows, Sidste række


# ---- ODT ---------------------------------------------------------------------------------

def odt_content(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        first = z.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
        return ET.fromstring(z.read("content.xml"))


def odt_paragraphs(root: ET.Element) -> list[str]:
    return [norm("".join(p.itertext())) for tag in ("p", "h") for p in root.iter(f"{{{ODT['text']}}}{tag}")]


def test_odt_has_every_label_heading_and_table(real, rendered):
    for form in real.forms:
        root = odt_content(rendered["odt", form.id])
        paras = odt_paragraphs(root)
        headings = [norm("".join(h.itertext())) for h in root.iter(f"{{{ODT['text']}}}h")]
        assert headings == [norm(s.title) for s in form.sections if s.title], form.id
        for label in field_labels(form):
            assert any(p.startswith(norm(label)) for p in paras), (form.id, label)
        for start in text_starts(form, real.profile):
            assert start in "\n".join(paras), (form.id, start)
        found = root.findall(f".//{{{ODT['table']}}}table")
        expected = tables(form)
        assert len(found) == len(expected), form.id
        for table, t in zip(found, expected):
            header, first = table_shape(t)
            rows = table.findall(f".//{{{ODT['table']}}}table-row")
            cells = [[norm("".join(c.itertext())) for c in r.findall(f"{{{ODT['table']}}}table-cell")] for r in rows]
            assert cells[0] == [norm(h) for h in header], (form.id, t.id)
            assert [r[0] for r in cells[1:]] == [norm(x) for x in first], (form.id, t.id)


def test_odt_table_cells_have_borders(rendered):
    with zipfile.ZipFile(io.BytesIO(rendered["odt", "netvaerkskort"])) as z:
        content = z.read("content.xml").decode()
    assert office.ODT_BORDER in content and 'fo:border="none"' not in content


# ---- both ----------------------------------------------------------------------------------

def evil_model() -> tuple[Model, Form]:
    model = fixture_model()
    p = model.profile
    unit = p.contact_units[0].model_copy(update={"name": EVIL, "address": EVIL})
    model.profile = p.model_copy(update={"name": EVIL, "department": EVIL, "contact_units": [unit]})
    form = model.forms[0]
    sections = list(form.sections)
    sections[0] = sections[0].model_copy(update={"profile_block": "kontaktenheder"})
    return model, form.model_copy(update={"sections": sections})


def test_profile_values_appear_literally(tmp_path):
    model, form = evil_model()
    docx_text = "\n".join(t for _, t in docx_paragraphs(render(model, form, "docx")))
    odt_text = "\n".join(odt_paragraphs(odt_content(render(model, form, "odt"))))
    for text in (docx_text, odt_text):
        assert f"{EVIL} · {EVIL}" in text  # header line
        assert f"Skrevet for {EVIL}." in text  # {kommune} in a section's Markdown
        assert text.count(EVIL) >= 5  # ... and the contact unit's name and address


def test_inputs_exist(real):
    for fmt in FORMATS:
        output = outputs.by_name(fmt)
        assert output.unavailable() is None
        files = output.module.inputs(real)
        assert office.REFERENCE[fmt] in files and all(f.is_file() for f in files)


def test_missing_pandoc_is_said_in_danish(monkeypatch):
    def missing():
        raise OSError("No pandoc was found")
    monkeypatch.setattr(office, "pandoc_path", missing)
    assert "pandoc blev ikke fundet" in office.unavailable()


def test_a_kind_without_a_renderer_is_an_error_naming_output_and_kind(monkeypatch):
    model = fixture_model()
    monkeypatch.delitem(office.FIELDS, "yesno")
    with pytest.raises(RenderError, match=r"^docx: alle-typer: .*'yesno'"):
        render(model, model.forms[0], "docx")
