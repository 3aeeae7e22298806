"""PDF output: fields read back with pypdf, tagging and metadata, fonts, size, escaping, determinism."""
from __future__ import annotations

import io
import sys

import pytest

from helpers import FIXTURES
from helpers import fixture_model
from test_render_html import Controls, expected_names
from toolbox import messages
from toolbox.model import Form, Model, RepeatRow
from toolbox.render import document_path, html as html_output, pdf

import pypdf  # noqa: E402


def test_pdf_output_is_available():
    """scripts/setup.sh installs WeasyPrint and its Pango libraries: the output must be there."""
    assert pdf.unavailable() is None

# A guard against bloat (a font embedded whole, streams left uncompressed), not a target: the largest form,
# the network map (29 rows of 9 controls each since its drawing's columns), is 162 kB (2026-12-02).
MAX_BYTES = 200 * 1024
MULTILINE, RADIO, PUSHBUTTON, REQUIRED = 1 << 12, 1 << 15, 1 << 16, 1 << 1


# ---- helpers ------------------------------------------------------------------------------

def layouts_model() -> Model:
    return fixture_model("pdf-layouts.yml")


def form_fields(form: Form) -> dict[str, object]:
    """Every control name of the form (as the HTML test computes it) with its schema field."""
    fields: dict[str, object] = {}
    for s in form.sections:
        for f in s.fields:
            base = f"{s.id}.{f.id}"
            if f.kind != "table":
                fields[base] = f
                continue
            for row in f.rows:
                prefixes = ([f"{base}.{row.id}.{n}" for n in range(row.repeat.initial)]
                            if isinstance(row, RepeatRow) else [f"{base}.{row.id}"])
                for prefix in prefixes:
                    if isinstance(row, RepeatRow):
                        fields[f"{prefix}.label"] = None  # the row's own label: a text field
                    fields |= {f"{prefix}.{c.id}": c for c in f.columns}
    assert set(fields) == expected_names(form)
    return fields


def pdf_names(form: Form) -> set[str]:
    """The PDF's field names by the module's rule: the control names, a multichoice one per choice."""
    names: set[str] = set()
    for name, f in form_fields(form).items():
        if f is not None and f.kind == "multichoice":
            names |= {f"{name}.{c.id}" for c in f.choices}
        else:
            names.add(name)
    return names


def read_fields(reader) -> dict[str, dict]:
    """Terminal fields by fully qualified name, walking /AcroForm /Fields by hand."""
    out: dict[str, dict] = {}

    def walk(refs, prefix: str) -> None:
        for ref in refs:
            node = ref.get_object()
            name = prefix + str(node["/T"])
            kids = [k.get_object() for k in node.get("/Kids", [])]
            if kids and all("/T" in k for k in kids):
                walk(node["/Kids"], name + ".")
            else:
                assert not any("/T" in k for k in kids), f"{name}: kids mix fields and widgets"
                assert name not in out, f"duplicate field {name}"
                out[name] = node

    root = reader.trailer["/Root"]
    if "/AcroForm" in root:  # a form without fields has none
        walk(root["/AcroForm"]["/Fields"], "")
    return out


def expected_titles(model: Model, form: Form) -> dict[str, str]:
    """Each PDF field's accessible name, from the HTML controls' titles."""
    parsed = Controls()
    parsed.feed(html_output.form_html(model, form))
    multichoice = {n for n, f in form_fields(form).items() if f is not None and f.kind == "multichoice"}
    titles: dict[str, str] = {}
    for c in parsed.controls:
        name, title = c["name"], c["title"]
        if c.get("type") == "radio":
            titles[name] = title.removesuffix(": " + parsed.label_for[c["id"]])
        elif name in multichoice:
            titles[f"{name}.{c['value']}"] = title
        else:
            titles[name] = title
    return titles


