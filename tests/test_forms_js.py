"""Runs the browser module's save/load tests with node's test runner."""
from __future__ import annotations

import shutil
import subprocess

from helpers import ROOT


def test_forms_js_logic():
    node = shutil.which("node")
    assert node, "node is needed for the form script's tests (README: scripts/test.sh installs it)"
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "forms.test.js")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
