"""The tool catalogue (``forms/redskaber.yml``): every tool in the sources, as data.

Declared like the schema (``toolbox.model``): pydantic checks shape and types, and the checks here
the references that look outside one entry (unique ids, a form that exists in the schema, a page
that exists under ``docs/``, known roles and sources).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..errors import InputError, Problem
from ..model import ROLES, Catalogue, Pages, Schema
from .problems import parse
from .yamlfile import Document, load_yaml

CATALOGUE_FILE = "redskaber.yml"  # beside the schema


def _known(names) -> str:
    return ", ".join(names) or "ingen"


def check_catalogue(doc: Document, catalogue: Catalogue, schema: Schema | None, pages: Pages) -> Iterator[Problem]:
    """Problems across entries; the form check is skipped when the schema did not validate."""
    seen: set[str] = set()
    forms = [f.id for f in schema.forms] if schema is not None else None
    known_pages = set(pages.paths)
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
        if tool.page is not None and tool.page not in known_pages:
            yield doc.problem(loc + ("page",), f"siden '{tool.page}' findes ikke under docs/")


def load(path: Path, schema: Schema | None, pages: Pages, display: str | None = None) -> Catalogue:
    """The tool catalogue, checked against the schema's forms and the pages under docs/."""
    doc = load_yaml(path, display)
    catalogue = parse(doc, Catalogue)
    problems = list(check_catalogue(doc, catalogue, schema, pages))
    if problems:
        raise InputError(problems)
    return catalogue
