"""The types every input shares: ids, labels, titles, texts, limits, and the strict base model."""
from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# A title that also names a page in the site's menu and the browser's title bar.  The site engine's
# theme writes those without escaping, so the characters of markup are refused here (FORMAT.md).
TITLE_PATTERN = r"^[^<>&\x00-\x1f]*$"
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300, pattern=TITLE_PATTERN)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
DocsPage = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*\.md$")]  # a page under docs/

FIELD_KINDS = ("text", "textarea", "date", "time", "number", "email", "tel", "cpr",
               "checkbox", "yesno", "choice", "multichoice", "signature", "table")
FieldKind = Literal["text", "textarea", "date", "time", "number", "email", "tel", "cpr",
                    "checkbox", "yesno", "choice", "multichoice", "signature", "table"]
CHOICE_KINDS = ("choice", "multichoice")
COLUMN_KINDS = tuple(k for k in FIELD_KINDS if k not in ("table", "signature"))
PROFILE_BLOCKS = ("kontaktenheder",)
PLACEHOLDERS = ("kommune", "web", "samtykke_maaneder", "juridisk_kontakt", "dataansvarlig", "databeskyttelsesraadgiver")
NEUTRAL = "neutral"  # the neutral view's id and folder (blanketter/filer/neutral/); no profile's
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]  # an ISO 639 language code

# Limits on the size of an input, so that no file can make the toolbox work for long (with the
# loader's limits on bytes, nodes and depth).
MAX_FORMS = 200
MAX_SECTIONS = 100
MAX_FIELDS = 300
MAX_CHOICES = 100
MAX_ROWS = 200
MAX_COLUMNS = 30


def limited(item: Any, most: int, least: int = 0) -> Any:
    """A list of ``item`` with at least ``least`` and at most ``most`` entries."""
    return Annotated[list[item], Field(min_length=least, max_length=most)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)
