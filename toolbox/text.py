"""Schema texts: fill the profile's placeholders and turn the Markdown into safe HTML."""
from __future__ import annotations

import html
import json
import re

import markdown

from .links import strip
from .model import Profile

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def placeholder_values(profile: Profile) -> dict[str, str]:
    return {
        "kommune": profile.name,
        "web": profile.web,
        "samtykke_maaneder": str(profile.consent.months),
        "juridisk_kontakt": profile.consent.legal_contact,
        "dataansvarlig": profile.data_controller,
        "databeskyttelsesraadgiver": profile.data_protection_officer,
    }


def fill(text: str, profile: Profile, escape_markdown: bool = False) -> str:
    """Replace ``{name}`` placeholders (validated earlier) by the profile's values."""
    values = placeholder_values(profile)

    def value(m: re.Match[str]) -> str:
        v = values[m.group(1)]
        return md_escape(v) if escape_markdown else v

    return re.sub(r"\{([a-z_]+)\}", value, text)


def md_escape(text: str) -> str:
    """Plain text made safe to put into Markdown: shown literally, never as markup."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def to_html(text: str, profile: Profile) -> str:
    """Markdown to HTML; raw HTML in the schema is shown as text, never run, and only safe links are kept."""
    safe = html.escape(text, quote=False)
    rendered = markdown.markdown(fill(safe, profile, escape_markdown=True), extensions=["sane_lists"], output_format="html")
    return strip(rendered)  # a link the inputs layer would refuse never reaches an output


def front_matter(title: str, description: str) -> str:
    """A generated page's YAML front matter.  The theme writes the description into a ``<meta>``
    attribute without escaping, so it is escaped here; a title cannot hold markup (``model.Title``)."""
    # JSON strings are valid YAML double-quoted scalars
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n"
            f"description: {json.dumps(html.escape(description, quote=True), ensure_ascii=False)}\n---\n\n")
