"""Load and validate the schema and the profiles; collect every problem, then stop once."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator, NamedTuple

from pydantic import BaseModel, ValidationError

from .catalogue import CATALOGUE_FILE, Catalogue, check_catalogue
from .errors import InputError, Problem
from .loader import Document, Loc, load_yaml
from . import messages
from .model import (CHOICE_KINDS, COLUMN_KINDS, FIELD_KINDS, PLACEHOLDERS, FieldSpec, FixedRow,
                    Form, Model, Profile, RepeatRow, Schema, Section, Steps, Translation, Use)
from .steps import STEPS_FILE, load_steps

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


def _translatable(section: Section) -> Iterator[tuple[str, FieldSpec]]:
    """Every field of a resolved section by its name in a translation: SECTION.FIELD, SECTION.TABLE.COLUMN."""
    for f in section.fields:
        yield f"{section.id}.{f.id}", f
        for c in f.columns or []:
            if isinstance(c, FieldSpec):
                yield f"{section.id}.{f.id}.{c.id}", c


def _check_translation(doc: Document, loc: Loc, form: Form, lang: str, tr: Translation) -> Iterator[Problem]:
    """Unknown section and field names are errors; so is any text of the form left untranslated."""
    if lang == form.lang:
        yield doc.problem(loc, f"blanketten er allerede på sproget '{lang}'")
    sections = {s.id: s for s in form.sections}
    for sid in tr.sections:
        if sid not in sections:
            yield doc.problem(loc + ("sections", sid), f"ukendt afsnit '{sid}' (afsnit i blanketten: {', '.join(sections)})")
    fields = dict(name for s in form.sections for name in _translatable(s))
    for name, ft in tr.fields.items():
        f = fields.get(name)
        if f is None:
            yield doc.problem(loc + ("fields", name), f"ukendt felt '{name}' (forventet AFSNIT.FELT, fx "
                                                      f"'{next(iter(fields), 'afsnit.felt')}')")
            continue
        for cid in ft.choices:
            if cid not in {c.id for c in f.choices or []}:
                yield doc.problem(loc + ("fields", name, "choices", cid), f"feltet '{name}' har ingen valgmulighed '{cid}'")
        for rid in ft.rows:
            if rid not in {r.id for r in f.rows or []}:
                yield doc.problem(loc + ("fields", name, "rows", rid), f"tabellen '{name}' har ingen række '{rid}'")
    missing: list[str] = []
    if form.subtitle and not tr.subtitle:
        missing.append("subtitle")
    for s in form.sections:
        st = tr.sections.get(s.id)
        for key in ("title", "text"):
            if getattr(s, key) and not (st and getattr(st, key)):
                missing.append(f"sections.{s.id}.{key}")
        for name, f in _translatable(s):
            ft = tr.fields.get(name)
            if ft is None:
                missing.append(f"fields.{name}")
                continue
            for what, needed, given in (("hint", f.hint, ft.hint), ("row_header", f.row_header, ft.row_header)):
                if needed and not given:
                    missing.append(f"fields.{name}.{what}")
            missing += [f"fields.{name}.choices.{c.id}" for c in f.choices or [] if c.id not in ft.choices]
            missing += [f"fields.{name}.rows.{r.id}" for r in f.rows or [] if r.id not in ft.rows]
    if missing:
        yield doc.problem(loc, "mangler oversættelse af " + ", ".join(missing))
    for sid, st in tr.sections.items():
        yield from _placeholders(doc, loc + ("sections", sid, "text"), st.text)
    unknown = [k for k in tr.ui if k.upper() not in messages.UI_KEYS]
    if unknown:
        yield doc.problem(loc + ("ui",), f"ukendte tekster: {', '.join(unknown)} (forventet: "
                                         f"{', '.join(k.lower() for k in messages.UI_KEYS)})")
    elif lang not in messages.UI:
        lacking = [k.lower() for k in messages.UI_KEYS if k.lower() not in tr.ui]
        if lacking:
            yield doc.problem(loc + ("ui",) if tr.ui else loc,
                              f"sproget '{lang}' har ingen indbyggede tekster; ui mangler: {', '.join(lacking)}")


def _translated(form: Form, lang: str, tr: Translation) -> Form:
    """The form in another language: a form of its own (id FORM-LANG) that every output renders as it is."""
    def field(f: FieldSpec, name: str) -> FieldSpec:
        ft = tr.fields[name]
        update: dict[str, object] = {"label": ft.label, "hint": ft.hint if f.hint else None}
        if f.choices:
            update["choices"] = [c.model_copy(update={"label": ft.choices[c.id]}) for c in f.choices]
        if f.row_header:
            update["row_header"] = ft.row_header
        if f.rows:
            update["rows"] = [r.model_copy(update={"label": ft.rows[r.id]}) if isinstance(r, FixedRow)
                              else r.model_copy(update={"repeat": r.repeat.model_copy(update={"label": ft.rows[r.id]})})
                              for r in f.rows]
        if f.columns:
            update["columns"] = [field(c, f"{name}.{c.id}") for c in f.columns if isinstance(c, FieldSpec)]
        return f.model_copy(update=update)

    sections = []
    for s in form.sections:
        st = tr.sections.get(s.id)
        sections.append(s.model_copy(update={
            "title": st.title if st and s.title else s.title, "text": st.text if st and s.text else s.text,
            "fields": [field(f, f"{s.id}.{f.id}") for f in s.fields]}))
    return form.model_copy(update={"id": f"{form.id}-{lang}", "title": tr.title, "subtitle": tr.subtitle,
                                   "summary": tr.summary, "lang": lang, "ui": tr.ui, "translations": {},
                                   "translation_of": form.id, "sections": sections})


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
        resolved = form.model_copy(update={"sections": sections, "translations": {}})
        forms.append(resolved)
        if form.translation_of is not None:
            problems.append(doc.problem(floc + ("translation_of",), "sættes af værktøjet (skriv en oversættelse under translations)"))
        for lang, tr in form.translations.items():
            tloc = floc + ("translations", lang)
            found = list(_check_translation(doc, tloc, resolved, lang, tr))
            problems.extend(found)
            if not found:
                forms.append(_translated(resolved, lang, tr))
    problems.extend(_duplicates(doc, ("forms",), [f.id for f in forms if f.translation_of], "oversættelsen"))
    taken = {f.id for f in schema.forms}
    for f in forms:
        if f.translation_of and f.id in taken:
            i = next(i for i, g in enumerate(schema.forms) if g.id == f.translation_of)
            problems.append(doc.problem(("forms", i, "translations", f.lang),
                                        f"oversættelsen får id'et '{f.id}', men en blanket hedder allerede sådan"))
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
        try:
            logo: Path | None = (folder / profile.logo).resolve()
            found = logo is not None and logo.is_file()
        except (OSError, ValueError):  # a name the file system cannot take
            logo, found = None, False
        if logo is not None and not logo.is_relative_to(folder):
            yield doc.problem(("logo",), f"logoet '{profile.logo}' ligger uden for {folder.name}/ (forventet en fil i profilens mappe)")
        elif not found:
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


class Inputs(NamedTuple):
    schema: Schema
    profiles: dict[str, Profile]
    catalogue: Catalogue | None
    steps: Steps | None


def validate_all(root: Path, schema_path: Path | None = None, profiles: list[Path] | None = None,
                 catalogue_path: Path | None = None) -> Inputs:
    """Validate the schema, every profile, the tool catalogue and the guides' steps; one ``InputError``
    holds all their problems.

    The catalogue (``redskaber.yml``) and the steps (``trin.yml``) lie beside the schema: required
    for the project's own schema, checked when present beside another one.
    """
    def beside(name: str) -> Path | None:
        path = (schema_path or root / "forms" / "schema.yml").parent / name
        return path if schema_path is None or path.is_file() else None

    if catalogue_path is None:
        catalogue_path = beside(CATALOGUE_FILE)
    steps_path = beside(STEPS_FILE)
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
    steps: Steps | None = None
    if steps_path is not None:
        try:
            steps = load_steps(steps_path, schema, root / "docs", _rel(steps_path, root), _rel(root / "docs", root))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    assert schema is not None
    return Inputs(schema, loaded, catalogue, steps)


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
                catalogue: Catalogue | None = None, profile_dir: Path | None = None,
                steps: Steps | None = None) -> Model:
    """The model for one profile; ``profile_dir`` (forms/profiles) is where its logo lies."""
    if profile_id not in profiles:
        known = ", ".join(sorted(profiles)) or "ingen"
        raise InputError([Problem("forms/profiles", 1, "", f"ukendt profil '{profile_id}' (kendte profiler: {known})")])
    profile = profiles[profile_id]
    return Model(schema_=omit_sections(schema, profile), profile_id=profile_id, profile=profile,
                 catalogue=catalogue, steps=steps, profile_dir=profile_dir)
