"""The brochures' pictograms: Material Design Icons, from a pinned package.

The icons are the Material Design Icons of the Pictogrammers group (icons under the Apache License
2.0, `LICENSE` beside them), as shipped in the PyPI package mkdocs-material (pinned in
pyproject.toml, so installed with the site engine by ``scripts/setup.sh``):
``material/templates/.icons/material/NAME.svg``.  A section names one with ``layout.icon``
(``toolbox validate`` checks that it exists); only the icons a form names are read, at build, and
drawn into its PDF in the profile's colour.  Nothing is fetched, and the rest of the set is never
copied anywhere.
"""
from __future__ import annotations

import base64
import importlib.util
import re
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

PACKAGE = "material"  # the import name of mkdocs-material
SET = ("templates", ".icons", "material")
LICENSE = "LICENSE"
SVG = "http://www.w3.org/2000/svg"


@lru_cache(maxsize=1)
def folder() -> Path | None:
    """The icon set's folder in the installed package, or None when the package is missing."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    found = Path(next(iter(spec.submodule_search_locations))).joinpath(*SET)
    return found if found.is_dir() else None


def path(name: str) -> Path | None:
    """The icon's SVG file, or None when the set has no icon of that name (``name`` is kebab-case)."""
    base = folder()
    if base is None or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        return None
    found = base / f"{name}.svg"
    return found if found.is_file() else None


def license_path() -> Path | None:
    base = folder()
    return base / LICENSE if base is not None and (base / LICENSE).is_file() else None


def svg(name: str, color: str) -> bytes:
    """The icon drawn in ``color`` (``#rrggbb``): its shapes take the colour of the root's ``fill``."""
    found = path(name)
    if found is None:
        raise KeyError(name)
    ElementTree.register_namespace("", SVG)
    root = ElementTree.fromstring(found.read_bytes())
    root.set("fill", color)
    return ElementTree.tostring(root)


def data_url(name: str, color: str) -> str:
    """The coloured icon as a ``data:`` URL, for a CSS background (which a tagged PDF draws as an artifact)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg(name, color)).decode("ascii")
