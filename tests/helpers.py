"""Helpers shared by the tests (import them from here, not from conftest: tests/browser has its own)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from toolbox.project import copy_sources

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOOLBOX = [sys.executable, "-m", "toolbox.cli"]


# One document cache for every project copy a test builds, so only the first build renders documents.
SHARED_CACHE = tempfile.mkdtemp(prefix="toolbox-test-cache-")


def run_toolbox(*args: str, cwd: Path = ROOT, timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "TOOLBOX_CACHE_DIR": SHARED_CACHE, **(env or {})}
    return subprocess.run([*TOOLBOX, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=full_env)


def copy_project(dest: Path) -> Path:
    return copy_sources(ROOT, dest)


def fixture_model(schema: str | Path = "every-kind.yml", profile: str | Path = "profile.yml"):
    """The model of a schema and a profile under tests/fixtures (or given as paths), in this project."""
    from toolbox import inputs

    schema_path, profile_path = FIXTURES / schema, FIXTURES / profile
    return inputs.model_for(inputs.load(ROOT, schema_path=schema_path, profiles=[profile_path]), profile_path.stem)


def structure_roles(root) -> set[str]:
    """Every structure type (``/H1``, ``/P``, ``/L``…) in a tagged PDF's structure tree (pypdf's catalog)."""
    roles: set[str] = set()
    stack = [root["/StructTreeRoot"]["/K"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            stack.extend(node)
        elif hasattr(node, "get") and node.get("/S"):
            roles.add(str(node["/S"]))
            if node.get("/K") is not None:
                stack.append(node["/K"])
    return roles


def structure_elements(pdf) -> list:
    """Every element of a tagged PDF's structure tree, each with its element kids, as (element, kids)
    pairs; ``pdf`` is a ``pikepdf.Pdf`` the caller holds open while it reads them."""
    import pikepdf

    out = []
    todo = [pdf.Root.StructTreeRoot]
    while todo:
        e = todo.pop()
        k = e.get("/K")
        kids = [c for c in (list(k) if isinstance(k, pikepdf.Array) else [k] if k is not None else [])
                if isinstance(c, pikepdf.Dictionary)]
        todo += [c for c in kids if "/S" in c]
        out.append((e, kids))
    return out


class PagesSent:
    """A build pool that tells which pages are sent to it to be printed (``mapparts._part_job``'s HTML)."""

    def __init__(self, pool):
        self.pool, self.pages = pool, []

    def submit(self, fn, *args):
        from toolbox.render import mapparts

        if fn is mapparts._part_job:
            self.pages.append(args[1])
        return self.pool.submit(fn, *args)
