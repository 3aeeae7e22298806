"""Every value from the schema, a profile, the catalogue, the steps and a case reaches every output as
text, never as markup; what cannot be written safely is refused with its line."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, copy_project, run_toolbox

MARK = '<img src=x onerror=alert(1)>'  # markup: must never reach an output as it is
# Text kinds: the keys whose values are shown (ids, kinds, numbers and references are left alone).
SCHEMA_TEXTS = {"title", "subtitle", "summary", "text", "label", "hint", "row_header"}
TITLES = {("forms", "title"), ("translations", "title")}  # titles refuse markup instead (FORMAT.md)
CATALOGUE_TEXTS = {"name", "other_names", "purpose", "description", "actors", "challenges", "benefits", "when",
                   "title", "organisation", "year"}
STEP_TEXTS = {"title", "who", "what", "when", "form", "tool"}
CASE_TEXTS = {"summary", "story", "wishes", "role", "name", "about", "unknown", "knows", "wants", "worries",
              "focus", "assessment", "network", "agenda", "meeting", "plan", "traps"}


def marked(node, keys: set[str], path: tuple = ()):
    """``node`` with MARK added to every string under one of ``keys`` (titles of forms excepted)."""
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            here = path + (k,)
            if k in keys and isinstance(v, str) and not _is_title(here):
                out[k] = v + " " + MARK
            elif k in keys and isinstance(v, list) and all(isinstance(x, str) for x in v):
                out[k] = [x + " " + MARK for x in v]
            else:
                out[k] = marked(v, keys, here)
        return out
    if isinstance(node, list):
        return [marked(v, keys, path) for v in node]
    return node


def _is_title(path: tuple) -> bool:
    names = [p for p in path if isinstance(p, str)]
    return names[-1:] == ["title"] and (names[:1] == ["forms"] and len(names) == 2 or "translations" in names[-3:-1])


def _rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _profile(data: dict) -> dict:
    for key in ("name", "department", "target_group"):
        data[key] = f"{data.get(key) or 'Tekst'} {MARK}"
    data["contact_units"] = data["contact_units"][:1]  # the marked texts are long: more would not fit a brochure's back
    for unit in data["contact_units"]:
        for key in ("name", "address", "phone", "hours"):
            unit[key] = f"{unit.get(key) or 'Tekst'} {MARK}"
    data["consent"]["legal_contact"] += " " + MARK
    return data


def _case(data: dict) -> dict:
    from toolbox import inputs
    from toolbox.controls import lookup

    forms = {f.id: f for f in inputs.load(ROOT).schema_.forms}
    data = marked(data, CASE_TEXTS)
    for form_id, fill in data["forms"].items():
        for name, value in list(fill["values"].items()):
            if lookup(forms[form_id], name)[0].kind in ("text", "textarea", "signature", "tel", "email", "cpr"):
                fill["values"][name] = f"{value} {MARK}"
    return data


def _texts_of(path: Path, data: bytes) -> list[tuple[str, str]]:
    """(name, text) of everything in a file that a browser or an office program reads as markup."""
    if path.suffix in (".html", ".js", ".json", ".xml", ".svg", ".css"):  # a .txt is plain text: markup there is text
        return [(str(path), data.decode("utf-8", errors="replace"))]
    if path.suffix in (".zip", ".docx", ".odt", ".pptx"):
        out = []
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                out += _texts_of(Path(f"{path}!{name}"), z.read(name))
        return out
    return []


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    forms = project / "forms"
    _rewrite(forms / "schema.yml", lambda d: marked(d, SCHEMA_TEXTS))
    _rewrite(forms / "profiles" / "eksempel.yml", _profile)
    _rewrite(forms / "redskaber.yml", lambda d: marked(d, CATALOGUE_TEXTS))
    _rewrite(forms / "trin.yml", lambda d: marked(d, STEP_TEXTS))
    for case in (forms / "cases").glob("*.yml"):
        _rewrite(case, _case)
    slides = forms / "kursus" / "slides.md"
    slides.write_text(slides.read_text(encoding="utf-8").replace("\n## ", f"\n{MARK}\n\n## ", 3), encoding="utf-8")
    result = run_toolbox("build", cwd=project, timeout=900)
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_markup_in_every_input_reaches_no_output_as_markup(hostile_site):
    seen_as_text = 0
    for path in sorted(p for p in hostile_site.rglob("*") if p.is_file()):
        for name, text in _texts_of(path, path.read_bytes()):
            assert MARK not in text, f"raw markup in {name}"
            assert "onerror=alert(1)>" not in text.replace("onerror=alert(1)&gt;", ""), name
            seen_as_text += text.count("&lt;img src=x onerror=alert(1)&gt;") + text.count("\\u003cimg src=x")
    assert seen_as_text > 100, "the marked texts are in the outputs, as text"


def test_the_profile_name_is_text_in_the_footer_of_every_page(hostile_site):
    page = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "Eksempel Kommune &lt;img src=x onerror=alert(1)&gt;" in page


def test_the_pdfs_show_the_markup_as_text(hostile_site):
    from pypdf import PdfReader

    pdf = hostile_site / "blanketter" / "filer" / "eksempel" / "netvaerkskort.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "onerror=alert(1)>" in " ".join(text.split())


BAD_TEXTS = [
    ("forms/schema.yml", "text: |\n          Du er inviteret",
     "text: |\n          Se [her](javascript:alert(1)). Du er inviteret",
     r"forms/schema\.yml:\d+: forms\.udrettedagsorden\.sections\.invitation\.text: linket 'javascript:alert\(1\)' er ikke tilladt"),
    ("forms/schema.yml", "title: Udrettedagsorden\n", "title: Udrettedagsorden <b>ny</b>\n",
     r"forms/schema\.yml:\d+: forms\.udrettedagsorden\.title: ugyldig titel 'Udrettedagsorden <b>ny</b>': tegnene <, > og &"),
    ("forms/trin.yml", "    what: ", "    what: Se [x](JaVaScRiPt:alert(1)). ",
     r"forms/trin\.yml:\d+: pages\.[a-z/-]+\.md\.0\.what: linket 'JaVaScRiPt:alert\(1\)' er ikke tilladt"),
    ("forms/cases/sara.yml", "story: |\n", "story: |\n  ![billede](https://andet.example/x.png)\n",
     r"forms/cases/sara\.yml:\d+: story: billedet 'https://andet\.example/x\.png' hentes fra en anden vært"),
    ("forms/kursus/slides.md", "\n## ", "\n[klik](https://ok.example){: onclick=\"alert(1)\"}\n\n## ",
     r"forms/kursus/slides\.md:\d+: attributten 'onclick' er ikke tilladt"),
]


@pytest.mark.parametrize("file,old,new,expected", BAD_TEXTS, ids=[b[0].rsplit("/", 1)[1] + str(i) for i, b in enumerate(BAD_TEXTS)])
def test_a_link_script_or_title_markup_is_refused_with_its_line(tmp_path, file, old, new, expected):
    project = copy_project(tmp_path)
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run_toolbox("validate", cwd=project)
    assert result.returncode == 2, result.stdout
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert re.match(expected, result.stderr), result.stderr


@pytest.fixture(scope="module")
def hostile_zensical_site(hostile_site):
    """The same hostile project built with Zensical (the downloads are made from the pages, as tested above)."""
    site = hostile_site.parent / "site-zensical"
    result = run_toolbox("build", "--engine", "zensical", "--no-downloads", "--site-dir", str(site),
                         cwd=hostile_site.parent, timeout=900)
    assert result.returncode == 0, result.stderr
    return site


def test_zensical_writes_every_marked_text_as_text_once(hostile_zensical_site):
    """Zensical's templates, like Material's, write the footer's name as it is given (the build escapes
    it once): nothing reaches a page as markup, and nothing is escaped twice."""
    seen_as_text = 0
    for path in sorted(p for p in hostile_zensical_site.rglob("*") if p.is_file()):
        for name, text in _texts_of(path, path.read_bytes()):
            assert MARK not in text, f"raw markup in {name}"
            assert "&amp;lt;img src=x" not in text, f"escaped twice in {name}"
            seen_as_text += text.count("&lt;img src=x onerror=alert(1)&gt;")
    assert seen_as_text > 100
    page = (hostile_zensical_site / "index.html").read_text(encoding="utf-8")
    assert "Eksempel Kommune &lt;img src=x onerror=alert(1)&gt;" in page
