"""Output registry: an output kind maps to a renderer module's ``render`` function.

A renderer takes the validated ``Model`` and returns ``{relative path: bytes}``; only the
build's writer touches the output folder.  ``unavailable`` lets an output whose tool is
missing say why while the others still build.
"""
from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from ..model import Model

Renderer = Callable[[Model], dict[str, bytes]]

OUTPUTS: dict[str, str] = {
    "html": "toolbox.render.html",
}


def renderer(kind: str) -> Renderer:
    return import_module(OUTPUTS[kind]).render


def unavailable(kind: str) -> str | None:
    """Why output ``kind`` cannot be made on this machine, or None if it can."""
    module = import_module(OUTPUTS[kind])
    check = getattr(module, "unavailable", None)
    return check() if check else None
