"""The guides' steps (``forms/trin.yml``) and the tool catalogue (``forms/redskaber.yml``)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import DocsPage, Id, Label, Strict, Text, limited

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
