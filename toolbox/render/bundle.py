"""One ZIP per profile with every form's documents and a short Danish README."""
from __future__ import annotations

import io
import os
import time
import zipfile

from ..model import Model
from . import FILES_DIR

README = """Blanketter til Den Koordinerende Kontaktperson
{kommune}

Her er alle blanketter fra værktøjskassen i fire formater:

- PDF: til udskrift og til at udfylde på skærmen.
- DOCX (Word) og ODT (LibreOffice): til at rette tekst, rækker og kolonner, så
  blanketten passer til jeres praksis, og til at gemme i fagsystemet.
- Dataskema (.schema.json): til leverandører af fagsystemer, der vil bygge
  blanketterne ind i systemet.

Blanketter i pakken:
{liste}

Samtykkeerklæringen skal godkendes af kommunens juridiske afdeling, før den bruges.

Læs mere: {web}
"""


HANDLES = None  # renders no form fields (it packs the documents of those that do)


def bundle_path(profile_id: str) -> str:
    return f"{FILES_DIR}/{profile_id}/blanketter-{profile_id}.zip"


def _date_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, the earliest ZIP date
    return time.gmtime(max(epoch, 315532800))[:6]


def render(model: Model, ctx) -> dict[str, bytes]:
    documents = ctx.files
    prefix = f"{FILES_DIR}/{model.profile_id}/"
    own = sorted(p for p in documents if p.startswith(prefix) and not p.endswith(".zip"))
    if not own:
        return {}
    listing = "\n".join(f"- {f.title}: {f.summary}" for f in model.forms)
    readme = README.format(kommune=model.profile.name, liste=listing, web=model.profile.web)
    stamp = _date_time()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("LAES-MIG.txt", readme.encode("utf-8"))] + [(p.removeprefix(prefix), documents[p]) for p in own]:
            info = zipfile.ZipInfo(f"blanketter-{model.profile_id}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return {bundle_path(model.profile_id): buf.getvalue()}
