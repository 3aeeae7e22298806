"""The value types every input model is made of (ids, labels, titles, texts, a page under ``docs/``),
the limits on the size of an input, and the strict base model (unknown keys are errors).

``toolbox.model`` builds every input model from these and exports them with its own names; import
them from there.  No I/O.
"""
from __future__ import annotations

from typing import Annotated, Any

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
