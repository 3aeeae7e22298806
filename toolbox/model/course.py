"""The course kit's inputs: role-play cases (``forms/cases/NAME.yml``) and the slides."""
from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Union

from pydantic import BeforeValidator, Field, StringConstraints

from .base import MAX_CHOICES, MAX_FIELDS, MAX_FORMS, Id, Label, Strict, Text, Title, limited

# ---- role-play cases for course days (forms/cases/NAME.yml) ----------------------------------

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


class Actor(Strict):
    role: Label
    name: Label | None = None
    about: Label


class Exercise(Strict):
    """An exercise of this case only, shown after the course's own exercises."""

    title: Label
    text: Label


class FormFill(Strict):
    """A case's values for one form, keyed by the form page's control names."""

    values: Annotated[dict[str, Union[Value, limited(Value, MAX_CHOICES)]], Field(min_length=1, max_length=5_000)]
    rows: Annotated[dict[str, int], Field(max_length=MAX_FIELDS)] = {}


class Case(Strict):
    title: Title
    summary: Label
    story: Text
    wishes: limited(Label, 30, 1)
    actors: limited(Actor, 40, 1)
    unknown: limited(Label, 30) = []
    exercises: limited(Exercise, 20) = []
    forms: Annotated[dict[str, FormFill], Field(min_length=1, max_length=MAX_FORMS)]


class LoadedCase(Strict):
    """A case with its id (the file's name) and the file it came from (for error lines)."""

    id: Id
    file: str
    case: Case


# ---- the course's slides (forms/kursus/slides.md) ---------------------------------------------

class Slides(Strict):
    """The slide source (Markdown, one slide per ``##`` heading, comments removed) and its titles."""

    source: str
    titles: list[str]
