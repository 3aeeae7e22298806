"""What a municipality profile adds to the site: its colours, its logo, and a short page for each
form it leaves out (so that the guides' links to it still lead somewhere)."""
from __future__ import annotations

from .. import messages
from ..model import Model
from ..text import md_escape

HANDLES = None  # renders no form fields
CSS_PATH = "assets/stylesheets/profile.css"
LOGO_PATH = "assets/profil/logo"  # + .svg or .png, in the docs folder


def logo_path(model: Model) -> str | None:
    return LOGO_PATH + model.logo_file.suffix if model.logo_file is not None else None


def profile_css(model: Model) -> bytes:
    colors = model.profile.colors
    if colors is None:
        return b"/* Ingen farver i profilen: temaets standardfarver bruges. */\n"
    accent = colors.accent or colors.primary
    # Header and buttons: white on primary; links: primary on white; hover: accent (both checked >= 4.5:1).
    return (":root, [data-md-color-scheme=default] {\n"
            f"  --md-primary-fg-color: {colors.primary};\n"
            f"  --md-primary-fg-color--light: {colors.primary};\n"
            f"  --md-primary-fg-color--dark: {colors.primary};\n"
            "  --md-primary-bg-color: #ffffff;\n"
            "  --md-primary-bg-color--light: #ffffffb3;\n"
            f"  --md-accent-fg-color: {accent};\n"
            f"  --md-accent-fg-color--transparent: {accent}1a;\n"
            "  --md-accent-bg-color: #ffffff;\n"
            f"  --md-typeset-a-color: {colors.primary};\n"
            "}\n").encode()


def render(model: Model, ctx) -> dict[str, bytes]:
    files = {CSS_PATH: profile_css(model)}
    logo = logo_path(model)
    if logo is not None and model.logo_file is not None:
        files[logo] = model.logo_file.read_bytes()
    used = {f.id for f in model.forms}
    for form in model.schema_.forms:  # a short page for each form left out, so links to it still work
        if form.id not in used:
            files[f"blanketter/{form.id}.md"] = (f"# {md_escape(form.title)}\n\n"
                                                 + messages.FORM_NOT_USED.format(kommune=md_escape(model.profile.name))
                                                 + "\n").encode()
    return files
