"""The page "Lav jeres egen udgave": a municipality profile made in the browser.

The form on the page is derived from the profile model itself (``toolbox.model.Profile`` and the
models it holds): each field's type gives the field kind (a number with its limits, an e-mail, a
text, a yes or no as a tick box, a list of units as a table with a repeating block, ids of the schema's forms or sections as
tick boxes), its ``title`` and ``description`` the label and hint, and whether it may be left out
``required``.  Only where the fields go (the page's sections, ``LAYOUT``) is written here, apart
from the data, and every field of the model must have a place (:func:`derive` raises otherwise).

The form is drawn with the same macros as every other form (``components.html.j2``, through
``profile-builder.html.j2``, which extends ``form.html.j2``) and the page's rows, clearing,
error summary and question before leaving are ``forms.js``'s.  What is the builder's own
(``profile-builder.js``): writing the profile as YAML, opening one again, the checks of
``toolbox validate`` that the page can make (the patterns, limits and lengths of the model, the
colours' contrast with white as ``toolbox.colors`` computes it, the sections left out), and the
live contrast of each colour.  It gets them as data (``SPEC``, in ``data-builder``) from
:func:`spec`, so the page and ``validate`` read the same model.
"""
from __future__ import annotations

import json
import logging
import re
import types
from dataclasses import dataclass
from typing import Any, Union, get_args, get_origin

from annotated_types import Ge, Le, MaxLen, MinLen
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from .. import messages
from ..colors import MIN_CONTRAST
from ..model import ID_PATTERN, Choice, Color, Email, FieldSpec, Form, Model, Profile, Repeat, Schema, Section, Url
from ..text import front_matter, to_html
from . import BUILDER_PAGE, NavEntry, html

HANDLES = html.HANDLES  # drawn by the form pages' own macros: whatever kind they draw
PAGE = BUILDER_PAGE
ANCHOR = "implementering/index.md"  # the page joins the nav section of the implementation guide
FORM_ID = "egen-udgave"
ID_FIELD = "fil.id"  # the profile's name (its file's name), not a field of the profile itself
ROW_BLOCK = "enhed"  # the repeating block of a list of units
VENDOR_YAML = "assets/javascripts/vendor/js-yaml.min.js"  # read a profile again ("Åbn profil")
log = logging.getLogger("toolbox")
VENDOR = {VENDOR_YAML: "js-yaml/dist/browser/js-yaml.umd.min.js",
          "assets/javascripts/vendor/js-yaml-LICENSE.txt": "js-yaml/LICENSE"}

# Where the profile's fields go: (section id, profile fields in order).  Titles and texts are in
# messages.BUILDER_SECTIONS; every field of Profile must be placed exactly once.
LAYOUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kommunen", ("name", "department", "web", "target_group")),
    ("kontakt", ("contact_units",)),
    ("samtykke", ("consent", "data_controller", "data_protection_officer")),
    ("udseende", ("colors", "logo", "fold_marks")),
    ("blanketter", ("forms",)),
    ("afsnit", ("omit_sections",)),
)



class DerivationError(Exception):
    """The profile model has a field the builder cannot place or draw (a programming error)."""


@dataclass
class Type:
    """A field's type as the page needs it: the base type, its constraints, whether it may be left out."""

    base: Any
    optional: bool
    constraints: dict[str, Any]


