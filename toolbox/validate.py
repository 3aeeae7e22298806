"""Load and validate the schema and the profiles; collect every problem, then stop once."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from .catalogue import CATALOGUE_FILE, Catalogue, check_catalogue
from .errors import InputError, Problem
from .loader import Document, Loc, load_yaml
from .model import (CHOICE_KINDS, COLUMN_KINDS, FIELD_KINDS, PLACEHOLDERS, FieldSpec,
                    Form, Model, Profile, RepeatRow, Schema, Use)

PLACEHOLDER = re.compile(r"\{([^{}]*)\}|[{}]")


def _expected(err: dict[str, Any]) -> str:
    """A Danish message for one pydantic error (what is wrong, and what was expected)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__
    if kind == "missing":
        return "mangler (påkrævet)"
    if kind == "extra_forbidden":
        return "ukendt nøgle (se forms/FORMAT.md for de tilladte)"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace(" or ", " eller ")
        if err["loc"] and err["loc"][-1] == "kind":
            allowed = ", ".join(FIELD_KINDS)
        return f"ugyldig værdi {shown} (forventet en af: {allowed})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            return f"ugyldigt id {shown} (forventet små bogstaver a-z, tal og bindestreg, fx 'har-kontakt')"
        if "#" in pattern:
            return f"ugyldig farve {shown} (forventet fx '#1f4e79')"
        if "http" in pattern:
            return f"ugyldig webadresse {shown} (forventet http:// eller https://)"
        if "@" in pattern:
            return f"ugyldig e-mailadresse {shown}"
        if "svg|png" in pattern:
            return f"ugyldigt logo {shown} (forventet en .svg- eller .png-fil i forms/profiles/, fx 'navn.svg')"
        return f"ugyldig værdi {shown}"
    if kind == "string_too_short":
        return "må ikke være tom (forventet en tekst)"
    if kind == "string_too_long":
        return f"er for lang (højst {ctx.get('max_length')} tegn)"
    if kind in ("too_short",):
        return f"skal have mindst {ctx.get('min_length')} element(er)"
    if kind in ("greater_than_equal", "greater_than"):
        return f"er for lille {shown} (forventet mindst {ctx.get('ge', ctx.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"er for stor {shown} (forventet højst {ctx.get('le', ctx.get('lt'))})"
    names = {"string_type": "en tekst", "int_type": "et helt tal", "int_parsing": "et helt tal",
             "int_from_float": "et helt tal", "bool_type": "ja/nej (true eller false)",
             "bool_parsing": "ja/nej (true eller false)", "list_type": "en liste",
             "dict_type": "en mapping (nøgle: værdi)", "model_type": "en mapping (nøgle: værdi)",
             "model_attributes_type": "en mapping (nøgle: værdi)"}
    if kind in names:
        return f"forkert type: {shown} (forventet {names[kind]})"
    return f"ugyldig værdi {shown} ({err.get('msg', kind)})"


UNION_TAGS = ("use", "field", "fixed", "repeat")


def _data_loc(data: Any, loc: tuple) -> Loc:
    """Map a pydantic location onto the data: drop union tags and dict-key markers."""
    out: list[Any] = []
    node: Any = data
    after_index = False
    for key in loc:
        if key == "[key]" or (after_index and key in UNION_TAGS):
            after_index = False
            continue
        after_index = isinstance(node, list) and isinstance(key, int)
        out.append(key)
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            node = None
    return tuple(out)


def parse(doc: Document, model: type[BaseModel]) -> Any:
    """Validate ``doc`` against ``model``; raise ``InputError`` with every problem."""
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "forventet en YAML-mapping øverst i filen")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = _data_loc(doc.data, tuple(err["loc"]))
            problems.append(doc.problem(loc, _expected(err)))
        raise InputError(problems) from None


# ---- checks across the schema, then resolution -----------------------------------------

def _placeholders(doc: Document, loc: Loc, text: str | None) -> Iterator[Problem]:
    for m in PLACEHOLDER.finditer(text or ""):
        name = m.group(1)
        if name not in PLACEHOLDERS:
            shown = m.group(0)
            yield doc.problem(loc, f"ukendt pladsholder {shown!r} (forventet en af: "
                                   + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + ")")


