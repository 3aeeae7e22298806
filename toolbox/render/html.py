"""HTML form pages (Markdown pages with the form as raw HTML) for the MkDocs site."""
from __future__ import annotations

import base64
import json
import logging
from functools import lru_cache
from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .. import icons, messages, rules
from . import BUILDER_PAGE, FILES_DIR, NavEntry, document_path, ecomap, fold
from .bundle import bundle_path
from ..errors import RenderError
from ..controls import condition_labels
from ..model import NEUTRAL, Form, Model
from ..text import blank, front_matter, md_escape as _md_escape, to_html

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# The <input type> of each kind drawn as one input; the template draws the others itself.
INPUT_TYPES = {"text": "text", "signature": "text", "cpr": "text", "date": "text", "time": "time",
               "number": "number", "email": "email", "tel": "tel"}
# The field kinds this output can render (components.html.j2); a kind missing here is an explicit error.
HANDLES = frozenset(INPUT_TYPES) | {"textarea", "checkbox", "yesno", "choice", "multichoice", "table"}

# "Gem som PDF": the PDF library and its font engine, vendored from npm by scripts/setup.sh
# (package-lock.json pins them) and shipped with the site, so the page loads them from its own host
# (and the offline copy from disk) only when the button is pressed.
NODE_MODULES = "node_modules"  # in the project
VENDOR_DIR = "assets/javascripts/vendor"
VENDOR = {  # file in the site: file in node_modules
    f"{VENDOR_DIR}/pdf-lib.min.js": "@cantoo/pdf-lib/dist/pdf-lib.min.js",
    f"{VENDOR_DIR}/pdf-lib-LICENSE.txt": "@cantoo/pdf-lib/LICENSE.md",
    f"{VENDOR_DIR}/fontkit.min.js": "@cantoo/fontkit/dist/fontkit.umd.min.js",
    f"{VENDOR_DIR}/fontkit-LICENSE.txt": "@cantoo/fontkit/LICENSE",
}
FONTS = Path(__file__).resolve().parents[1] / "fonts"
FONTS_SCRIPT = "assets/javascripts/forms-fonts.js"  # the PDF's font for the rows of the appendix
FONT_FILES = {"regular": "source-sans-3-latin-400-normal.ttf", "bold": "source-sans-3-latin-700-normal.ttf"}
log = logging.getLogger("toolbox")
ICONS_LICENSE = f"{FILES_DIR}/ikoner-LICENSE.txt"  # Material Design Icons' licence (toolbox/icons.py)


def pdf_data_path(profile_id: str, form_id: str) -> str:
    """The script that holds the form's published PDF for "Gem som PDF" (a script, not a fetch, so
    that the offline copy opened from disk can load it too)."""
    return document_path(profile_id, form_id, ".pdf.js")


def _vendor_missing(model: Model) -> list[str]:
    return [src for src in VENDOR.values() if not model.site_asset(f"{NODE_MODULES}/{src}").is_file()]


def _data_script(key: str, what: str, payload: dict[str, bytes]) -> bytes:
    entries = ",\n".join(f"  {json.dumps(k)}: {json.dumps(base64.b64encode(v).decode())}" for k, v in payload.items())
    return (f"/* {what} Made by the build (toolbox/render/html.py); do not edit. */\n"
            f"window.{key} = window.{key} || {{}};\n"
            f"Object.assign(window.{key}, {{\n{entries}\n}});\n").encode()


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


def page_data(model: Model, form: Form, pdf: bool) -> dict[str, str]:
    """What the form page hands its script besides the messages (attribute values, JSON)."""
    titles = {f.id: f.title for f in model.forms}
    drawing = ecomap.description(form)  # the network map's drawing (ecomap.js), or none
    return {"rules": json.dumps(rules.page_rules(), ensure_ascii=False, sort_keys=True),
            "form_version": rules.form_version(form),
            "forms": json.dumps(titles, ensure_ascii=False, sort_keys=True),
            "pdf": pdf_data_path(model.profile_id, form.id) if pdf else "",
            "ecomap": json.dumps(drawing, ensure_ascii=False, sort_keys=True) if drawing else "",
            "ecomap_id": ecomap.drawing_id(form.id)}


UNIT_BLANKS = ("unit_name", "unit_address", "unit_phone", "unit_email", "unit_hours")  # a contact unit, neutral


def form_html(model: Model, form: Form, page: dict[str, str] | None = None, fold: str | None = None) -> str:
    """The form's HTML (also what the PDF output prints, without ``page``: the page's data for the script).
    In the neutral view (no profile) every profile value is a blank (``toolbox.text.Blank``).  ``fold``:
    a brochure's sections grouped by the panels of the folded sheet, ``fold`` the cover's heading (HTML)."""
    check_kinds(form, HANDLES, "html")
    msg = messages.ui(form.lang, form.ui)
    texts = {s.id: to_html(s.text, model.profile, msg) for s in form.sections if s.text}
    blanks = {name: blank(name, msg) for name in ("organisation", *UNIT_BLANKS)} if model.profile is None else {}
    out = environment().get_template("form.html.j2").render(form=form, profile=model.profile, texts=texts,
                                                             msg=msg, page=page, conditions=condition_labels(form),
                                                             blanks=blanks, unit_blanks=UNIT_BLANKS, fold=fold)
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
    if rows and form.kind == "brochure":
        rows.append(f"\n{messages.BROCHURE_PRINT}\n")
    return f"## {messages.DOWNLOADS}\n\n" + "".join(rows) + "\n" if rows else ""


