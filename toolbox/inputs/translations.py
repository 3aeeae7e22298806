"""A form's translations: checked against the form, then made into forms of their own.

A translation names every text of the form in another language, by section id and field name
(``SECTION.FIELD``, ``SECTION.TABLE.COLUMN``).  Unknown names are errors, and so is any text of
the form left untranslated; a valid translation becomes a form ``FORM-LANG`` that every output
renders as it is.
"""
from __future__ import annotations

from typing import Iterator

from .. import messages
from ..errors import Problem
from ..model import FieldSpec, FixedRow, Form, Section, Translation
from .common import markdown, placeholders
from .yamlfile import Document, Loc


def _translatable(section: Section) -> Iterator[tuple[str, FieldSpec]]:
    """Every field of a resolved section by its name in a translation: SECTION.FIELD, SECTION.TABLE.COLUMN."""
    for f in section.fields:
        yield f"{section.id}.{f.id}", f
        for c in f.columns or []:
            if isinstance(c, FieldSpec):
                yield f"{section.id}.{f.id}.{c.id}", c


def check_translation(doc: Document, loc: Loc, form: Form, lang: str, tr: Translation) -> Iterator[Problem]:
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
        yield from placeholders(doc, loc + ("sections", sid, "text"), st.text)
        yield from markdown(doc, loc + ("sections", sid, "text"), st.text)
    unknown = [k for k in tr.ui if k.upper() not in messages.UI_KEYS]
    if unknown:
        yield doc.problem(loc + ("ui",), f"ukendte tekster: {', '.join(unknown)} (forventet: "
                                         f"{', '.join(k.lower() for k in messages.UI_KEYS)})")
    elif lang not in messages.UI:
        lacking = [k.lower() for k in messages.UI_KEYS if k.lower() not in tr.ui]
        if lacking:
            yield doc.problem(loc + ("ui",) if tr.ui else loc,
                              f"sproget '{lang}' har ingen indbyggede tekster; ui mangler: {', '.join(lacking)}")


def translated(form: Form, lang: str, tr: Translation) -> Form:
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
