"""Role-play cases for course days (``forms/cases/NAME.yml``).

A case is a fictional citizen: a short story, the citizen's own wishes, the actors around the
citizen, what the participants do not know yet, and values that pre-fill one or more forms.
The values are keyed by the forms' control names, the same names the form page and its saved
file use (``SECTION.FIELD``, table cells ``SECTION.TABLE.ROW.COLUMN``, repeating rows
``SECTION.TABLE.BLOCK.N.COLUMN`` and ``SECTION.TABLE.BLOCK.N.label``), so a case is checked
against the schema: every name must exist in its form, and a choice must be one of its options.

    title: Sara, 34 år – udskrivning med boligen i fare
    summary: One Danish sentence.
    story: |                 # Markdown
      ...
    wishes: [ ... ]          # the citizen's own wishes, one or more
    actors:                  # one or more
      - role: Sygeplejerske på afsnittet
        name: Ea Opdigtet    # optional, invented
        about: What the actor does and wants.
    unknown: [ ... ]         # optional: what the participants must ask about
    exercises:               # optional: exercises of this case, after the course's own
      - title: Lav indsatsplanen
        text: What the participants do.
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
from dataclasses import dataclass
from pathlib import Path
from datetime import date, time
from typing import Annotated, Any, Iterator, Union

from pydantic import BeforeValidator, Field, StringConstraints

from .errors import InputError, Problem
from .loader import Document, load_yaml
from .model import FieldSpec, Form, Label, RepeatRow, Schema, Strict, Text

CASES_DIR = Path("forms") / "cases"


def _as_text(value: Any) -> Any:
    """YAML reads 2026-03-02 as a date and 30 as a number; the form's values are texts."""
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.rstrip("\n")  # a YAML block (|) ends in a newline the form's text does not have
    return value


Value = Annotated[str, BeforeValidator(_as_text), StringConstraints(max_length=5_000)]
FORMATS = {"date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "en dato som ÅÅÅÅ-MM-DD, fx 2026-03-02"),
           "time": (re.compile(r"^\d{2}:\d{2}$"), "et klokkeslæt som TT:MM, fx 09:30"),
           "number": (re.compile(r"^-?\d+$"), "et helt tal")}


class Actor(Strict):
    role: Label
    name: Label | None = None
    about: Label


class Exercise(Strict):
    """An exercise of this case only, shown after the course's own exercises."""

    title: Label
    text: Label


class FormFill(Strict):
    values: dict[str, Union[Value, list[Value]]] = Field(min_length=1)
    rows: dict[str, int] = {}


class Case(Strict):
    title: Label
    summary: Label
    story: Text
    wishes: list[Label] = Field(min_length=1)
    actors: list[Actor] = Field(min_length=1)
    unknown: list[Label] = []
    exercises: list[Exercise] = []
    forms: dict[str, FormFill] = Field(min_length=1)


@dataclass
class LoadedCase:
    id: str
    file: str
    case: Case


# ---- the control names of a form, computed from the schema ---------------------------------

@dataclass(frozen=True)
class Block:
    """A repeating block of a row table: its rows are ``NAME.N.COLUMN`` and ``NAME.N.label``."""

    name: str
    table: FieldSpec
    row: RepeatRow


def controls(form: Form) -> dict[str, FieldSpec]:
    """Every fixed control name of the form and the field behind it (no repeating rows)."""
    out: dict[str, FieldSpec] = {}
    for s in form.sections:
        for f in s.fields:
            name = f"{s.id}.{f.id}"
            if f.kind != "table":
                out[name] = f
                continue
            for r in f.rows or []:
                if not isinstance(r, RepeatRow):
                    for c in f.columns or []:
                        out[f"{name}.{r.id}.{c.id}"] = c
    return out


def blocks(form: Form) -> dict[str, Block]:
    out: dict[str, Block] = {}
    for s in form.sections:
        for f in s.fields:
            for r in f.rows or []:
                if isinstance(r, RepeatRow):
                    name = f"{s.id}.{f.id}.{r.id}"
                    out[name] = Block(name, f, r)
    return out


ROW_NAME = re.compile(r"^(?P<block>.+)\.(?P<n>\d+)\.(?P<column>[^.]+)$")
ROW_LABEL = FieldSpec(id="label", kind="text", label="Rækkens navn")


def lookup(form: Form, name: str) -> tuple[FieldSpec, Block | None, int] | None:
    """The field behind a control name, and the block and row number of a repeating row."""
    fixed = controls(form).get(name)
    if fixed is not None:
        return fixed, None, -1
    m = ROW_NAME.match(name)
    block = blocks(form).get(m.group("block")) if m else None
    if block is None:
        return None
    n, column = int(m.group("n")), m.group("column")
    if column == "label":
        return ROW_LABEL, block, n
    col = next((c for c in block.table.columns or [] if c.id == column), None)
    return (col, block, n) if col is not None else None


def options(f: FieldSpec) -> list[str]:
    if f.kind == "yesno":
        return ["ja", "nej"]
    if f.kind == "checkbox":
        return ["ja"]
    return [c.id for c in f.choices or []]


def row_counts(form: Form, fill: FormFill) -> dict[str, int]:
    """Rows of each repeating block: as the case says, else enough for its values (at least ``initial``)."""
    counts = {name: b.row.repeat.initial for name, b in blocks(form).items()}
    for name in fill.values:
        found = lookup(form, name)
        if found and found[1] is not None:
            counts[found[1].name] = max(counts[found[1].name], found[2] + 1)
    counts.update({k: v for k, v in fill.rows.items() if k in counts})
    return counts


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


def check_case(doc: Document, case: Case, schema: Schema) -> list[Problem]:
    problems: list[Problem] = []
    forms = {f.id: f for f in schema.forms}
    for form_id, fill in case.forms.items():
        form = forms.get(form_id)
        if form is None:
            problems.append(doc.problem(("forms", form_id), f"ukendt blanket '{form_id}' (kendte: {', '.join(forms)})"))
            continue
        problems.extend(_check_values(doc, form, fill, ("forms", form_id)))
    return problems


def load_case(path: Path, schema: Schema, display: str | None = None) -> LoadedCase:
    """One case file, checked against the schema; ``InputError`` with every problem."""
    from .validate import parse

    doc = load_yaml(path, display)
    case = parse(doc, Case)
    problems = check_case(doc, case, schema)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", path.stem):
        problems.append(Problem(doc.file, 1, "", f"ugyldigt filnavn '{path.stem}' (forventet små bogstaver, tal og bindestreg)"))
    if problems:
        raise InputError(problems)
    return LoadedCase(path.stem, doc.file, case)


def load_cases(root: Path, schema: Schema, paths: list[Path] | None = None) -> list[LoadedCase]:
    """Every case under ``forms/cases`` (or the given files); one ``InputError`` holds all problems."""
    from .validate import _rel

    problems: list[Problem] = []
    out: list[LoadedCase] = []
    for path in paths if paths is not None else sorted((root / CASES_DIR).glob("*.yml")):
        try:
            out.append(load_case(path, schema, _rel(path, root)))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return out