def text_of(reader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def render(model: Model, form: Form) -> bytes:
    files = pdf.render_form(model, form)
    assert list(files) == [document_path(model.profile_id, form.id, ".pdf")]
    return files[document_path(model.profile_id, form.id, ".pdf")]


# ---- one render per form per session ------------------------------------------------------

@pytest.fixture(scope="session")
def real_pdfs(real) -> dict[str, bytes]:
    return {form.id: render(real, form) for form in real.forms}


@pytest.fixture(scope="session")
def fixture_pdfs() -> list[tuple[Model, Form, bytes]]:
    out = []
    for model in (fixture_model(), layouts_model()):
        out += [(model, form, render(model, form)) for form in model.forms]
    return out


@pytest.fixture(scope="session")
def all_pdfs(real, real_pdfs, fixture_pdfs) -> list[tuple[Model, Form, bytes]]:
    return [(real, form, real_pdfs[form.id]) for form in real.forms] + fixture_pdfs


def test_a_forked_worker_leaves_the_parents_fonts_alone(real):
    """A process that has made a PDF and then forks workers (a second build in ``toolbox serve``, a test
    session) can still make PDFs when they are done: a worker does not delete the parent's font folder."""
    from concurrent.futures import ProcessPoolExecutor

    form = next(f for f in real.forms if f.id == "pjece-borger")
    first = pdf.render_pdf(real, form)
    with ProcessPoolExecutor(max_workers=1) as pool:
        assert pool.submit(pdf.render_pdf, real, form).result() == first
    assert pdf.render_pdf(real, form) == first


def test_the_shared_font_configuration_changes_no_byte(real, real_pdfs, tmp_path):
    """A process makes all its PDFs with one font configuration; a PDF made after many others is the
    same byte for byte as one made first thing in a fresh process."""
    import subprocess

    form = real.forms[0]
    assert pdf.font_config() is pdf.font_config()
    assert render(real, form) == real_pdfs[form.id]  # again, after every other form of the session
    out = tmp_path / "alone.pdf"
    code = ("from pathlib import Path\n"
            "from toolbox import inputs; from toolbox.render import pdf\n"
            "m = inputs.load_model(Path('.'), 'eksempel')\n"
            f"Path({str(out)!r}).write_bytes(pdf.render_pdf(m, m.forms[0]))\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=FIXTURES.parent.parent, timeout=120)
    assert out.read_bytes() == real_pdfs[form.id]


# ---- the module contract ------------------------------------------------------------------

def test_its_inputs_exist(real):
    assert pdf.unavailable() is None
    assert all(p.is_file() for p in pdf.inputs(real))
    names = {p.name for p in pdf.inputs(real)}
    assert {"toolbox.css", "pdf.css", "components.html.j2", "form.html.j2"} <= names
    assert sum(name.endswith(".ttf") for name in names) >= 2


def test_unavailable_says_why_in_danish(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as if it was not installed
    assert "WeasyPrint kan ikke indlæses" in pdf.unavailable()


# ---- fields -------------------------------------------------------------------------------

def test_field_names_are_the_control_names(all_pdfs):
    for model, form, data in all_pdfs:
        fields = read_fields(pypdf.PdfReader(io.BytesIO(data)))
        assert set(fields) == pdf_names(form), form.id
        assert not any("__N__" in name or "__M__" in name for name in fields)  # no template rows


def test_pypdf_reports_the_same_names(real, real_pdfs):
    form = next(f for f in real.forms if f.id == "netvaerkskort")
    fields = pypdf.PdfReader(io.BytesIO(real_pdfs[form.id])).get_fields()
    assert pdf_names(form) <= set(fields)
    assert fields["borger.navn"]["/FT"] == "/Tx"


def test_field_types(all_pdfs):
    for model, form, data in all_pdfs:
        fields = read_fields(pypdf.PdfReader(io.BytesIO(data)))
        for name, spec in form_fields(form).items():
            kind = spec.kind if spec is not None else "text"
            if kind == "multichoice":
                for choice in spec.choices:
                    box = fields[f"{name}.{choice.id}"]
                    assert box["/FT"] == "/Btn" and not box.get("/Ff", 0) & (RADIO | PUSHBUTTON), name
                    assert set(box["/AP"]["/N"]) == {f"/{choice.id}"}, name
                continue
            field = fields[name]
            flags = field.get("/Ff", 0)
            if kind in ("yesno", "choice"):
                options = ["ja", "nej"] if kind == "yesno" else [c.id for c in spec.choices]
                assert field["/FT"] == "/Btn" and flags & RADIO, name
                kids = [k.get_object() for k in field["/Kids"]]
                assert [set(k["/AP"]["/N"]) for k in kids] == [{f"/{o}"} for o in options], name
                assert field["/V"] == "/Off"
            elif kind == "checkbox":
                assert field["/FT"] == "/Btn" and not flags & (RADIO | PUSHBUTTON), name
                assert set(field["/AP"]["/N"]) == {"/ja"}, name
            else:
                assert field["/FT"] == "/Tx", name
                assert bool(flags & MULTILINE) == (kind == "textarea"), name
            if spec is not None and spec.required and kind not in ("yesno", "choice", "multichoice"):
                assert flags & REQUIRED, name


def test_every_field_is_named_by_its_label(all_pdfs):
    for model, form, data in all_pdfs:
        fields = read_fields(pypdf.PdfReader(io.BytesIO(data)))
        titles = expected_titles(model, form)
        assert set(titles) == set(fields), form.id
        for name, field in fields.items():
            assert field["/TU"] == titles[name], f"{form.id}: {name}"


def test_labels_of_cells_groups_and_choices(fixture_pdfs):
    (model, form, data), = [(m, f, d) for m, f, d in fixture_pdfs if f.id == "alle-typer"]
    fields = read_fields(pypdf.PdfReader(io.BytesIO(data)))
    assert fields["person.navn"]["/TU"] == "Navn"
    assert fields["tabel.aktoerer.laege.navn"]["/TU"] == "Navn, Læge"
    assert fields["tabel.aktoerer.andre.1.kontakt"]["/TU"] == "Kontakt?, Anden 2"
    assert fields["felter.ja-nej"]["/TU"] == "Ja eller nej?"
    assert fields["felter.flere.y"]["/TU"] == "Vælg flere: Y"
    assert fields["person.cpr"]["/MaxLen"] == 11


def test_multichoice_in_a_table_and_its_question(fixture_pdfs):
    (model, form, data), = [(m, f, d) for m, f, d in fixture_pdfs if f.id == "layout"]
    reader = pypdf.PdfReader(io.BytesIO(data))
    fields = read_fields(reader)
    assert fields["tabel.planer.en.hvem.kommune"]["/TU"] == "Hvem, Én: Kommune"
    assert fields["tabel.planer.flere.0.hvem.borger"]["/TU"] == "Hvem, Plan 1: Borger"
    parent = fields["tabel.planer.en.hvem.kommune"]["/Parent"].get_object()
    assert parent["/T"] == "hvem" and parent["/TU"] == "Hvem, Én"


# ---- the document -------------------------------------------------------------------------

def test_tagged_with_language_and_title(all_pdfs):
    for model, form, data in all_pdfs:
        reader = pypdf.PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] == True, form.id  # noqa: E712 (a pypdf BooleanObject)
        assert root["/StructTreeRoot"]["/K"], form.id
        assert root["/Lang"] == form.lang, form.id
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
        title = f"{form.title} – {model.profile.name}"
        assert reader.metadata.title == title
        assert reader.xmp_metadata.dc_title["x-default"] == title
        assert b"pdfuaid:part" in root["/Metadata"].get_data()


def test_fonts_are_the_shipped_ones_embedded(all_pdfs):
    for model, form, data in all_pdfs:
        reader = pypdf.PdfReader(io.BytesIO(data))
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                assert "Source-Sans-3" in font["/BaseFont"], f"{form.id}: {font['/BaseFont']}"
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor, f"{form.id}: {font['/BaseFont']} is not embedded"


def test_real_forms_are_small(real, real_pdfs):
    for form in real.forms:
        assert len(real_pdfs[form.id]) < MAX_BYTES, f"{form.id}: {len(real_pdfs[form.id])} bytes"


def test_pages_headers_and_hidden_controls(real, real_pdfs):
    for form in real.forms:
        reader = pypdf.PdfReader(io.BytesIO(real_pdfs[form.id]))
        width, height = (float(x) for x in reader.pages[0].mediabox[2:])
        text = text_of(reader)
        add_row = [messages.ADD_ROW.format(what=row.repeat.label.lower()) for s in form.sections
                   for f in s.fields if f.kind == "table" for row in f.rows if isinstance(row, RepeatRow)]
        for hidden in (messages.SAVE, messages.OPEN, messages.PRIVACY_NOTE[:30], *add_row):
            assert hidden not in text, f"{form.id}: {hidden!r} shows in the PDF"
        if form.kind == "brochure":  # a leaflet: A4 landscape, the contact units, no page numbers
            assert (round(width), round(height)) == (842, 595), form.id
            assert all(u.name in text for u in real.profile.contact_units), form.id
            assert "Side 1 af" not in text
        else:
            assert (round(width), round(height)) == (595, 842), form.id
            pages = len(reader.pages)
            assert f"Side 1 af {pages}" in reader.pages[0].extract_text(), form.id
            if pages > 1:  # the running header
                second = reader.pages[1].extract_text()
                assert real.profile.name in second and form.title in second, form.id


def test_citizen_brochure_keeps_its_contact_box(real, real_pdfs):
    fields = read_fields(pypdf.PdfReader(io.BytesIO(real_pdfs["pjece-borger"])))
    assert fields and all(name.startswith("din-kontaktperson.") for name in fields)


def test_signature_has_a_line_to_sign_on(fixture_pdfs):
    (model, form, data), = [(m, f, d) for m, f, d in fixture_pdfs if f.id == "layout"]
    text = text_of(pypdf.PdfReader(io.BytesIO(data)))
    assert text.count(messages.PDF_SIGNATURE_LINE) == 2  # the label and the caption under the line


def test_profile_values_appear_literally():
    model = fixture_model()
    evil = '<script> & "x"'
    model.profile = model.profile.model_copy(update={"name": evil})
    reader = pypdf.PdfReader(io.BytesIO(render(model, model.forms[0])))
    text = text_of(reader)
    assert f"Skrevet for {evil}." in text  # a {kommune} placeholder in a section text
    assert evil in reader.pages[0].extract_text().splitlines()[0]  # the heading
    assert reader.metadata.title == f"Alle felttyper – {evil}"
    assert "&amp;" not in text and "&lt;" not in text


def test_same_input_same_bytes(real, real_pdfs):
    form = next(f for f in real.forms if f.id == "samtykkeerklaering")
    assert render(real, form) == real_pdfs[form.id]


def test_dates_from_source_date_epoch(monkeypatch):
    model = layouts_model()
    form = model.forms[1]
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    fixed = pypdf.PdfReader(io.BytesIO(render(model, form))).metadata
    assert fixed["/CreationDate"] == fixed["/ModDate"] == "D:20250101000000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = pypdf.PdfReader(io.BytesIO(render(model, form))).metadata
    assert dated["/CreationDate"] == dated["/ModDate"] == "D:20231114221320Z"


def test_weasyprint_may_read_only_the_package_the_stylesheets_and_the_profiles(real, tmp_path):
    """The fetcher refuses every file outside the folders the PDF needs, and every other scheme."""
    fetch = pdf.url_fetcher(*pdf.fetch_folders(real))
    font = pdf.FONT_FILES[0]
    response = fetch(font.as_uri())  # inside the package: read
    assert response.read()[:4] == font.read_bytes()[:4]
    response.close()
    outside = tmp_path / "hemmelig.css"
    outside.write_text("body { color: red }")
    for url in (outside.as_uri(), "file:///etc/passwd", "https://example.org/x.css", "data:text/css,body{}"):
        with pytest.raises(ValueError):
            fetch(url)


def _struct_elements(reader, kind: str) -> list:
    """Every structure element of type ``kind`` in the PDF's structure tree."""
    found, stack, seen = [], [reader.trailer["/Root"]["/StructTreeRoot"]], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pypdf.generic.IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            stack.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == kind:
                found.append(node)
            if "/K" in node:
                stack.append(node["/K"])
    return found


def test_table_header_cells_carry_a_scope(all_pdfs):
    """PDF/UA-1 7.5: WeasyPrint tags <th> without /Scope; the finisher adds it (row headers: /Row)."""
    with_tables = 0
    for model, form, data in all_pdfs:
        headers = _struct_elements(pypdf.PdfReader(io.BytesIO(data)), "/TH")
        if not headers:
            continue
        with_tables += 1
        scopes = [h["/A"].get("/Scope") for h in headers]
        assert all(s in ("/Column", "/Row") for s in scopes), f"{form.id}: {scopes}"
        assert "/Column" in scopes and "/Row" in scopes, f"{form.id}: a row table has both"
    assert with_tables >= 4


def test_the_pdfua_checker_finds_nothing_in_the_form_pdfs(real, real_pdfs, tmp_path):
    """The checker the browser suite uses on every PDF (README: which rules it checks)."""
    from pdfua.validator import validate

    for form_id, data in real_pdfs.items():
        path = tmp_path / f"{form_id}.pdf"
        path.write_bytes(data)
        report = validate(str(path))
        findings = [f"{f.rule_id}: {f.message}" for o in report.outcomes for f in o.findings]
        assert findings == [], f"{form_id}: {findings}"
        assert "UA-15-003" in {o.rule_id for o in report.outcomes if not o.skipped_reason}
