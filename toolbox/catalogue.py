"""The tool catalogue (``forms/redskaber.yml``): every tool in the sources, as data.

Declared like the schema (``toolbox.model``): pydantic checks shape and types, and
``check_catalogue`` the references that look outside one entry (unique ids, a form that
exists in the schema, a page that exists under ``docs/``, known roles and sources).
The renderer ``toolbox.render.catalogue`` turns it into cards and filter pages.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Literal

from pydantic import Field

from .errors import InputError, Problem
from .loader import Document, load_yaml
from .model import DocsPage, Id, Label, Model, Schema, Strict, Text

CATALOGUE_FILE = "redskaber.yml"  # beside the schema

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
    other_names: list[Label] = []
    purpose: Text  # formål
    description: Text  # form: what the tool is
    actors: Text  # aktører
    challenges: list[Label] = Field(min_length=1)  # udfordringer
    benefits: list[Label] = Field(min_length=1)  # forventet udbytte
    when: Text  # when in the course it is used
    phases: list[Phase] = Field(min_length=1)
    themes: list[Theme] = Field(min_length=1)
    roles: list[Id] = Field(min_length=1)
    source: Id
    described_from_name: bool = False  # the source gives only the tool's name
    form: Id | None = None  # a form in the schema
    page: DocsPage | None = None  # a page under docs/


class Catalogue(Strict):
    version: Literal[1]
    sources: dict[Id, Source] = Field(min_length=1)
    tools: list[Tool] = Field(min_length=1)


Model.model_rebuild(_types_namespace={"Catalogue": Catalogue})


def _known(names) -> str:
    return ", ".join(names) or "ingen"


def check_catalogue(doc: Document, catalogue: Catalogue, schema: Schema | None, docs: Path) -> Iterator[Problem]:
    """Problems across entries; the form check is skipped when the schema did not validate."""
    seen: set[str] = set()
    forms = [f.id for f in schema.forms] if schema is not None else None
    for i, tool in enumerate(catalogue.tools):
        loc = ("tools", i)
        if tool.id in seen:
            yield doc.problem(loc + ("id",), f"redskabet '{tool.id}' findes allerede (id'er skal være unikke)")
        seen.add(tool.id)
        if tool.source not in catalogue.sources:
            yield doc.problem(loc + ("source",), f"ukendt kilde '{tool.source}' (kendte kilder: {_known(catalogue.sources)})")
        for j, role in enumerate(tool.roles):
            if role not in ROLES:
                yield doc.problem(loc + ("roles", j), f"ukendt rolle '{role}' (kendte roller: {_known(ROLES)})")
        if tool.form is not None and forms is not None and tool.form not in forms:
            yield doc.problem(loc + ("form",), f"ukendt blanket '{tool.form}' (kendte: {_known(forms)})")
        if tool.page is not None and not (docs / tool.page).is_file():
            yield doc.problem(loc + ("page",), f"siden '{tool.page}' findes ikke under docs/")
