"""The form schema (``forms/schema.yml``): parsed, checked across the file, and resolved.

Pydantic checks each value (``toolbox.model``); the checks here look across the file: unique ids,
shared groups that exist, fields that fit their kind, placeholders the profile can fill, links a
text may hold, and the translations.  Every problem is collected, then one ``InputError`` holds
them all.  The result is a schema whose field lists hold no ``use`` and whose translations are
forms of their own.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import icons
from ..errors import InputError, Problem
from ..controls import options
from ..model import CHOICE_KINDS, COLUMN_KINDS, WHEN_KINDS, FieldSpec, Form, RepeatRow, Schema, Use
from .common import duplicates, markdown, placeholders
from .problems import parse
from .translations import check_translation, translated
from .yamlfile import Document, Loc, load_yaml


def _check_field(doc: Document, loc: Loc, f: FieldSpec, in_table: bool) -> Iterator[Problem]:
    if in_table and f.kind not in COLUMN_KINDS:
        yield doc.problem(loc + ("kind",), f"'{f.kind}' kan ikke være en kolonne i en tabel "
                                           f"(forventet en af: {', '.join(COLUMN_KINDS)})")
    if f.kind in CHOICE_KINDS:
        if not f.choices or len(f.choices) < 2:
            yield doc.problem(loc + ("choices",), f"feltet af typen '{f.kind}' skal have mindst 2 valgmuligheder")
        else:
            yield from duplicates(doc, loc + ("choices",), [c.id for c in f.choices], "valgmuligheden")
    elif f.choices is not None:
        yield doc.problem(loc + ("choices",), f"kun felter af typen choice eller multichoice har valgmuligheder (typen er '{f.kind}')")
    if f.kind == "table":
        if not f.columns:
            yield doc.problem(loc + ("columns",), "en tabel skal have mindst én kolonne")
        if not f.rows:
            yield doc.problem(loc + ("rows",), "en tabel skal have mindst én række eller en gentagen blok")
        else:
            yield from duplicates(doc, loc + ("rows",), [r.id for r in f.rows], "rækken")
            for i, row in enumerate(f.rows):
                if isinstance(row, RepeatRow) and row.repeat.initial > row.repeat.max:
                    yield doc.problem(loc + ("rows", i, "repeat", "initial"),
                                      f"initial ({row.repeat.initial}) er større end max ({row.repeat.max})")
    else:
        for key in ("columns", "rows", "row_header"):
            if getattr(f, key) is not None:
                yield doc.problem(loc + (key,), f"kun felter af typen table har '{key}' (typen er '{f.kind}')")
    if f.lines is not None and f.kind != "textarea":
        yield doc.problem(loc + ("lines",), f"kun felter af typen textarea har 'lines' (typen er '{f.kind}')")
    for key in ("min", "max"):
        if getattr(f, key) is not None and f.kind != "number":
            yield doc.problem(loc + (key,), f"kun felter af typen number har '{key}' (typen er '{f.kind}')")
    if f.min is not None and f.max is not None and f.min > f.max:
        yield doc.problem(loc + ("min",), f"min ({f.min}) er større end max ({f.max})")


def _check_layout(doc: Document, loc: Loc, form: Form, section) -> Iterator[Problem]:
    """A panel is a place on a folded brochure and a pictogram part of its look: only a brochure's
    sections have them, and the pictogram must be in the shipped icon set."""
    panel, icon = section.layout.panel, section.layout.icon
    for key, value in (("panel", panel), ("icon", icon)):
        if value is not None and form.kind != "brochure":
            yield doc.problem(loc + (key,), f"kun afsnit i en pjece (kind: brochure) har '{key}' (blanketten er '{form.kind}')")
    if panel not in (None, "inside") and section.layout.page_break_before:
        yield doc.problem(loc + ("page_break_before",), f"et afsnit på panelet '{panel}' kan ikke begynde et nyt panel "
                                                        "(page_break_before gælder afsnit på indersiden)")
    if icon is not None and icons.path(icon) is None:
        yield doc.problem(loc + ("icon",), f"ukendt piktogram '{icon}' (forventet et navn fra Material Design Icons, "
                                           "som mkdocs-material har med, fx 'phone-outline')")


def _resolve(doc: Document, schema: Schema, loc: Loc, entries: list, problems: list[Problem],
             in_table: bool = False, in_group: bool = False) -> list[FieldSpec]:
    """Splice shared groups into a field list, checking every field on the way."""
    out: list[FieldSpec] = []
    origins: list[Loc] = []
    for i, entry in enumerate(entries):
        here = loc + (i,)
        if isinstance(entry, Use):
            if in_group:
                problems.append(doc.problem(here + ("use",), "en feltgruppe kan ikke bruge en anden feltgruppe"))
                continue
            group = schema.groups.get(entry.use)
            if group is None:
                known = ", ".join(sorted(schema.groups)) or "ingen"
                problems.append(doc.problem(here + ("use",), f"ukendt feltgruppe '{entry.use}' (kendte grupper: {known})"))
                continue
            group_fields = [f for f in group.fields if isinstance(f, FieldSpec)]
            ids = {f.id for f in group_fields}
            for j, omitted in enumerate(entry.omit):
                if omitted not in ids:
                    problems.append(doc.problem(here + ("omit", j), f"gruppen '{entry.use}' har intet felt '{omitted}' "
                                                                   f"(felter: {', '.join(f.id for f in group_fields)})"))
            for f in group_fields:
                if f.id not in entry.omit:
                    out.append(f)
                    origins.append(here + ("use",))
        else:
            problems.extend(_check_field(doc, here, entry, in_table))
            if entry.kind == "table" and entry.columns:
                cols = _resolve(doc, schema, here + ("columns",), entry.columns, problems, in_table=True)
                entry = entry.model_copy(update={"columns": cols})
            out.append(entry)
            origins.append(here + ("id",))
    seen: dict[str, Loc] = {}
    for f, origin in zip(out, origins):
        if f.id in seen:
            problems.append(doc.problem(origin, f"feltet '{f.id}' findes allerede her (id'er skal være unikke)"))
        seen[f.id] = origin
    return out


def check_conditions(doc: Document, floc: Loc, form: Form) -> Iterator[Problem]:
    """A section's ``when`` names a choice-like field of the form, in a section that is always shown,
    and one of that field's values (a module that exists)."""
    sections = {s.id: s for s in form.sections}
    for j, section in enumerate(form.sections):
        if section.when is None:
            continue
        loc = floc + ("sections", j, "when")
        sid, _, fid = section.when.field.partition(".")
        target = sections.get(sid)
        if target is None:
            yield doc.problem(loc + ("field",), f"afsnittet '{sid}' findes ikke i blanketten "
                                                f"(afsnit: {', '.join(sections)})")
            continue
        field = next((f for f in target.fields if f.id == fid), None)
        if field is None:
            yield doc.problem(loc + ("field",), f"afsnittet '{sid}' har intet felt '{fid}' "
                                                f"(felter: {', '.join(f.id for f in target.fields) or 'ingen'})")
            continue
        if field.kind not in WHEN_KINDS:
            yield doc.problem(loc + ("field",), f"feltet '{section.when.field}' er af typen '{field.kind}' (forventet "
                                                f"et felt at vælge i: {', '.join(WHEN_KINDS)})")
            continue
        if target is section:
            yield doc.problem(loc + ("field",), "et afsnit kan ikke afhænge af sit eget felt")
        elif target.when is not None:
            yield doc.problem(loc + ("field",), f"afsnittet '{sid}' vises selv kun på betingelse "
                                                "(forventet et felt i et afsnit, der altid vises)")
        allowed = options(field)
        if section.when.has not in allowed:
            yield doc.problem(loc + ("has",), f"ukendt modul eller værdi '{section.when.has}' (forventet en af: "
                                              f"{', '.join(allowed)})")


