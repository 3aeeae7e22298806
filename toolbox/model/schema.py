"""The form schema (``forms/schema.yml``): forms, sections, fields, tables, translations."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, StringConstraints, Tag

from .base import (ID_PATTERN, MAX_CHOICES, MAX_COLUMNS, MAX_FIELDS, MAX_FORMS, MAX_ROWS, MAX_SECTIONS, FieldKind, Id, Label,
                   Lang, Strict, Text, Title, limited)


class Choice(Strict):
    id: Id
    label: Label


class FixedRow(Strict):
    id: Id
    label: Label
    hint: Label | None = None


class Repeat(Strict):
    label: Label
    initial: int = Field(1, ge=0, le=50)
    max: int = Field(50, ge=1, le=200)


class RepeatRow(Strict):
    id: Id
    repeat: Repeat


def _row_tag(value: Any) -> str:
    return "repeat" if isinstance(value, dict) and "repeat" in value else "fixed"


Row = Annotated[Union[Annotated[FixedRow, Tag("fixed")], Annotated[RepeatRow, Tag("repeat")]],
                Discriminator(_row_tag)]


class Use(Strict):
    """A reference to a shared field group, spliced in where it stands."""

    use: Id
    omit: limited(Id, MAX_FIELDS) = []


class FieldSpec(Strict):
    id: Id
    kind: FieldKind
    label: Label
    hint: Label | None = None
    required: bool = False
    lines: int | None = Field(None, ge=1, le=40)
    min: int | None = None
    max: int | None = None
    choices: limited(Choice, MAX_CHOICES) | None = None
    row_header: Label | None = None
    columns: Annotated[list["Entry"], Field(max_length=MAX_COLUMNS)] | None = None
    rows: limited(Row, MAX_ROWS) | None = None


def _entry_tag(value: Any) -> str:
    return "use" if isinstance(value, dict) and "use" in value else "field"


Entry = Annotated[Union[Annotated[Use, Tag("use")], Annotated[FieldSpec, Tag("field")]],
                  Discriminator(_entry_tag)]
FieldSpec.model_rebuild()


class Group(Strict):
    title: Label
    fields: limited(Entry, MAX_FIELDS, 1)


class Layout(Strict):
    columns: Literal[1, 2] = 1
    page_break_before: bool = False  # a new page; in a brochure a new panel of the inside
    # brochures only (FORMAT.md): the panel of the folded sheet, and a pictogram by the heading
    panel: Literal["cover", "flap", "back", "inside"] | None = None
    icon: Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)] | None = None


class When(Strict):
    """A section shown only when a field of the same form has a value: a module chosen in a
    multichoice, a choice made, a yes/no answered yes, a box ticked."""

    field: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+(-[a-z0-9]+)*$")]  # SECTION.FIELD
    has: Id  # the value: a choice's id, or "ja"


WHEN_KINDS = ("multichoice", "choice", "yesno", "checkbox")  # the kinds a section's `when` can depend on


class Section(Strict):
    id: Id
    title: Label | None = None
    text: Text | None = None
    fields: limited(Entry, MAX_FIELDS) = []
    profile_block: Literal["kontaktenheder"] | None = None
    when: When | None = None  # shown only when a field of the form has a value (a module is chosen)
    layout: Layout = Layout()


class SectionTranslation(Strict):
    title: Label | None = None
    text: Text | None = None


class FieldTranslation(Strict):
    label: Label
    hint: Label | None = None
    choices: dict[Id, Label] = {}
    row_header: Label | None = None
    rows: dict[Id, Label] = {}  # a fixed row's label, or a repeating block's name of one row


class Translation(Strict):
    """A form in another language: every text the reader sees, by section id and field name."""

    title: Title
    subtitle: Label | None = None
    summary: Label
    sections: dict[Id, SectionTranslation] = {}
    fields: dict[str, FieldTranslation] = {}  # "SECTION.FIELD" or "SECTION.TABLE.COLUMN"
    ui: dict[str, Label] = {}  # the page's own strings (buttons, hints), see messages.UI_KEYS


class Form(Strict):
    id: Id
    title: Title
    subtitle: Label | None = None
    summary: Label
    kind: Literal["form", "brochure"] = "form"
    lang: Lang = "da"
    sections: limited(Section, MAX_SECTIONS, 1)
    translations: dict[Lang, Translation] = {}
    # Set by the toolbox on a form made from a translation: the id of the form it translates,
    # and the page's own strings in that language.
    translation_of: Id | None = None
    ui: dict[str, str] = {}


class Schema(Strict):
    version: Literal[1]
    groups: Annotated[dict[Id, Group], Field(max_length=MAX_FORMS)] = {}
    forms: limited(Form, MAX_FORMS, 1)
