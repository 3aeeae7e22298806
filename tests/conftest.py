"""Shared helpers: the project root, the validated real model, and a copy of the project."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOOLBOX = [sys.executable, "-m", "toolbox.cli"]


def run_toolbox(*args: str, cwd: Path = ROOT, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TOOLBOX, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def real():
    """The real schema and profiles, validated."""
    from toolbox.validate import build_model, validate_all

    schema, profiles, catalogue = validate_all(ROOT)
    return build_model(schema, profiles, "eksempel", catalogue)


def copy_project(dest: Path) -> Path:
    for name in ("docs", "forms", "includes", "overrides"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One real `toolbox build` of the project, shared by the site tests."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_toolbox("build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    return site