def _duplicates(doc: Document, loc: Loc, ids: list[str], what: str) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield doc.problem(loc + (i, "id"), f"{what} '{ident}' findes allerede (id'er skal være unikke)")
        seen.add(ident)


def _check_field(doc: Document, loc: Loc, f: FieldSpec, in_table: bool) -> Iterator[Problem]:
    if in_table and f.kind not in COLUMN_KINDS:
        yield doc.problem(loc + ("kind",), f"'{f.kind}' kan ikke være en kolonne i en tabel "
                                           f"(forventet en af: {', '.join(COLUMN_KINDS)})")
    if f.kind in CHOICE_KINDS:
        if not f.choices or len(f.choices) < 2:
            yield doc.problem(loc + ("choices",), f"feltet af typen '{f.kind}' skal have mindst 2 valgmuligheder")
        else:
            yield from _duplicates(doc, loc + ("choices",), [c.id for c in f.choices], "valgmuligheden")
    elif f.choices is not None:
        yield doc.problem(loc + ("choices",), f"kun felter af typen choice eller multichoice har valgmuligheder (typen er '{f.kind}')")
    if f.kind == "table":
        if not f.columns:
            yield doc.problem(loc + ("columns",), "en tabel skal have mindst én kolonne")
        if not f.rows:
            yield doc.problem(loc + ("rows",), "en tabel skal have mindst én række eller en gentagen blok")
        else:
            yield from _duplicates(doc, loc + ("rows",), [r.id for r in f.rows], "rækken")
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


def check_schema(doc: Document, schema: Schema) -> Schema:
    """Cross-checks and resolution; returns a schema whose field lists hold no ``use``."""
    problems: list[Problem] = []
    for name, group in schema.groups.items():
        _resolve(doc, schema, ("groups", name, "fields"), group.fields, problems, in_group=True)
    problems.extend(_duplicates(doc, ("forms",), [f.id for f in schema.forms], "blanketten"))
    forms: list[Form] = []
    for i, form in enumerate(schema.forms):
        floc = ("forms", i)
        problems.extend(_duplicates(doc, floc + ("sections",), [s.id for s in form.sections], "afsnittet"))
        sections = []
        for j, section in enumerate(form.sections):
            sloc = floc + ("sections", j)
            problems.extend(_placeholders(doc, sloc + ("text",), section.text))
            fields = _resolve(doc, schema, sloc + ("fields",), section.fields, problems)
            if not (section.text or section.fields or section.profile_block):
                problems.append(doc.problem(sloc, "afsnittet er tomt (forventet text, fields eller profile_block)"))
            title = section.title
            if title is None:
                uses = [e.use for e in section.fields if isinstance(e, Use)]
                if uses and uses[0] in schema.groups:
                    title = schema.groups[uses[0]].title
            sections.append(section.model_copy(update={"fields": fields, "title": title}))
        forms.append(form.model_copy(update={"sections": sections}))
    if problems:
        raise InputError(problems)
    return schema.model_copy(update={"forms": forms})


def load_schema(path: Path, display: str | None = None) -> Schema:
    doc = load_yaml(path, display)
    return check_schema(doc, parse(doc, Schema))


MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text: white text on the colour, the colour as text on white


