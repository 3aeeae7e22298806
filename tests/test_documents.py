"""Documents across outputs: the ZIP bundle, the downloads page and the content-hash cache."""
from __future__ import annotations

import io
import zipfile

from toolbox import outputs
from toolbox.build import render_all, render_documents
from toolbox.cache import FileSetCache
from toolbox.render import document_path
from toolbox.render.bundle import bundle_path
from toolbox.render.bundle import render as bundle_output
from toolbox.render.html import downloads_page, form_page

DOCUMENT_OUTPUTS = [o.name for o in outputs.stage("form")]


def render_bundle(model, documents):
    return bundle_output(model, outputs.Context(files=documents))

SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "odt": ".odt", "jsonschema": ".schema.json"}


def fake_documents(model) -> dict[str, bytes]:
    return {document_path(model.profile_id, f.id, s): f"{f.id}{s}".encode() for f in model.forms for s in (".pdf", ".docx")}


def test_bundle_holds_every_document_and_a_readme(real):
    documents = fake_documents(real)
    out = render_bundle(real, documents)
    with zipfile.ZipFile(io.BytesIO(out[bundle_path("eksempel")])) as zf:
        names = set(zf.namelist())
        readme = zf.read("blanketter-eksempel/LAES-MIG.txt").decode("utf-8")
    assert names == {"blanketter-eksempel/LAES-MIG.txt"} | {f"blanketter-eksempel/{p.rsplit('/', 1)[1]}" for p in documents}
    assert "Eksempel Kommune" in readme and "juridiske afdeling" in readme
    assert render_bundle(real, documents) == out, "the ZIP is byte-identical for the same input"


def test_form_page_and_downloads_page_link_every_document(real):
    documents = fake_documents(real)
    documents.update(render_bundle(real, documents))
    form = real.forms[0]
    page = form_page(real, form, documents)
    assert f"(filer/eksempel/{form.id}.pdf)" in page and f"(filer/eksempel/{form.id}.docx)" in page
    assert "## Hent blanketten" in page
    listing = downloads_page(real, documents)
    for f in real.forms:
        assert f"(filer/eksempel/{f.id}.pdf)" in listing
    assert "(filer/eksempel/blanketter-eksempel.zip)" in listing


def test_every_registered_document_output_makes_a_file_per_form(real, tmp_path):
    result = render_documents(real, FileSetCache(tmp_path / "cache"))
    for kind in DOCUMENT_OUTPUTS:
        if kind in result.skipped:
            continue
        for form in real.forms:
            assert document_path("eksempel", form.id, SUFFIXES[kind]) in result.files, (kind, form.id)


def test_second_render_regenerates_nothing(real, tmp_path):
    cache = tmp_path / "cache"
    first = render_all(real, cache)
    second = render_all(real, cache)
    available = [k for k in DOCUMENT_OUTPUTS if k not in first.skipped]
    assert first.rendered == len(available) * len(real.forms)
    assert second.rendered == 0
    assert second.reused == first.rendered
    assert second.files == first.files


def test_changing_one_form_rerenders_only_that_form(real, tmp_path):
    cache = tmp_path / "cache"
    first = render_all(real, cache)
    forms = list(real.schema_.forms)
    forms[0] = forms[0].model_copy(update={"title": forms[0].title + " (ny)"})
    changed = real.model_copy(update={"schema_": real.schema_.model_copy(update={"forms": forms})})
    second = render_all(changed, cache)
    available = [k for k in DOCUMENT_OUTPUTS if k not in first.skipped]
    assert second.rendered == len(available)
    assert second.reused == first.rendered - len(available)


def test_a_missing_package_leaves_out_its_documents_and_the_course_sheets_saying_which(real, tmp_path, monkeypatch):
    """A package whose version keys an output's cache (its ``TOOLS``) that is not installed: the
    output is left out with the package named, the other outputs are made, and the filled case
    sheets (whose blanks are PDFs) are left out too, without an error."""
    from toolbox.render import pdf, sheets

    monkeypatch.setattr(pdf, "TOOLS", (*pdf.TOOLS, "ikke-en-pakke-her"))
    monkeypatch.setattr(pdf, "unavailable", lambda: None)  # importable: only the package is missing
    one = real.model_copy(update={"schema_": real.schema_.model_copy(update={"forms": real.schema_.forms[:1]})})
    result = render_documents(one, FileSetCache(tmp_path / "cache"), jobs=1)
    assert result.skipped["pdf"] == "ikke-en-pakke-her er ikke installeret"
    assert not any(p.endswith(".pdf") for p in result.files)
    assert any(p.endswith(".docx") for p in result.files)
    assert outputs.by_name("pdf").tools_missing() == ["ikke-en-pakke-her"]
    assert sheets.render(one, outputs.Context(files=result.files, cache=tmp_path / "sheets", jobs=1)) == {}