def form_page(model: Model, form: Form, documents: dict[str, bytes] | None = None) -> str:
    documents = documents or {}
    pdf = document_path(model.profile_id, form.id, ".pdf") in documents and not _vendor_missing(model)
    kind = messages.ui(form.lang, form.ui).KIND_NAMES[form.kind]
    lang = "" if form.lang == "da" else f' lang="{form.lang}"'
    heading = f"# {_md_escape(form.title)}" + (f" {{ {lang.strip()} }}" if lang else "")
    lead = f"{_md_escape(form.summary)} *({kind})*"
    if lang:  # the text of a form in another language is marked so (WCAG 3.1.2)
        lead = f'<p{lang}>{escape(form.summary)} <em>({escape(kind)})</em></p>'
    return (front_matter(form.title, form.summary)
            + heading + "\n\n"
            + lead + "\n\n"
            + form_html(model, form, page_data(model, form, pdf)) + "\n\n"
            + download_list(model, form, documents))


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


def _downloads_table(profile_id: str, forms: list[Form], documents: dict[str, bytes]) -> list[str]:
    """One row per form with a link to each of its documents in ``profile_id``'s folder."""
    formats = [(suffix, name) for suffix, (name, _) in messages.FORMATS.items()
               if any(document_path(profile_id, f.id, suffix) in documents for f in forms)]
    if not formats:
        return []
    out = ["| " + messages.FORM_COLUMN + " | " + " | ".join(name for _, name in formats) + " |\n",
           "|---" * (len(formats) + 1) + "|\n"]
    for form in forms:
        cells = []
        for suffix, name in formats:
            path = document_path(profile_id, form.id, suffix)
            cells.append(f"[{suffix.lstrip('.').upper().replace('SCHEMA.JSON', 'JSON')}]({path.removeprefix('blanketter/')}) "
                         f"({_size(len(documents[path]))})" if path in documents else "–")
        out.append(f"| {_marked(f'[{_md_escape(form.title)}]({form.id}.md)', form)} | " + " | ".join(cells) + " |\n")
    return out


def _zip_line(template: str, zip_path: str, documents: dict[str, bytes]) -> list[str]:
    if zip_path not in documents:
        return []
    return [template.format(link=f"[{zip_path.rsplit('/', 1)[1]}]({zip_path.removeprefix('blanketter/')})",
                            size=_size(len(documents[zip_path]))) + "\n\n"]


def downloads_page(model: Model, documents: dict[str, bytes], neutral: Model | None = None) -> str:
    """"Hent blanketter": every form's documents in one table, and the ZIP with all of them; then the
    neutral documents (no municipality named) in a table and a ZIP of their own, when there are any."""
    out = [front_matter(messages.DOWNLOADS_TITLE, messages.DOWNLOADS_LEAD),
           f"# {messages.DOWNLOADS_TITLE}\n\n{messages.DOWNLOADS_LEAD}\n\n"]
    own = _downloads_table(model.profile_id, model.forms, documents)
    theirs = _downloads_table(NEUTRAL, neutral.forms, documents) if neutral is not None else []
    kommune = _md_escape(model.profile.name)
    if theirs:  # two kinds: say plainly which is which
        out.append(f"## {messages.DOWNLOADS_OWN_TITLE.format(kommune=kommune)}\n\n"
                   f"{messages.DOWNLOADS_OWN_LEAD.format(kommune=kommune)}\n\n")
    out += _zip_line(messages.DOWNLOADS_ZIP, bundle_path(model.profile_id), documents)
    out += own or [messages.DOWNLOADS_NONE + "\n"]
    if theirs:
        out.append(f"\n## {messages.DOWNLOADS_NEUTRAL_TITLE}\n\n{messages.DOWNLOADS_NEUTRAL_LEAD}\n\n")
        out += _zip_line(messages.DOWNLOADS_NEUTRAL_ZIP, bundle_path(NEUTRAL), documents)
        out += theirs
    if icons.license_path() is not None and fold.used_icons(model.schema_.forms):
        out.append("\n" + messages.DOWNLOADS_ICONS.format(link=ICONS_LICENSE.removeprefix("blanketter/")) + "\n")
    out.append("\n" + messages.DOWNLOADS_OWN_EDITION.format(href=f"../{BUILDER_PAGE}") + "\n")
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
    pages["blanketter/hent.md"] = downloads_page(model, documents, getattr(ctx, "neutral", None)).encode()
    pages.update(pdf_files(model, documents))
    licence = icons.license_path()
    if licence is not None and fold.used_icons(model.schema_.forms):  # the pictograms in the brochures' PDFs
        pages[ICONS_LICENSE] = licence.read_bytes()
    return pages


def pdf_files(model: Model, documents: dict[str, bytes]) -> dict[str, bytes]:
    """What "Gem som PDF" loads: the vendored library, the font, and each form's PDF as a script."""
    missing = _vendor_missing(model)
    if missing:
        log.warning("“Gem som PDF” er udeladt: %s mangler i node_modules (kør scripts/setup.sh)", ", ".join(missing))
        return {}
    files = {site: model.site_asset(f"{NODE_MODULES}/{src}").read_bytes() for site, src in VENDOR.items()}
    files[FONTS_SCRIPT] = _data_script("DKKFonts", "Source Sans 3 (SIL Open Font License 1.1, toolbox/fonts/OFL.txt).",
                                       {k: (FONTS / name).read_bytes() for k, name in FONT_FILES.items()})
    for form in model.forms:
        path = document_path(model.profile_id, form.id, ".pdf")
        if path in documents:
            files[pdf_data_path(model.profile_id, form.id)] = _data_script(
                "DKKBlankPdf", f"The published PDF of the form {form.id}.", {form.id: documents[path]})
    return files
