"""Shared helpers: the project root, the validated real model, and a copy of the project."""
from __future__ import annotations

from pathlib import Path

import pytest


from helpers import ROOT, run_toolbox


@pytest.fixture(scope="session")
def real():
    """The real schema and profiles, validated."""
    from toolbox import inputs

    return inputs.model_for(inputs.load(ROOT), "eksempel")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One real `toolbox build` of the project, shared by the site tests."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_toolbox("build", "--site-dir", str(site), timeout=1800)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The same project built with Zensical as the engine (`toolbox build --engine zensical`)."""
    site = tmp_path_factory.mktemp("built-zensical") / "site"
    result = run_toolbox("build", "--engine", "zensical", "--site-dir", str(site), timeout=900)
    assert result.returncode == 0, result.stderr
    return site
