"""Make the reference documents that style the DOCX and ODT forms (run once; the results are committed).

    .venv/bin/python scripts/reference_docs.py

Starts from pandoc's own reference.docx / reference.odt (from the pandoc that pypandoc-binary
bundles) and sets: A4 with 2 cm margins, Arial 11 pt, Danish as the language, blue headings,
tables with thin grey borders, and the paragraph styles toolbox/render/office.py uses:
``Brevhoved`` (the municipality's line at the top), ``Hjælpetekst`` (hints), ``Feltlinje``
(a label followed by a tab that draws a line to the right margin), ``Underskriftslinje``
(the same with room above to sign), ``Tabeltekst`` (table cells) and ``Sideskift`` (a page break),
and the character style ``Pladsholder`` (a neutral form's «[Kommunens navn]»: bold, dark brown on
yellow, so it stands out and is found before the form is used).  Needs python-docx (in the test extras).
"""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from toolbox.render.office import (REFERENCE, STYLE_BLANK, STYLE_FIELD, STYLE_HEADER, STYLE_HINT,  # noqa: E402
                                   STYLE_PAGE_BREAK, STYLE_SIGNATURE, STYLE_TABLE)

BLUE = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x59, 0x59, 0x59)
BLANK_TEXT, BLANK_FILL = "5C2B00", "FFE08A"  # a placeholder's colours (contrast 9.0:1)
FONT = "Arial"
MARGIN_MM = 20
TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM


def default_data(name: str) -> bytes:
    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", name],
                          check=True, capture_output=True).stdout


# ---- DOCX ------------------------------------------------------------------------------

