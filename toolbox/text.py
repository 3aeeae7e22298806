"""Schema texts: fill the profile's placeholders and turn the Markdown into safe HTML.

A placeholder (``{kommune}``, ``model.PLACEHOLDERS``) is filled with the profile's value as text.
In the neutral view there is no profile: each placeholder becomes a ``Blank``, which the HTML
shows as ``<span class="tb-blank">`` holding its caption (the PDF draws a line to write on with the
caption under it) and Word and LibreOffice as a marked placeholder «[Kommunens navn]»
(``toolbox.render.office``).  The captions are messages in the form's language.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

import markdown

from . import messages
from .links import strip
from .model import PLACEHOLDERS, Profile

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")
BLANK_CLASS = "tb-blank"


@dataclass(frozen=True)
class Blank:
    """Room for a municipality's own value in a neutral document."""

    name: str  # the placeholder (``kommune``) or the profile value (``unit_name``) it stands for
    caption: str  # what is to be written there, in the form's language (``Kommunens navn``)

    def html(self) -> str:
        return (f'<span class="{BLANK_CLASS} {BLANK_CLASS}-{self.name}" data-blank="{self.name}">'
                f"{html.escape(self.caption)}</span>")

    def placeholder(self) -> str:
        """The marked placeholder of Word and LibreOffice."""
        return f"«[{self.caption}]»"


def blank(name: str, msg: Any = messages) -> Blank:
    """The blank for a placeholder or profile value ``name``, captioned in ``msg``'s language."""
    return Blank(name, getattr(msg, f"BLANK_{name.upper()}"))


def placeholder_values(profile: Profile | None, msg: Any = messages) -> dict[str, str | Blank]:
    """The value of every placeholder: the profile's, or without a profile (the neutral view) a blank."""
    if profile is None:
        return {name: blank(name, msg) for name in PLACEHOLDERS}
    return {
        "kommune": profile.name,
        "web": profile.web,
        "samtykke_maaneder": str(profile.consent.months),
        "juridisk_kontakt": profile.consent.legal_contact,
        "dataansvarlig": profile.data_controller,
        "databeskyttelsesraadgiver": profile.data_protection_officer,
    }


def fill(text: str, profile: Profile | None, escape_markdown: bool = False, msg: Any = messages) -> str:
    """Replace ``{name}`` placeholders (validated earlier) by the profile's values; without a profile
    by blanks (their HTML when ``escape_markdown``: the text is Markdown on its way to HTML, else the caption)."""
    values = placeholder_values(profile, msg)

    def value(m: re.Match[str]) -> str:
        v = values[m.group(1)]
        if isinstance(v, Blank):
            return v.html() if escape_markdown else v.caption
        return md_escape(v) if escape_markdown else v

    return re.sub(r"\{([a-z_]+)\}", value, text)


def md_escape(text: str) -> str:
    """Plain text made safe to put into Markdown: shown literally, never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def to_html(text: str, profile: Profile | None, msg: Any = messages) -> str:
    """Markdown to HTML; raw HTML in the schema is shown as text, never run, and only safe links are kept.
    Without a profile, placeholders become blanks (``Blank.html``: the only markup that is not Markdown's)."""
    safe = html.escape(text, quote=False)
    rendered = markdown.markdown(fill(safe, profile, escape_markdown=True, msg=msg), extensions=["sane_lists"],
                                 output_format="html")
    return strip(rendered)  # a link the inputs layer would refuse never reaches an output


def front_matter(title: str, description: str) -> str:
    """A generated page's YAML front matter.  The theme writes the description into a ``<meta>``
    attribute without escaping, so it is escaped here; a title cannot hold markup (``model.Title``)."""
    # JSON strings are valid YAML double-quoted scalars
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(html.escape(description, quote=True), ensure_ascii=False)}\n---\n\n")
