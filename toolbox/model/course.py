"""The course kit's inputs: role-play cases (``forms/cases/NAME.yml``) and the slides."""
from __future__ import annotations

from datetime import date, time
from typing import Annotated, Any, Literal, Union

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


# Who a role is: the citizen, the koordinerende kontaktperson, a partner or a relative (FORMAT.md).
Party = Literal["borger", "kontaktperson", "samarbejdspartner", "paaroerende"]


class Actor(Strict):
    role: Label
    name: Label | None = None
    about: Label
    party: Party = "samarbejdspartner"
    knows: limited(Label, 10) = []  # the role card: what the role knows, wants and worries about
    wants: limited(Label, 10) = []
    worries: limited(Label, 10) = []


# The exercises of a case's page an answer key can be given for (FORMAT.md, render/trainer.py).
AnswerKey = Literal["assessment", "network", "agenda", "meeting", "plan"]


class TrainerNotes(Strict):
    """For the trainer only: what the case trains, what a good answer to each exercise contains, the traps."""

    focus: Label
    answers: Annotated[dict[AnswerKey, limited(Label, 20, 1)], Field(max_length=5)] = {}
    traps: limited(Label, 20, 1)


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
    trainer: TrainerNotes | None = None


class LoadedCase(Strict):
    """A case with its id (the file's name) and the file it came from (for error lines)."""

    id: Id
    file: str
    case: Case


# ---- the course's slides (forms/kursus/slides.md) ---------------------------------------------

class Slide(Strict):
    """One slide: its title, its heading's line, what it shows and the trainer's notes (both Markdown)."""

    title: str
    line: int
    body: str
    notes: str


class Slides(Strict):
    """The slide source (Markdown, one slide per ``##`` heading, comments removed), titles and slides."""

    source: str
    titles: list[str]
    slides: list[Slide] = []