def _set(parent, tag: str, **attrs: str):
    """Child ``tag`` of ``parent`` (made if missing) with the given w: attributes."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _paragraph_style(doc, name: str, base: str = "Normal"):
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    return style


def make_docx() -> bytes:
    doc = Document(io.BytesIO(default_data("reference.docx")))
    styles = doc.styles.element
    # Defaults: Arial 11 pt, Danish.
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for k in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{k}"), FONT)
    _set(rpr, "w:sz", val="22")
    _set(rpr, "w:szCs", val="22")
    _set(rpr, "w:lang", val="da-DK", eastAsia="da-DK", bidi="ar-SA")

    body = doc.styles["Body Text"].paragraph_format
    body.space_before, body.space_after = Pt(0), Pt(8)
    for name, size in (("Title", 24), ("Subtitle", 14), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 12)):
        style = doc.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        if fonts is not None:  # theme fonts would win over the font set here
            style.element.rPr.remove(fonts)
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = GREY if name == "Subtitle" else BLUE
        style.paragraph_format.alignment = None  # pandoc's title is centred; forms read better left-aligned
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(18)
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    doc.styles["Title"].paragraph_format.space_after = Pt(4)
    caption = doc.styles["Table Caption"]
    caption.font.bold, caption.font.italic = True, False
    caption.paragraph_format.space_before, caption.paragraph_format.space_after = Pt(10), Pt(4)
    caption.paragraph_format.keep_with_next = True
    compact = doc.styles["Compact"].paragraph_format
    compact.space_before, compact.space_after = Pt(2), Pt(2)

    header = _paragraph_style(doc, STYLE_HEADER)
    header.font.size, header.font.color.rgb = Pt(9), GREY
    header.paragraph_format.space_after = Pt(12)

    hint = _paragraph_style(doc, STYLE_HINT)
    hint.font.size, hint.font.italic, hint.font.color.rgb = Pt(9), True, GREY
    hint.paragraph_format.space_before, hint.paragraph_format.space_after = Pt(0), Pt(6)

    field = _paragraph_style(doc, STYLE_FIELD)
    field.paragraph_format.space_before, field.paragraph_format.space_after = Pt(8), Pt(2)
    field.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.LINES)
    field.paragraph_format.keep_together = True

    signature = _paragraph_style(doc, STYLE_SIGNATURE, base=STYLE_FIELD)
    signature.paragraph_format.space_before = Pt(30)

    cells = _paragraph_style(doc, STYLE_TABLE)
    cells.font.size = Pt(10)
    cells.paragraph_format.space_before, cells.paragraph_format.space_after = Pt(1), Pt(1)

    blank = doc.styles.add_style(STYLE_BLANK, WD_STYLE_TYPE.CHARACTER)
    blank.quick_style = True
    blank.font.bold = True
    blank.font.color.rgb = RGBColor.from_string(BLANK_TEXT)
    _set(blank.element.get_or_add_rPr(), "w:shd", val="clear", color="auto", fill=BLANK_FILL)

    page_break = _paragraph_style(doc, STYLE_PAGE_BREAK)
    page_break.paragraph_format.page_break_before = True
    page_break.paragraph_format.space_after = Pt(0)

    # Tables: thin grey borders everywhere, a shaded header row.
    table = next(s for s in styles.findall(qn("w:style")) if s.get(qn("w:styleId")) == "Table")
    tblpr = table.find(qn("w:tblPr"))
    borders = _set(tblpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _set(borders, f"w:{side}", val="single", sz="4", space="0", color="8C8C8C")
    margins = tblpr.find(qn("w:tblCellMar"))
    _set(margins, "w:top", w="40", type="dxa")
    _set(margins, "w:bottom", w="40", type="dxa")
    for first in table.findall(qn("w:tblStylePr")):
        if first.get(qn("w:type")) == "firstRow":
            tcpr = first.find(qn("w:tcPr"))
            _set(tcpr, "w:shd", val="clear", color="auto", fill="E8EEF4")
            _set(_set(first, "w:rPr"), "w:b")

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left", "right", "top", "bottom"):
        setattr(section, f"{side}_margin", Mm(MARGIN_MM))
    # Page number in the footer, as in pandoc's ODT.
    footer = section.footer.paragraphs[0]
    footer.alignment = 1  # centre
    for tag, attrs, text in (("w:fldChar", {"fldCharType": "begin"}, None), ("w:instrText", {}, "PAGE"),
                             ("w:fldChar", {"fldCharType": "separate"}, None), ("w:t", {}, "1"),
                             ("w:fldChar", {"fldCharType": "end"}, None)):
        el = OxmlElement(tag)
        for k, v in attrs.items():
            el.set(qn(f"w:{k}"), v)
        if text:
            el.text = text
        footer.add_run()._r.append(el)
    # The body of a reference document is not used; keep only the section properties.
    body_el = doc.element.body
    for child in list(body_el):
        if child.tag != qn("w:sectPr"):
            body_el.remove(child)
    out = io.BytesIO()
    doc.save(out)
    return fixed_dates(out.getvalue())


def fixed_dates(data: bytes) -> bytes:
    """The same zip with one fixed date on every entry, so a rerun gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            info.date_time = (2024, 1, 1, 0, 0, 0)
            dst.writestr(info, body, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ---- ODT -------------------------------------------------------------------------------

ODT_STYLES = f"""
    <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Subtitle" style:class="chapter">
      <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.1cm" />
      <style:text-properties fo:font-size="24pt" fo:color="#1f4e79" />
    </style:style>
    <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Heading" style:next-style-name="Text_20_body" style:class="chapter">
      <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm" />
      <style:text-properties fo:font-size="14pt" fo:color="#595959" />
    </style:style>
    <style:style style:name="{STYLE_HEADER}" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
      <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.4cm" />
      <style:text-properties fo:font-size="9pt" fo:color="#595959" />
    </style:style>
    <style:style style:name="{STYLE_HINT}" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
      <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.2cm" />
      <style:text-properties fo:font-size="9pt" fo:font-style="italic" fo:color="#595959" />
    </style:style>
    <style:style style:name="{STYLE_FIELD}" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
      <style:paragraph-properties fo:margin-top="0.28cm" fo:margin-bottom="0.07cm" fo:keep-together="always">
        <style:tab-stops>
          <style:tab-stop style:position="{TEXT_WIDTH_MM / 10:.1f}cm" style:type="right" style:leader-style="solid" style:leader-text="_" />
        </style:tab-stops>
      </style:paragraph-properties>
    </style:style>
    <style:style style:name="{STYLE_SIGNATURE}" style:family="paragraph" style:parent-style-name="{STYLE_FIELD}" style:class="text">
      <style:paragraph-properties fo:margin-top="1.05cm" />
    </style:style>
    <style:style style:name="{STYLE_TABLE}" style:family="paragraph" style:parent-style-name="Table_20_Contents" style:class="extra">
      <style:paragraph-properties fo:margin-top="0.03cm" fo:margin-bottom="0.03cm" />
      <style:text-properties fo:font-size="10pt" />
    </style:style>
    <style:style style:name="{STYLE_PAGE_BREAK}" style:family="paragraph" style:parent-style-name="Standard" style:class="text">
      <style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm" />
    </style:style>
    <style:style style:name="{STYLE_BLANK}" style:family="text">
      <style:text-properties fo:font-weight="bold" fo:color="#{BLANK_TEXT.lower()}" fo:background-color="#{BLANK_FILL.lower()}" />
    </style:style>
"""

ODT_PAGE = {  # pandoc's page layout (US Letter, 1 in margins, page number in the footer) made A4
    'fo:page-width="8.5in"': 'fo:page-width="21cm"',
    'fo:page-height="11in"': 'fo:page-height="29.7cm"',
    **{f'fo:margin-{side}="1in"': f'fo:margin-{side}="{MARGIN_MM / 10}cm"' for side in ("top", "bottom", "left", "right")},
}


def _odt_text_properties(styles: str, name: str, props: str) -> str:
    """Add text properties to the paragraph style ``name`` in styles.xml."""
    start = styles.index(f'<style:style style:name="{name}"')
    end = styles.index("</style:style>", start)
    part = styles[start:end]
    assert part.count("<style:style ") == 1, name  # no nested or self-closed neighbour in between
    if "<style:text-properties" in part:
        part = part.replace("<style:text-properties", f"<style:text-properties {props}", 1)
    else:
        part += f"  <style:text-properties {props} />\n    "
    return styles[:start] + part + styles[end:]


def make_odt() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(default_data("reference.odt")))
    styles = src.read("styles.xml").decode()
    styles = styles.replace('style:font-name="Times New Roman" fo:font-size="12pt"', f'style:font-name="{FONT}" fo:font-size="11pt"')
    styles = styles.replace('fo:language="en" fo:country="US"', 'fo:language="da" fo:country="DK"')
    for name in ("Heading_20_1", "Heading_20_2", "Heading_20_3"):
        styles = _odt_text_properties(styles, name, 'fo:color="#1f4e79"')
    assert 'style:font-name="Arial" fo:font-size="11pt"' in styles and 'fo:country="DK"' in styles
    for old, new in ODT_PAGE.items():
        assert styles.count(old) == 1, old
        styles = styles.replace(old, new)
    assert 'style:name="Title"' not in styles
    styles = styles.replace("</office:styles>", ODT_STYLES + "  </office:styles>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, styles.encode() if info.filename == "styles.xml" else src.read(info))
    return fixed_dates(out.getvalue())


def main() -> None:
    REFERENCE["docx"].write_bytes(make_docx())
    REFERENCE["odt"].write_bytes(make_odt())
    for path in REFERENCE.values():
        print(f"{path} ({path.stat().st_size} B)")


if __name__ == "__main__":
    main()
