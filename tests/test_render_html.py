"""HTML form pages: every schema field is a labelled control; markup contracts; escaping."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from helpers import FIXTURES, fixture_model
from toolbox.model import RepeatRow
from toolbox.render.html import form_html, form_page, render


class Controls(HTMLParser):
    """Collects controls, labels, legends and ids of a rendered form."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls: list[dict] = []
        self.label_for: dict[str, str] = {}
        self.ids: list[str] = []
        self._label: str | None = None
        self._text: list[str] = []
        self.in_template = 0
        self.buttons: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and not self.in_template:
            self.ids.append(a["id"])
        if tag == "template":
            self.in_template += 1
        if tag in ("input", "textarea", "select") and not self.in_template and a.get("type") != "file":
            self.controls.append(a | {"tag": tag})
        if tag == "label":
            self._label, self._text = a.get("for"), []
        if tag == "button" and not self.in_template:
            self.buttons.append(a)

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        if tag == "label" and self._label:
            self.label_for[self._label] = "".join(self._text).strip()
            self._label = None

    def handle_data(self, data):
        if self._label is not None:
            self._text.append(data)


def expected_names(form) -> set[str]:
    """Control names the schema asks for, computed from the schema alone."""
    names: set[str] = set()
    for s in form.sections:
        for f in s.fields:
            base = f"{s.id}.{f.id}"
            if f.kind != "table":
                names.add(base)
                continue
            for row in f.rows:
                if isinstance(row, RepeatRow):
                    for n in range(row.repeat.initial):
                        names.add(f"{base}.{row.id}.{n}.label")
                        names |= {f"{base}.{row.id}.{n}.{c.id}" for c in f.columns}
                else:
                    names |= {f"{base}.{row.id}.{c.id}" for c in f.columns}
    return names


@pytest.fixture(params=["fixture", "real"])
def model(request, real):
    return fixture_model() if request.param == "fixture" else real


def test_every_field_is_a_labelled_control(model):
    for form in model.forms:
        parsed = Controls()
        parsed.feed(form_html(model, form))
        names = {c["name"] for c in parsed.controls}
        assert names == expected_names(form), form.id
        for c in parsed.controls:
            assert c["id"] in parsed.label_for, f"{form.id}: {c['name']} has no <label for>"
            assert parsed.label_for[c["id"]], f"{form.id}: {c['name']} has an empty label"
            assert c.get("title"), f"{form.id}: {c['name']} needs a title (the PDF field's name)"
        assert len(parsed.ids) == len(set(parsed.ids)), f"{form.id}: duplicate ids"


def test_field_kinds_become_the_right_controls():
    model = fixture_model()
    parsed = Controls()
    parsed.feed(form_html(model, model.forms[0]))
    by_name: dict[str, list[dict]] = {}
    for c in parsed.controls:
        by_name.setdefault(c["name"], []).append(c)
    # a date is a text field in Danish order with its hint, whatever the browser's language (DKFDS)
    dato = by_name["felter.dato"][0]
    assert dato["type"] == "text" and dato["inputmode"] == "numeric" and dato["data-kind"] == "date"
    assert dato["aria-describedby"] == "felter--dato-hint"
    assert by_name["felter.tid"][0]["type"] == "time"
    assert by_name["felter.antal"][0]["min"] == "0" and by_name["felter.antal"][0]["max"] == "10"
    assert by_name["felter.lang-tekst"][0]["tag"] == "textarea"
    assert [c["value"] for c in by_name["felter.ja-nej"]] == ["ja", "nej"]
    assert by_name["felter.ja-nej"][0]["id"] == "felter--ja-nej"  # first option carries the field id
    assert [c["type"] for c in by_name["felter.flere"]] == ["checkbox"] * 3
    assert "required" in by_name["person.navn"][0]
    assert by_name["person.cpr"][0]["data-kind"] == "cpr" and by_name["person.cpr"][0]["maxlength"] == "11"
    assert by_name["felter.tekst"][0]["aria-describedby"] == "felter--tekst-hint"
    # table cells are named by column and row for screen readers and PDF readers
    cell = by_name["tabel.aktoerer.laege.navn"][0]
    assert parsed.label_for[cell["id"]] == "Navn, Læge"


def test_row_table_markup():
    model = fixture_model()
    html = form_html(model, model.forms[0])
    assert "<caption>Aktører" in html
    assert '<th scope="col">Rolle</th>' in html
    assert '<th scope="row">Læge</th>' in html
    assert 'data-block="tabel.aktoerer.andre" data-initial="2" data-max="5"' in html
    assert "<template>" in html and "__N__" in html
    assert 'aria-label="Fjern Anden 1"' in html
    assert ">Tilføj anden</button>" in html


