"""One ZIP per profile with every form's documents and a short Danish README, and one ZIP of the
neutral documents (``blanketter/filer/neutral/blanketter-neutral.zip``, from the neutral view)."""
from __future__ import annotations

import io
import os
import time
import zipfile

from ..model import NEUTRAL, Form, Model
from . import FILES_DIR

# The formats and the forms, the same in both ZIPs' README
CONTENTS = """- PDF: til udskrift og til at udfylde på skærmen.
- DOCX (Word) og ODT (LibreOffice): til at rette tekst, rækker og kolonner, så
  blanketten passer til jeres praksis, og til at gemme i fagsystemet.
- Dataskema (.schema.json): til leverandører af fagsystemer, der vil bygge
  blanketterne ind i systemet.

Blanketter i pakken:
{liste}

Samtykkeerklæringen skal godkendes af kommunens juridiske afdeling, før den bruges.
"""

README = """Blanketter til Den Koordinerende Kontaktperson
{kommune}

Her er alle blanketter fra værktøjskassen i fire formater:

{indhold}
Læs mere: {web}
"""

NEUTRAL_README = """Neutrale blanketter til Den Koordinerende Kontaktperson

Blanketterne her nævner ingen kommune. Hvor kommunens navn, adresse, hjemmeside
eller kontaktoplysninger skal stå, er der:

- i PDF-filerne en linje at skrive på, med en lille tekst under, der siger, hvad
  der skal stå (fx "Kommunens navn");
- i DOCX (Word) og ODT (LibreOffice) en gul pladsholder som «[Kommunens navn]».
  Søg efter «[ i dokumentet, og skriv jeres egne oplysninger i stedet.

Formaterne:

{indhold}
Vil I have blanketterne og hele værktøjskassen i jeres eget navn, så lav en
kommuneprofil og byg værktøjskassen med den (se README.md i værktøjskassens kildekode).
"""


HANDLES = None  # renders no form fields (it packs the documents of those that do)


def bundle_path(profile_id: str) -> str:
    return f"{FILES_DIR}/{profile_id}/blanketter-{profile_id}.zip"


def _date_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "315532800"))  # 1980-01-01, the earliest ZIP date
    return time.gmtime(max(epoch, 315532800))[:6]


def _zip(folder: str, readme: str, files: list[tuple[str, bytes]]) -> bytes:
    stamp = _date_time()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("LAES-MIG.txt", readme.encode("utf-8"))] + files:
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _documents(documents: dict[str, bytes], profile_id: str) -> list[tuple[str, bytes]]:
    """The documents in the folder of ``profile_id``, by their names in it."""
    prefix = f"{FILES_DIR}/{profile_id}/"
    return [(p.removeprefix(prefix), documents[p]) for p in sorted(documents)
            if p.startswith(prefix) and not p.endswith(".zip")]


def _listing(forms: list[Form]) -> str:
    return "\n".join(f"- {f.title}: {f.summary}" for f in forms)


def render(model: Model, ctx) -> dict[str, bytes]:
    documents = ctx.files
    out: dict[str, bytes] = {}
    own = _documents(documents, model.profile_id)
    if own:
        readme = README.format(kommune=model.profile.name, indhold=CONTENTS.format(liste=_listing(model.forms)),
                               web=model.profile.web)
        out[bundle_path(model.profile_id)] = _zip(f"blanketter-{model.profile_id}", readme, own)
    neutral = _documents(documents, NEUTRAL) if ctx.neutral is not None else []
    if neutral:
        out[bundle_path(NEUTRAL)] = _zip(f"blanketter-{NEUTRAL}", NEUTRAL_README.format(indhold=CONTENTS.format(liste=_listing(ctx.neutral.forms))), neutral)
    return out
