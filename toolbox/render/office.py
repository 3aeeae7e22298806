"""Editable Word (DOCX) and LibreOffice (ODT) forms, made by pandoc.

The form is built as a pandoc document tree (JSON AST) straight from the model, so every text
from the schema or the profile is a plain string node and can never be read as markup.  Only
the sections' Markdown texts go through a parser: ``toolbox.text.to_html`` (the same as on the
web page, with raw HTML shown as text), then pandoc's HTML reader.  Styles come from the
reference documents in ``toolbox/templates/pandoc`` (made by ``scripts/reference_docs.py``).

``docx.py`` and ``odt.py`` are the registry's entries; they only pick the format.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import zipfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import messages, text
from ..controls import condition_labels
from ..errors import RenderError
from ..model import FieldSpec, Form, Model, RepeatRow, Section
from . import document_path

FORMATS = ("docx", "odt")
PANDOC_DIR = Path(__file__).resolve().parent.parent / "templates" / "pandoc"
REFERENCE = {fmt: PANDOC_DIR / f"reference.{fmt}" for fmt in FORMATS}
# Paragraph styles defined in the reference documents.
STYLE_HEADER = "Brevhoved"
STYLE_HINT = "Hjælpetekst"
STYLE_FIELD = "Feltlinje"  # right tab stop at the margin with a line as leader
STYLE_SIGNATURE = "Underskriftslinje"
STYLE_PAGE_BREAK = "Sideskift"
STYLE_TABLE = "Tabeltekst"  # every paragraph in a table cell (10 pt, little spacing)
STYLE_BLANK = "Pladsholder"  # a character style: a neutral form's «[Kommunens navn]», bold on yellow
# pandoc stamps DOCX/ODT with this time (zip entries, document properties); fixed so that the
# same input gives the same bytes.  2024-01-01T00:00:00Z.
SOURCE_DATE_EPOCH = "1704067200"
TIMEOUT = 120  # seconds for one pandoc run
BOX = "☐"
# Relative column widths in tables: the row's name, then each column by its kind (default 1.5).
ROW_HEADER_WEIGHT = 2.2
COLUMN_WEIGHTS = {"textarea": 2.2, "yesno": 1.2, "checkbox": 1.0, "number": 0.8, "date": 1.1, "time": 0.8, "tel": 1.2}

Block = dict[str, Any]
Inline = dict[str, Any]


TOOLS = ("pypandoc-binary",)  # its version names the bundled pandoc


def inputs(fmt: str) -> list[Path]:
    """Files besides the registry module that change the output (they key the build's cache)."""
    return [Path(__file__), Path(text.__file__), Path(messages.__file__), REFERENCE[fmt]]


# ---- pandoc ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def pandoc_path() -> str:
    """The pandoc binary bundled with pypandoc-binary (or the one pypandoc is told to use)."""
    import pypandoc

    return pypandoc.get_pandoc_path()


def unavailable() -> str | None:
    try:
        path = pandoc_path()
    except ImportError:
        return "Python-pakken pypandoc-binary er ikke installeret, så der laves ingen Word- og LibreOffice-filer."
    except OSError:
        return "Programmet pandoc blev ikke fundet, så der laves ingen Word- og LibreOffice-filer."
    missing = [p.name for p in REFERENCE.values() if not p.is_file()]
    if missing:
        return f"Skabelonen {', '.join(missing)} mangler i {PANDOC_DIR}."
    return None if os.access(path, os.X_OK) else f"pandoc ({path}) kan ikke køres."


def run_pandoc(args: list[str], data: bytes, fmt: str, form_id: str) -> bytes:
    env = dict(os.environ)
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
    # --sandbox: pandoc reads only what it is given here; nothing from the network or the disk.
    cmd = [pandoc_path(), "--sandbox", f"--data-dir={PANDOC_DIR}", *args]
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, env=env, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise RenderError(fmt, form_id, f"pandoc kunne ikke køre: {e}") from e
    if proc.returncode != 0:
        raise RenderError(fmt, form_id, f"pandoc fejlede ({proc.returncode}): {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout


@lru_cache(maxsize=32)
def _parse_html(html: str, fmt: str, form_id: str) -> str:
    return run_pandoc(["--from=html", "--to=json"], html.encode(), fmt, form_id).decode()


# ---- building the document tree --------------------------------------------------------

def attr(ident: str = "", classes: tuple[str, ...] = (), **kv: str) -> list[Any]:
    return [ident, list(classes), [[k, v] for k, v in kv.items()]]


def inlines(s: str) -> list[Inline]:
    """Plain text as pandoc inlines: words and spaces, nothing interpreted."""
    out: list[Inline] = []
    for i, word in enumerate(s.split()):
        if i:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


def para(content: list[Inline]) -> Block:
    return {"t": "Para", "c": content}


def plain(content: list[Inline]) -> Block:
    return {"t": "Plain", "c": content}


def styled(style: str, blocks: list[Block]) -> Block:
    """Blocks whose paragraphs get a style from the reference document."""
    return {"t": "Div", "c": [attr(**{"custom-style": style}), blocks]}


def strong(content: list[Inline]) -> Inline:
    return {"t": "Strong", "c": content}


LINE_BREAK: Inline = {"t": "LineBreak"}
SPACE: Inline = {"t": "Space"}
# A tab (the field styles draw a line to their right tab stop); each writer keeps its own.
TAB: list[Inline] = [{"t": "RawInline", "c": ["openxml", "<w:r><w:tab/></w:r>"]},
                     {"t": "RawInline", "c": ["opendocument", "<text:tab/>"]}]
PAGE_BREAK: list[Block] = [
    {"t": "RawBlock", "c": ["openxml", f'<w:p><w:pPr><w:pStyle w:val="{STYLE_PAGE_BREAK}"/></w:pPr></w:p>']},
    {"t": "RawBlock", "c": ["opendocument", f'<text:p text:style-name="{STYLE_PAGE_BREAK}"/>']},
]


def label(f: FieldSpec, colon: bool = False) -> list[Inline]:
    """The field's label, "(skal udfyldes)" if required, and a colon unless it ends in ? or :."""
    end = ":" if colon and not f.label.endswith(("?", ":", "!")) else ""
    return inlines(f.label + (f" ({messages.REQUIRED})" if f.required else "") + end)


def hint(s: str | None) -> list[Block]:
    return [styled(STYLE_HINT, [para(inlines(s))])] if s else []


def options(f: FieldSpec) -> list[tuple[str, str]]:
    if f.kind == "yesno":
        return [("ja", messages.YES), ("nej", messages.NO)]
    if f.kind == "checkbox":
        return [("ja", "")]
    return [(c.id, c.label) for c in f.choices or []]


def boxes(f: FieldSpec) -> list[list[Inline]]:
    """One "☐ option" per option (a bare box for a checkbox); the box never parts from the option's first word."""
    out = []
    for _, name in options(f):
        first, *rest = name.split() or [""]
        box = [{"t": "Str", "c": f"{BOX}\u00a0{first}" if first else BOX}]
        out.append(box + ([SPACE, *inlines(" ".join(rest))] if rest else []))
    return out


def join(parts: list[list[Inline]], sep: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for i, p in enumerate(parts):
        out += (sep if i else []) + p
    return out


# One function per field kind, (field, context) -> blocks.  A kind missing here is an error.
def _line(f: FieldSpec, ctx: Context) -> list[Block]:
    """Navn: ________ (the line is a tab to the margin, so typing on it keeps the line's end)."""
    return [styled(STYLE_FIELD, [para([*label(f, colon=True), SPACE, *TAB])]), *hint(f.hint or ctx.default_hint(f))]


def _lines(f: FieldSpec, ctx: Context) -> list[Block]:
    return [styled(STYLE_FIELD, [para(label(f, colon=True))]), *hint(f.hint),
            styled(STYLE_FIELD, [para(TAB) for _ in range(f.lines or 4)])]


def _signature(f: FieldSpec, ctx: Context) -> list[Block]:
    return [styled(STYLE_SIGNATURE, [para([*label(f, colon=True), SPACE, *TAB])]), *hint(f.hint)]


def _checkbox(f: FieldSpec, ctx: Context) -> list[Block]:
    return [styled(STYLE_FIELD, [para([{"t": "Str", "c": BOX}, SPACE, *label(f)])]), *hint(f.hint)]


def _yesno(f: FieldSpec, ctx: Context) -> list[Block]:
    return [styled(STYLE_FIELD, [para([*label(f, colon=True), SPACE, *join(boxes(f), [SPACE, SPACE])])]),
            *hint(f.hint)]


def _choices(f: FieldSpec, ctx: Context) -> list[Block]:
    return [styled(STYLE_FIELD, [para([*label(f, colon=True), LINE_BREAK, *join(boxes(f), [LINE_BREAK])])]),
            *hint(f.hint)]


def _cell_empty(c: FieldSpec) -> list[Block]:
    return [para([])]


def _cell_boxes(c: FieldSpec) -> list[Block]:
    return [para(join(boxes(c), [LINE_BREAK] if c.kind in ("choice", "multichoice") else [SPACE, SPACE]))]


CELLS: dict[str, Callable[[FieldSpec], list[Block]]] = {
    **{k: _cell_empty for k in ("text", "textarea", "date", "time", "number", "email", "tel", "cpr")},
    **{k: _cell_boxes for k in ("checkbox", "yesno", "choice", "multichoice")},
}


def cell(content: list[Block]) -> list[Any]:
    """A table cell; an empty one still holds an empty paragraph, so its row is a line high."""
    return [attr(), {"t": "AlignDefault"}, 1, 1, [styled(STYLE_TABLE, content or [para([])])]]


def header_cell(s: str, extra: list[Block] = ()) -> list[Any]:
    return cell([para([strong(inlines(s))] if s else []), *extra])


def row(cells: list[list[Any]]) -> list[Any]:
    return [attr(), cells]


def _table(t: FieldSpec, ctx: Context) -> list[Block]:
    columns = t.columns or []
    for c in columns:
        if c.kind not in CELLS:
            raise RenderError(ctx.fmt, ctx.form.id, f"felttypen '{c.kind}' kan ikke stå i en tabel i {ctx.fmt.upper()}")
    weights = [ROW_HEADER_WEIGHT] + [COLUMN_WEIGHTS.get(c.kind, 1.5) for c in columns]
    total = sum(weights)
    colspecs = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": round(w / total, 4)}] for w in weights]
    head = [attr(), [row([header_cell(t.row_header or "")] + [header_cell(c.label) for c in columns])]]
    body_rows = []
    for r in t.rows or []:
        if isinstance(r, RepeatRow):
            for _ in range(r.repeat.initial):
                body_rows.append(row([cell([])] + [cell(CELLS[c.kind](c)) for c in columns]))
        else:
            row_hint = [styled(STYLE_HINT, [para(inlines(r.hint))])] if r.hint else []
            body_rows.append(row([header_cell(r.label, row_hint)] + [cell(CELLS[c.kind](c)) for c in columns]))
    caption = [None, [plain(inlines(t.label)), *hint(t.hint)]]
    return [{"t": "Table", "c": [attr(), caption, colspecs, head, [[attr(), 1, [], body_rows]], [attr(), []]]}]


FIELDS: dict[str, Callable[[FieldSpec, "Context"], list[Block]]] = {
    **{k: _line for k in ("text", "date", "time", "number", "email", "tel", "cpr")},
    "textarea": _lines,
    "signature": _signature,
    "checkbox": _checkbox,
    "yesno": _yesno,
    "choice": _choices,
    "multichoice": _choices,
    "table": _table,
}


class Context:
    def __init__(self, model: Model, form: Form, fmt: str):
        self.model, self.form, self.fmt = model, form, fmt
        self.msg = messages.ui(form.lang, form.ui)
        self.conditions = condition_labels(form)

    def default_hint(self, f: FieldSpec) -> str | None:
        return self.msg.CPR_HINT if f.kind == "cpr" else None


def placeholder(b: text.Blank) -> Inline:
    """A neutral form's blank: «[Kommunens navn]» in a character style that stands out, to be replaced."""
    return {"t": "Span", "c": [attr(**{"custom-style": STYLE_BLANK}), [{"t": "Str", "c": b.placeholder()}]]}


def _with_placeholders(node: Any, blanks: dict[str, text.Blank]) -> Any:
    """The pandoc tree of a section text with each blank's span (``Blank.html``) as its placeholder."""
    if isinstance(node, list):
        return [_with_placeholders(n, blanks) for n in node]
    if not isinstance(node, dict):
        return node
    if node.get("t") == "Span":
        (_, classes, kv), _content = node["c"]
        name = dict(kv).get("blank") or dict(kv).get("data-blank")
        if text.BLANK_CLASS in classes and name in blanks:
            return placeholder(blanks[name])
    return {k: _with_placeholders(v, blanks) for k, v in node.items()}


def contact_units(model: Model, msg: Any = messages) -> list[Block]:
    if model.profile is None:  # the neutral view: one unit of placeholders
        name, *rest = [placeholder(text.blank(n, msg)) for n in ("unit_name", "unit_address", "unit_phone",
                                                                "unit_email", "unit_hours")]
        address, phone, email, hours = rest
        lines = [[address], [*inlines(f"{msg.PHONE}:"), SPACE, phone], [*inlines(f"{msg.EMAIL}:"), SPACE, email], [hours]]
        content = [strong([name])]
        for line in lines:
            content += [LINE_BREAK, *line]
        return [para(content)]
    out = []
    for u in model.profile.contact_units:
        lines = [inlines(u.address), inlines(f"{msg.PHONE}: {u.phone}"), inlines(f"{msg.EMAIL}: {u.email}")]
        if u.hours:
            lines.append(inlines(u.hours))
        content = [strong(inlines(u.name))]
        for line in lines:
            content += [LINE_BREAK, *line]
        out.append(para(content))
    return out


def section_texts(model: Model, form: Form, fmt: str) -> tuple[list[int], dict[str, list[Block]]]:
    """The sections' Markdown texts as pandoc blocks (one pandoc run per form) and pandoc's API version."""
    msg = messages.ui(form.lang, form.ui)
    parts = [f'<div id="tb-{s.id}">{text.to_html(s.text, model.profile, msg)}</div>' for s in form.sections if s.text]
    doc = json.loads(_parse_html("\n".join(parts), fmt, form.id))
    blanks = text.placeholder_values(None, msg) if model.profile is None else {}
    texts = {}
    for block in doc["blocks"]:
        if block["t"] == "Div" and block["c"][0][0].startswith("tb-"):
            texts[block["c"][0][0][3:]] = _with_placeholders(block["c"][1], blanks) if blanks else block["c"][1]
    return doc["pandoc-api-version"], texts


def section(s: Section, ctx: Context, texts: dict[str, list[Block]]) -> list[Block]:
    out: list[Block] = []
    if s.layout.page_break_before:
        out += PAGE_BREAK
    if s.title:
        out.append({"t": "Header", "c": [1, attr(s.id), inlines(s.title)]})
    condition = ctx.conditions.get(s.id)
    if condition is not None:  # a module: every one is in the blank document, with when to fill it in
        out += hint(ctx.msg.WHEN_NOTE.format(field=condition[0], option=condition[1]))
    out += texts.get(s.id, [])
    if s.profile_block == "kontaktenheder":
        out += contact_units(ctx.model, ctx.msg)
    for f in s.fields:
        render = FIELDS.get(f.kind)
        if render is None:
            raise RenderError(ctx.fmt, ctx.form.id, f"felttypen '{f.kind}' kan ikke laves som {ctx.fmt.upper()}")
        out += render(f, ctx)
    return out


def document(model: Model, form: Form, fmt: str) -> dict[str, Any]:
    """The form as a pandoc document (JSON AST)."""
    ctx = Context(model, form, fmt)
    api_version, texts = section_texts(model, form, fmt)
    p = model.profile
    meta: dict[str, Any] = {
        "title": {"t": "MetaInlines", "c": inlines(form.title)},
        "lang": {"t": "MetaString", "c": "da-DK" if form.lang == "da" else form.lang},
        "description": {"t": "MetaString", "c": form.summary},
    }
    if form.subtitle:
        meta["subtitle"] = {"t": "MetaInlines", "c": inlines(form.subtitle)}
    if p is None:  # the neutral view
        heading = [placeholder(text.blank("organisation", ctx.msg))]
    else:
        heading = inlines(p.name + (f" · {p.department}" if p.department else ""))
    blocks = [styled(STYLE_HEADER, [para(heading)])]
    for s in form.sections:
        blocks += section(s, ctx, texts)
    return {"pandoc-api-version": api_version, "meta": meta, "blocks": blocks}


# ---- the ODT's table borders ------------------------------------------------------------

ODT_CELL_STYLE = re.compile(r'(<style:style style:name="Table(?:HeaderRow|Row)Cell" style:family="table-cell">\s*'
                            r'<style:table-cell-properties) fo:border="none"')
ODT_BORDER = 'fo:border="0.5pt solid #8c8c8c" fo:padding="0.07cm"'


def odt_with_borders(data: bytes, form_id: str) -> bytes:
    """pandoc writes ODT table cells without borders; a form's table needs lines to write between."""
    src = zipfile.ZipFile(io.BytesIO(data))
    content = src.read("content.xml").decode()
    content, n = ODT_CELL_STYLE.subn(rf"\1 {ODT_BORDER}", content)
    if n == 0 and "<table:table " in content:
        raise RenderError("odt", form_id, "tabellernes cellestil blev ikke fundet i pandocs ODT")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():  # same order, dates and compression (mimetype first, stored)
            dst.writestr(info, content.encode() if info.filename == "content.xml" else src.read(info))
    return out.getvalue()


def render_form(model: Model, form: Form, fmt: str) -> dict[str, bytes]:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    tree = json.dumps(document(model, form, fmt), ensure_ascii=False).encode()
    data = run_pandoc(["--from=json", f"--to={fmt}", f"--reference-doc={REFERENCE[fmt]}", "--output=-"], tree, fmt, form.id)
    if fmt == "odt":
        data = odt_with_borders(data, form.id)
    return {document_path(model.profile_id, form.id, f".{fmt}"): data}
