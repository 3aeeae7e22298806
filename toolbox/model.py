"""The declared model of the form schema and of municipality profiles.

Pydantic checks shape and types (unknown keys are errors); ``toolbox.validate`` adds the
checks that look across the file (duplicate ids, references) and resolves shared groups,
so everything downstream gets typed objects and never reads raw YAML.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, StringConstraints, Tag

if TYPE_CHECKING:
    from .catalogue import Catalogue

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
DocsPage = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$")]  # a page under docs/

FIELD_KINDS = ("text", "textarea", "date", "time", "number", "email", "tel", "cpr",
               "checkbox", "yesno", "choice", "multichoice", "signature", "table")
FieldKind = Literal["text", "textarea", "date", "time", "number", "email", "tel", "cpr",
                    "checkbox", "yesno", "choice", "multichoice", "signature", "table"]
CHOICE_KINDS = ("choice", "multichoice")
COLUMN_KINDS = tuple(k for k in FIELD_KINDS if k not in ("table", "signature"))
PROFILE_BLOCKS = ("kontaktenheder",)
PLACEHOLDERS = ("kommune", "web", "samtykke_maaneder", "juridisk_kontakt", "dataansvarlig", "databeskyttelsesraadgiver")
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]  # an ISO 639 language code


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


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
    omit: list[Id] = []


class FieldSpec(Strict):
    id: Id
    kind: FieldKind
    label: Label
    hint: Label | None = None
    required: bool = False
    lines: int | None = Field(None, ge=1, le=40)
    min: int | None = None
    max: int | None = None
    choices: list[Choice] | None = None
    row_header: Label | None = None
    columns: list["Entry"] | None = None
    rows: list[Row] | None = None


def _entry_tag(value: Any) -> str:
    return "use" if isinstance(value, dict) and "use" in value else "field"


Entry = Annotated[Union[Annotated[Use, Tag("use")], Annotated[FieldSpec, Tag("field")]],
                  Discriminator(_entry_tag)]
FieldSpec.model_rebuild()


class Group(Strict):
    title: Label
    fields: list[Entry] = Field(min_length=1)


class Layout(Strict):
    columns: Literal[1, 2] = 1
    page_break_before: bool = False


class Section(Strict):
    id: Id
    title: Label | None = None
    text: Text | None = None
    fields: list[Entry] = []
    profile_block: Literal["kontaktenheder"] | None = None
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

    title: Label
    subtitle: Label | None = None
    summary: Label
    sections: dict[Id, SectionTranslation] = {}
    fields: dict[str, FieldTranslation] = {}  # "SECTION.FIELD" or "SECTION.TABLE.COLUMN"
    ui: dict[str, Label] = {}  # the page's own strings (buttons, hints), see messages.UI_KEYS


class Form(Strict):
    id: Id
    title: Label
    subtitle: Label | None = None
    summary: Label
    kind: Literal["form", "brochure"] = "form"
    lang: Lang = "da"
    sections: list[Section] = Field(min_length=1)
    translations: dict[Lang, Translation] = {}
    # Set by the toolbox on a form made from a translation: the id of the form it translates,
    # and the page's own strings in that language.
    translation_of: Id | None = None
    ui: dict[str, str] = {}


class Schema(Strict):
    version: Literal[1]
    groups: dict[Id, Group] = {}
    forms: list[Form] = Field(min_length=1)


# ---- municipality profiles -------------------------------------------------------------

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s]+$")]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class ContactUnit(Strict):
    name: Label
    address: Label
    phone: Label
    email: Email
    hours: Label | None = None


class Consent(Strict):
    months: int = Field(ge=1, le=12)
    legal_contact: Label


class Colors(Strict):
    primary: Color
    accent: Color | None = None


class Profile(Strict):
    name: Label
    department: Label | None = None
    web: Url
    contact_units: list[ContactUnit] = Field(min_length=1)
    consent: Consent
    # the data controller's and the data protection officer's contact, named on the consent form
    # (GDPR art. 13(1)(a)-(b)): one line each, e.g. name, address, phone, e-mail
    data_controller: Label
    data_protection_officer: Label
    target_group: Label | None = None
    colors: Colors | None = None
    forms: list[Id] | None = None
    # sections left out of a form: {form id: [section id, ...]}
    omit_sections: dict[Id, list[Id]] = {}
    # an SVG or PNG file, relative to the profile's folder (forms/profiles/), e.g. NAME.svg
    logo: Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f][^\\\x00-\x1f]{0,200}\.(svg|png)$")] | None = None


# ---- the steps of the guides (forms/trin.yml, checked and drawn by toolbox.steps) ----------

class Step(Strict):
    """One step: who does what, when, and with which form or tool (inline Markdown, links relative to the page)."""

    title: Label
    who: Label
    what: Label
    when: Label
    form: Label | None = None
    tool: Label | None = None


class Steps(Strict):
    version: Literal[1]
    # the page under docs/ that shows the steps where it says <!-- trin -->: its steps in order
    pages: dict[DocsPage, Annotated[list[Step], Field(min_length=2)]] = Field(min_length=1)


# ---- the validated, resolved model handed to renderers ---------------------------------

class Model(BaseModel):
    """A validated schema with every ``use`` resolved, one profile and the tool catalogue.

    ``catalogue`` is declared in ``toolbox.catalogue`` (built on ``Strict`` and ``Id`` above),
    which completes this model when it is imported.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    schema_: Schema
    profile_id: str
    profile: Profile
    catalogue: "Catalogue | None" = None
    steps: Steps | None = None
    profile_dir: Path | None = None  # the folder the profile's logo is relative to

    @property
    def logo_file(self) -> Path | None:
        """The profile's logo (checked to exist when the profile was loaded), or None."""
        if self.profile.logo is None or self.profile_dir is None:
            return None
        return self.profile_dir / self.profile.logo

    @property
    def forms(self) -> list[Form]:
        wanted = self.profile.forms
        return [f for f in self.schema_.forms
                if wanted is None or f.id in wanted or (f.translation_of is not None and f.translation_of in wanted)]
