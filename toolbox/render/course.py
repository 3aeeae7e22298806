"""The course kit's case pages (Kursus): one page per role-play case, and their index.

``kursus/cases/index.md`` and ``kursus/cases/NAME.md`` from the cases in the model (``forms/cases/
NAME.yml``): the story, the citizen's wishes, the actors as roles for the practice meeting, what is
not known yet, the exercises, and links to the case's filled forms (``toolbox.render.sheets``).

Every text from a case is escaped before it goes into Markdown, except the story, which is Markdown
on purpose (raw HTML in it is shown as text, and its links were checked by the inputs layer).
"""
from __future__ import annotations

import re

from . import NavEntry, ecomap
from ..model import LoadedCase, Model
from ..text import md_escape
from .rolecards import cards_path
from .sheets import sheet_path

HANDLES = None  # renders no form fields (the filled sheets are toolbox.render.sheets)
CASES_INDEX = "kursus/cases/index.md"
COURSE_ANCHOR = "kursus/index.md"  # the nav section the case pages join
CASES_TITLE = "Øvelsessager til rollespil"  # nav title of the generated pages

FORM_USE = {  # what a participant does with each form in the exercises
    "netvaerkskort": "Tegn netværket",
    "udrettedagsorden": "Skriv dagsordenen",
    "koordinerende-indsatsplan": "Lav indsatsplanen",
}


def case_path(case_id: str) -> str:
    return f"kursus/cases/{case_id}.md"


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
    cards = cards_path(loaded.id)
    if cards in files:
        lines += ["", f"[Rollekort til øvemødet (PDF, {len(files[cards]) // 1024} kB)](../filer/{loaded.id}-rollekort.pdf): "
                  "ét kort i A6 til hver rolle med det, rollen ved, vil og er bekymret for. Udskriv, og klip kortene ud."]
    lines += ["", f"Underviseren finder facit til øvelserne og fælder at tale om på [siden til underviseren]"
              f"(../underviser/{loaded.id}.md)."]
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
    for fid in (fid for fid in c.forms if fid in forms):  # a network map's drawing (toolbox.render.ecomap)
        lines += ecomap.case_section(loaded.id, forms[fid], files)
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


def render(model: Model, ctx) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for loaded in model.cases:
        files[case_path(loaded.id)] = case_page(model, loaded, ctx.files).encode()
    files[CASES_INDEX] = cases_index(model, model.cases).encode()
    return files


def nav(model: Model) -> list[NavEntry]:
    """The case pages join the nav section of the course index."""
    if not model.cases:
        return []
    entry = {CASES_TITLE: [CASES_INDEX] + [{c.case.title: case_path(c.id)} for c in model.cases]}
    return [NavEntry(COURSE_ANCHOR, "append", entry)]
