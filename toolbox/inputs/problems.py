"""From a loaded YAML document to a declared model: every pydantic error as a Danish line.

``parse(doc, Model)`` validates the document's data against a model of ``toolbox.model`` and
turns each of pydantic's errors into a ``Problem`` at the line of the value it is about, with a
message in Danish that says what is wrong and what was expected.  Every input kind uses it.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import InputError
from ..model import FIELD_KINDS
from .yamlfile import Document, Loc


def _expected(err: dict[str, Any]) -> str:
    """A Danish message for one pydantic error (what is wrong, and what was expected)."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) else type(value).__name__
    if kind == "missing":
        return "mangler (påkrævet)"
    if kind == "extra_forbidden":
        return "ukendt nøgle (se forms/FORMAT.md for de tilladte)"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace(" or ", " eller ")
        if err["loc"] and err["loc"][-1] == "kind":
            allowed = ", ".join(FIELD_KINDS)
        return f"ugyldig værdi {shown} (forventet en af: {allowed})"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if "a-z0-9" in pattern:
            return f"ugyldigt id {shown} (forventet små bogstaver a-z, tal og bindestreg, fx 'har-kontakt')"
        if "#" in pattern:
            return f"ugyldig farve {shown} (forventet fx '#1f4e79')"
        if "http" in pattern:
            return f"ugyldig webadresse {shown} (forventet http:// eller https://)"
        if "@" in pattern:
            return f"ugyldig e-mailadresse {shown}"
        if "<>&" in pattern:
            return (f"ugyldig titel {shown}: tegnene <, > og & og linjeskift kan ikke stå i en titel, "
                    "for den står også i menuen og i browserens titellinje (skriv fx 'og' for &)")
        if "svg|png" in pattern:
            return f"ugyldigt logo {shown} (forventet en .svg- eller .png-fil i forms/profiles/, fx 'navn.svg')"
        return f"ugyldig værdi {shown}"
    if kind == "string_too_short":
        return "må ikke være tom (forventet en tekst)"
    if kind == "string_too_long":
        return f"er for lang (højst {ctx.get('max_length')} tegn)"
    if kind == "too_short":
        return f"skal have mindst {ctx.get('min_length')} element(er)"
    if kind == "too_long":
        return f"har for mange elementer (højst {ctx.get('max_length')})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"er for lille {shown} (forventet mindst {ctx.get('ge', ctx.get('gt'))})"
    if kind in ("less_than_equal", "less_than"):
        return f"er for stor {shown} (forventet højst {ctx.get('le', ctx.get('lt'))})"
    names = {"string_type": "en tekst", "int_type": "et helt tal", "int_parsing": "et helt tal",
             "int_from_float": "et helt tal", "bool_type": "ja/nej (true eller false)",
             "bool_parsing": "ja/nej (true eller false)", "list_type": "en liste",
             "dict_type": "en mapping (nøgle: værdi)", "model_type": "en mapping (nøgle: værdi)",
             "model_attributes_type": "en mapping (nøgle: værdi)"}
    if kind in names:
        return f"forkert type: {shown} (forventet {names[kind]})"
    return f"ugyldig værdi {shown} ({err.get('msg', kind)})"


UNION_TAGS = ("use", "field", "fixed", "repeat")


def _data_loc(data: Any, loc: tuple) -> Loc:
    """Map a pydantic location onto the data: drop union tags and dict-key markers."""
    out: list[Any] = []
    node: Any = data
    after_index = False
    for key in loc:
        if key == "[key]" or (after_index and key in UNION_TAGS):
            after_index = False
            continue
        after_index = isinstance(node, list) and isinstance(key, int)
        out.append(key)
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            node = None
    return tuple(out)


def parse(doc: Document, model: type[BaseModel]) -> Any:
    """Validate ``doc`` against ``model``; raise ``InputError`` with every problem."""
    if not isinstance(doc.data, dict):
        raise InputError([doc.problem((), "forventet en YAML-mapping øverst i filen")])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = _data_loc(doc.data, tuple(err["loc"]))
            problems.append(doc.problem(loc, _expected(err)))
        raise InputError(problems) from None
