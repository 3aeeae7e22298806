"""Role-play cases for course days (``forms/cases/NAME.yml``).

A case is a fictional citizen: a short story, the citizen's own wishes, the actors around the
citizen, what the participants do not know yet, and values that pre-fill one or more forms.
The values are keyed by the forms' control names (``toolbox.controls``), the same names the form
page and its saved file use, so a case is checked against the schema: every name must exist in its
form, a choice must be one of its options, a date, time or number must look like one.

    title: Sara, 34 år – udskrivning med boligen i fare
    summary: One Danish sentence.
    story: |                 # Markdown
      ...
    wishes: [ ... ]          # the citizen's own wishes, one or more
    actors:                  # one or more; each gets a role card
      - role: Sygeplejerske på afsnittet
        name: Ea Opdigtet    # optional, invented
        about: What the actor does and wants.
        party: samarbejdspartner   # borger (exactly one) | kontaktperson | samarbejdspartner (default) | paaroerende
        knows: [ ... ]       # optional, for the role card: what the role knows,
        wants: [ ... ]       # wants from the meeting,
        worries: [ ... ]     # and worries about
    unknown: [ ... ]         # optional: what the participants must ask about
    exercises:               # optional: exercises of this case, after the course's own
      - title: Lav indsatsplanen
        text: What the participants do.
    trainer:                 # optional: for the trainer only (the page kursus/underviser/NAME/)
      focus: What the case trains.
      answers: {assessment: [...], network: [...], agenda: [...], meeting: [...], plan: [...]}
      traps: [ ... ]         # one or more
    forms:
      netvaerkskort:
        rows: {aktoerer.behandling.andre: 2}   # optional: rows of a repeating block
        values:
          borger.navn: Sara Opdigtet
          aktoerer.behandling.dpc.har-kontakt: ja
          aktoerer.behandling.andre.0.label: Misbrugsbehandler
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..controls import blocks, lookup, options
from ..errors import InputError, Problem
from ..model import ID_PATTERN, Case, Form, FormFill, LoadedCase, Schema
from .common import markdown
from .problems import parse
from .yamlfile import Document, load_yaml

CASES_DIR = Path("forms") / "cases"
FORMATS = {"date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "en dato som ÅÅÅÅ-MM-DD, fx 2026-03-02"),
           "time": (re.compile(r"^\d{2}:\d{2}$"), "et klokkeslæt som TT:MM, fx 09:30"),
           "number": (re.compile(r"^-?\d+$"), "et helt tal")}


def _check_values(doc: Document, form: Form, fill: FormFill, loc: tuple) -> Iterator[Problem]:
    known_blocks = blocks(form)
    for name, count in fill.rows.items():
        block = known_blocks.get(name)
        if block is None:
            known = ", ".join(sorted(known_blocks)) or "ingen"
            yield doc.problem(loc + ("rows", name), f"blanketten '{form.id}' har ingen gentagen blok '{name}' (blokke: {known})")
        elif not 0 <= count <= block.row.repeat.max:
            yield doc.problem(loc + ("rows", name), f"antal rækker {count} passer ikke (forventet 0 til {block.row.repeat.max})")
    for name, value in fill.values.items():
        here = loc + ("values", name)
        found = lookup(form, name)
        if found is None:
            yield doc.problem(here, f"blanketten '{form.id}' har intet felt '{name}' "
                                    "(forventet AFSNIT.FELT, AFSNIT.TABEL.RÆKKE.KOLONNE eller AFSNIT.TABEL.BLOK.N.KOLONNE)")
            continue
        f, block, n = found
        if block is not None:
            if n >= block.row.repeat.max:
                yield doc.problem(here, f"række {n} findes ikke (blokken '{block.name}' har højst {block.row.repeat.max} rækker, talt fra 0)")
            elif block.name in fill.rows and n >= fill.rows[block.name]:
                yield doc.problem(here, f"række {n} ligger uden for de {fill.rows[block.name]} rækker, som rows giver blokken '{block.name}'")
        if f.kind == "multichoice":
            chosen = value if isinstance(value, list) else [value]
        elif isinstance(value, list):
            yield doc.problem(here, f"feltet af typen '{f.kind}' har én værdi (forventet en tekst, ikke en liste)")
            continue
        else:
            chosen = [value] if f.kind in ("yesno", "checkbox", "choice") else []
            pattern, expected = FORMATS.get(f.kind, (None, ""))
            if pattern is not None and not pattern.match(value):
                yield doc.problem(here, f"ugyldig værdi {value!r} (forventet {expected})")
        allowed = options(f)
        for v in chosen:
            if v not in allowed:
                yield doc.problem(here, f"ugyldig værdi {v!r} (forventet en af: {', '.join(allowed)})")


def _check_roles(doc: Document, case: Case) -> Iterator[Problem]:
    """Exactly one actor is the citizen (``party: borger``): the citizen's role card carries the wishes."""
    citizens = [n for n, a in enumerate(case.actors) if a.party == "borger"]
    if not citizens:
        yield doc.problem(("actors",), "ingen af rollerne er borgeren (forventet party: borger ved præcis én rolle, "
                                       "så borgeren får sit eget rollekort)")
    for n in citizens[1:]:
        yield doc.problem(("actors", n, "party"), f"rollen '{case.actors[n].role}' er også markeret som borgeren "
                                                  "(forventet party: borger ved præcis én rolle)")


def check_case(doc: Document, case: Case, schema: Schema) -> list[Problem]:
    problems: list[Problem] = list(_check_roles(doc, case))
    forms = {f.id: f for f in schema.forms}
    for form_id, fill in case.forms.items():
        form = forms.get(form_id)
        if form is None:
            problems.append(doc.problem(("forms", form_id), f"ukendt blanket '{form_id}' (kendte: {', '.join(forms)})"))
            continue
        problems.extend(_check_values(doc, form, fill, ("forms", form_id)))
    return problems


def load(path: Path, schema: Schema, display: str | None = None) -> LoadedCase:
    """One case file, checked against the schema; ``InputError`` with every problem."""
    doc = load_yaml(path, display)
    case = parse(doc, Case)
    problems = check_case(doc, case, schema)
    problems += list(markdown(doc, ("story",), case.story))
    if not re.fullmatch(ID_PATTERN, path.stem):
        problems.append(Problem(doc.file, 1, "", f"ugyldigt filnavn '{path.stem}' (forventet små bogstaver, tal og bindestreg)"))
    if problems:
        raise InputError(problems)
    return LoadedCase(id=path.stem, file=doc.file, case=case)