def contrast_with_white(color: str) -> float:
    """The WCAG contrast ratio of ``#rrggbb`` against white."""
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(int(color[i:i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def _check_profile(doc: Document, path: Path, profile: Profile, schema: Schema | None) -> Iterator[Problem]:
    """What pydantic cannot see: contrast, the logo file, forms and sections in the schema."""
    if profile.colors is not None:
        for key in ("primary", "accent"):
            color = getattr(profile.colors, key)
            if color is not None and (ratio := contrast_with_white(color)) < MIN_CONTRAST:
                yield doc.problem(("colors", key), f"farven '{color}' har for lav kontrast til hvid "
                                                   f"({ratio:.2f}:1; forventet mindst {MIN_CONTRAST}:1, WCAG AA): vælg en mørkere farve")
    if profile.logo is not None:
        folder = path.resolve().parent
        logo = (folder / profile.logo).resolve()
        if not logo.is_relative_to(folder):
            yield doc.problem(("logo",), f"logoet '{profile.logo}' ligger uden for {folder.name}/ (forventet en fil i profilens mappe)")
        elif not logo.is_file():
            yield doc.problem(("logo",), f"logofilen '{profile.logo}' findes ikke (forventet en fil ved siden af profilen)")
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
        if set(ids) <= set(sections):
            yield doc.problem(("omit_sections", form_id), f"alle afsnit i '{form_id}' er udeladt "
                                                          "(forventet mindst ét tilbage; udelad hellere blanketten i forms)")


def load_profile(path: Path, schema: Schema | None, display: str | None = None) -> Profile:
    doc = load_yaml(path, display)
    profile = parse(doc, Profile)
    problems = list(_check_profile(doc, path, profile, schema))
    if problems:
        raise InputError(problems)
    return profile


def _rel(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def profile_paths(forms_dir: Path) -> list[Path]:
    return sorted((forms_dir / "profiles").glob("*.yml"))


def load_catalogue(path: Path, schema: Schema | None, docs: Path, display: str | None = None) -> Catalogue:
    """The tool catalogue, checked against the schema's forms and the pages under ``docs``."""
    doc = load_yaml(path, display)
    catalogue = parse(doc, Catalogue)
    problems = list(check_catalogue(doc, catalogue, schema, docs))
    if problems:
        raise InputError(problems)
    return catalogue


def validate_all(root: Path, schema_path: Path | None = None, profiles: list[Path] | None = None,
                 catalogue_path: Path | None = None) -> tuple[Schema, dict[str, Profile], Catalogue | None]:
    """Validate the schema, every profile and the tool catalogue; one ``InputError`` holds all their problems.

    The catalogue is ``redskaber.yml`` beside the schema: required for the project's own schema,
    checked when present beside another one.
    """
    if catalogue_path is None:
        beside = (schema_path or root / "forms" / "schema.yml").parent / CATALOGUE_FILE
        catalogue_path = beside if schema_path is None or beside.is_file() else None
    schema_path = schema_path or root / "forms" / "schema.yml"
    problems: list[Problem] = []
    schema: Schema | None = None
    try:
        schema = load_schema(schema_path, _rel(schema_path, root))
    except InputError as exc:
        problems.extend(exc.problems)
    loaded: dict[str, Profile] = {}
    for path in profiles if profiles is not None else profile_paths(schema_path.parent):
        name = path.stem
        try:
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
                raise InputError([Problem(_rel(path, root), 1, "", f"ugyldigt profilnavn '{name}' (forventet små bogstaver, tal og bindestreg)")])
            loaded[name] = load_profile(path, schema, _rel(path, root))
        except InputError as exc:
            problems.extend(exc.problems)
    catalogue: Catalogue | None = None
    if catalogue_path is not None:
        try:
            catalogue = load_catalogue(catalogue_path, schema, root / "docs", _rel(catalogue_path, root))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    assert schema is not None
    return schema, loaded, catalogue


def omit_sections(schema: Schema, profile: Profile) -> Schema:
    """The schema without the sections the profile leaves out (of a form and its translations)."""
    if not profile.omit_sections:
        return schema
    forms = []
    for form in schema.forms:
        omitted = profile.omit_sections.get(getattr(form, "translation_of", None) or form.id, [])
        if omitted:
            form = form.model_copy(update={"sections": [s for s in form.sections if s.id not in omitted]})
        forms.append(form)
    return schema.model_copy(update={"forms": forms})


def build_model(schema: Schema, profiles: dict[str, Profile], profile_id: str,
                catalogue: Catalogue | None = None, profile_dir: Path | None = None) -> Model:
    """The model for one profile; ``profile_dir`` (forms/profiles) is where its logo lies."""
    if profile_id not in profiles:
        known = ", ".join(sorted(profiles)) or "ingen"
        raise InputError([Problem("forms/profiles", 1, "", f"ukendt profil '{profile_id}' (kendte profiler: {known})")])
    profile = profiles[profile_id]
    return Model(schema_=omit_sections(schema, profile), profile_id=profile_id, profile=profile,
                 catalogue=catalogue, profile_dir=profile_dir)
