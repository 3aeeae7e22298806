"""PDF output: a fillable, tagged PDF (PDF/UA-1) of every form, made by WeasyPrint.

The PDF prints the same HTML as the form page (:func:`toolbox.render.html.form_html`) in a small HTML
document of its own (``lang="da"``, a ``<title>``, a page heading) with the site's stylesheet (whose
``@media print`` rules apply) and ``templates/pdf.css`` on top: A4 pages with the municipality and the
form's title in a running header and "Side X af Y" at the foot, or, for a brochure, one A4 sheet printed
on both sides and letter-folded in three (``render/fold.py``).  Fonts are the files in ``toolbox/fonts``
(Source Sans 3, SIL Open Font License); only ``file:`` URLs are fetched, nothing from a network.

Field names. A PDF field's fully qualified name is the ``name`` of its HTML control. Since a "." in a PDF
field name separates the levels of the field hierarchy (a partial name may not contain one), the name is
split at its dots into nested fields: ``borger.navn`` is the field ``navn`` under a field ``borger`` without
a widget, and every reader (Acrobat, pypdf, an FDF/XFDF export) reports it as ``borger.navn``. The exception
is a multichoice field: its HTML checkboxes share one name, but PDF fields with one name share one value, so
each choice becomes its own checkbox ``NAME.CHOICE-ID``. Text-like inputs are text fields (``/Tx``), a
textarea a multi-line text field, a checkbox a checkbox, yes/no and choice a radio group; the "on" state of
a checkbox or radio button is its HTML ``value`` (``ja``, the choice id). Each field's accessible name
(``/TU``) is its control's ``title``, the Danish label; for a radio group, and the parent of a multichoice
field's checkboxes, the ``title`` without the option, as an option's title is "label: option". (WeasyPrint
itself would take the text of the ``<label>``, which for an option is only "Ja".) A ``required`` control's
field is marked required. These fixes are made by a finisher on WeasyPrint's PDF objects before it writes.

Rows inside ``<template>`` (for rows added in the browser) are not displayed, so they make no fields;
the rows the schema asks for at first do.  The output is byte for byte the same for the same input and
the same WeasyPrint, Pango and HarfBuzz: dates come from ``SOURCE_DATE_EPOCH`` or else a fixed date,
the file identifier is a hash of the content, and the fonts are TrueType files that WeasyPrint embeds
without re-saving them (a WOFF would be converted with the time of day in it).  As the cache key of a
document does not include the environment, a changed ``SOURCE_DATE_EPOCH`` shows only in documents
rendered anew.
"""
from __future__ import annotations

import base64
import logging
import os
import re
from datetime import datetime, timezone
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import icons, messages
from ..errors import RenderError
from ..model import Form, Model
from ..text import blank
from . import document_path, fold
from . import html as html_output
from .fontconfig import font_config  # noqa: F401 (pdf.font_config: every PDF output uses it)
from .html import TEMPLATES, form_html

PACKAGE = Path(__file__).resolve().parent.parent
SITE_CSS = "docs/assets/stylesheets/toolbox.css"  # the site's own stylesheet, in the project
PDF_CSS = TEMPLATES / "pdf.css"
FONTS = PACKAGE / "fonts"
FONT_FILES = sorted(FONTS.glob("*.ttf"))
HANDLES = html_output.HANDLES  # the PDF prints the form page's HTML
TOOLS = ("weasyprint", "pydyf")  # their versions key the cache


def inputs(model: Model) -> list[Path]:
    """Every file the PDF depends on besides this module, the schema and the profile (the cache key)."""
    pictograms = [icons.path(name) for name in fold.used_icons(model.forms)]
    return [model.site_asset(SITE_CSS), PDF_CSS, *FONT_FILES, *sorted(TEMPLATES.glob("*.j2")),
            PACKAGE / "render" / "html.py", PACKAGE / "messages.py", PACKAGE / "text.py", PACKAGE / "links.py",
            PACKAGE / "render" / "fold.py", PACKAGE / "icons.py", PACKAGE / "colors.py", *[p for p in pictograms if p]]


def tool_versions() -> str:
    from importlib.metadata import version

    return ";".join(f"{name}={version(name)}" for name in TOOLS)


def tools_missing() -> bool:
    """A package that keys the PDFs' caches is not installed: nothing can be looked up, nor made.
    (Cheap, unlike :func:`unavailable`, which imports WeasyPrint: a build that finds every PDF in
    its cache asks only this.)"""
    from importlib.metadata import PackageNotFoundError

    try:
        tool_versions()
    except PackageNotFoundError:
        return True
    return False


