"""Municipality profiles (``forms/profiles/NAME.yml``): everything that names a municipality."""
from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from .base import MAX_FORMS, Id, Label, Strict, limited

# ---- municipality profiles -------------------------------------------------------------

# An address is written into links and texts: the characters of markup are not part of one.
Email = Annotated[str, StringConstraints(pattern=r"^[^@\s<>\"'()\\]+@[^@\s<>\"'()\\]+\.[^@\s<>\"'()\\]+$")]
Url = Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>\"'\\]+$")]
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
    contact_units: limited(ContactUnit, 50, 1)
    consent: Consent
    # the data controller's and the data protection officer's contact, named on the consent form
    # (GDPR art. 13(1)(a)-(b)): one line each, e.g. name, address, phone, e-mail
    data_controller: Label
    data_protection_officer: Label
    target_group: Label | None = None
    colors: Colors | None = None
    forms: limited(Id, MAX_FORMS) | None = None
    # sections left out of a form: {form id: [section id, ...]}
    omit_sections: dict[Id, list[Id]] = {}
    fold_marks: bool = False  # lines on the brochures' edges where the sheet is folded (by hand)
    # an SVG or PNG file, relative to the profile's folder (forms/profiles/), e.g. NAME.svg
    logo: Annotated[str, StringConstraints(pattern=r"^[^/\\\x00-\x1f][^\\\x00-\x1f]{0,200}\.(svg|png)$")] | None = None