def check_schema(doc: Document, schema: Schema) -> Schema:
    """Cross-checks and resolution; returns a schema whose field lists hold no ``use``."""
    problems: list[Problem] = []
    groups = {}  # resolved first: a table in a group may splice in another group as its columns
    for name, group in schema.groups.items():
        fields = _resolve(doc, schema, ("groups", name, "fields"), group.fields, problems, in_group=True)
        groups[name] = group.model_copy(update={"fields": fields})
    schema = schema.model_copy(update={"groups": groups})
    problems.extend(duplicates(doc, ("forms",), [f.id for f in schema.forms], "blanketten"))
    forms: list[Form] = []
    for i, form in enumerate(schema.forms):
        floc = ("forms", i)
        problems.extend(duplicates(doc, floc + ("sections",), [s.id for s in form.sections], "afsnittet"))
        sections = []
        for j, section in enumerate(form.sections):
            sloc = floc + ("sections", j)
            problems.extend(placeholders(doc, sloc + ("text",), section.text))
            problems.extend(markdown(doc, sloc + ("text",), section.text))
            fields = _resolve(doc, schema, sloc + ("fields",), section.fields, problems)
            if not (section.text or section.fields or section.profile_block):
                problems.append(doc.problem(sloc, "afsnittet er tomt (forventet text, fields eller profile_block)"))
            problems.extend(_check_layout(doc, sloc + ("layout",), form, section))
            title = section.title
            if title is None:
                uses = [e.use for e in section.fields if isinstance(e, Use)]
                if uses and uses[0] in schema.groups:
                    title = schema.groups[uses[0]].title
            sections.append(section.model_copy(update={"fields": fields, "title": title}))
        resolved = form.model_copy(update={"sections": sections, "translations": {}})
        problems.extend(check_conditions(doc, floc, resolved))
        forms.append(resolved)
        if form.translation_of is not None:
            problems.append(doc.problem(floc + ("translation_of",), "sættes af værktøjet (skriv en oversættelse under translations)"))
        for lang, tr in form.translations.items():
            tloc = floc + ("translations", lang)
            found = list(check_translation(doc, tloc, resolved, lang, tr))
            problems.extend(found)
            if not found:
                forms.append(translated(resolved, lang, tr))
    problems.extend(duplicates(doc, ("forms",), [f.id for f in forms if f.translation_of], "oversættelsen"))
    taken = {f.id for f in schema.forms}
    for f in forms:
        if f.translation_of and f.id in taken:
            i = next(i for i, g in enumerate(schema.forms) if g.id == f.translation_of)
            problems.append(doc.problem(("forms", i, "translations", f.lang),
                                        f"oversættelsen får id'et '{f.id}', men en blanket hedder allerede sådan"))
    if problems:
        raise InputError(problems)
    return schema.model_copy(update={"forms": forms})


def load(path: Path, display: str | None = None) -> Schema:
    """The schema file, checked and resolved; ``InputError`` with every problem."""
    doc = load_yaml(path, display)
    return check_schema(doc, parse(doc, Schema))
