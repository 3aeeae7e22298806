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
field is marked required. These fixes are made by a finisher on WeasyPrint's PDF objects before it writes
(``toolbox.render.pdffinish``).

A form whose filled copies end with a drawing (the network map, ``toolbox.render.ecomap``) is printed
without its margins, and a PDF of only the margins (the running header, "Side X af Y") is drawn over
its pages (``toolbox.render.pdfjoin.overlay``): a case's drawing, a page of its own, is then joined
onto this same PDF with the margins drawn again for the one page more (:func:`with_drawing`), and the
form is not printed again for each case. It looks the same as a form printed whole.

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
import io
import logging
import os
import re
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

from .. import icons, messages
from ..model import Form, Model
from ..text import blank
from . import document_path, ecomap, fold, missing_packages
from . import html as html_output
from .fontconfig import font_config  # noqa: F401 (pdf.font_config: every PDF output uses it)
from .pdffinish import Finisher, scope_table_headers  # noqa: F401 (pdf.scope_table_headers: every tagged PDF)
from .html import TEMPLATES, form_html

PACKAGE = Path(__file__).resolve().parent.parent
SITE_CSS = "docs/assets/stylesheets/toolbox.css"  # the site's own stylesheet, in the project
PDF_CSS = TEMPLATES / "pdf.css"
FONTS = PACKAGE / "fonts"
FONT_FILES = sorted(FONTS.glob("*.ttf"))
HANDLES = html_output.HANDLES  # the PDF prints the form page's HTML
TOOLS = ("weasyprint", "pydyf", "pikepdf")  # their versions key the cache (pikepdf: a form with a drawing)
CODE = [Path(__file__), PACKAGE / "render" / "pdffinish.py"]  # the code every PDF of the project is finished by


def inputs(model: Model) -> list[Path]:
    """Every file the PDF depends on besides this module, the schema and the profile (the cache key)."""
    pictograms = [icons.path(name) for name in fold.used_icons(model.forms)]
    return [model.site_asset(SITE_CSS), PDF_CSS, *FONT_FILES, *sorted(TEMPLATES.glob("*.j2")),
            PACKAGE / "render" / "html.py", PACKAGE / "messages.py", PACKAGE / "text.py", PACKAGE / "links.py",
            PACKAGE / "render" / "fold.py", PACKAGE / "icons.py", PACKAGE / "colors.py", *CODE[1:],
            PACKAGE / "render" / "ecomap.py", PACKAGE / "render" / "pdfjoin.py",  # (a form with a drawing)
            PACKAGE / "render" / "fontconfig.py", PACKAGE / "render" / "__init__.py", PACKAGE / "render" / "bundle.py",
            PACKAGE / "controls.py", PACKAGE / "rules.py", *[p for p in pictograms if p]]


def tool_versions() -> str:
    from importlib.metadata import version

    return ";".join(f"{name}={version(name)}" for name in TOOLS)


def tools_missing() -> bool:
    """A package that keys the PDFs' caches is not installed (:func:`missing_packages`).  Cheap,
    unlike :func:`unavailable`, which imports WeasyPrint: a build that finds every PDF in its cache
    asks only this."""
    return bool(missing_packages(TOOLS))


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


# A page without its running header and foot, for the parts of a PDF joined with a drawing
# (:func:`render_pdf`): the margins are drawn over the whole by :func:`margins_html`.
NO_MARGINS = "@page { @top-left { content: none; } @top-right { content: none; } @bottom-right { content: none; } }"


def document_html(model: Model, form: Form, margins: bool = True) -> str:
    """The HTML document WeasyPrint prints: the form page's HTML with a head and a heading (a
    brochure's heading is its cover, on the folded sheet's front panel); ``margins=False``: the
    pages without their running header and foot."""
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
                    textareas + ("\n" + fold.css(model, form) if folded else "") + ("" if margins else "\n" + NO_MARGINS))
    heading = "" if folded else (f'<header class="tb-pdf-head">{_logo(model)}{_organisation(model, msg)}'
                                 f"<h1>{escape(form.title)}</h1></header>\n")
    return f"""{head}
<body class="tb-pdf tb-pdf-{form.kind}">
{heading}<main class="tb-pdf-body md-typeset">
{body}
</main>
</body>
</html>
"""


