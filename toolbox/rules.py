"""The checks of a form's values, in one place: the published JSON Schema writes them
(``toolbox.render.jsonschema``) and the form page receives them as data (``toolbox.render.html``
puts :func:`page_rules` in the form's ``data-rules`` attribute; ``forms-core.js`` applies them).

A rule is plain data, so both sides read the same thing: a regular expression (written in the
common subset of ECMAScript and Python syntax, anchored with ``^…$``), and for numbers the
limits the schema gives the field.  The page reports what fails when the user saves, and never
stops the save: a draft may be incomplete.
"""
from __future__ import annotations

import hashlib
from typing import Any

from .model import FieldSpec, Form

# A real day and month: 01–28 in every month, 29–30 in all but February, 31 in the long months.
_DAY_MONTH = r"(?:(?:0[1-9]|1[0-9]|2[0-8])(?:0[1-9]|1[0-2])|(?:29|30)(?:0[13-9]|1[0-2])|31(?:0[13578]|1[02]))"
_LEAP_YY = r"(?:[02468][048]|[13579][26])"  # two-digit years of which 29 February can be a date (00: 2000)
# Cpr: ten digits, the first six a real date (ddmmåå), a dash after the sixth allowed.
CPR = rf"^(?:{_DAY_MONTH}[0-9]{{2}}|2902{_LEAP_YY})-?[0-9]{{4}}$"
# A saved date is ISO 8601 (åååå-mm-dd), as the page has always saved it; a real date, leap years counted.
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_LEAP_YYYY = r"(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)"
DATE = rf"^(?:[0-9]{{4}}-{_MONTH_DAY}|{_LEAP_YYYY}-02-29)$"
# An address with one @, something before it and a dot in the part after it.
EMAIL = r"^[^@\s]+@[^@\s.]+(?:\.[^@\s.]+)+$"
# A Danish number: 8 digits (spaces or dashes between them allowed), +45 or 0045 in front allowed.
TEL = r"^(?:(?:\+|00)45 ?)?[0-9](?:[ -]?[0-9]){7}$"
# What <input type=time> gives: "14:30" (seconds when set).
TIME = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]+)?)?$"
INTEGER = r"^-?[0-9]+$"

# The pattern each field kind's value must match; kinds without one take any text (or a choice,
# which the schema lists as an enum).
PATTERNS: dict[str, str] = {"cpr": CPR, "date": DATE, "email": EMAIL, "tel": TEL, "time": TIME, "number": INTEGER}


def field_rule(f: FieldSpec) -> dict[str, Any]:
    """The rule of one field or table column: its pattern, limits and whether it is required."""
    rule: dict[str, Any] = {}
    if f.kind in PATTERNS:
        rule["pattern"] = PATTERNS[f.kind]
    if f.kind == "number":
        if f.min is not None:
            rule["min"] = f.min
        if f.max is not None:
            rule["max"] = f.max
    if f.required:
        rule["required"] = True
    return rule


def page_rules() -> dict[str, dict[str, str]]:
    """What the page needs once: the pattern of every kind that has one (the limits and
    ``required`` stand on each control as ``min``, ``max`` and ``required``)."""
    return {kind: {"pattern": pattern} for kind, pattern in PATTERNS.items()}


def form_version(form: Form) -> str:
    """A short fingerprint of the form's definition (its fields, rows, choices and texts): a file
    records which version of the form saved it, so a later reader can tell a renamed field."""
    return hashlib.sha256(form.model_dump_json(warnings=False).encode()).hexdigest()[:12]