def url_fetcher(*folders: Path) -> Any:
    """WeasyPrint's fetcher, allowed to read ``file:`` URLs inside ``folders`` only (the package with
    its fonts and templates, the site's stylesheets, the profile's folder): nothing from a network,
    nothing else from the disk.  A URL outside them stops the rendering.  A ``data:`` URL (a
    brochure's pictogram, made by the toolbox) reads nothing."""
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = [f.resolve() for f in folders]

    class Fetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:image/svg+xml;base64,"):
                return URLFetcherResponse(url, base64.b64decode(url.split(",", 1)[1]), {"Content-Type": "image/svg+xml"})
            parts = urlsplit(url)
            path = Path(unquote(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not any(path.is_relative_to(folder) for folder in allowed):
                raise ValueError(f"WeasyPrint må ikke hente {url}")
            return super().fetch(url, headers)

    return Fetcher(allowed_protocols=("file",), fail_on_errors=True)


def fetch_folders(model: Model) -> list[Path]:
    """The folders WeasyPrint may read for this model's documents."""
    folders = [PACKAGE, model.site_asset(SITE_CSS).parent]
    if model.profile_dir is not None:
        folders.append(model.profile_dir)
    return folders

FIXED_DATE = "2025-01-01T00:00:00Z"  # when SOURCE_DATE_EPOCH is not set
DEFAULT_COLOR = "#1f1f1f"
REQUIRED = 1 << 1  # field flag bit 2


def unavailable() -> str | None:
    """Why no PDF can be made here (in Danish), or None."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: Pango or HarfBuzz missing
        return f"WeasyPrint kan ikke indlæses ({type(exc).__name__}: {exc}); installér WeasyPrint og Pango"
    if not FONT_FILES:
        return f"ingen skrifttyper i {FONTS}"
    return None


def pdf_date() -> str:
    """The creation and modification date written into every PDF (W3C date-time)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return FIXED_DATE


def _css_string(text: str) -> str:
    """A CSS string literal that is safe inside <style> too."""
    out = []
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _page_number_css(text: str = messages.PDF_PAGE_NUMBER) -> str:
    """``"Side " counter(page) " af " counter(pages)`` from the message (Danish unless told)."""
    parts = re.split(r"(\{page\}|\{pages\})", text)
    css = [{"{page}": "counter(page)", "{pages}": "counter(pages)"}.get(p) or _css_string(p) for p in parts if p]
    return " ".join(css)


def _logo(model: Model) -> str:
    """The profile's logo at the top right of the heading (PDF/UA wants a text for every image)."""
    logo = model.logo_file
    if logo is None or model.profile is None:
        return ""
    alt = escape(f"{model.profile.name}s logo")
    return f'<img class="tb-pdf-logo" src="{escape(logo.as_uri())}" alt="{alt}">'


def pdf_head(lang: str, title: str, author: str | None, description: str, date: str, stylesheets: list[Path],
             root_css: str, msg: Any = messages, extra_css: str = "") -> str:
    """The start of an HTML document WeasyPrint prints, up to ``</head>``: metadata (title, author,
    dates, language), the stylesheets, page numbers and the signature line's caption."""
    links = "\n".join(f'<link rel="stylesheet" href="{css.as_uri()}">' for css in stylesheets)
    author_meta = f'\n<meta name="author" content="{escape(author)}">' if author else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>{author_meta}
<meta name="description" content="{escape(description)}">
<meta name="dcterms.created" content="{date}">
<meta name="dcterms.modified" content="{date}">
{links}
<style>
{root_css}
@page {{ @bottom-right {{ content: {_page_number_css(msg.PDF_PAGE_NUMBER)}; }} }}
.tb-kind-signature::after {{ content: {_css_string(msg.PDF_SIGNATURE_LINE)}; }}
{extra_css}
</style>
</head>"""


def _organisation(model: Model, msg: Any) -> str:
    """The line above the title: the municipality and its department, or in the neutral view a
    blank for them (which is no running header on the later pages)."""
    if (p := model.profile) is None:
        return f'<p class="tb-pdf-org tb-pdf-org-blank">{blank("organisation", msg).html()}</p>'
    return f'<p class="tb-pdf-org">{escape(p.name + (f" · {p.department}" if p.department else ""))}</p>'


FORM_TAG = re.compile(r"<(/?)form\b")


def _outside_form(html: str) -> str:
    """The page's ``<form>`` as a ``<div>``: for every field of a ``<form>``, WeasyPrint searches the
    whole form for its ``<label>`` (a tenth of a network map's time), only to name the field, and the
    finisher names every field from its control's ``title`` anyway.  The fields and tags are the same."""
    return FORM_TAG.sub(r"<\1div", html)


def document_html(model: Model, form: Form, extra: str = "") -> str:
    """The HTML document WeasyPrint prints: the form page's HTML with a head and a heading (a
    brochure's heading is its cover, on the folded sheet's front panel); ``extra`` is markup after
    the form (the drawing of a filled network map, ``toolbox.render.ecomap``), safe already."""
    profile = model.profile
    msg = messages.ui(form.lang, form.ui)
    folded = form.kind == "brochure"
    cover = fold.cover_html(model, form, _logo(model), _organisation(model, msg)) if folded else None
    body = _outside_form(form_html(model, form, fold=cover))
    color = profile.colors.primary if profile and profile.colors else DEFAULT_COLOR
    date = pdf_date()
    rows = sorted({int(n) for n in re.findall(r'<textarea [^>]*\brows="(\d+)"', body)})
    textareas = "\n".join(f'textarea[rows="{n}"] {{ height: calc({n} * 1.35em + 2mm); }}' for n in rows)
    title = f"{form.title} – {profile.name}" if profile else form.title
    head = pdf_head(form.lang, title, profile.name if profile else None, form.summary, date,
                    [model.site_asset(SITE_CSS), PDF_CSS], f":root {{ --tb-primary: {color}; }}", msg,
                    textareas + ("\n" + fold.css(model, form) if folded else ""))
    heading = "" if folded else (f'<header class="tb-pdf-head">{_logo(model)}{_organisation(model, msg)}'
                                 f"<h1>{escape(form.title)}</h1></header>\n")
    return f"""{head}
<body class="tb-pdf tb-pdf-{form.kind}">
{heading}<main class="tb-pdf-body md-typeset">
{body}{extra}
</main>
</body>
</html>
"""


class _Markup(HTMLParser):
    """What the finisher needs from the form's HTML: label texts, and which names are multichoice."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}  # control id -> text of its <label for>
        self.multichoice: set[str] = set()  # names shared by the checkboxes of a multichoice field
        self._fieldset: list[str | None] = []
        self._for: str | None = None
        self._parts: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "fieldset":
            self._fieldset.append(a.get("data-kind"))
        elif tag == "input" and a.get("type") == "checkbox" and self._fieldset[-1:] == ["multichoice"]:
            self.multichoice.add(a.get("name") or "")
        elif tag == "label":
            self._for, self._parts = a.get("for"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "fieldset" and self._fieldset:
            self._fieldset.pop()
        elif tag == "label" and self._for is not None:
            self.labels[self._for] = " ".join("".join(self._parts).split())
            self._for = None

    def handle_data(self, data: str) -> None:
        if self._for is not None:
            self._parts.append(data)


def scope_table_headers(document: Any, pdf: Any = None) -> None:
    """Give every table header cell a ``/Scope`` (PDF/UA-1 7.5): WeasyPrint tags ``<th>`` as ``/TH``
    with an ``/ID`` that the data cells' ``/Headers`` name, but without a scope.  A ``<th scope="row">``
    is a row header, every other one a column header.  A finisher for every PDF the project makes."""
    import pydyf

    for page in document.pages:
        for box in page._page_box.descendants(placeholders=True):
            mark = getattr(box, "mark", None)
            if mark is None or getattr(box, "element_tag", None) != "th" or box.element is None:
                continue
            scope = "/Row" if box.element.get("scope") == "row" else "/Column"
            mark.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = scope


class _Finisher:
    """Turns WeasyPrint's flat form fields into the field tree the module docstring describes."""

    def __init__(self, form: Form, html: str) -> None:
        self.form = form
        markup = _Markup(html)
        self.labels, self.multichoice = markup.labels, markup.multichoice

    def __call__(self, document: Any, pdf: Any) -> None:
        import pydyf

        scope_table_headers(document, pdf)
        if "AcroForm" not in pdf.catalog:
            return
        widgets = [(box.widget_annotation, box.element)
                   for page in document.pages for box in page._page_box.descendants(placeholders=True)
                   if getattr(box, "widget_annotation", None) is not None]
        made = {bytes(ref) for ref in pdf.catalog["AcroForm"]["Fields"]}

        terminals: dict[str, Any] = {}  # fully qualified name -> field dictionary, in page order
        questions: dict[str, str] = {}  # multichoice name -> its label
        for widget, element in widgets:
            name, kind = element.get("name", ""), element.get("type", "text")
            title, value = element.get("title") or name, element.get("value", "")
            if element.get("required") is not None:
                widget["Ff"] = widget.get("Ff", 0) | REQUIRED
            if element.tag == "textarea" or kind not in ("radio", "checkbox"):
                widget["TU"] = pydyf.String(title)
                terminals[name] = widget
            elif kind == "checkbox":
                self._on_state(widget, value)
                widget["V"] = widget["AS"]
                widget["TU"] = pydyf.String(title)
                if name in self.multichoice:
                    questions[name] = self._question(element, title)
                    name = f"{name}.{value}"
                terminals[name] = widget
            else:  # radio: WeasyPrint made the group, the widget is one of its kids
                group = pdf.objects[int(bytes(widget["Parent"]).split()[0])]
                group["TU"] = pydyf.String(self._question(element, title))
                self._on_state(widget, value)
                if widget["AS"] != "/Off":
                    group["V"] = widget["AS"]
                group.pop("Opt", None)  # on states are names now, not indexes into Opt
                widget["TU"] = pydyf.String(title)
                del widget["T"]  # a kid widget, not a field of its own
                terminals[name] = group
        seen = {bytes(w.reference) for w, _ in widgets} | {bytes(f.reference) for f in terminals.values()}
        if seen != made:
            raise RenderError("pdf", self.form.id, "WeasyPrints formularfelter kan ikke genkendes (en ny version?)")

        fields = pydyf.Array()
        parents: dict[str, Any] = {}

        def attach(node: Any, qualified: str) -> None:
            parent_name, _, leaf = qualified.rpartition(".")
            node["T"] = pydyf.String(leaf)
            if not parent_name:
                fields.append(node.reference)
                return
            parent = parents.get(parent_name)
            if parent is None:
                parent = parents[parent_name] = pydyf.Dictionary({"Kids": pydyf.Array()})
                pdf.add_object(parent)
                attach(parent, parent_name)
            node["Parent"] = parent.reference
            parent["Kids"].append(node.reference)

        for qualified, node in terminals.items():
            attach(node, qualified)
        for name, question in questions.items():
            parents[name]["TU"] = pydyf.String(question)
        pdf.catalog["AcroForm"]["Fields"] = fields
        self._share_appearances(pdf, [w for w, _ in widgets])

    @staticmethod
    def _share_appearances(pdf: Any, widgets: list[Any]) -> None:
        """One appearance stream for all equal check marks (they are many, and all alike)."""
        import pydyf

        first: dict[bytes, bytes] = {}
        for widget in widgets:
            if "AP" not in widget:
                continue
            states = widget["AP"]["N"]
            for state, ref in list(states.items()):
                number = int(bytes(ref).split()[0])
                stream = pdf.objects[number]
                shared = first.setdefault(stream.data, ref)
                if shared != ref:
                    states[state] = shared
                    placeholder = pydyf.Dictionary()  # keeps the numbering; a few bytes in the object stream
                    placeholder.number = number
                    pdf.objects[number] = placeholder

    def _question(self, element: Any, title: str) -> str:
        """The label of a group of options: an option's title is "label: option"."""
        option = self.labels.get(element.get("id", ""), "")
        return title.removesuffix(f": {option}") if option else title

    @staticmethod
    def _on_state(widget: Any, value: str) -> None:
        """Name the widget's "on" appearance after its HTML value (``ja``, a choice id)."""
        import pydyf

        appearances = widget["AP"]["N"]
        (key, stream), = appearances.items()
        widget["AP"] = pydyf.Dictionary({"N": pydyf.Dictionary({value: stream})})
        widget["AS"] = f"/{value}" if widget["AS"] != "/Off" else "/Off"


def render_pdf(model: Model, form: Form, extra: str = "") -> bytes:
    """The form as PDF bytes (``extra``: see :func:`document_html`)."""
    from weasyprint import HTML

    html_output.check_kinds(form, HANDLES, "pdf")
    html = document_html(model, form, extra)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    options = {"pdf_forms": True, "pdf_variant": "pdf/ua-1", "pdf_identifier": True}
    document = HTML(string=html, base_url=PACKAGE.as_uri() + "/", url_fetcher=url_fetcher(*fetch_folders(model))).render(
        font_config=font_config(), **options)
    finisher = _Finisher(form, html)
    if form.kind == "brochure":
        finisher = fold.finish(document, form, finisher)
    return document.write_pdf(finisher=finisher, **options)


def render_form(model: Model, form: Form) -> dict[str, bytes]:
    return {document_path(model.profile_id, form.id, ".pdf"): render_pdf(model, form)}
