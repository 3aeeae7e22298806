"""Municipality profiles (``forms/profiles/NAME.yml``): everything that names a municipality.

Pydantic checks each value; the checks here need more than one value or a file: the colours'
contrast with white (WCAG AA, ``toolbox.colors``), the logo (a file beside the profile, a PNG, or
an SVG without script, events or references to other files), and the forms and sections it
names, which must exist in the schema.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree

from ..colors import MIN_CONTRAST, contrast_with_white
from ..errors import InputError, Problem
from ..model import ID_PATTERN, Profile, Schema
from .problems import parse
from .yamlfile import Document, load_yaml

MAX_LOGO_BYTES = 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_FORBIDDEN = ("script", "foreignobject", "iframe", "embed", "object", "animate", "set", "handler")


def logo_problem(path: Path) -> str | None:
    """Why the logo file cannot be used (in Danish, after its name), or None."""
    try:
        if path.stat().st_size > MAX_LOGO_BYTES:
            return f"er for stort (højst {MAX_LOGO_BYTES // 1024} kB)"
        data = path.read_bytes()
    except OSError as exc:
        return f"kan ikke læses ({exc.strerror})"
    if path.suffix == ".png":
        return None if data.startswith(PNG_MAGIC) else "er ikke en PNG-fil (forventet et billede i PNG-format)"
    return svg_problem(data)


def svg_problem(data: bytes) -> str | None:
    """An SVG logo is shown on every page and in every PDF: it may hold drawing only."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "har en DOCTYPE eller ENTITY (forventet et rent SVG-billede)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"er ikke gyldig SVG ({exc})"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "er ikke et SVG-billede (forventet <svg> yderst)"
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in SVG_FORBIDDEN:
            return f"indeholder <{tag}> (forventet kun tegning, intet script)"
        if tag == "style" and re.search(r"url\s*\(|@import", element.text or "", re.I):
            return "henter noget fra en anden fil i sin stil (forventet kun tegning)"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"har attributten '{local}' (forventet kun tegning, intet script)"
            if local == "href" and not value.strip().startswith("#"):
                return f"henviser til '{value}' (forventet kun henvisninger inden for billedet, fx '#form')"
            if local == "style" and re.search(r"url\s*\((?!\s*['\"]?#)|@import", value, re.I):
                return "henter noget fra en anden fil i sin stil (forventet kun tegning)"
    return None


def check_profile(doc: Document, path: Path, profile: Profile, schema: Schema | None) -> Iterator[Problem]:
    """What pydantic cannot see: contrast, the logo file, forms and sections in the schema."""
    if profile.colors is not None:
        for key in ("primary", "accent"):
            color = getattr(profile.colors, key)
            if color is not None and (ratio := contrast_with_white(color)) < MIN_CONTRAST:
                yield doc.problem(("colors", key), f"farven '{color}' har for lav kontrast til hvid "
                                                   f"({ratio:.2f}:1; forventet mindst {MIN_CONTRAST}:1, WCAG AA): vælg en mørkere farve")
    if profile.logo is not None:
        folder = path.resolve().parent
        try:
            logo: Path | None = (folder / profile.logo).resolve()
            found = logo is not None and logo.is_file()
        except (OSError, ValueError):  # a name the file system cannot take
            logo, found = None, False
        if logo is not None and not logo.is_relative_to(folder):
            yield doc.problem(("logo",), f"logoet '{profile.logo}' ligger uden for {folder.name}/ (forventet en fil i profilens mappe)")
        elif not found:
            yield doc.problem(("logo",), f"logofilen '{profile.logo}' findes ikke (forventet en fil ved siden af profilen)")
        else:
            assert logo is not None
            found_problem = logo_problem(logo)
            if found_problem:
                yield doc.problem(("logo",), f"logoet '{profile.logo}' {found_problem}")
    if schema is None:
        return
    forms = {f.id: f for f in schema.forms}
    known = ", ".join(forms)
    for i, name in enumerate(profile.forms or []):
        if name not in forms:
            yield doc.problem(("forms", i), f"ukendt blanket '{name}' (kendte: {known})")
    for form_id, sections in profile.omit_sections.items():
        form = forms.get(form_id)
        if form is None:
            yield doc.problem(("omit_sections", form_id), f"ukendt blanket '{form_id}' (kendte: {known})")
            continue
        if profile.forms is not None and form_id not in profile.forms:
            yield doc.problem(("omit_sections", form_id), f"blanketten '{form_id}' er ikke med i profilens forms")
        ids = [s.id for s in form.sections]
        for j, section in enumerate(sections):
            if section not in ids:
                yield doc.problem(("omit_sections", form_id, j), f"blanketten '{form_id}' har intet afsnit "
                                                                 f"'{section}' (afsnit: {', '.join(ids)})")
        for section in form.sections:  # a section shown on a condition needs the field it depends on
            if section.when is not None and section.id not in sections \
                    and section.when.field.partition(".")[0] in sections:
                yield doc.problem(("omit_sections", form_id), f"afsnittet '{section.id}' vises kun, når feltet "
                                                              f"'{section.when.field}' er udfyldt, men det afsnit er udeladt "
                                                              "(udelad begge eller ingen af dem)")
        if set(ids) <= set(sections):
            yield doc.problem(("omit_sections", form_id), f"alle afsnit i '{form_id}' er udeladt "
                                                          "(forventet mindst ét tilbage; udelad hellere blanketten i forms)")


def load(path: Path, schema: Schema | None, display: str | None = None) -> Profile:
    """One profile, checked against the schema (when it validated); ``InputError`` with every problem."""
    doc = load_yaml(path, display)
    profile = parse(doc, Profile)
    problems = list(check_profile(doc, path, profile, schema))
    if not re.fullmatch(ID_PATTERN, path.stem):
        problems.append(Problem(doc.file, 1, "", f"ugyldigt profilnavn '{path.stem}' (forventet små bogstaver, tal og bindestreg)"))
    if problems:
        raise InputError(problems)
    return profile
