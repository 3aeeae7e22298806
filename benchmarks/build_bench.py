"""Build benchmark: `toolbox build` against a bare `mkdocs build` of the same docs, in one run.

Prints, side by side and as ratios to (a):
  (a) a bare `mkdocs build` of the generated docs tree (form pages included),
  (b) a cold `toolbox build` (empty document cache),
  (c) a warm rebuild with nothing changed,
  (d) a rebuild after changing one form,
then the time and size of each document format.  Targets: (b) ≤ 3×, (c) ≤ 1.2×, (d) ≤ 1.5×.

Usage: .venv/bin/python benchmarks/build_bench.py [--runs N]
Not a test: it never fails on a figure; it reports.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolbox import build as tb  # noqa: E402
from toolbox import engine, inputs, outputs  # noqa: E402
from toolbox.project import copy_sources  # noqa: E402


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(cmd)} failed:\n{result.stderr}")
    return elapsed


def bare_tree(project: Path, cache: Path) -> Path:
    """The docs tree and config `toolbox build` hands to MkDocs, for the bare build to use."""
    model = inputs.load_model(project, "eksempel")
    files = tb.render_all(model, cache).files
    work = project / ".bare"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    config = engine.config(engine.read_config(project), model, outputs.nav_entries(model))
    return tb.write_build_folder(project, work, files, config)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-downloads", action="store_true",
                        help="build without the Koordinatormappe and the offline ZIP (toolbox build --no-downloads)")
    args = parser.parse_args()
    extra = ["--no-downloads"] if args.no_downloads else []
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="toolbox-bench-") as tmp:
        project = copy_sources(ROOT, Path(tmp) / "project")
        cache = Path(tmp) / "cache"
        env = {**os.environ, "TOOLBOX_CACHE_DIR": str(cache), "PYTHONWARNINGS": "ignore"}
        config = bare_tree(project, cache)
        schema = project / "forms" / "schema.yml"
        original = schema.read_text(encoding="utf-8")
        rows: dict[str, list[float]] = {k: [] for k in "abcd"}
        for run in range(args.runs):
            rows["a"].append(timed([py, "-m", "mkdocs", "build", "-q", "-f", str(config)], project, env))
            shutil.rmtree(cache, ignore_errors=True)
            rows["b"].append(timed([py, "-m", "toolbox.cli", "build", *extra], project, env))
            rows["c"].append(timed([py, "-m", "toolbox.cli", "build", *extra], project, env))
            schema.write_text(original.replace("title: Netværkskort", f"title: Netværkskort {run + 1}", 1), encoding="utf-8")
            rows["d"].append(timed([py, "-m", "toolbox.cli", "build", *extra], project, env))
            schema.write_text(original, encoding="utf-8")
            config = bare_tree(project, cache)
        names = {"a": "bare mkdocs build (same docs)", "b": "cold toolbox build", "c": "warm rebuild, nothing changed",
                 "d": "rebuild after changing one form"}
        targets = {"b": 3.0, "c": 1.2, "d": 1.5}
        mode = " (--no-downloads)" if args.no_downloads else " (with Koordinatormappe and offline ZIP)"
        print(f"Build benchmark{mode}, {args.runs} runs each, {os.cpu_count()} cores; median seconds, median ratio to (a)")
        print(f"{'':4}{'what':36}{'median s':>10}{'ratio':>8}{'target':>8}")
        for key in "abcd":
            ratio = statistics.median(b / a for a, b in zip(rows["a"], rows[key]))
            target = f"≤{targets[key]}×" if key in targets else ""
            print(f"({key}) {names[key]:36}{statistics.median(rows[key]):10.2f}{ratio:7.2f}×{target:>8}")

        model = inputs.load_model(project, "eksempel")
        print("\nPer document format (one render of every form, no cache)")
        print(f"{'format':12}{'total s':>9}{'per form s':>12}{'smallest':>10}{'largest':>10}")
        for output in outputs.stage("form"):
            kind, mod = output.name, output.module
            start = time.perf_counter()
            sizes = [len(b) for f in model.forms for b in mod.render_form(model, f).values()]
            total = time.perf_counter() - start
            print(f"{kind:12}{total:9.2f}{total / len(model.forms):12.2f}{min(sizes) / 1024:9.1f}K{max(sizes) / 1024:9.1f}K")


if __name__ == "__main__":
    main()