def _constraints(items: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for m in items:
        if isinstance(m, StringConstraints):
            for key in ("pattern", "max_length", "min_length", "strip_whitespace"):
                if getattr(m, key) is not None:
                    out[key] = getattr(m, key)
        elif isinstance(m, Ge):
            out["min"] = m.ge
        elif isinstance(m, Le):
            out["max"] = m.le
        elif isinstance(m, MinLen):
            out["min_items"] = m.min_length
        elif isinstance(m, MaxLen):
            out["max_items"] = m.max_length
        elif isinstance(m, FieldInfo):  # Annotated[..., Field(...)] nested in an Optional
            out.update(_constraints(list(m.metadata)))
    return out


def _unwrap(annotation: Any, metadata: list[Any]) -> Type:
    """``X | None`` and ``Annotated[X, ...]`` down to X, collecting the constraints on the way."""
    optional = False
    found = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                raise DerivationError(f"a union the builder cannot draw: {annotation}")
            annotation = args[0]
        elif hasattr(annotation, "__metadata__"):  # Annotated
            found.extend(annotation.__metadata__)
            annotation = annotation.__origin__
        else:
            return Type(annotation, optional, _constraints(found))


def _pattern(annotation: Any) -> str:
    return _unwrap(annotation, []).constraints["pattern"]


EMAIL_PATTERN, COLOR_PATTERN = _pattern(Email), _pattern(Color)
# What a pattern of the model means, so that the page can say what is wrong in plain words.
FORMATS = {EMAIL_PATTERN: "email", _pattern(Url): "url", COLOR_PATTERN: "color", ID_PATTERN: "id",
           _pattern(Profile.model_fields["logo"].annotation): "logo"}


def _kebab(key: str) -> str:
    return key.replace("_", "-")


def _extra(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    return extra if isinstance(extra, dict) else {}


def _label(info: FieldInfo, key: str) -> str:
    if not info.title:
        raise DerivationError(f"the profile field '{key}' has no title (its label on the page)")
    return info.title


def _scalar(key: str, info: FieldInfo, t: Type, control_id: str) -> tuple[FieldSpec, dict[str, Any]]:
    """A text or number field, and its checks for the page."""
    label = _label(info, key)
    required = info.is_required() and not t.optional
    check: dict[str, Any] = {"key": key, "label": label, "required": required}
    if t.base is bool:  # a tick box; ticked writes true, and false (the default) is left out
        kind = "checkbox"
        required = False
        check.update(type="bool", required=False)
    elif t.base is int:
        kind = "number"
        check.update(type="int", **{k: t.constraints[k] for k in ("min", "max") if k in t.constraints})
    elif t.base is str:
        pattern = t.constraints.get("pattern")
        kind = "email" if pattern == EMAIL_PATTERN else _extra(info).get("kind", "text")
        check["type"] = "str"
        if pattern:
            check.update(pattern=pattern, format=FORMATS.get(pattern, "pattern"))
        if "max_length" in t.constraints:
            check["max_length"] = t.constraints["max_length"]
        if pattern == COLOR_PATTERN:
            check["contrast"] = MIN_CONTRAST
    else:
        raise DerivationError(f"the profile field '{key}' has a type the builder cannot draw: {t.base}")
    spec = FieldSpec(id=control_id, kind=kind, label=label, hint=info.description, required=required,
                     min=check.get("min"), max=check.get("max"))
    return spec, check


def _model_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return dict(model.model_fields)


def _is_model(base: Any) -> bool:
    return isinstance(base, type) and issubclass(base, BaseModel)


def _place(section_id: str, key: str, info: FieldInfo, schema: Schema) -> tuple[list[FieldSpec], dict[str, Any]]:
    """The fields one profile field becomes in its section, and its node of the page's spec."""
    t = _unwrap(info.annotation, list(info.metadata))
    choices = _extra(info).get("choices")
    label = _label(info, key)
    forms = [f for f in schema.forms if f.translation_of is None]  # a translation goes with its form
    if _is_model(t.base):  # a group of fields (consent, colours): flattened into the section
        fields, children = [], []
        for sub, sub_info in _model_fields(t.base).items():
            sub_t = _unwrap(sub_info.annotation, list(sub_info.metadata))
            if _is_model(sub_t.base) or get_origin(sub_t.base) in (list, dict):
                raise DerivationError(f"'{key}.{sub}': the builder draws one level of groups")
            spec, check = _scalar(sub, sub_info, sub_t, _kebab(f"{key}-{sub}"))
            check["name"] = f"{section_id}.{spec.id}"
            if t.optional:  # required only when the group is given (the page's check knows)
                spec = spec.model_copy(update={"required": False})
            fields.append(spec)
            children.append(check)
        return fields, {"key": key, "type": "map", "label": label,
                        "required": info.is_required() and not t.optional, "children": children}
    origin = get_origin(t.base)
    if origin is list and choices == "forms":
        spec = FieldSpec(id=_kebab(key), kind="multichoice", label=label, hint=info.description,
                         choices=[Choice(id=f.id, label=f.title) for f in forms])
        return [spec], {"key": key, "type": "list", "name": f"{section_id}.{spec.id}", "label": label}
    if origin is dict and choices == "sections":
        fields, entries = [], []
        for f in forms:
            fields.append(FieldSpec(id=f.id, kind="multichoice", label=f.title, choices=[
                Choice(id=s.id, label=s.title or messages.BUILDER_NO_TITLE.format(id=s.id)) for s in f.sections]))
            entries.append({"form": f.id, "name": f"{section_id}.{f.id}", "label": f.title,
                            "sections": [s.id for s in f.sections]})
        return fields, {"key": key, "type": "omit", "label": label, "forms_key": "forms", "children": entries}
    if origin is list and _is_model(get_args(t.base)[0]):  # rows: a table with a repeating block
        row_model = get_args(t.base)[0]
        sub_fields = _model_fields(row_model)
        (first, first_info), *rest = sub_fields.items()  # the first field names the row
        table_id = _kebab(key)
        block = f"{section_id}.{table_id}.{ROW_BLOCK}"
        columns, children = [], []
        for sub, sub_info in [(first, first_info), *rest]:
            sub_t = _unwrap(sub_info.annotation, list(sub_info.metadata))
            spec, check = _scalar(sub, sub_info, sub_t, _kebab(sub))
            check["col"] = "label" if sub == first else spec.id
            children.append(check)
            if sub != first:
                columns.append(spec)
        required = [c["label"] for c in children if c["required"]]
        most = t.constraints.get("max_items", 50)
        table = FieldSpec(id=table_id, kind="table", label=label, row_header=_label(first_info, first),
                          hint=messages.BUILDER_UNITS_HINT.format(fields=", ".join(required)) if required else None,
                          columns=columns, rows=[{"id": ROW_BLOCK, "repeat": Repeat(
                              label=_extra(info).get("row", label), initial=1, max=most)}])  # a dict: Row's tag
        return [table], {"key": key, "type": "rows", "label": label, "block": block, "row": _extra(info).get("row", label),
                         "min": t.constraints.get("min_items", 0), "max": most, "children": children}
    spec, check = _scalar(key, info, t, _kebab(key))
    check["name"] = f"{section_id}.{spec.id}"
    return [spec], check


def derive(schema: Schema, profile_model: type[BaseModel] = Profile) -> tuple[Form, dict[str, Any]]:
    """The builder's form and the page's spec (how values become the profile's YAML, and the checks)."""
    fields = _model_fields(profile_model)
    placed = [k for _, keys in LAYOUT for k in keys]
    missing = [k for k in fields if k not in placed]
    unknown = [k for k in placed if k not in fields]
    if missing or unknown or len(placed) != len(set(placed)):
        raise DerivationError(f"LAYOUT must place every profile field once (missing: {missing}, unknown: {unknown})")
    file_id = ID_FIELD.split(".")[1]
    sections = [Section(id=ID_FIELD.split(".")[0], title=messages.BUILDER_FILE_SECTION, text=messages.BUILDER_FILE_TEXT,
                        fields=[FieldSpec(id=file_id, kind="text", label=messages.BUILDER_ID_LABEL,
                                          hint=messages.BUILDER_ID_HINT, required=True)])]
    nodes: dict[str, dict[str, Any]] = {}
    for section_id, keys in LAYOUT:
        title, text = messages.BUILDER_SECTIONS[section_id]
        section_fields: list[FieldSpec] = []
        for key in keys:
            got, node = _place(section_id, key, fields[key], schema)
            section_fields.extend(got)
            nodes[key] = node
        sections.append(Section(id=section_id, title=title, text=text or None, fields=section_fields))
    form = Form(id=FORM_ID, title=messages.BUILDER_FORM_TITLE, summary=messages.BUILDER_FORM_SUMMARY, sections=sections)
    spec = {"id": {"name": ID_FIELD, "label": messages.BUILDER_ID_LABEL, "required": True, "type": "str",
                   "pattern": ID_PATTERN, "format": "id"},
            "fields": [nodes[k] for k in fields]}  # in the model's order: the order of the YAML
    return form, spec


# ---- the page ----------------------------------------------------------------------------

def _steps() -> str:
    """How to build with the saved file: where it goes and the two commands (raw HTML, no blank lines:
    the profile's name is filled in as it is typed)."""
    name = '<span class="tb-profile-id">NAVN</span>'
    return "\n".join([
        f"## {messages.BUILDER_STEPS_TITLE}",
        "",
        '<ol class="tb-build-steps">',
        f"<li><p>Udfyld felterne, og tryk på <strong>{messages.BUILDER_SAVE}</strong>. Browseren gemmer filen "
        f"<code>{name}.yml</code> i din mappe med overførsler. Siden tjekker det samme som "
        "<code>toolbox validate</code>, når du gemmer, og viser, hvad der mangler.</p></li>",
        "<li><p>Læg filen i mappen <code>forms/profiles/</code> i jeres kopi af værktøjskassens projektmappe, "
        f"så den hedder <code>forms/profiles/{name}.yml</code>. Har I et logo, så læg det i samme mappe med "
        "det filnavn, I har skrevet.</p></li>",
        "<li><p>Kør de to kommandoer i projektmappen. Den første tjekker profilen og resten af værktøjskassen. "
        "Den anden bygger værktøjskassen med jeres profil i mappen <code>site/</code>, klar til at lægge på "
        "jeres webserver:</p>",
        f'<pre class="tb-commands"><code>.venv/bin/toolbox validate\n.venv/bin/toolbox build --profile {name}</code></pre>',
        "<p>Er det første gang, I bruger værktøjskassen på computeren, så kør i stedet "
        f"<code>scripts/serve.sh --profile {name}</code>. Den installerer det, der mangler, tjekker og bygger og "
        "viser jeres udgave på http://127.0.0.1:8000.</p></li>",
        "</ol>",
    ])


def builder_html(model: Model, form: Form, spec: dict[str, Any]) -> str:
    html.check_kinds(form, HANDLES, "profile_builder")
    texts = {s.id: to_html(s.text, model.profile) for s in form.sections if s.text}
    page = {"builder": json.dumps(spec, ensure_ascii=False, sort_keys=True),
            "builder_messages": json.dumps(messages.BUILDER_JS, ensure_ascii=False, sort_keys=True),
            "yaml": VENDOR_YAML if not _vendor_missing(model) else "",
            "ecomap": ""}  # the form pages' drawing of a network map: none here
    out = html.environment().get_template("profile-builder.html.j2").render(
        form=form, profile=model.profile, texts=texts, msg=messages.ui("da", messages.BUILDER_FORM_UI), page=page,
        conditions={}, blanks={}, unit_blanks=(), fold=None)
    return "\n".join(line for line in out.splitlines() if line.strip())  # a blank line ends raw HTML in Markdown


def builder_page(model: Model) -> str:
    form, spec = derive(model.schema_)
    return (front_matter(messages.BUILDER_TITLE, messages.BUILDER_DESCRIPTION)
            + f"# {messages.BUILDER_TITLE}\n\n{messages.BUILDER_LEAD}\n\n"
            + builder_html(model, form, spec) + "\n\n" + _steps() + "\n")


def _vendor_missing(model: Model) -> list[str]:
    return [src for src in VENDOR.values() if not model.site_asset(f"node_modules/{src}").is_file()]


def nav(model: Model) -> list[NavEntry]:
    return [NavEntry(ANCHOR, "append", {messages.BUILDER_NAV: PAGE})]


def _vendored(data: bytes) -> bytes:
    """The library as shipped, without its pointer to a source map the site does not have."""
    return re.sub(rb"\n//# sourceMappingURL=\S+\s*$", b"\n", data)


def render(model: Model, ctx=None) -> dict[str, bytes]:
    files = {PAGE: builder_page(model).encode()}
    missing = _vendor_missing(model)
    if missing:  # the page still makes profiles; only "Åbn profil" is left out
        log.warning("“Åbn profil” er udeladt: %s mangler i node_modules (kør scripts/setup.sh)", ", ".join(missing))
        return files
    for site, src in VENDOR.items():
        files[site] = _vendored(model.site_asset(f"node_modules/{src}").read_bytes())
    return files
