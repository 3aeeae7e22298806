"""The hand-written pages that hold markers, with the markers filled in.

``<!-- profil:NAME -->`` becomes a text from the municipality profile (empty when the profile has
none), and ``<!-- trin -->`` the guide's step diagram (``toolbox.render.steps``).  The pages' texts
were read by the inputs layer (``Model.pages``).
"""
from __future__ import annotations

from .. import messages
from ..model import PROFILE_MARKER, Model
from ..text import md_escape
from .steps import fill_page

HANDLES = None  # renders no form fields


def profile_snippets(model: Model) -> dict[str, str]:
    """The Markdown each profile marker becomes (empty when the profile says nothing)."""
    p = model.profile
    title = messages.TARGET_GROUP_TITLE.format(kommune=p.name).replace('"', "'")
    target = (f'!!! info "{md_escape(title)}"\n\n'
              f"    {md_escape(p.target_group)}\n") if p.target_group else ""
    return {"maalgruppe": target}


def render(model: Model, ctx) -> dict[str, bytes]:
    if model.pages is None:
        return {}
    snippets = profile_snippets(model)
    files: dict[str, bytes] = {}
    for rel, original in model.pages.marked.items():
        text = original
        for name, value in snippets.items():
            text = text.replace(PROFILE_MARKER.format(name=name), value)
        text = fill_page(text, rel, model.steps)
        if text != original:
            files[rel] = text.encode()
    return files