def drawing_page_html(model: Model, form: Form, extra: str) -> str:
    """A document of only ``extra`` (a filled network map's drawing), without margins: the page that
    :func:`with_drawing` puts after the form's.  It does not name the form, so one title's edit
    leaves it as it was."""
    profile = model.profile
    msg = messages.ui(form.lang, form.ui)
    color = profile.colors.primary if profile and profile.colors else DEFAULT_COLOR
    head = pdf_head(form.lang, messages.ECOMAP_CAPTION, profile.name if profile else None, "", pdf_date(),
                    [model.site_asset(SITE_CSS), PDF_CSS], f":root {{ --tb-primary: {color}; }}", msg, NO_MARGINS)
    return f"""{head}
<body class="tb-pdf tb-pdf-{form.kind}">
<main class="tb-pdf-body md-typeset">
{extra}
</main>
</body>
</html>
"""


def margins_html(model: Model, form: Form, pages: int) -> str:
    """``pages`` empty pages with only the form's margins: the running header of the later pages
    (set, as in :func:`document_html`, by the heading, which is there but not shown) and "Side X af Y"."""
    msg = messages.ui(form.lang, form.ui)
    head = pdf_head(form.lang, form.title, None, "", pdf_date(), [PDF_CSS], "", msg)
    heading = (f'<header class="tb-pdf-head" style="visibility: hidden; height: 0; margin: 0; padding: 0; border: 0">'
               f"{_organisation(model, msg)}<h1>{escape(form.title)}</h1></header>")
    return f"""{head}
<body class="tb-pdf">
{heading}{'<div style="break-after: page"></div>' * (pages - 1)}<div></div>
</body>
</html>
"""


def render_html(model: Model, html: str, tagged: bool = True) -> bytes:
    """A document without form fields as PDF bytes (a drawing's page, the margins; tagged or not)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    options: dict[str, Any] = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    document = HTML(string=html, base_url=PACKAGE.as_uri() + "/", url_fetcher=url_fetcher(*fetch_folders(model))).render(
        font_config=font_config(), **options)
    return document.write_pdf(finisher=scope_table_headers if tagged else None, **options)


def page_count(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def margins_pdf(model: Model, form: Form, pages: int) -> bytes:
    """The form's margins for ``pages`` pages (:func:`margins_html`), to draw over its pages."""
    return render_html(model, margins_html(model, form, pages), tagged=False)


def with_drawing(form_pdf: bytes, page: bytes, margins: bytes) -> bytes:
    """The form's PDF and the drawing's page (``page``) in one tagged PDF, its fields the form's, with
    ``margins`` (for all their pages) drawn over both in place of the form's own."""
    from .pdfjoin import join

    return join([form_pdf, page], overlay=margins)


def has_drawing(form: Form) -> bool:
    """A form whose filled copies end with a drawing (a network map): its PDF is rendered without
    margins and they are drawn over it, so that a drawing's page joined onto it gets the same."""
    return ecomap.description(form) is not None and form.kind != "brochure"


def render_pdf(model: Model, form: Form, extra: str = "") -> bytes:
    """The form as PDF bytes; with ``extra`` (markup, safe already: the drawing of a filled network
    map, ``toolbox.render.ecomap``) that on a page after the form's, rendered on its own and joined
    (:func:`with_drawing`), as the course's filled network maps are, whose parts are cached one by
    one (``toolbox.render.sheets``)."""
    if not has_drawing(form) and not extra:
        return render_pdf_body(model, form, margins=True)
    from .pdfjoin import overlay

    body = render_pdf_body(model, form)
    if not extra:
        return overlay(body, margins_pdf(model, form, page_count(body)))
    page = render_html(model, drawing_page_html(model, form, extra))
    return with_drawing(body, page, margins_pdf(model, form, page_count(body) + page_count(page)))


def render_pdf_body(model: Model, form: Form, margins: bool = False) -> bytes:
    """The form as PDF bytes, with or without its margins (:data:`NO_MARGINS`)."""
    from weasyprint import HTML

    html_output.check_kinds(form, HANDLES, "pdf")
    html = document_html(model, form, margins=margins)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    options = {"pdf_forms": True, "pdf_variant": "pdf/ua-1", "pdf_identifier": True}
    document = HTML(string=html, base_url=PACKAGE.as_uri() + "/", url_fetcher=url_fetcher(*fetch_folders(model))).render(
        font_config=font_config(), **options)
    finisher = Finisher(form, html)
    if form.kind == "brochure":
        finisher = fold.finish(document, form, finisher)
    return document.write_pdf(finisher=finisher, **options)


def render_form(model: Model, form: Form) -> dict[str, bytes]:
    return {document_path(model.profile_id, form.id, ".pdf"): render_pdf(model, form)}
