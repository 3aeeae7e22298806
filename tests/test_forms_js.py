"""Runs the form script's core tests (file format, old files, checks, dates) with node's test runner."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

from helpers import ROOT
from toolbox import messages, rules


def test_forms_js_logic():
    node = shutil.which("node")
    assert node, "node is needed for the form script's tests (README: scripts/test.sh installs it)"
    # The script's messages as the pages hand them over (data-messages), in Danish and English.
    env = {**os.environ, "DKK_MESSAGES": json.dumps({lang: json.loads(messages.ui(lang).JS_MESSAGES)
                                                     for lang in ("da", "en")}),
           "DKK_RULES": json.dumps(rules.page_rules())}
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js" / "forms.test.js")],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
