"""The control names of a form, computed from the model.

A form page names each control ``SECTION.FIELD``; a table cell ``SECTION.TABLE.ROW.COLUMN``; a row of
a repeating block ``SECTION.TABLE.BLOCK.N.COLUMN`` and its name ``SECTION.TABLE.BLOCK.N.label`` (N from
0).  The saved file, the PDF's fields, the JSON Schema and a course case's values use the same names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import FieldSpec, Form, FormFill, RepeatRow, Section


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
    """The values a choice-like field can have."""
    if f.kind == "yesno":
        return ["ja", "nej"]
    if f.kind == "checkbox":
        return ["ja"]
    return [c.id for c in f.choices or []]


def row_counts(form: Form, fill: FormFill) -> dict[str, int]:
    """Rows of each repeating block: as the fill says, else enough for its values (at least ``initial``)."""
    counts = {name: b.row.repeat.initial for name, b in blocks(form).items()}
    for name in fill.values:
        found = lookup(form, name)
        if found and found[1] is not None:
            counts[found[1].name] = max(counts[found[1].name], found[2] + 1)
    counts.update({k: v for k, v in fill.rows.items() if k in counts})
    return counts


def with_rows(form: Form, counts: dict[str, int]) -> Form:
    """The form with each repeating block showing ``counts[block]`` rows (the same form if none changes)."""
    if all(counts.get(name, b.row.repeat.initial) == b.row.repeat.initial for name, b in blocks(form).items()):
        return form
    sections = []
    for s in form.sections:
        fields = []
        for f in s.fields:
            if f.kind == "table" and f.rows:
                rows = []
                for r in f.rows:
                    if isinstance(r, RepeatRow):
                        n = counts.get(f"{s.id}.{f.id}.{r.id}", r.repeat.initial)
                        r = r.model_copy(update={"repeat": r.repeat.model_copy(update={"initial": n})})
                    rows.append(r)
                f = f.model_copy(update={"rows": rows})
            fields.append(f)
        sections.append(s.model_copy(update={"fields": fields}))
    return form.model_copy(update={"sections": sections})


def condition_labels(form: Form) -> dict[str, tuple[str, str]]:
    """For each section shown on a condition: (the field's label, the chosen value's label)."""
    fields = {f"{s.id}.{f.id}": f for s in form.sections for f in s.fields}
    out: dict[str, tuple[str, str]] = {}
    for s in form.sections:
        if s.when is not None and s.when.field in fields:
            f = fields[s.when.field]
            labels = {"ja": "Ja", "nej": "Nej"} | {c.id: c.label for c in f.choices or []}
            out[s.id] = (f.label, labels.get(s.when.has, s.when.has))
    return out


def met(section: Section, values: dict) -> bool:
    """Whether a section is shown for these values (a section without a condition always is)."""
    if section.when is None:
        return True
    value = values.get(section.when.field)
    return section.when.has in value if isinstance(value, list) else value == section.when.has


def shown(form: Form, values: dict) -> Form:
    """The form with only the sections these values show (the same form when all are shown)."""
    kept = [s for s in form.sections if met(s, values)]
    return form if len(kept) == len(form.sections) else form.model_copy(update={"sections": kept})
