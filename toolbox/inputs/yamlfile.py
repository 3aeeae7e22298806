"""Load YAML while remembering the line of every value.

PyYAML's ``compose`` gives nodes that carry ``start_mark``; we turn them into plain Python
data and a map from each value's location (a tuple of keys and list indices) to its line,
so every later error can be reported as ``FILE:LINE``.  Duplicate keys, oversized files,
bad encodings, alias bombs and deep nesting are refused here with one clear problem each.
The nesting is measured on PyYAML's event stream (which does not recurse) before the document
is composed (which does), so no file can end in Python's recursion limit.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, Problem

MAX_BYTES = 2 * 1024 * 1024  # a schema is a few hundred KB at most
MAX_NODES = 200_000  # expanded nodes, so aliases cannot blow up memory
MAX_DEPTH = 60

Loc = tuple  # tuple[str | int, ...]


@dataclass
class Document:
    """Plain data from one YAML file plus the line of every location in it."""

    file: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Loc) -> int:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def path(self, loc: Loc) -> str:
        """A readable dotted path; list items with an ``id`` are named by it."""
        parts: list[str] = []
        node = self.data
        for key in loc:
            if isinstance(key, int) and isinstance(node, list) and 0 <= key < len(node):
                item = node[key]
                ident = item.get("id") if isinstance(item, dict) else None
                parts.append(ident if isinstance(ident, str) and ident else str(key))
                node = item
            else:
                parts.append(str(key))
                node = node.get(key) if isinstance(node, dict) else None
        return ".".join(parts)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.file, self.line(loc), self.path(loc), message)


class _Converter:
    def __init__(self, doc: Document):
        self.doc = doc
        self.count = 0

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError([Problem(self.doc.file, node.start_mark.line + 1, "",
                                      f"filen folder sig ud til mere end {MAX_NODES} elementer (for mange aliasser?)")])
        if depth > MAX_DEPTH:
            raise InputError([Problem(self.doc.file, node.start_mark.line + 1, "", f"for dybt indlejret (højst {MAX_DEPTH} niveauer)")])
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise InputError([self.doc.problem(loc, "YAML-fletning med '<<' understøttes ikke (skriv værdierne ud)")])
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, (str, int, float, bool)) or key is None:
                    raise InputError([Problem(self.doc.file, key_node.start_mark.line + 1, self.doc.path(loc), "en nøgle skal være en enkel tekst")])
                key = str(key) if not isinstance(key, str) else key
                if key in out:
                    raise InputError([Problem(self.doc.file, key_node.start_mark.line + 1, self.doc.path(loc + (key,)),
                                              f"nøglen '{key}' står to gange (hver nøgle må kun stå én gang)")])
                self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, loc + (key,), depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, loc + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return _SCALAR_LOADER.construct_object(node, deep=True)
        except yaml.YAMLError:
            raise InputError([Problem(self.doc.file, node.start_mark.line + 1, "",
                                      f"ukendt YAML-mærke '{node.tag}' (forventet almindelige tekster, tal og lister)")]) from None


_SCALAR_LOADER = yaml.SafeLoader("")
# libyaml's parser when PyYAML has it (the wheels do): the same documents, many times faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODE = (yaml.ScalarEvent, yaml.AliasEvent, *_OPEN)


# The YAML parser's most common messages in Danish (the rest are shown as the parser gives them).
_MESSAGES = {
    "did not find expected ',' or '}'": "mangler ',' eller '}' (en {…}-mapping er ikke lukket)",
    "did not find expected ',' or ']'": "mangler ',' eller ']' (en […]-liste er ikke lukket)",
    "mapping values are not allowed in this context": "et kolon står, hvor det ikke må (sæt teksten i anførselstegn)",
    "did not find expected key": "forventede en nøgle her (tjek indrykningen)",
    "could not find expected ':'": "mangler et kolon efter nøglen",
    "did not find expected '-' indicator": "forventede et '-' (tjek indrykningen af listen)",
    "found character that cannot start any token": "et tegn, der ikke kan begynde en værdi (sæt teksten i anførselstegn)",
    "found unexpected end of stream": "filen slutter midt i en værdi (mangler et anførselstegn?)",
    "found undefined alias": "et alias (*navn) uden et anker (&navn)",
}


def _danish(message: str) -> str:
    return _MESSAGES.get(message, message)


def _check_shape(text: str, file: str) -> None:
    """Refuse a document nested deeper than ``MAX_DEPTH`` or with more than ``MAX_NODES`` nodes before
    it is composed (syntax errors are left to ``compose``, which reports them with their line)."""
    depth = count = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, _NODE):
            count += 1
            if count > MAX_NODES:
                raise InputError([Problem(file, event.start_mark.line + 1, "",
                                          f"filen har mere end {MAX_NODES} elementer")])
        if isinstance(event, _OPEN):
            depth += 1
            if depth > MAX_DEPTH:
                raise InputError([Problem(file, event.start_mark.line + 1, "",
                                          f"for dybt indlejret (højst {MAX_DEPTH} niveauer)")])
        elif isinstance(event, _CLOSE):
            depth -= 1


def load_yaml(path: Path, display: str | None = None) -> Document:
    """Read one YAML file into a ``Document``; raise ``InputError`` with one problem if it cannot."""
    file = display or str(path)
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError as exc:
        raise InputError([Problem(file, 1, "", f"kan ikke læse filen ({exc.strerror})")]) from None
    if raw is None:
        raise InputError([Problem(file, 1, "", f"filen er for stor (højst {MAX_BYTES // 1024 // 1024} MB)")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(file, line, "", "filen er ikke gyldig UTF-8 (gem den som UTF-8)")]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError([Problem(file, line, "", "filen indeholder binære data (forventet YAML-tekst)")])
    doc = Document(file, None)
    try:
        _check_shape(text, file)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = _danish((exc.problem or "ugyldig YAML").strip())
        lines = text.splitlines()
        if "\t" in (lines[line - 1] if 0 < line <= len(lines) else ""):
            what = "tabulator-tegn i indrykningen (brug mellemrum)"
        raise InputError([Problem(file, line, "", f"ugyldig YAML: {what}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, 1, "", f"ugyldig YAML: {exc}")]) from None
    if node is None:
        raise InputError([Problem(file, 1, "", "filen er tom (forventet en YAML-mapping)")])
    doc.data = _Converter(doc).convert(node, (), 0)
    return doc
