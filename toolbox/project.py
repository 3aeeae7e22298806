"""The files a project is made of, as opposed to its outputs (site/, .cache/)."""
from __future__ import annotations

import shutil
from pathlib import Path

SOURCES = ("docs", "forms", "includes", "overrides", "deploy", "mkdocs.yml")


def copy_sources(root: Path, dest: Path) -> Path:
    """Copy a project's sources into ``dest`` (for tests and benchmarks that change or build a copy)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    return dest
