"""JSON Schema (draft 2020-12) of the file a form page saves with "Gem som fil".

The file is what ``serialize()`` in ``docs/assets/javascripts/forms-core.js`` writes::

    {"format": "dkk-blanket", "version": 2, "form": "<form id>", "form_version": "<fingerprint>",
     "saved": "<date-time>", "rows": {"<block>": <number of rows>},
     "values": {"<control name>": "<value>" | ["<value>", …]},
     "kept": {"<name>": "<value>" | ["<value>", …]}}

``kept`` holds the values of an opened file that this version of the form has no field for (an
older or newer form, a renamed field or choice): the page shows them, keeps them and writes them
back.  Files of version 1 (without ``form_version`` and ``kept``) validate too.

``values`` has one property per control name (``SECTION.FIELD``, table cells
``SECTION.TABLE.ROW.COLUMN``), and the rows of a repeating block are matched by patterns
(``SECTION.TABLE.BLOCK.N.COLUMN`` and ``SECTION.TABLE.BLOCK.N.label``, N from 0).  The page only
saves controls that have a value, so a property is missing when its field is empty; ``required``
lists what the schema marks as required, i.e. what a finished form has.  For fagsystem vendors:
titles and descriptions are Danish, as on the form.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import messages, rules
from ..errors import RenderError
from ..model import FieldSpec, Form, Model, RepeatRow
from . import document_path

FORMAT = "dkk-blanket"  # as in forms.js
SUFFIX = ".schema.json"
TOOLS: tuple[str, ...] = ()
VERSIONS = (1, 2)  # every version of the saved file this schema describes; the page writes the last


def inputs(model: Model) -> list[Path]:
    return [Path(messages.__file__), Path(rules.__file__)]
# The schema names no municipality: it reads no profile field, so profiles share one cached copy.
PROFILE_FIELDS: tuple[str, ...] = ()

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# Danish texts of the schema itself.
TITLE = "{title}: gemt blanket"
DESCRIPTION = ("Den fil, blanketten »{title}« gemmer med »Gem som fil«. Kun udfyldte felter er med. "
               "»required« viser, hvad der skal udfyldes, før blanketten er færdig.")
SAVED = "Hvornår filen blev gemt"
FORM_VERSION = "Hvilken udgave af blanketten der gemte filen (et fingeraftryk af dens felter)"
KEPT = ("Værdier fra en fil, som denne udgave af blanketten ikke har et felt til (fx et felt, der har skiftet "
        "navn). Siden viser dem, beholder dem og gemmer dem igen.")
ROWS = "Antal rækker i hver tabeldel, hvor man selv tilføjer rækker"
VALUES = ("Det, der er skrevet i blanketten: ét felt pr. navn. I de rækker, man selv tilføjer, "
          "er N rækkens nummer talt fra 0.")
ROW_N = "{what} nr. N+1"
ROW_LABEL = "{header} ({row})"
NUMBER = "Et helt tal"
NUMBER_RANGE = "Et helt tal fra {min} til {max}"
NUMBER_MIN = "Et helt tal på mindst {min}"
NUMBER_MAX = "Et helt tal på højst {max}"
OPTIONS = "Værdier: {options}"
CHECKED = "»ja«, når der er sat kryds"


def _options(f: FieldSpec) -> list[tuple[str, str]]:
    if f.kind == "yesno":
        return [("ja", messages.YES), ("nej", messages.NO)]
    return [(c.id, c.label) for c in f.choices or []]


def _describe(*parts: str | None) -> dict[str, str]:
    text = " ".join(p.rstrip(".") + "." for p in parts if p)
    return {"description": text} if text else {}


def _string(fmt: str | None = None, pattern: str | None = None) -> Callable[[FieldSpec], dict[str, Any]]:
    def schema(f: FieldSpec) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if fmt:
            out["format"] = fmt
        if pattern:
            out["pattern"] = pattern
        return out | _describe(f.hint)
    return schema


def _number(f: FieldSpec) -> dict[str, Any]:
    if f.min is not None and f.max is not None:
        what = NUMBER_RANGE.format(min=f.min, max=f.max)
    elif f.min is not None:
        what = NUMBER_MIN.format(min=f.min)
    elif f.max is not None:
        what = NUMBER_MAX.format(max=f.max)
    else:
        what = NUMBER
    return {"type": "string", "pattern": rules.PATTERNS["number"]} | _describe(f.hint, what)


def _checkbox(f: FieldSpec) -> dict[str, Any]:
    return {"type": "string", "enum": ["ja"]} | _describe(f.hint, CHECKED)


def _one_of(f: FieldSpec) -> dict[str, Any]:
    opts = _options(f)
    listed = OPTIONS.format(options=", ".join(f"»{v}« ({name})" for v, name in opts))
    return {"type": "string", "enum": [v for v, _ in opts]} | _describe(f.hint, listed)


def _any_of(f: FieldSpec) -> dict[str, Any]:
    opts = _options(f)
    listed = OPTIONS.format(options=", ".join(f"»{v}« ({name})" for v, name in opts))
    return {"type": "array", "items": {"type": "string", "enum": [v for v, _ in opts]}, "uniqueItems": True} \
        | _describe(f.hint, listed)


# One function per field kind; a kind missing here is an error.  Tables are expanded into cells.
KINDS: dict[str, Callable[[FieldSpec], dict[str, Any]]] = {
    "text": _string(),
    "textarea": _string(),
    "tel": _string(pattern=rules.PATTERNS["tel"]),
    "signature": _string(),
    "date": _string("date", rules.PATTERNS["date"]),
    "time": _string(pattern=rules.PATTERNS["time"]),
    "email": _string("email", rules.PATTERNS["email"]),
    "cpr": _string(pattern=rules.PATTERNS["cpr"]),
    "number": _number,
    "checkbox": _checkbox,
    "yesno": _one_of,
    "choice": _one_of,
    "multichoice": _any_of,
}


HANDLES = frozenset(KINDS) | {"table"}  # a table is described cell by cell


def _value(form: Form, f: FieldSpec, title: str) -> dict[str, Any]:
    kind = KINDS.get(f.kind)
    if kind is None:
        raise RenderError("jsonschema", form.id, f"felttypen '{f.kind}' kan ikke beskrives i JSON Schema")
    return {"title": title} | kind(f)


def _pattern(*parts: str) -> str:
    """A regular expression for a dotted name; ids are kebab-case, so only the dots need escaping."""
    return "^" + r"\.".join(parts) + "$"


def values_schema(form: Form) -> tuple[dict[str, Any], dict[str, Any]]:
    """The schema of ``values`` and that of ``rows``."""
    props: dict[str, Any] = {}
    patterns: dict[str, Any] = {}
    required: list[str] = []
    blocks: dict[str, Any] = {}
    for s in form.sections:
        for f in s.fields:
            name = f"{s.id}.{f.id}"
            if f.kind != "table":
                props[name] = _value(form, f, f.label)
                if f.required:
                    required.append(name)
                continue
            for r in f.rows or []:
                if isinstance(r, RepeatRow):
                    block = f"{name}.{r.id}"
                    row = ROW_N.format(what=r.repeat.label)
                    header = f.row_header or r.repeat.label
                    patterns[_pattern(s.id, f.id, r.id, "(0|[1-9][0-9]*)", "label")] = {
                        "title": f"{f.label}: {ROW_LABEL.format(header=header, row=row)}", "type": "string"}
                    for c in f.columns or []:
                        patterns[_pattern(s.id, f.id, r.id, "(0|[1-9][0-9]*)", c.id)] = \
                            _value(form, c, f"{f.label}: {c.label}, {row}")
                    blocks[block] = {"title": f"{f.label}: {r.repeat.label}", "type": "integer",
                                     "minimum": 0, "maximum": r.repeat.max, "default": r.repeat.initial}
                else:
                    for c in f.columns or []:
                        cell = f"{name}.{r.id}.{c.id}"
                        props[cell] = _value(form, c, f"{f.label}: {c.label}, {r.label}")
                        if c.required:
                            required.append(cell)
    values: dict[str, Any] = {"type": "object", "description": VALUES, "properties": props}
    if patterns:
        values["patternProperties"] = patterns
    if required:
        values["required"] = required
    values["additionalProperties"] = False
    rows = {"type": "object", "description": ROWS, "properties": blocks, "additionalProperties": False}
    return values, rows


def schema(model: Model, form: Form) -> dict[str, Any]:
    values, rows = values_schema(form)
    return {
        "$schema": DRAFT,
        "title": TITLE.format(title=form.title),
        "description": DESCRIPTION.format(title=form.title),
        "type": "object",
        "required": ["format", "version", "form", "values"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"enum": list(VERSIONS)},
            "form": {"const": form.id},
            "form_version": {"type": "string", "description": FORM_VERSION},
            "saved": {"type": "string", "format": "date-time", "description": SAVED},
            "rows": rows,
            "values": values,
            "kept": {"type": "object", "description": KEPT, "additionalProperties": {"anyOf": [
                {"type": "string"}, {"type": "array", "items": {"type": "string"}}]}},
        },
        "additionalProperties": False,
    }


def render_form(model: Model, form: Form) -> dict[str, bytes]:
    text = json.dumps(schema(model, form), ensure_ascii=False, indent=2) + "\n"
    # HTML's own characters as JSON escapes: the same data, and safe wherever a reader pastes it into a page.
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return {document_path(model.profile_id, form.id, SUFFIX): text.encode()}
