"""The course kit (Kursus): a page per role-play case with its filled forms, and the slides.

- ``kursus/cases/index.md`` and ``kursus/cases/NAME.md`` from ``forms/cases/NAME.yml``
  (:mod:`toolbox.cases`): the story, the citizen's wishes, the actors as roles for the
  practice meeting, what is not known yet, the exercises, and the case's forms filled in.
- ``kursus/filer/NAME-FORM.pdf``: each form a case fills, as a filled PDF (the blank PDF from
  this build's documents, or rendered anew when the case needs more rows; those are cached).
- ``kursus/slides.md`` and ``kursus/filer/kursus-slides.pptx`` from ``forms/kursus/slides.md``:
  one slide per ``##`` heading, as a page of sections in the site and as a PowerPoint deck made
  by pandoc with ``templates/pandoc/reference.pptx``.

Every text from a case is escaped before it goes into Markdown, except the story, which is
Markdown on purpose (raw HTML in it is shown as text).
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
import subprocess
from pathlib import Path

from ..cases import LoadedCase, load_cases
from ..errors import RenderError
from ..model import Model
from ..text import md_escape
from . import document_path

log = logging.getLogger("toolbox")
ROOT = Path(__file__).resolve().parent.parent.parent
SLIDES_SOURCE = ROOT / "forms" / "kursus" / "slides.md"
REFERENCE_PPTX = Path(__file__).resolve().parent.parent / "templates" / "pandoc" / "reference.pptx"
FILES = "kursus/filer"
PPTX_PATH = f"{FILES}/kursus-slides.pptx"
SLIDES_PAGE = "kursus/slides.md"
CASES_INDEX = "kursus/cases/index.md"
SLIDES_TITLE = "Dias"  # nav titles of the generated pages
CASES_TITLE = "Øvelsessager til rollespil"
SOURCE_DATE_EPOCH = "1735689600"  # 2025-01-01, when the environment sets none
SLIDE_HEADING = re.compile(r"^## +(.+?) *#*$", re.MULTILINE)
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

FORM_USE = {  # what a participant does with each form in the exercises
    "netvaerkskort": "Tegn netværket",
    "udrettedagsorden": "Skriv dagsordenen",
    "koordinerende-indsatsplan": "Lav indsatsplanen",
}


def case_path(case_id: str) -> str:
    return f"kursus/cases/{case_id}.md"


def sheet_path(case_id: str, form_id: str) -> str:
    return f"{FILES}/{case_id}-{form_id}.pdf"


# ---- filled case sheets -------------------------------------------------------------------

CACHE = ROOT / ".cache" / "course"


def _pdf_key(model: Model, shown) -> str:
    """Everything a blank PDF depends on: the PDF renderer, its inputs, the profile and the form."""
    from . import inputs, module

    h = hashlib.sha256(b"course-pdf")
    for path in [Path(module("pdf").__file__), *inputs("pdf")]:
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(model.profile_id.encode())
    h.update(model.profile.model_dump_json(warnings=False).encode())
    h.update(shown.model_dump_json(warnings=False).encode())
    return h.hexdigest()


def _blank_pdf(model: Model, form, shown, documents: dict[str, bytes]) -> bytes | None:
    """The blank PDF of ``shown`` (the form with the case's rows): from this build, the cache, or new."""
    from . import unavailable
    from .pdf import render_pdf

    if shown is form:
        return documents.get(document_path(model.profile_id, form.id, ".pdf"))
    if unavailable("pdf"):
        return None
    return _cached(CACHE / f"{_pdf_key(model, shown)}.pdf", lambda: render_pdf(model, shown))


def _cached(entry: Path, make) -> bytes:
    """``entry``'s bytes from the cache, or ``make()`` written there for the next build."""
    try:
        return entry.read_bytes()
    except OSError:
        pass
    data = make()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(entry)
    except OSError as exc:
        log.warning("kunne ikke gemme %s i cachen: %s", entry.name, exc)
    return data


def _filled_pdf(blank: bytes, shown, fill) -> bytes:
    """The case's values written into the blank PDF; cached by the blank, the values and the filler's code."""
    from .. import fill as filler

    h = hashlib.sha256(b"course-filled")
    h.update(Path(filler.__file__).read_bytes())
    h.update(blank)
    h.update(fill.model_dump_json(warnings=False).encode())
    return _cached(CACHE / f"{h.hexdigest()}.filled.pdf", lambda: filler.fill_pdf(blank, shown, fill))


def sheets(model: Model, cases: list[LoadedCase], documents: dict[str, bytes]) -> dict[str, bytes]:
    from ..fill import form_for_case

    out: dict[str, bytes] = {}
    forms = {f.id: f for f in model.forms}
    for loaded in cases:
        for form_id, fill in loaded.case.forms.items():
            form = forms.get(form_id)
            if form is None:
                continue
            shown = form_for_case(form, fill)
            blank = _blank_pdf(model, form, shown, documents)
            if blank is not None:
                out[sheet_path(loaded.id, form_id)] = _filled_pdf(blank, shown, fill)
    return out


# ---- case pages ---------------------------------------------------------------------------

def _story(text: str) -> str:
    """The story's Markdown with any raw HTML shown as text."""
    return re.sub(r"<", "&lt;", text.strip())


def case_page(model: Model, loaded: LoadedCase, files: dict[str, bytes]) -> str:
    c = loaded.case
    forms = {f.id: f for f in model.forms}

    def link(form_id: str, text: str) -> str:  # a profile may leave the form out
        return f"[{text}](../../blanketter/{form_id}.md)" if form_id in forms else text

    lines = [f"# {md_escape(c.title)}", "",
             f"*{md_escape(c.summary)} Øvelsessagen er opdigtet. Alle navne, steder og numre er opfundet til kurset.*", "",
             "## Historien", "", _story(c.story), "",
             "## Det siger borgeren selv", ""]
    lines += [f"- »{md_escape(w)}«" for w in c.wishes]
    lines += ["", "## Hvem er med?", "",
              "Brug listen som roller, når I holder mødet. Giv hver deltager en rolle og et par minutter til at "
              "læse den.", "", "| Rolle | Navn i sagen | Om rollen |", "|---|---|---|"]
    for a in c.actors:
        cells = [md_escape(a.role), md_escape(a.name or ""), md_escape(a.about)]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if c.unknown:
        lines += ["", "## Det ved I ikke endnu", "",
                  "Oplysningerne her mangler i sagen. Deltagerne må spørge »borgeren« eller de andre roller.", ""]
        lines += [f"- {md_escape(u)}" for u in c.unknown]
    lines += ["", "## Øvelser", "",
              "1. **Vurdér sagen.** Skal borgeren have en koordinerende kontaktperson? Brug "
              "[vurderingskriterierne](../../redskaber/vurderingskriterier.md), og begrund jeres svar.",
              "2. **Tegn netværket med borgeren.** To og to: den ene er kontaktperson, den anden er borgeren. "
              f"Udfyld {link('netvaerkskort', 'netværkskortet')} sammen. Hvem mangler? Hvem vil "
              "borgeren ikke have med?",
              f"3. **Forbered mødet.** Udfyld {link('udrettedagsorden', 'udrettedagsordenen')} til et "
              "opstartsmøde. Borgerens eget punkt står først. Skriv et mål ud for hvert punkt.",
              "4. **Hold et øvemøde.** Fordel rollerne fra listen ovenfor. Mødelederen er også referent. "
              "Øv at sige formålet og sluttidspunktet, at parkere emner, at give to minutters stille "
              "refleksion og en runde, og at slutte med hvem der gør hvad. Bagefter: Hvad virkede? "
              "Hvordan havde borgeren det?"]
    for n, exercise in enumerate(c.exercises, start=5):  # the case's own exercises, from its YAML
        lines.append(f"{n}. **{md_escape(exercise.title)}.** {md_escape(exercise.text)}")
    lines += ["", "## Udfyldte blanketter", ""]
    shown = [(fid, forms[fid]) for fid in c.forms if fid in forms]
    sheets_made = [(fid, f) for fid, f in shown if sheet_path(loaded.id, fid) in files]
    if sheets_made:
        lines += ["Udskriv blanketterne, som de ser ud, når kontaktpersonen har udfyldt dem. Brug dem som facit "
                  "efter øvelserne, eller som udgangspunkt for øvemødet.", ""]
        for fid, f in sheets_made:
            size = len(files[sheet_path(loaded.id, fid)]) // 1024
            lines.append(f"- [{md_escape(f.title)}, udfyldt for sagen (PDF, {size} kB)]"
                         f"(../filer/{loaded.id}-{fid}.pdf)")
    else:
        lines.append("Der er ingen udfyldte PDF-blanketter i denne udgave af værktøjskassen.")
    lines += ["", "[Alle øvelsessager](index.md) · [Kursus](../index.md)", ""]
    return "\n".join(lines)


def cases_index(model: Model, cases: list[LoadedCase]) -> str:
    lines = [f"# {CASES_TITLE}", "",
             "*Til dig, der underviser. Her er fire opdigtede borgere, som deltagerne kan øve sig på. "
             "Hver sag har en historie, borgerens egne ønsker, roller til et øvemøde og udfyldte blanketter, "
             "du kan udskrive.*", "",
             "Læs sagen højt, eller giv deltagerne den på papir. Lad nogle oplysninger mangle, så deltagerne "
             "skal spørge. Brug [programmet for en halv dag](../halv-dag.md) eller "
             "[en hel dag](../hel-dag.md).", ""]
    for loaded in cases:
        lines.append(f"- [{md_escape(loaded.case.title)}]({loaded.id}.md): {md_escape(loaded.case.summary)}")
    lines += ["", "Vil du lave din egen øvelsessag? Læg en YAML-fil i `forms/cases/` i værktøjskassens kildekode. "
              "`toolbox fill forms/cases/NAVN.yml` laver de udfyldte blanketter som PDF.", ""]
    return "\n".join(lines)


# ---- slides -------------------------------------------------------------------------------

def slide_source() -> str:
    return SLIDES_SOURCE.read_text(encoding="utf-8")


def slide_titles(source: str) -> list[str]:
    return SLIDE_HEADING.findall(COMMENT.sub("", source))


def slides_pptx(source: str) -> bytes:
    from .office import pandoc_path

    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    cmd = [pandoc_path(), "--sandbox", "--from=markdown", "--to=pptx", "--slide-level=2",
           "--metadata=lang=da-DK",
           f"--reference-doc={REFERENCE_PPTX}", "--output=-"]
    try:
        proc = subprocess.run(cmd, input=COMMENT.sub("", source).encode(), capture_output=True, env=env,
                              timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise RenderError("pptx", "slides", f"pandoc kunne ikke køre: {e}") from e
    if proc.returncode != 0:
        raise RenderError("pptx", "slides", f"pandoc fejlede ({proc.returncode}): {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


def slides_page(source: str, pptx: bool) -> str:
    """Every slide a ``<section>``; md_in_html renders the Markdown inside."""
    body = COMMENT.sub("", source).replace("<", "&lt;")
    parts = re.split(r"^(?=## )", body, flags=re.MULTILINE)
    sections = []
    for n, part in enumerate(p for p in parts if p.startswith("## ")):
        sections.append(f'<section class="tb-slide" id="slide-{n + 1}" markdown="1">\n\n{part.strip()}\n\n</section>')
    download = ("[Hent diasene som PowerPoint (PPTX)](filer/kursus-slides.pptx)" if pptx
                else "Der er ingen PowerPoint-fil i denne udgave af værktøjskassen.")
    return "\n".join([
        "# Dias til kursusdagen", "",
        "*Til dig, der underviser. Her er kursets dias. Vis dem fra siden her, eller hent dem som "
        "PowerPoint og ret dem til jeres egen dag.*", "",
        download + " · Gå mellem diasene med piletasterne, når et dias er valgt.", "",
        '<div class="tb-slides" markdown="1">', "", "\n\n".join(sections), "", "</div>", ""])


def render(model: Model, documents: dict[str, bytes]) -> dict[str, bytes]:
    from . import unavailable

    cases = load_cases(ROOT, model.schema_)
    files: dict[str, bytes] = {}
    files.update(sheets(model, cases, documents))
    for loaded in cases:
        files[case_path(loaded.id)] = case_page(model, loaded, files).encode()
    files[CASES_INDEX] = cases_index(model, cases).encode()
    source = slide_source()
    has_pptx = unavailable("docx") is None  # pandoc is there
    if has_pptx:
        files[PPTX_PATH] = slides_pptx(source)
    files[SLIDES_PAGE] = slides_page(source, has_pptx).encode()
    return files


def case_nav(model: Model) -> list[dict[str, str]]:
    """The nav entries of the case pages (for the build's Kursus section)."""
    cases = load_cases(ROOT, model.schema_)
    return [{c.case.title: case_path(c.id)} for c in cases]
