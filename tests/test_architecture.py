"""The package's shape: no import cycles (function-level imports count), renderers never import a
module that reads input files, and nothing computes the project's folder from the package's."""
from __future__ import annotations

import ast
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "toolbox"


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every toolbox module ``path`` imports, at any depth of the file (functions included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("toolbox")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("toolbox"):
                continue
            for alias in node.names:  # `from . import x` may name a module
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: imports(path) for name, path in MODULES.items()}


def cycles() -> list[list[str]]:
    """Every import cycle (as a path of modules), found by depth-first search."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in sorted(GRAPH[m]):
            if state.get(n) == 1:
                found.append(stack[stack.index(n):] + [n])
            elif n not in state:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(GRAPH):
        if m not in state:
            visit(m)
    return found


def test_the_graph_sees_function_level_and_relative_imports():
    assert "toolbox.inputs.yamlfile" in GRAPH["toolbox.inputs.schema"]
    assert "toolbox.render.pdf" in GRAPH["toolbox.render.sheets"]
    assert "toolbox.inputs" in GRAPH["toolbox.cli"]  # imported inside the command functions


def test_no_import_cycles():
    assert cycles() == []


def test_the_cycle_finder_finds_a_cycle(monkeypatch):
    monkeypatch.setitem(GRAPH, "toolbox.model", GRAPH["toolbox.model"] | {"toolbox.controls"})
    assert [set(c) for c in cycles()] == [{"toolbox.controls", "toolbox.model"}]


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        m = todo.pop()
        for n in GRAPH[m]:
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def test_the_model_imports_no_loader():
    assert not {m for m in reachable("toolbox.model") if m.startswith("toolbox.inputs")}


def test_renderers_never_reach_a_module_that_reads_input_files():
    for name in MODULES:
        if name.startswith("toolbox.render."):
            bad = {m for m in reachable(name) if m.startswith("toolbox.inputs") or m in ("toolbox.build", "toolbox.cli")}
            assert not bad, (name, bad)


def test_no_module_computes_the_project_folder_from_its_own():
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        assert "parent.parent.parent" not in text and "parents[2]" not in text, name
        assert '.parent / "docs"' not in text and ".parent / 'docs'" not in text, name
        assert '"forms" / "kursus"' not in text or name == "toolbox.inputs.slides", name


def test_no_module_is_too_long():
    for name, path in MODULES.items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert lines <= 420, (name, lines)


def test_the_pdfs_cache_key_names_every_module_they_are_made_by(real):
    """A form's PDF is cached by its code and inputs (``pdf.CODE``, ``pdf.inputs``): every toolbox
    module the PDF output imports, at any depth, is among them (the model's modules shape no output:
    the form and the profile are in the key as data), so an edit to any of them makes the PDFs anew."""
    from toolbox.render import pdf

    reached: set[str] = set()
    todo = ["toolbox.render.pdf"]
    while todo:
        name = todo.pop()
        if name not in reached:
            reached.add(name)
            todo += GRAPH[name]
    shaping = {m for m in reached if not m.startswith("toolbox.model") and m not in ("toolbox.errors", "toolbox.cache")}
    keyed = {p.resolve() for p in [*pdf.CODE, *pdf.inputs(real)]}
    assert {m for m in shaping if MODULES[m].resolve() not in keyed} == set()
