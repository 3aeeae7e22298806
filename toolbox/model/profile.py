"""Municipality profiles (``forms/profiles/NAME.yml``): everything that names a municipality."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import MAX_FORMS, Id, Label, Strict, limited

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
    # lines on the brochures' edges where the sheet is folded (by hand)
    fold_marks: bool = Field(False, title="Falsemærker på folderne",
                             description="Korte streger i kanten af folderne, der viser, hvor arket skal foldes, når I folder dem i hånden.")
    # an SVG or PNG file, relative to the profile's folder (forms/profiles/), e.g. NAME.svg
    logo: Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f][^\\\x00-\x1f]{0,200}\.(svg|png)$")] | None = Field(
        None, title="Logoets filnavn", description="En .svg- eller .png-fil, fx aeroe-kommune.svg.")
