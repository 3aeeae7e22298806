"""Benchmark: how fast hostile or malformed input is refused (not a test).

Each input must give its one line and exit status 2 within a few seconds.  Timed as whole
``toolbox validate`` runs, against a baseline measured in the same run: validating the small
fixture ``tests/fixtures/minimal.yml`` (start-up, imports and one tiny schema).

    .venv/bin/python benchmarks/inputs_bench.py [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLBOX = [sys.executable, "-m", "toolbox.cli", "validate", "--profiles", "--schema"]


def _forms(path: Path, size: int) -> Path:
    """A schema of ``size`` bytes of tiny forms."""
    line = "  - {id: a, title: A, summary: S, sections: [{id: s, text: x}]}\n"
    path.write_text("version: 1\nforms:\n" + line * (size // len(line)), encoding="utf-8")
    return path


def hostile(folder: Path) -> dict[str, Path]:
    files = {"50 MB file": _forms(folder / "femti-mb.yml", 50 * 1024 * 1024),
             "2 MB of forms": _forms(folder / "knap-2-mb.yml", 2 * 1000 * 1000)}
    deep = folder / "dyb.yml"
    deep.write_text("version: 1\nforms: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    files["100 000 levels deep"] = deep
    files["alias bomb"] = ROOT / "tests" / "bad_inputs" / "schema" / "alias-bomb.yml"
    files["301 fields"] = ROOT / "tests" / "bad_inputs" / "schema" / "too-many-fields.yml"
    return files


def timed(path: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    done = subprocess.run([*TOOLBOX, str(path)], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - start, done.returncode, done.stderr.strip().splitlines()[0] if done.stderr else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="toolbox-inputs-") as tmp:
        cases = {"baseline: minimal.yml": ROOT / "tests" / "fixtures" / "minimal.yml", **hostile(Path(tmp))}
        times = {name: [] for name in cases}
        lines = {}
        for _ in range(args.runs):
            for name, path in cases.items():
                seconds, code, line = timed(path)
                times[name].append(seconds)
                lines[name] = (code, line)
        base = statistics.median(times["baseline: minimal.yml"])
        print(f"toolbox validate on hostile input, {args.runs} runs each; median seconds and ratio to the baseline")
        print(f"{'input':26}{'median s':>10}{'ratio':>8}  exit  first line")
        for name in cases:
            code, line = lines[name]
            median = statistics.median(times[name])
            print(f"{name:26}{median:10.2f}{median / base:7.1f}×  {code:>4}  {line[:90]}")


if __name__ == "__main__":
    main()