def test_buttons_and_privacy_note(real):
    form = real.forms[0]
    parsed = Controls()
    parsed.feed(form_html(real, form))
    actions = [b.get("data-action") for b in parsed.buttons if b.get("data-action")]
    assert actions == ["save", "open", "print", "clear"]  # the PDF's HTML: "Gem som PDF" is the page's
    assert all(b.get("type") == "button" for b in parsed.buttons)
    html = form_html(real, form)
    for text in ("Gem som fil", "Åbn fil", "Udskriv", "Ryd", "Intet sendes"):
        assert text in html


def test_the_page_hands_its_script_the_rules_the_form_version_and_the_pdf(real):
    import json as _json

    from toolbox import rules
    from toolbox.render import document_path
    from toolbox.render.html import page_data

    form = next(f for f in real.forms if f.id == "netvaerkskort")
    page = form_page(real, form, {document_path(real.profile_id, form.id, ".pdf"): b"%PDF-1.7"})
    parsed = Controls()
    parsed.feed(page)
    actions = [b.get("data-action") for b in parsed.buttons if b.get("data-action")]
    assert actions == ["save", "save-pdf", "open", "print", "clear"]
    data = page_data(real, form, True)
    assert _json.loads(data["rules"]) == rules.page_rules() and data["form_version"] == rules.form_version(form)
    assert _json.loads(data["forms"])["udrettedagsorden"] == "Udrettedagsorden"
    assert f'data-pdf="blanketter/filer/{real.profile_id}/netvaerkskort.pdf.js"' in page
    # without the form's PDF (WeasyPrint missing) there is no "Gem som PDF"
    assert 'data-action="save-pdf"' not in form_page(real, form, {})
    # a changed form has another version
    other = form.model_copy(update={"title": form.title + " 2"})
    assert rules.form_version(other) != rules.form_version(form)


def test_render_ships_the_pdf_library_the_font_and_each_pdf_as_a_script(real):
    import base64 as _base64
    import re as _re

    from toolbox import outputs
    from toolbox.render import document_path

    pdfs = {document_path(real.profile_id, f.id, ".pdf"): f"%PDF-{f.id}".encode() for f in real.forms}
    files = render(real, outputs.Context(files=pdfs))
    for name in ("pdf-lib.min.js", "fontkit.min.js", "pdf-lib-LICENSE.txt", "fontkit-LICENSE.txt"):
        assert f"assets/javascripts/vendor/{name}" in files
    for name in ("pdf-lib.min.js", "fontkit.min.js"):  # the site's CSP has no unsafe-eval
        code = files[f"assets/javascripts/vendor/{name}"].decode("utf-8")
        assert not _re.search(r"\beval\(|new Function\b", code), name
    fonts = files["assets/javascripts/forms-fonts.js"].decode()
    assert "window.DKKFonts" in fonts and '"regular"' in fonts and '"bold"' in fonts
    for form in real.forms:
        script = files[document_path(real.profile_id, form.id, ".pdf.js")].decode()
        encoded = _re.search(r'": "([A-Za-z0-9+/=]+)"', script).group(1)
        assert _base64.b64decode(encoded) == f"%PDF-{form.id}".encode()


def test_profile_values_and_texts_are_escaped():
    model = fixture_model()
    evil = model.profile.model_copy(update={"name": '<script>alert("x")</script> & Co', "web": "https://x.example/?a=<b>"})
    model = model.model_copy(update={"profile": evil})
    html = form_html(model, model.forms[0])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; Co" in html


def test_labels_with_markup_are_literal(tmp_path):
    path = tmp_path / "s.yml"
    path.write_text((FIXTURES / "minimal.yml").read_text(encoding="utf-8").replace(
        "label: Navn", "label: \"<img src=x onerror=alert(1)> Navn\""), encoding="utf-8")
    model = fixture_model(path)
    page = form_page(model, model.forms[0])
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; Navn" in page


def test_section_text_fills_placeholders():
    model = fixture_model()
    html = form_html(model, model.forms[0])
    assert "Skrevet for Prøve Kommune. Læs mere på https://www.proeve.example/dkk." in html


def test_render_gives_one_page_per_form_and_an_index(real):
    pages = render(real)
    assert {p for p in pages if p.endswith(".md")} == \
        {f"blanketter/{f.id}.md" for f in real.forms} | {"blanketter/index.md", "blanketter/hent.md"}
    index = pages["blanketter/index.md"].decode()
    for form in real.forms:
        assert f"({form.id}.md)" in index
    page = pages["blanketter/udrettedagsorden.md"].decode()
    block = page[page.index('<div class="tb-form-page"'):page.index("</form>\n</div>")]
    assert "\n\n" not in block, "a blank line would end the raw HTML block"
