"""The guides' step diagrams: data in forms/trin.yml, checked with their lines, drawn into the pages."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, copy_project, run_toolbox
from toolbox import messages
from toolbox.model import Step
from toolbox.render.steps import MARKER, diagram

STEPS = yaml.safe_load((ROOT / "forms" / "trin.yml").read_text(encoding="utf-8"))["pages"]


def test_every_page_with_a_marker_has_steps_and_the_other_way_round():
    marked = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")
              if MARKER in p.read_text(encoding="utf-8")}
    assert marked == set(STEPS)
    assert {"handlevejledninger/forloebet.md", "handlevejledninger/koordinerende-indsatsplan.md"} <= marked
    assert len(STEPS["handlevejledninger/forloebet.md"]) == 12  # the whole course, first contact to ending


def _diagram(html: str) -> str:
    match = re.search(r'<ol class="steps">(.*?)</ol>\s*(?!</li>)', html, re.S)
    assert match, "no step diagram on the page"
    return match.group(1)


@pytest.mark.parametrize("page", sorted(STEPS))
def test_the_built_page_shows_its_steps_in_order(built_site, page):
    url = page.removesuffix(".md").removesuffix("index")  # implementering/index.md is implementering/
    html = (built_site / url / "index.html").read_text(encoding="utf-8")
    assert MARKER not in html
    block = _diagram(html)
    items = re.findall(r"<li>\s*<p><strong>(.*?)</strong></p>", block)
    assert [_plain(t) for t in items] == [s["title"] for s in STEPS[page]]  # abbreviations get an <abbr>
    plain = _plain(block)
    for step in STEPS[page]:
        for name, label in messages.STEP_LABELS.items():
            if name in step:
                assert f"<strong>{label}:</strong>" in block
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", step["what"])  # a link shows its text
        assert " ".join(text.split()) in plain, (page, step["title"])


def _plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_a_step_is_text_with_links_never_raw_html():
    out = diagram([Step(title="Første <b>trin</b>", who="Dig & mig", what="Se [kortet](../a.md).", when="Nu"),
                   Step(title="Andet", who="Dig", what="Gør det", when="Senere", form="<script>x</script>")])
    assert "Første &lt;b&gt;trin&lt;/b&gt;" in out and "<b>" not in out
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert "Se [kortet](../a.md)." in out  # Markdown links stay links
    assert out.count('<li markdown="block">') == 2 and out.startswith('<ol class="steps" markdown>')
    assert "**Hvem:** Dig &amp; mig" in out  # HTML's own characters are written as text


# ---- mistakes in forms/trin.yml: one line each, with the file and line --------------------

def _project(tmp_path: Path, edit) -> Path:
    project = copy_project(tmp_path / "p")
    path = project / "forms" / "trin.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return project


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _validate(project: Path) -> list[str]:
    result = run_toolbox("validate", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    return result.stderr.splitlines()


def test_a_link_that_leads_nowhere(tmp_path):
    wrong = "../blanketter/netvaerkskortet.md"
    def edit(text: str) -> str:  # in the first step that links to the form (the header mentions it too)
        head, _, body = text.partition("\npages:\n")
        return head + "\npages:\n" + body.replace("](../blanketter/netvaerkskort.md)", f"]({wrong})", 1)

    project = _project(tmp_path, edit)
    text = (project / "forms" / "trin.yml").read_text(encoding="utf-8")
    line = _line(text, wrong)
    page = [p for p, steps in STEPS.items() if any("../blanketter/netvaerkskort.md" in str(s) for s in steps)][0]
    [problem] = _validate(project)
    assert re.fullmatch(rf"forms/trin\.yml:{line}: pages\.{re.escape(page)}\.\d+\.(form|tool|what|who|when): "
                        rf"linket '{re.escape(wrong)}' fører ikke til en side .*", problem), problem


def test_a_page_that_does_not_exist_and_the_page_left_without_steps(tmp_path):
    first = sorted(STEPS)[0]
    project = _project(tmp_path, lambda t: t.replace(f"  {first}:", "  handlevejledninger/findes-ikke.md:", 1))
    text = (project / "forms" / "trin.yml").read_text(encoding="utf-8")
    docs_line = _line((ROOT / "docs" / first).read_text(encoding="utf-8"), MARKER)
    assert _validate(project) == [  # in the order of the files
        f"docs/{first}:{docs_line}: siden viser trin ({MARKER}), men forms/trin.yml har ingen trin til den "
        f"(forventet pages.{first})",
        f"forms/trin.yml:{_line(text, 'findes-ikke.md')}: pages.handlevejledninger/findes-ikke.md: "
        "siden 'handlevejledninger/findes-ikke.md' findes ikke under docs/",
    ]


def test_a_step_without_when(tmp_path):
    def drop_first_when(text: str) -> str:
        lines = text.splitlines(keepends=True)
        i = next(n for n, line in enumerate(lines) if line.startswith("    when: "))
        return "".join(lines[:i] + lines[i + 1:])

    project = _project(tmp_path, drop_first_when)
    text = (project / "forms" / "trin.yml").read_text(encoding="utf-8")
    title_line = _line(text, "  - title: ")
    first = sorted(STEPS)[0]
    assert _validate(project) == [f"forms/trin.yml:{title_line}: pages.{first}.0.when: mangler (påkrævet)"]


def test_the_marker_twice_on_a_page(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "handlevejledninger" / "samtykke.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    line = _line((project / "forms" / "trin.yml").read_text(encoding="utf-8"), "  handlevejledninger/samtykke.md:")
    assert _validate(project) == [
        f"forms/trin.yml:{line}: pages.handlevejledninger/samtykke.md: siden 'handlevejledninger/samtykke.md' "
        f"skal skrive {MARKER} én gang, dér hvor trinene skal stå (den skriver det 2 gange)"]


def test_a_broken_steps_file_stops_the_build_and_leaves_the_site(tmp_path):
    project = _project(tmp_path, lambda t: t.replace("    who: ", "    hvem: ", 1))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("før", encoding="utf-8")
    result = run_toolbox("build", "--site-dir", str(site), cwd=project)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 2, result.stderr  # the unknown key, and the missing who
    assert all(line.startswith("forms/trin.yml:") for line in result.stderr.splitlines())
    assert (site / "index.html").read_text(encoding="utf-8") == "før"
