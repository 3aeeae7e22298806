"""HTML form pages (Markdown pages with the form as raw HTML) for the MkDocs site."""
from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import messages
from . import NavEntry, document_path
from .bundle import bundle_path
from ..errors import RenderError
from ..model import Form, Model
from ..text import front_matter, md_escape as _md_escape, to_html

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The <input type> of each kind drawn as one input; the template draws the others itself.
INPUT_TYPES = {"text": "text", "signature": "text", "cpr": "text", "date": "date", "time": "time",
               "number": "number", "email": "email", "tel": "tel"}
# The field kinds this output can render (components.html.j2); a kind missing here is an explicit error.
HANDLES = frozenset(INPUT_TYPES) | {"textarea", "checkbox", "yesno", "choice", "multichoice", "table"}


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals["msg"] = messages
    env.globals["input_types"] = INPUT_TYPES
    return env


def check_kinds(form: Form, kinds: frozenset[str], output: str) -> None:
    """Raise ``RenderError`` naming ``output`` and the kind when the form has a field kind it cannot draw."""
    for s in form.sections:
        stack = list(s.fields)
        while stack:
            f = stack.pop()
            if f.kind not in kinds:
                raise RenderError(output, form.id, f"felttypen '{f.kind}' kan ikke laves som {output}")
            stack.extend(f.columns or [])


def form_html(model: Model, form: Form) -> str:
    """The form's HTML (also what the PDF output prints)."""
    check_kinds(form, HANDLES, "html")
    texts = {s.id: to_html(s.text, model.profile) for s in form.sections if s.text}
    out = environment().get_template("form.html.j2").render(form=form, profile=model.profile, texts=texts,
                                                             msg=messages.ui(form.lang, form.ui))
    # Blank lines would end the raw HTML block in Markdown.
    return "\n".join(line for line in out.splitlines() if line.strip())


def _size(n: int) -> str:
    return f"{n / 1024:.0f} kB".replace(".", ",") if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


def download_list(model: Model, form: Form, documents: dict[str, bytes]) -> str:
    """Markdown list of the form's documents with format and size (empty if there are none)."""
    rows = []
    for suffix, (name, what) in messages.FORMATS.items():
        path = document_path(model.profile_id, form.id, suffix)
        if path in documents:
            rel = path.removeprefix("blanketter/")
            rows.append(f"- [{name}]({rel}): {what} ({_size(len(documents[path]))})\n")
    return f"## {messages.DOWNLOADS}\n\n" + "".join(rows) + "\n" if rows else ""


def form_page(model: Model, form: Form, documents: dict[str, bytes] | None = None) -> str:
    kind = messages.ui(form.lang, form.ui).KIND_NAMES[form.kind]
    lang = "" if form.lang == "da" else f' lang="{form.lang}"'
    heading = f"# {_md_escape(form.title)}" + (f" {{ {lang.strip()} }}" if lang else "")
    lead = f"{_md_escape(form.summary)} *({kind})*"
    if lang:  # the text of a form in another language is marked so (WCAG 3.1.2)
        lead = f'<p{lang}>{escape(form.summary)} <em>({escape(kind)})</em></p>'
    return (front_matter(form.title, form.summary)
            + heading + "\n\n"
            + lead + "\n\n"
            + form_html(model, form) + "\n\n"
            + download_list(model, form, documents or {}))


def _marked(markdown: str, form: Form) -> str:
    """Inline Markdown about a form, marked with the form's language when it is not Danish."""
    return markdown if form.lang == "da" else f'<span lang="{form.lang}">{markdown}</span>'


def index_page(model: Model) -> str:
    lines = [front_matter(messages.FORMS_INDEX_TITLE, messages.FORMS_INDEX_LEAD),
             f"# {messages.FORMS_INDEX_TITLE}\n\n{messages.FORMS_INDEX_LEAD}\n\n"]
    for form in model.forms:
        lines.append(f"- {_marked(f'[{_md_escape(form.title)}]({form.id}.md): {_md_escape(form.summary)}', form)}\n")
    lines.append(f"\n{messages.DOWNLOADS_SEE_ALL}\n")
    return "".join(lines)


def downloads_page(model: Model, documents: dict[str, bytes]) -> str:
    """"Hent blanketter": every form's documents in one table, and the ZIP with all of them."""
    formats = [(suffix, name) for suffix, (name, _) in messages.FORMATS.items()
               if any(document_path(model.profile_id, f.id, suffix) in documents for f in model.forms)]
    out = [front_matter(messages.DOWNLOADS_TITLE, messages.DOWNLOADS_LEAD),
           f"# {messages.DOWNLOADS_TITLE}\n\n{messages.DOWNLOADS_LEAD}\n\n"]
    zip_path = bundle_path(model.profile_id)
    if zip_path in documents:
        out.append(messages.DOWNLOADS_ZIP.format(
            link=f"[{zip_path.rsplit('/', 1)[1]}]({zip_path.removeprefix('blanketter/')})",
            size=_size(len(documents[zip_path]))) + "\n\n")
    if formats:
        out.append("| " + messages.FORM_COLUMN + " | " + " | ".join(name for _, name in formats) + " |\n")
        out.append("|---" * (len(formats) + 1) + "|\n")
        for form in model.forms:
            cells = []
            for suffix, name in formats:
                path = document_path(model.profile_id, form.id, suffix)
                cells.append(f"[{suffix.lstrip('.').upper().replace('SCHEMA.JSON', 'JSON')}]({path.removeprefix('blanketter/')}) "
                             f"({_size(len(documents[path]))})" if path in documents else "–")
            out.append(f"| {_marked(f'[{_md_escape(form.title)}]({form.id}.md)', form)} | " + " | ".join(cells) + " |\n")
    else:
        out.append(messages.DOWNLOADS_NONE + "\n")
    return "".join(out)


FORMS_ANCHOR = "redskaber/index.md"  # the form pages join the nav section of the tool index


def nav(model: Model) -> list[NavEntry]:
    entry = {messages.FORMS_INDEX_TITLE: ["blanketter/index.md"] + [{f.title: f"blanketter/{f.id}.md"} for f in model.forms]
             + [{messages.DOWNLOADS_TITLE: "blanketter/hent.md"}]}
    return [NavEntry(FORMS_ANCHOR, "append", entry)]


def render(model: Model, ctx=None) -> dict[str, bytes]:
    documents = ctx.files if ctx is not None else {}
    pages = {f"blanketter/{form.id}.md": form_page(model, form, documents).encode() for form in model.forms}
    pages["blanketter/index.md"] = index_page(model).encode()
    pages["blanketter/hent.md"] = downloads_page(model, documents).encode()
    return pages
