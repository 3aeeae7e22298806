"""The declared model of every input and the validated ``Model`` handed to the outputs.

Every input kind is declared here: the form schema, municipality profiles, the tool catalogue,
the guides' steps, the course's role-play cases and slides, and what the build needs to know of
the pages under ``docs/``.  Pydantic checks shape and types (unknown keys are errors); the
inputs layer (``toolbox.inputs``) loads each file once, adds the checks that look across a file
or between files, and resolves shared groups, so everything downstream gets typed objects and
never reads YAML.  This module does no I/O and imports no loader.
"""
from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Discriminator, Field, StringConstraints, Tag

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# A title that also names a page in the site's menu and the browser's title bar.  The site engine's
# theme writes those without escaping, so the characters of markup are refused here (FORMAT.md).
TITLE_PATTERN = r"^[^<>&\x00-\x1f]*$"
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=TITLE_PATTERN)]
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

# Limits on the size of an input, so that no file can make the toolbox work for long (with the
# loader's limits on bytes, nodes and depth).
MAX_FORMS = 200
MAX_SECTIONS = 100
MAX_FIELDS = 300
MAX_CHOICES = 100
MAX_ROWS = 200
MAX_COLUMNS = 30


def limited(item: Any, most: int, least: int = 0) -> Any:
    """A list of ``item`` with at least ``least`` and at most ``most`` entries."""
    return Annotated[list[item], Field(min_length=least, max_length=most)]


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
    page_break_before: bool = False


class Section(Strict):
    id: Id
    title: Label | None = None
    text: Text | None = None
    fields: limited(Entry, MAX_FIELDS) = []
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


# ---- municipality profiles -------------------------------------------------------------
# title, description: the Danish label and hint on the page "Lav jeres egen udgave" (derived from these models by
# toolbox.render.profile_builder); json_schema_extra: kind (a longer text), row (one row's name), choices (forms|sections).

# An address is written into links and texts: the characters of markup are not part of one.
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"'()\\]+@[^@\s<>\"'()\\]+\.[^@\s<>\"'()\\]+$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'\\]+$")]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class ContactUnit(Strict):
    name: Label = Field(title="Enhedens navn")
    address: Label = Field(title="Adresse")
    phone: Label = Field(title="Telefon")
    email: Email = Field(title="E-mail")
    hours: Label | None = Field(None, title="Åbningstid", description="Fx Mandag-fredag kl. 9-14.")


class Consent(Strict):
    months: int = Field(ge=1, le=12, title="Hvor mange måneder gælder et samtykke?",
                        description="Et helt tal fra 1 til 12 (sundhedsloven § 44, stk. 2).")
    legal_contact: Label = Field(title="Hvem har godkendt samtykkeerklæringen?", description="Fx Juridisk Afdeling i kommunen.")


class Colors(Strict):
    primary: Color = Field(title="Hovedfarve", description="Sidens top, links og knapper. Skriv farven som #rrggbb, fx #1f4e79.")
    accent: Color | None = Field(None, title="Accentfarve", description="Skriv farven som #rrggbb, fx #9c3b38.")


class Profile(Strict):
    name: Label = Field(title="Kommunens navn", description="Fx Eksempel Kommune.")
    department: Label | None = Field(None, title="Forvaltning", description="Fx Social- og Sundhedsforvaltningen.")
    web: Url = Field(title="Webadresse", description="Siden, hvor borgerne kan læse mere. Den begynder med https://.")
    contact_units: limited(ContactUnit, 50, 1) = Field(title="Kontaktenheder", json_schema_extra={"row": "Kontaktenhed"})
    consent: Consent = Field(title="Samtykke")
    # the data controller's and the data protection officer's contact, named on the consent form
    # (GDPR art. 13(1)(a)-(b)): one line each, e.g. name, address, phone, e-mail
    data_controller: Label = Field(title="Dataansvarlig", description="Én linje med navn, adresse, telefon og e-mail.")
    data_protection_officer: Label = Field(title="Databeskyttelsesrådgiver", description="Én linje med navn, telefon og e-mail.")
    target_group: Label | None = Field(None, title="Målgruppen med jeres egne ord", json_schema_extra={"kind": "textarea"},
                                       description="Vises på forsiden og ved vurderingskriterierne.")
    colors: Colors | None = Field(None, title="Farver")
    forms: limited(Id, MAX_FORMS) | None = Field(None, title="Blanketter, I vil bruge", json_schema_extra={"choices": "forms"},
                                                 description="Sæt ingen kryds, hvis I vil bruge dem alle.")
    # sections left out of a form: {form id: [section id, ...]}
    omit_sections: dict[Id, list[Id]] = Field({}, title="Afsnit, I vil udelade", json_schema_extra={"choices": "sections"})
    # an SVG or PNG file, relative to the profile's folder (forms/profiles/), e.g. NAME.svg
    logo: Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f][^\\\x00-\x1f]{0,200}\.(svg|png)$")] | None = Field(
        None, title="Logoets filnavn", description="En .svg- eller .png-fil, fx aeroe-kommune.svg.")


