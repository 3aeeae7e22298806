"""A course day run from the toolbox alone (issue 16): the trainer's notes on every slide (PPTX and
page), role cards for every role of every case, trainer pages with answer keys, the programmes'
modules and the evaluation form, and the course-day pack."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT, PagesSent, copy_project, run_toolbox, structure_roles

from toolbox.errors import InputError
from toolbox.inputs import slides as slides_input

SLIDES = ROOT / "forms" / "kursus" / "slides.md"


def _slides_from(tmp_path: Path, text: str):
    path = tmp_path / "slides.md"
    path.write_text(text, encoding="utf-8")
    return slides_input.load(path, "slides.md")


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InputError) as err:
        _slides_from(tmp_path, text)
    return [str(p) for p in err.value.problems]


def _plain(markdown: str) -> str:
    """Markdown as the words a reader sees (for comparing with the PPTX's text)."""
    return " ".join(re.sub(r"[*_`]", "", markdown).split())


# ---- speaker notes -----------------------------------------------------------------------

def test_every_slide_has_notes_for_the_trainer(real):
    slides = real.slides.slides
    assert len(slides) == len(real.slides.titles) >= 13
    for slide in slides:
        assert slide.notes, slide.title
        assert "::: notes" not in slide.body and "**Tid:**" not in slide.body, slide.title
        # written for a trainer: how long, what to say, what to ask
        assert re.search(r"\*\*Tid:\*\* .*\d+ minutter", slide.notes), slide.title
        assert "**Sig:**" in slide.notes and "**Spørg:**" in slide.notes, slide.title


def test_a_slide_without_notes_is_reported_at_its_heading(tmp_path):
    text = "<!-- en kommentar\n-->\n\n## Første\n\n- a\n\n::: notes\nSig noget.\n:::\n\n## Anden\n\n- b\n"
    assert _problems(tmp_path, text) == [
        "slides.md:12: diaset 'Anden' har ingen noter (forventet en blok med noter til underviseren under "
        "overskriften: ::: notes, noterne, :::)"]


def test_unclosed_empty_and_doubled_notes_are_reported_at_their_lines(tmp_path):
    text = ("## Et\n\n::: notes\n\n:::\n\n"
            "## To\n\n::: notes\nA\n:::\n\n::: {.notes}\nB\n:::\n\n"
            "## Tre\n\n::: notes\nC\n")
    assert _problems(tmp_path, text) == [
        "slides.md:3: noterne til diaset 'Et' er tomme",
        "slides.md:13: diaset 'To' har mere end én blok med noter (forventet én ::: notes-blok pr. dias)",
        "slides.md:19: noterne til diaset 'Tre' er ikke lukket (forventet en linje med ::: efter noterne)"]


def test_notes_are_apart_from_what_the_slide_shows(tmp_path):
    loaded = _slides_from(tmp_path, "## Titel\n\n- punkt\n\n::: notes\n**Tid:** 5 minutter.\n:::\n\nEfter noterne.\n")
    (slide,) = loaded.slides
    assert (slide.title, slide.line) == ("Titel", 1)
    assert slide.body == "## Titel\n\n- punkt\n\n\nEfter noterne."
    assert slide.notes == "**Tid:** 5 minutter."


def test_validate_stops_on_a_slide_without_notes(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "forms" / "kursus" / "slides.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("## Netværkskortet")
    notes = text.index("::: notes", start)
    end = text.index(":::\n", notes + 3) + 4
    path.write_text(text[:notes] + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 1
    result = run_toolbox("validate", cwd=project)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"forms/kursus/slides.md:{line}: diaset 'Netværkskortet' har ingen noter (forventet en blok med noter til "
        "underviseren under overskriften: ::: notes, noterne, :::)"]


def test_every_slide_has_its_notes_in_the_pptx(real, built_site):
    from pptx import Presentation

    deck = Presentation(str(built_site / "kursus" / "filer" / "kursus-slides.pptx"))
    assert len(deck.slides) == len(real.slides.slides)
    for shown, slide in zip(deck.slides, real.slides.slides):
        assert shown.shapes.title.text == slide.title
        assert shown.has_notes_slide, slide.title
        notes = " ".join(shown.notes_slide.notes_text_frame.text.split())
        assert notes == _plain(slide.notes), slide.title
        on_slide = " ".join(shape.text_frame.text for shape in shown.shapes if shape.has_text_frame)
        assert "Tid:" not in on_slide and "Sig:" not in on_slide, slide.title  # the notes are not on the slide


def test_slides_page_folds_the_notes_under_each_slide(real, built_site):
    html = (built_site / "kursus" / "slides" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="tb-slide" id="slide-(\d+)">(.*?)</section>', html, flags=re.S)
    assert [int(n) for n, _ in sections] == list(range(1, len(real.slides.slides) + 1))
    for (_, section), slide in zip(sections, real.slides.slides):
        assert section.count('<details class="tb-notes">') == 1, slide.title
        notes = section.split('<details class="tb-notes">')[1]
        assert "<summary>Noter til underviseren</summary>" in notes
        assert "<strong>Tid:</strong>" in notes and "<strong>Tid:</strong>" not in section.split("<details")[0]
    bar = re.search(r'<p class="tb-presenter-bar" hidden(?:="hidden")?>(.*?)</p>', html, flags=re.S).group(1)
    assert 'type="button"' in bar and 'aria-pressed="false"' in bar and ">Visning for underviseren<" in bar
    assert 'role="status"' in bar
    assert "<script>" not in html.split('<div class="tb-slides">')[1].split("</article>")[0]


# ---- roles of a case ----------------------------------------------------------------------

CASE = """title: Prøvesag
summary: En sag til prøve.
story: Historien.
wishes: [Et ønske.]
actors:
  - role: Første
    about: Opdigtet.{first}
  - role: Anden
    about: Opdigtet.{second}
forms:
  netvaerkskort:
    values:
      borger.navn: Prøve Eksempel
"""


def _case_problems(tmp_path: Path, real, first: str = "", second: str = "") -> list[str]:
    from toolbox.inputs import cases as cases_input

    path = tmp_path / "proeve.yml"
    path.write_text(CASE.format(first=first, second=second), encoding="utf-8")
    try:
        cases_input.load(path, real.schema_, "proeve.yml")
    except InputError as err:
        return [str(p) for p in err.problems]
    return []


def test_a_case_names_exactly_one_citizen(tmp_path, real):
    assert _case_problems(tmp_path, real, "\n    party: borger") == []
    assert _case_problems(tmp_path, real) == [
        "proeve.yml:5: actors: ingen af rollerne er borgeren (forventet party: borger ved præcis én rolle, "
        "så borgeren får sit eget rollekort)"]
    assert _case_problems(tmp_path, real, "\n    party: borger", "\n    party: borger") == [
        "proeve.yml:11: actors.1.party: rollen 'Anden' er også markeret som borgeren "
        "(forventet party: borger ved præcis én rolle)"]
    assert _case_problems(tmp_path, real, "\n    party: borgeren") == [
        "proeve.yml:8: actors.0.party: ugyldig værdi 'borgeren' (forventet en af: 'borger', 'kontaktperson', "
        "'samarbejdspartner' eller 'paaroerende')"]


def test_every_role_of_every_case_has_a_card_text(real):
    """The cases in the toolbox give every role what it knows, wants and worries about, and a trainer's key."""
    for loaded in real.cases:
        case = loaded.case
        parties = [a.party for a in case.actors]
        assert parties.count("borger") == 1 and "kontaktperson" in parties, loaded.id
        for actor in case.actors:
            assert actor.knows and actor.wants and actor.worries, (loaded.id, actor.role)
        assert case.trainer is not None, loaded.id
        answers = case.trainer.answers
        assert {"assessment", "network", "agenda", "meeting"} <= set(answers), loaded.id
        assert ("plan" in answers) == ("koordinerende-indsatsplan" in case.forms), loaded.id
        assert len(case.trainer.traps) >= 3, loaded.id


# ---- role cards -----------------------------------------------------------------------------

def _pdf_text(data: bytes) -> tuple[object, list[str]]:
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return reader, [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_every_case_has_role_cards_for_every_role_it_lists(real, built_site):
    for loaded in real.cases:
        case = loaded.case
        data = (built_site / "kursus" / "filer" / f"{loaded.id}-rollekort.pdf").read_bytes()
        reader, pages = _pdf_text(data)
        text = " ".join(pages)
        assert len(pages) == -(-(len(case.actors) + 1) // 4), loaded.id  # four cards to a page, the guide first
        assert f"Rollekort: {case.title}" in text
        for actor in case.actors:
            assert " ".join(actor.role.split()) in text, (loaded.id, actor.role)
            assert f"Navn i øvelsen: {actor.name}" in text, (loaded.id, actor.role)
            for item in [actor.about, *actor.knows, *actor.wants, *actor.worries]:
                assert " ".join(item.split()) in text, (loaded.id, actor.role, item)
        citizen = next(a for a in case.actors if a.party == "borger")
        citizen_page = next(p for p in pages if citizen.role in p)
        card = citizen_page.split(citizen.role, 1)[1]
        for wish in case.wishes:
            assert f"»{wish}«" in card, (loaded.id, wish)
        # tagged PDF/UA-1 like the other PDFs: language, title shown, a heading for every card
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
        assert root["/Lang"] == "da"
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
        assert b"pdfuaid:part" in root["/Metadata"].get_data()
        assert reader.metadata.title == f"Rollekort: {case.title}"
        assert {"/H1", "/H2", "/L", "/P"} <= structure_roles(root)
        # cut-out size: A4 pages, each card A6
        for page in reader.pages:
            assert (round(float(page.mediabox.width) * 25.4 / 72), round(float(page.mediabox.height) * 25.4 / 72)) == (210, 297)


def test_the_case_page_links_its_role_cards(real, built_site):
    for loaded in real.cases:
        page = (built_site / "kursus" / "cases" / loaded.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../filer/{loaded.id}-rollekort.pdf"' in page


def test_the_cards_of_every_case_fit_on_a6(real):
    from toolbox.render import rolecards

    for loaded in real.cases:
        heights = rolecards.card_heights(loaded)
        assert len(heights) == len(loaded.case.actors) + 1
        assert max(heights) <= rolecards.CARD_HEIGHT, (loaded.id, heights)


def test_a_card_too_long_for_a6_grows_and_is_named(real, caplog):
    """Nothing is cut off: the long card keeps all its text, and the build log names the role."""
    from toolbox.model import LoadedCase
    from toolbox.render import rolecards

    sara = next(c for c in real.cases if c.id == "sara")
    long = [f"Punkt {n}: " + "en lang sætning om det, rollen ved og vil " * 3 for n in range(10)]
    actors = [a.model_copy(update={"knows": long}) if a.party == "samarbejdspartner" and n == 2 else a
              for n, a in enumerate(sara.case.actors)]
    loaded = LoadedCase(id="lang", file="forms/cases/lang.yml", case=sara.case.model_copy(update={"actors": actors}))
    assert max(rolecards.card_heights(loaded)) > rolecards.CARD_HEIGHT
    with caplog.at_level("WARNING", logger="toolbox"):
        data = rolecards.render_pdf(loaded, "2025-01-01T00:00:00Z")
    assert [r.getMessage().split(":")[0] for r in caplog.records] == ["forms/cases/lang.yml"]
    assert f"rollekortet for '{actors[2].role}'" in caplog.records[0].getMessage()
    _, pages = _pdf_text(data)
    assert "Punkt 9:" in " ".join(pages)


def test_role_card_texts_are_text_not_markup(real):
    from toolbox.model import LoadedCase
    from toolbox.render import rolecards

    sara = next(c for c in real.cases if c.id == "sara")
    actors = [a.model_copy(update={"role": "<b>Rolle</b>", "knows": ["<img src=x onerror=alert(1)>"]})
              if a.party == "borger" else a for a in sara.case.actors]
    html = rolecards.document_html(LoadedCase(id="x", file="x.yml", case=sara.case.model_copy(update={"actors": actors})),
                                   "2025-01-01T00:00:00Z")
    assert "<b>Rolle</b>" not in html and "&lt;b&gt;Rolle&lt;/b&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_role_cards_are_the_same_bytes_for_the_same_case(real):
    from toolbox.render import rolecards

    kim = next(c for c in real.cases if c.id == "kim")
    assert rolecards.render_pdf(kim, "2025-01-01T00:00:00Z") == rolecards.render_pdf(kim, "2025-01-01T00:00:00Z")


# ---- the trainer's pages and the assessment exercise --------------------------------------------

def _text_of(html: str) -> str:
    import html as html_module

    article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_every_case_has_a_trainer_page_with_its_answer_key(real, built_site):
    from toolbox.render.trainer import EXERCISES

    index = (built_site / "kursus" / "underviser" / "index.html").read_text(encoding="utf-8")
    for loaded in real.cases:
        notes = loaded.case.trainer
        assert f'href="{loaded.id}/"' in index
        html = (built_site / "kursus" / "underviser" / loaded.id / "index.html").read_text(encoding="utf-8")
        text = _text_of(html)
        assert notes.focus in text
        for key, points in notes.answers.items():
            assert EXERCISES[key] in text, (loaded.id, key)
            for point in points:
                assert point in text, (loaded.id, key, point)
        for trap in notes.traps:
            assert trap in text, (loaded.id, trap)
        assert f'href="../../filer/{loaded.id}-rollekort.pdf"' in html
        for form_id in loaded.case.forms:
            assert f'href="../../filer/{loaded.id}-{form_id}.pdf"' in html
        # the participants' page links the trainer's page but shows none of the key
        case_page = (built_site / "kursus" / "cases" / loaded.id / "index.html").read_text(encoding="utf-8")
        assert f'href="../../underviser/{loaded.id}/"' in case_page
        shown = _text_of(case_page)
        assert not [t for t in notes.traps if t in shown] and notes.focus not in shown


def test_the_trainer_pages_are_in_the_course_menu(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")  # the menu is on every page
    for target in ("kursus/underviser/", "kursus/underviser/sara/", "kursus/vurderingsoevelse/", "kursus/cases/",
                   "kursus/slides/"):
        assert f'href="{target}"' in html, target


def test_trainer_page_texts_are_escaped(real):
    from toolbox.model import LoadedCase
    from toolbox.render.trainer import trainer_page

    sara = next(c for c in real.cases if c.id == "sara")
    trainer = sara.case.trainer.model_copy(update={"focus": "<b>fed</b> [x](javascript:alert(1))",
                                                   "traps": ["<script>alert(1)</script>"],
                                                   "answers": {"assessment": ["*kursiv* | tabel"]}})
    page = trainer_page(real, LoadedCase(id="x", file="x.yml", case=sara.case.model_copy(update={"trainer": trainer})), {})
    assert "<b>" not in page and "<script>" not in page and "](javascript:" not in page
    assert "\\*kursiv\\* \\| tabel" in page
    assert "### 2." not in page  # only the exercises the key has


def test_an_unknown_exercise_in_the_answer_key_is_refused_with_its_line(tmp_path, real):
    extra = ("\n    party: borger", "\ntrainer:\n  focus: F\n  answers:\n    vurdering: [x]\n  traps: [t]")
    text = CASE.format(first=extra[0], second="").replace("\nforms:", extra[1] + "\nforms:")
    from toolbox.inputs import cases as cases_input

    path = tmp_path / "proeve.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        cases_input.load(path, real.schema_, "proeve.yml")
    assert [str(p) for p in err.value.problems] == [
        "proeve.yml:14: trainer.answers.vurdering: ugyldig værdi 'vurdering' (forventet en af: 'assessment', "
        "'network', 'agenda', 'meeting' eller 'plan')"]


def test_the_assessment_exercise_is_a_discussion_without_a_score():
    text = (ROOT / "docs" / "kursus" / "vurderingsoevelse.md").read_text(encoding="utf-8")
    vignettes = re.findall(r"^### \d+\. ", text, flags=re.M)
    assert len(vignettes) >= 6
    assert text.count("**Til samtalen:**") == len(vignettes)
    assert "ingen regel om, hvor mange kryds der skal til" in text and "ingen point" in text.lower()
    # no counting rule, in any wording
    assert not re.search(r"(to|2) eller flere (kryds|grunde)|mindst (to|2) kryds", text, flags=re.I)
    assert "(../redskaber/vurderingskriterier.md)" in text


# ---- the programmes, the evaluation form and the course-day pack ---------------------------------

PACK = "kursus/filer/kursusdag-pakke.zip"


def test_the_full_day_has_the_modules_on_consent_and_ending(built_site):
    text = _text_of((built_site / "kursus" / "hel-dag" / "index.html").read_text(encoding="utf-8"))
    for module in ("Modul: Samtykke i praksis", "Modul: Et forløb, der slutter godt"):
        section = text.split(module)[-1].split("Modul:")[0]  # the module's own section, after the table
        assert re.search(r"\*?Tid:\*? \d+ minutter, kl\. \d+\.\d\d–\d+\.\d\d", section), module
        for part in ("Mål.", "Materiale:", "Øvelse (", "Opsamling ("):
            assert part in section, (module, part)
    assert "Det dækker dagen, og det gør den ikke" in text and "to hele dage" in text


def test_the_programmes_link_the_evaluation_form_the_pack_and_the_new_pages(built_site):
    for page in ("halv-dag", "hel-dag"):
        html = (built_site / "kursus" / page / "index.html").read_text(encoding="utf-8")
        assert 'href="../../blanketter/kursusevaluering/"' in html, page
        assert 'href="../filer/kursusdag-pakke.zip"' in html, page
        assert 'href="../vurderingsoevelse/"' in html, page
    index = (built_site / "kursus" / "index.html").read_text(encoding="utf-8")
    for target in ('href="filer/kursusdag-pakke.zip"', 'href="underviser/"', 'href="vurderingsoevelse/"',
                   'href="../blanketter/kursusevaluering/"'):
        assert target in index, target


def test_the_evaluation_form_is_built_in_every_output(built_site, real):
    form = next(f for f in real.forms if f.id == "kursusevaluering")
    page = (built_site / "blanketter" / form.id / "index.html").read_text(encoding="utf-8")
    assert f'data-form="{form.id}"' in page
    files = built_site / "blanketter" / "filer" / real.profile_id
    for suffix in (".pdf", ".docx", ".odt", ".schema.json"):
        assert (files / f"{form.id}{suffix}").stat().st_size > 1000, suffix
    # anonymous: no field asks for a name, a cpr number, an e-mail or a phone
    kinds = {f.kind for s in form.sections for f in s.fields}
    assert not kinds & {"cpr", "email", "tel", "signature"}
    assert not [f for s in form.sections for f in s.fields if "navn" in f.id]


def _pack(built_site):
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO((built_site / PACK).read_bytes()))


def test_the_pack_holds_what_it_promises(built_site, real):
    from pypdf import PdfReader

    with _pack(built_site) as z:
        names = z.namelist()
        assert names[0] == "kursusdag-pakke/LAES-MIG.txt" and names[1:] == sorted(names[1:])
        assert all(n.startswith("kursusdag-pakke/") for n in names)
        assert len({i.date_time for i in z.infolist()}) == 1  # one fixed date, not the time of the build
        readme = z.read("kursusdag-pakke/LAES-MIG.txt").decode("utf-8")
        listed = re.findall(r"^- ([^:]+):", readme, flags=re.M)
        inside = [n.removeprefix("kursusdag-pakke/") for n in names if not n.endswith("LAES-MIG.txt")]
        assert listed == sorted(inside)  # LAES-MIG.txt lists exactly what is in the pack
        forms = {f.id for f in real.forms}
        expected = {"1-program/halv-temadag.pdf", "1-program/hel-kursusdag.pdf", "1-program/vurderingsoevelse.pdf",
                    "2-dias/kursus-dias.pptx", "5-evaluering/kursusevaluering.pdf",
                    "4-tomme-blanketter/samtykkeerklaering.pdf", "4-tomme-blanketter/pjece-borger.pdf"}
        # the forms for the modules on consent and ending that this schema has
        expected |= {f"4-tomme-blanketter/{f}.pdf" for f in ("samtykke-sundhed", "afslutning") if f in forms}
        for loaded in real.cases:
            folder = f"3-oevelsessager/{loaded.id}/{loaded.id}"
            expected |= {f"{folder}-sagen.pdf", f"{folder}-til-underviseren.pdf", f"{folder}-rollekort.pdf"}
            for form_id in loaded.case.forms:
                expected |= {f"{folder}-{form_id}-udfyldt.pdf", f"4-tomme-blanketter/{form_id}.pdf"}
        assert set(inside) == expected
        # the files are the site's own, byte for byte
        assert z.read("kursusdag-pakke/2-dias/kursus-dias.pptx") == (built_site / "kursus/filer/kursus-slides.pptx").read_bytes()
        sara = "kursusdag-pakke/3-oevelsessager/sara/sara-"
        assert z.read(sara + "rollekort.pdf") == (built_site / "kursus/filer/sara-rollekort.pdf").read_bytes()
        assert z.read(sara + "udrettedagsorden-udfyldt.pdf") == (built_site / "kursus/filer/sara-udrettedagsorden.pdf").read_bytes()
        blank = built_site / "blanketter" / "filer" / real.profile_id / "kursusevaluering.pdf"
        assert z.read("kursusdag-pakke/5-evaluering/kursusevaluering.pdf") == blank.read_bytes()
        # the printed pages: tagged PDFs with the page's text
        import io

        full = PdfReader(io.BytesIO(z.read("kursusdag-pakke/1-program/hel-kursusdag.pdf")))
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in full.pages)
        assert "Hel kursusdag" in text and "Modul: Samtykke i praksis" in text and "Modul: Et forløb, der slutter godt" in text
        assert full.trailer["/Root"]["/Lang"] == "da" and full.trailer["/Root"]["/MarkInfo"]["/Marked"] == True  # noqa: E712
        trainer = PdfReader(io.BytesIO(z.read(sara + "til-underviseren.pdf")))
        sara_case = next(c for c in real.cases if c.id == "sara").case
        assert sara_case.trainer.traps[0][:40] in " ".join(" ".join((p.extract_text() or "").split()) for p in trainer.pages)


def test_the_pack_is_the_same_bytes_whatever_the_order(real):
    from toolbox.render.coursepack import Entry, pack

    entries = [Entry("b/to.pdf", "to", b"2"), Entry("a/en.pdf", "en", b"1"), Entry("c/tre.txt", "tre", b"3")]
    first = pack(real, entries)
    assert first == pack(real, list(reversed(entries)))
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert z.namelist() == ["kursusdag-pakke/LAES-MIG.txt", "kursusdag-pakke/a/en.pdf", "kursusdag-pakke/b/to.pdf",
                                "kursusdag-pakke/c/tre.txt"]
        assert "- a/en.pdf: en\n- b/to.pdf: to\n- c/tre.txt: tre" in z.read("kursusdag-pakke/LAES-MIG.txt").decode()


def test_the_packs_pages_are_printed_once_and_then_come_from_the_cache(real, built_site, tmp_path, monkeypatch):
    """Each printed page is cached by its document: a pack made again because a filled form changed
    prints no page again, and a changed page is printed anew."""
    from toolbox.render import coursepack, mapparts, pdf

    built = (built_site / "kursus" / "halv-dag" / "index.html").read_text(encoding="utf-8")
    _, html = coursepack.page_document(real, built, "kursus/halv-dag.md", True, pdf.pdf_date())
    docs = [("1-program/halv-temadag.pdf", "programmet", html)]
    first = coursepack.print_pages(real, docs, tmp_path, jobs=1)
    assert first["1-program/halv-temadag.pdf"].startswith(b"%PDF")

    def refuse(*args, **kwargs):
        raise AssertionError("printed again")

    monkeypatch.setattr(mapparts, "render_part", refuse)
    assert coursepack.print_pages(real, docs, tmp_path, jobs=1) == first
    changed = [(name, what, doc.replace("</section>", "<p>En ny linje.</p>\n</section>")) for name, what, doc in docs]
    with pytest.raises(AssertionError, match="printed again"):
        coursepack.print_pages(real, changed, tmp_path, jobs=1)


def test_a_case_page_the_engine_writes_is_printed_for_the_pack_then_and_once(real, built_site, tmp_path):
    """While MkDocs writes the site, each page goes to the pack too (``coursepack.Early``): a page the
    pack holds and has not printed is sent to the build's pool when the engine is done, a page it
    does not hold is not, and the pack then takes the page that was started instead of printing it again."""
    from toolbox import engine, outputs, parallel
    from toolbox.render import builtpages, coursepack, mappe, pdf

    config = engine.config(engine.read_config(ROOT), real, outputs.nav_entries(real))
    sentence = "En sætning, som kun denne prøve skriver."
    rel = f"kursus/cases/{real.cases[0].id}.md"
    built = builtpages.html_file(built_site, builtpages.page_url(rel)).read_text(encoding="utf-8")
    built = built.replace("</article>", f"<p>{sentence}</p></article>", 1)

    with parallel.started(2, mappe.warm, real) as started:
        pool = PagesSent(started)
        submitted = pool.pages
        early = coursepack.Early(real, config, tmp_path, pool)
        early.page("roller/tovholder.md", built)  # not in the pack: nothing
        assert submitted == []
        early.page(rel, built)
        early.page(rel, built)  # the same page again: printed once
        assert submitted == [], "held back until the engine is done (the folder's parts go first)"
        early.done()
        assert len(submitted) == 1 and sentence in submitted[0]
        name = next(name for r, name, _ in coursepack._pages(real) if r == rel)
        _, html = coursepack.page_document(real, built, rel, True, pdf.pdf_date())
        got = coursepack.print_pages(real, [(name, "sagen", html)], tmp_path, None, pool=pool, early=early)
    assert len(submitted) == 1, "the started page is not printed again"
    assert not early.started  # (taken)
    assert sentence in " ".join(_pdf_text(got[name])[1])


def test_the_deck_is_made_once_and_then_comes_from_the_cache(real, tmp_path, monkeypatch):
    from toolbox import outputs
    from toolbox.render import slides

    ctx = outputs.Context(cache=tmp_path)
    first = slides.render(real, ctx)[slides.PPTX_PATH]
    assert first.startswith(b"PK")
    monkeypatch.setattr(slides, "slides_pptx", lambda source: pytest.fail("pandoc ran again"))
    assert slides.render(real, ctx)[slides.PPTX_PATH] == first
    assert slides.pptx_key(real.slides.source + "\nEn ny linje.\n") != slides.pptx_key(real.slides.source)
