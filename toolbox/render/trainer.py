"""The trainer's pages (Kursus › Til underviseren): one page per case with its answer key, and an index.

``kursus/underviser/index.md`` and ``kursus/underviser/NAME.md`` from the cases' ``trainer:`` notes
(``forms/cases/NAME.yml``): what the case trains, what to prepare and print, what a good answer to
each exercise on the case's page contains, the traps to discuss, and how to talk about the practice
meeting afterwards.  The participants' case page (``toolbox.render.course``) shows none of it.

Every text from a case is escaped before it goes into Markdown.
"""
from __future__ import annotations

from . import NavEntry
from ..model import LoadedCase, Model
from ..text import md_escape
from .rolecards import PARTY, cards_path
from .sheets import sheet_path

HANDLES = None  # renders no form fields
TRAINER_INDEX = "kursus/underviser/index.md"
COURSE_ANCHOR = "kursus/index.md"
TRAINER_TITLE = "Til underviseren"  # nav title of the generated pages
ASSESSMENT_PAGE = "vurderingsoevelse.md"  # docs/kursus/, the assessment exercise with short cases
# The exercises of the case page (toolbox.render.course), by the key of their answers in the case.
EXERCISES = {"assessment": "1. Vurdér sagen", "network": "2. Tegn netværket med borgeren",
             "agenda": "3. Forbered mødet", "meeting": "4. Hold et øvemøde", "plan": "5. Lav indsatsplanen"}
DEBRIEF = ("Spørg borgeren først: Hvordan var det at være med? Blev du hørt?",
           "Spørg derefter mødelederen: Hvad var svært? Hvad ville du gøre anderledes?",
           "Spørg samarbejdspartnerne: Fik I sagt det, I kom for? Ved I, hvad I skal nu?",
           "Sammenlign referatet og blanketterne med de udfyldte blanketter fra sagen. Hvad er anderledes, og hvorfor?",
           "Slut med: Hvad tager vi med til en rigtig sag?")


def trainer_path(case_id: str) -> str:
    return f"kursus/underviser/{case_id}.md"


def _bullets(items: list[str]) -> list[str]:
    return [f"- {md_escape(i)}" for i in items]


def trainer_page(model: Model, loaded: LoadedCase, files: dict[str, bytes]) -> str:
    c, notes = loaded.case, loaded.case.trainer
    forms = {f.id: f for f in model.forms}
    lines = [f"# Til underviseren: {md_escape(c.title)}", "",
             "*Til dig, der underviser. Her er, hvad øvelsessagen træner, hvad et godt svar på hver øvelse "
             "indeholder, og hvilke fælder I kan tale om bagefter. Siden er til dig: Vis den først for "
             "deltagerne, når de selv har prøvet.*", ""]
    if notes is not None:
        lines += [f"**Det træner sagen:** {md_escape(notes.focus)}", ""]
    lines += ["## Forbered dig", "",
              f"- Læs [øvelsessagen](../cases/{loaded.id}.md), og giv deltagerne den på papir eller på skærmen."]
    cards = cards_path(loaded.id)
    if cards in files:
        lines.append(f"- Udskriv [rollekortene (PDF, {len(files[cards]) // 1024} kB)](../filer/{loaded.id}-rollekort.pdf), "
                     "og klip dem ud. Der er et kort til hver rolle.")
    sheets = [(fid, forms[fid]) for fid in c.forms if fid in forms and sheet_path(loaded.id, fid) in files]
    for fid, form in sheets:
        lines.append(f"- Udskriv {md_escape(form.title.lower())} [udfyldt for sagen](../filer/{loaded.id}-{fid}.pdf) "
                     f"som facit, og en [tom {md_escape(form.title.lower())}](../../blanketter/{fid}.md) til hver gruppe.")
    lines += ["", "| Rolle | Hvem | Navn i sagen |", "|---|---|---|"]
    for a in c.actors:
        cells = [md_escape(a.role), PARTY[a.party], md_escape(a.name or "")]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    lines += ["", "Har I færre deltagere end roller, så lad samarbejdspartnerne sende et skriftligt input i stedet.", ""]
    if notes is not None and notes.answers:
        lines += ["## Facit til øvelserne", "",
                  "Her er, hvad et godt svar indeholder. Der er ikke kun ét rigtigt svar: Lad deltagerne begrunde "
                  "deres eget, før du viser punkterne.", ""]
        for key, title in EXERCISES.items():
            if notes.answers.get(key):
                lines += [f"### {title}", "", *_bullets(notes.answers[key]), ""]
    if notes is not None:
        lines += ["## Fælder at tale om", "", *_bullets(notes.traps), ""]
    lines += ["## Når øvemødet er slut", "", *[f"{n}. {step}" for n, step in enumerate(DEBRIEF, start=1)], "",
              "[Alle sager til underviseren](index.md) · [Øvelsessagen](../cases/" + loaded.id + ".md) · "
              "[Kursus](../index.md)", ""]
    return "\n".join(lines)


def trainer_index(cases: list[LoadedCase]) -> str:
    lines = [f"# {TRAINER_TITLE}", "",
             "*Til dig, der underviser. Her er facit og fælder til hver øvelsessag, så du kan lede øvelserne og "
             "samle op bagefter. Deltagerne bruger sagernes egne sider.*", "",
             "Til hver sag er der en side med, hvad sagen træner, hvad et godt svar på hver øvelse indeholder, "
             "og hvilke fælder I kan tale om. Rollekortene og de udfyldte blanketter finder du på siden.", ""]
    lines += [f"- [{md_escape(c.case.title)}]({c.id}.md)" + (f": {md_escape(c.case.trainer.focus)}" if c.case.trainer else "")
              for c in cases]
    lines += ["", f"Vil du øve vurderingen først? Brug [vurderingsøvelsen](../{ASSESSMENT_PAGE}) med korte sager, "
              "som grupperne drøfter uden point.", ""]
    return "\n".join(lines)


def render(model: Model, ctx) -> dict[str, bytes]:
    if not model.cases:
        return {}
    files = {trainer_path(c.id): trainer_page(model, c, ctx.files).encode() for c in model.cases}
    files[TRAINER_INDEX] = trainer_index(model.cases).encode()
    return files


def nav(model: Model) -> list[NavEntry]:
    """The trainer's pages join the nav section of the course index, after the case pages."""
    if not model.cases:
        return []
    entry = {TRAINER_TITLE: [TRAINER_INDEX] + [{c.case.title: trainer_path(c.id)} for c in model.cases]}
    return [NavEntry(COURSE_ANCHOR, "append", entry)]