# ---- the steps of the guides (forms/trin.yml; drawn by toolbox.render.steps) -------------

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
    pages: Annotated[dict[DocsPage, limited(Step, 40, 2)], Field(min_length=1, max_length=200)]


# ---- the tool catalogue (forms/redskaber.yml; shown by toolbox.render.catalogue) ---------

PHASES = ("opstart", "eksisterende")
THEMES = ("koordinatorfunktioner", "dialog", "tvaerfagligt")
# The closed list of roles: each has its page docs/roller/ID.md.
ROLES = ("koordinerende-kontaktperson", "tovholder", "leder", "samarbejdspartner",
         "borger-og-paaroerende", "ki-koordinator-og-fagperson")

Phase = Literal["opstart", "eksisterende"]
Theme = Literal["koordinatorfunktioner", "dialog", "tvaerfagligt"]


class Source(Strict):
    title: Label
    organisation: Label
    year: Label


class Tool(Strict):
    id: Id
    name: Label
    other_names: limited(Label, 20) = []
    purpose: Text  # formål
    description: Text  # form: what the tool is
    actors: Text  # aktører
    challenges: limited(Label, 50, 1)  # udfordringer
    benefits: limited(Label, 50, 1)  # forventet udbytte
    when: Text  # when in the course it is used
    phases: limited(Phase, 2, 1)
    themes: limited(Theme, 3, 1)
    roles: limited(Id, 20, 1)
    source: Id
    described_from_name: bool = False  # the source gives only the tool's name
    form: Id | None = None  # a form in the schema
    page: DocsPage | None = None  # a page under docs/


class Catalogue(Strict):
    version: Literal[1]
    sources: Annotated[dict[Id, Source], Field(min_length=1, max_length=50)]
    tools: limited(Tool, 500, 1)


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


# ---- the pages under docs/ ----------------------------------------------------------------------

STEPS_MARKER = "<!-- trin -->"  # where a page's step diagram goes (forms/trin.yml)
PROFILE_MARKER = "<!-- profil:{name} -->"  # replaced by a text from the profile
PROFILE_MARKERS = ("maalgruppe",)

class Pages(Strict):
    """What the build needs to know of the hand-written pages: all their paths (for link checks), and
    the text of each page that holds a marker the build fills (``<!-- trin -->``, ``<!-- profil:… -->``)."""

    paths: list[str]
    marked: dict[str, str] = {}


# ---- the validated, resolved model handed to renderers ---------------------------------

class SharedInputs(BaseModel):
    """The inputs every profile of a project shares."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    root: Path  # the project folder: paths of the site's own assets are relative to it
    schema_: Schema  # every ``use`` resolved, translations made into forms of their own
    profile_dir: Path | None = None  # the folder of the profiles (a logo is relative to it)
    catalogue: Catalogue | None = None
    steps: Steps | None = None
    cases: list[LoadedCase] = []
    slides: Slides | None = None
    pages: Pages | None = None
    headers: dict[str, str] = {}  # the site's HTTP security headers (deploy/snippets/)


class Project(SharedInputs):
    """Every input of a project, loaded and checked once by ``toolbox.inputs.load``."""

    profiles: dict[str, Profile]


class Model(SharedInputs):
    """One profile's view of a project: the schema without the sections the profile leaves out,
    the profile, and every other input as loaded.  What every output renders from."""

    profile_id: str
    profile: Profile

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

    def site_asset(self, rel: str) -> Path:
        """A file of the project's own site (e.g. ``docs/assets/stylesheets/toolbox.css``)."""
        return self.root / rel
