"""The step diagrams of the guides, drawn from ``forms/trin.yml`` where a page says ``<!-- trin -->``.

Each handlevejledning and implementation guide shows its steps as a numbered diagram: an ordered
list styled by ``ol.steps`` in ``toolbox.css`` (numbered circles joined by a line, readable as a
plain list without CSS).  A step's texts are inline Markdown: links and emphasis work, raw HTML is
shown as text (and its links were checked by ``toolbox.inputs.steps``).
"""
from __future__ import annotations

import html

from .. import messages
from ..model import STEPS_MARKER as MARKER, Step, Steps


def _inline(text: str) -> str:
    """A step's text as inline Markdown: links and emphasis work, raw HTML is shown as text."""
    return html.escape(text, quote=False)


def diagram(items: list[Step]) -> str:
    """The page's steps as Markdown: an ordered list (``ol.steps``) with who, what, when and what to use."""
    out = ['<ol class="steps" markdown>']
    for step in items:
        lines = [f"**{_inline(step.title)}**", ""]
        for name, label in messages.STEP_LABELS.items():
            text = getattr(step, name)
            if text:
                lines.append(f"- **{label}:** {_inline(text)}")
        out.append('<li markdown="block">\n' + "\n".join(lines) + "\n</li>")
    return "\n".join(out) + "\n</ol>\n"


def fill_page(text: str, rel: str, steps: Steps | None) -> str:
    """The page's text with its diagram where it says ``<!-- trin -->``."""
    if steps is None or rel not in steps.pages or MARKER not in text:
        return text
    return text.replace(MARKER, diagram(steps.pages[rel]).rstrip("\n"), 1)
