"""The output registry: every output declares the field kinds it handles, every field kind reaches
every output that renders fields, and a gap is an error naming the output and the kind."""
from __future__ import annotations

import base64
import subprocess
import sys

import jinja2
import pytest

from helpers import ROOT, fixture_model
from toolbox import outputs
from toolbox.controls import lookup
from toolbox.errors import RenderError
from toolbox.model import FIELD_KINDS
from toolbox.render import html as html_output

FIELD_OUTPUTS = [o for o in outputs.OUTPUTS if o.handles is not None]


def test_every_output_declares_what_it_handles():
    for output in outputs.OUTPUTS:
        assert hasattr(output.module, "HANDLES"), output.name
        assert output.stage in ("form", "site", "after-site")
    assert {o.name for o in FIELD_OUTPUTS} >= {"pdf", "docx", "odt", "jsonschema", "html", "sheets", "mappe"}


@pytest.mark.parametrize("kind", FIELD_KINDS)
@pytest.mark.parametrize("output", FIELD_OUTPUTS, ids=lambda o: o.name)
def test_every_kind_reaches_every_output_that_renders_fields(output, kind):
    assert kind in output.handles, f"{output.name} does not handle the field kind '{kind}'"


def test_the_fixture_has_every_kind():
    model = fixture_model()
    kinds = {f.kind for form in model.forms for s in form.sections for f in s.fields}
    kinds |= {c.kind for form in model.forms for s in form.sections for f in s.fields for c in f.columns or []}
    assert kinds == set(FIELD_KINDS)


@pytest.mark.parametrize("output", [o for o in FIELD_OUTPUTS if o.stage == "form"], ids=lambda o: o.name)
def test_every_field_of_every_kind_is_in_each_form_output(output):
    """The declaration is not a promise only: every control of the every-kind form is in the document."""
    import io
    import json
    import zipfile

    model = fixture_model()
    form = model.forms[0]
    files = output.module.render_form(model, form)
    (data,) = files.values()
    if output.name == "pdf":
        from pypdf import PdfReader

        names = set((PdfReader(io.BytesIO(data)).get_fields() or {}))
        text = " ".join(names)
    elif output.name == "jsonschema":
        text = json.dumps(json.loads(data), ensure_ascii=False)
    else:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            text = z.read("word/document.xml" if output.name == "docx" else "content.xml").decode()
    for s in form.sections:
        for f in s.fields:
            if f.kind == "table":
                for c in f.columns or []:
                    assert (c.id if output.name in ("pdf", "jsonschema") else c.label) in text, (output.name, c.id)
            elif output.name in ("pdf", "jsonschema"):
                assert f"{s.id}.{f.id}" in text or f.id in text, (output.name, f.id)
            else:
                assert f.label in text, (output.name, f.id)


@pytest.mark.parametrize("output", [o for o in FIELD_OUTPUTS if o.stage == "form"], ids=lambda o: o.name)
def test_a_kind_the_output_does_not_handle_is_an_error_naming_both(output, monkeypatch):
    model = fixture_model()
    form = model.forms[0]
    missing = "yesno"
    mod = output.module
    if output.name == "pdf":
        monkeypatch.setattr(mod, "HANDLES", mod.HANDLES - {missing})
    elif output.name in ("docx", "odt"):
        from toolbox.render import office

        monkeypatch.delitem(office.FIELDS, missing)
        monkeypatch.delitem(office.CELLS, missing)
    else:
        monkeypatch.delitem(mod.KINDS, missing)
    with pytest.raises(RenderError) as err:
        mod.render_form(model, form)
    assert str(err.value).startswith(f"{output.name}: {form.id}: ") and f"'{missing}'" in str(err.value)


def test_the_html_template_fails_on_a_kind_it_cannot_draw(monkeypatch):
    """The template runs with StrictUndefined: a kind without an input type is an error, not type=""."""
    model = fixture_model()
    monkeypatch.setitem(html_output.environment().globals, "input_types",
                        {k: v for k, v in html_output.INPUT_TYPES.items() if k != "email"})
    with pytest.raises(jinja2.UndefinedError):
        html_output.form_html(model, model.forms[0])


def test_jinja_is_strict_about_every_undefined_name():
    env = html_output.environment()
    assert env.undefined is jinja2.StrictUndefined
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ no_such_thing }}").render()


def test_the_controls_of_every_form_are_known_to_the_case_checker(real):
    """The names the HTML output draws are the names ``toolbox.controls`` knows (cases and files use them)."""
    import re

    for form in real.forms:
        page = re.sub(r"<template>.*?</template>", "", html_output.form_html(real, form), flags=re.S)
        for name in set(re.findall(r'\bname="([^"]+)"', page)):
            assert lookup(form, name) is not None or name.rsplit(".", 1)[0] in page, (form.id, name)


# ---- determinism across processes ------------------------------------------------------------

RENDER = """
import base64, sys
from pathlib import Path
from toolbox import inputs, outputs
model = inputs.load_model(Path({root!r}), "eksempel")
output = outputs.by_name({name!r})
form = next(f for f in model.forms if f.id == {form!r})
files = output.module.render_form(model, form)
sys.stdout.write(base64.b64encode(b"".join(files[k] for k in sorted(files))).decode())
"""


def _render_in_a_process(name: str, form_id: str, seed: str) -> bytes:
    code = RENDER.format(root=str(ROOT), name=name, form=form_id)
    env = {"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return base64.b64decode(done.stdout)


@pytest.mark.parametrize("output", [o.name for o in outputs.stage("form")])
def test_a_document_is_the_same_from_two_processes(output):
    first = _render_in_a_process(output, "netvaerkskort", "1")
    assert first and first == _render_in_a_process(output, "netvaerkskort", "2")
