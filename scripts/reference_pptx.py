"""Make the reference deck that styles the course slides (run once; the result is committed).

    .venv/bin/python scripts/reference_pptx.py

Starts from pandoc's own reference.pptx (``pandoc -o ref.pptx --print-default-data-file
reference.pptx``, from the pandoc that pypandoc-binary bundles) and sets: titles left-aligned in
the site's blue, Arial for titles and text, and the blue as the theme's first accent colour.
Every zip entry gets one fixed date, so a rerun gives the same bytes.
"""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from toolbox.render.slides import REFERENCE_PPTX  # noqa: E402

BLUE = "1F4E79"
FONT = "Arial"


def default_reference() -> bytes:
    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.pptx"],
                          check=True, capture_output=True).stdout


def styled(name: str, text: str) -> str:
    if name == "ppt/slideMasters/slideMaster1.xml":
        start = text.index("<p:titleStyle>")
        end = text.index("</p:titleStyle>")
        title = (text[start:end].replace('algn="ctr"', 'algn="l"', 1)
                 .replace('<a:schemeClr val="tx1"/>', f'<a:srgbClr val="{BLUE}"/>', 1))
        text = text[:start] + title + text[end:]
    if name == "ppt/theme/theme1.xml":
        text = text.replace('<a:latin typeface="Calibri"', f'<a:latin typeface="{FONT}"')
        text = text.replace('<a:accent1><a:srgbClr val="4F81BD"/></a:accent1>',
                            f'<a:accent1><a:srgbClr val="{BLUE}"/></a:accent1>')
        text = text.replace('<a:dk2><a:srgbClr val="1F497D"/></a:dk2>', f'<a:dk2><a:srgbClr val="{BLUE}"/></a:dk2>')
    return text


def make_pptx() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(default_reference()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".xml"):
                body = styled(info.filename, body.decode("utf-8")).encode("utf-8")
            info.date_time = (2024, 1, 1, 0, 0, 0)
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def main() -> None:
    REFERENCE_PPTX.write_bytes(make_pptx())
    print(f"{REFERENCE_PPTX} ({REFERENCE_PPTX.stat().st_size} B)")


if __name__ == "__main__":
    main()
