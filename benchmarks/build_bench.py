"""Build benchmark: `toolbox build` and `toolbox serve` against a bare `mkdocs build` of the same
generated tree, measured in the same run, for each engine.

For each engine (MkDocs, Zensical), on a copy of the project:
  (a) a bare `mkdocs build` of the generated docs tree (form pages included) — the yardstick;
      for Zensical also a bare `zensical build` of the same tree, for comparison;
  (b) a cold full `toolbox build` (empty cache: site, documents, Koordinatormappe, offline ZIP);
  (c) a warm rebuild with nothing changed;
  (d) a full rebuild after one page was edited;
  (e) a full rebuild after one form was edited;
  (f) `toolbox serve`: a page edited → the open page (Chromium, driven by Playwright) shows it.
Ratios are to (a), the bare MkDocs build of the same run: timed three times per run, after (c),
(d) and (e), and the median taken, since on a shared machine one timing can be a quarter off the
next.  Targets: (f) ≤ 1.5×, (b) ≤ 5×, (d) ≤ 2×, (e) ≤ 2×, (c) ≤ 1.2×.  Then the time and size of
each document format.

Usage: .venv/bin/python benchmarks/build_bench.py [--runs N] [--engines mkdocs,zensical]
Not a test: it never fails on a figure; it reports.
"""
from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolbox import build as tb  # noqa: E402
from toolbox import engine, inputs, outputs  # noqa: E402
from toolbox.project import copy_sources  # noqa: E402

PY = sys.executable
PAGE = "docs/roller/tovholder.md"  # the page edited in (d) and (f)
PAGE_URL = "/roller/tovholder/"
TARGETS = {"b": 5.0, "c": 1.2, "d": 2.0, "e": 2.0, "f": 1.5}
NAMES = {"a": "bare mkdocs build (same tree)", "z": "bare zensical build (same tree)",
         "b": "cold full toolbox build", "c": "warm, nothing changed", "d": "full build, one page edited",
         "e": "full build, one form edited", "f": "serve: page edited → page shows it"}


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"benchmark: {' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def bare_tree(project: Path, cache: Path) -> Path:
    """The docs tree and config `toolbox build` hands to the engine, for the bare builds to use."""
    model = inputs.load_model(project, "eksempel")
    files = tb.render_all(model, cache, neutral=inputs.neutral_model(inputs.load(project))).files
    work = project / ".bare"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    config = engine.config(engine.read_config(project), model, outputs.nav_entries(model))
    return tb.write_build_folder(project, work, files, config)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_reload(project: Path, env: dict[str, str], engine_name: str, edits: int) -> list[float]:
    """Seconds from saving a page to the open page showing the new text, for ``edits`` edits."""
    port = free_port()
    log = open(project / "serve.log", "w", encoding="utf-8")
    proc = subprocess.Popen([PY, "-m", "toolbox.cli", "serve", "--engine", engine_name, "--port", str(port),
                             "--site-dir", str(project / "serve-site")], cwd=project, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    seconds: list[float] = []
    try:
        deadline = time.monotonic() + 600
        while "Siden kører på" not in (project / "serve.log").read_text(encoding="utf-8"):
            if proc.poll() is not None or time.monotonic() > deadline:
                sys.exit("benchmark: serve did not start:\n" + (project / "serve.log").read_text(encoding="utf-8"))
            time.sleep(0.2)
        time.sleep(15)  # let the first downloads finish, as an editor would have by the first edit
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            sync_playwright = None
        if sync_playwright is not None:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                            headless=True, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                page.goto(base + PAGE_URL, wait_until="load")
                for n in range(edits):
                    word = f"maaleord{n}x{time.time_ns() % 10**6}"
                    start = time.perf_counter()
                    append(project / PAGE, f"\n\nEn ny linje: {word}.\n")
                    page.wait_for_function(f"() => document.body !== null && document.body.innerText.includes('{word}')", timeout=300_000)
                    seconds.append(time.perf_counter() - start)
                    time.sleep(5)
                browser.close()
        else:  # no browser here: the time until the server sends the new page
            for n in range(edits):
                word = f"maaleord{n}x{time.time_ns() % 10**6}"
                start = time.perf_counter()
                append(project / PAGE, f"\n\nEn ny linje: {word}.\n")
                while word not in urllib.request.urlopen(base + PAGE_URL).read().decode():
                    time.sleep(0.05)
                seconds.append(time.perf_counter() - start)
                time.sleep(5)
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()
    return seconds


def bench_engine(engine_name: str, runs: int, tmp: Path) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {k: [] for k in "azbcdef"}
    for run in range(runs):
        project = copy_sources(ROOT, tmp / f"project-{engine_name}-{run}")
        cache = tmp / f"cache-{engine_name}-{run}"
        env = {**os.environ, "TOOLBOX_CACHE_DIR": str(cache), "PYTHONWARNINGS": "ignore", "NO_MKDOCS_2_WARNING": "1"}
        build = [PY, "-m", "toolbox.cli", "build", "--engine", engine_name]
        rows["b"].append(timed(build, project, env))
        rows["c"].append(timed(build, project, env))
        config = bare_tree(project, cache)

        def bare() -> None:
            rows["a"].append(timed([PY, "-m", "mkdocs", "build", "-q", "-f", str(config)], config.parent, env))
            if engine_name == "zensical":
                rows["z"].append(timed([PY, "-m", "zensical", "build", "-f", str(config)], config.parent, env))

        bare()
        append(project / PAGE, f"\n\nEn ny sætning til målingen {run}.\n")
        rows["d"].append(timed(build, project, env))
        bare()
        schema = project / "forms" / "schema.yml"
        schema.write_text(schema.read_text(encoding="utf-8").replace("title: Netværkskort", f"title: Netværkskort {run + 1}", 1),
                          encoding="utf-8")
        rows["e"].append(timed(build, project, env))
        bare()
        rows["f"].extend(serve_reload(project, env, engine_name, 3))
    return rows


def report(engine_name: str, rows: dict[str, list[float]]) -> None:
    bare = statistics.median(rows["a"])
    print(f"\nEngine: {engine_name} (ratios to the bare mkdocs build of the same tree, same run)")
    print(f"{'':4}{'what':40}{'median s':>10}{'ratio':>8}{'target':>8}   (bare builds: "
          + ", ".join(f"{s:.2f}" for s in rows["a"]) + " s)")
    for key in "azbcdef":
        if not rows[key]:
            continue
        value = statistics.median(rows[key])
        target = f"≤{TARGETS[key]}×" if key in TARGETS else ""
        print(f"({key}) {NAMES[key]:40}{value:10.2f}{value / bare:7.2f}×{target:>8}")
    if rows["z"]:
        zbare = statistics.median(rows["z"])
        print("     the same against the bare zensical build: "
              + ", ".join(f"({k}) {statistics.median(rows[k]) / zbare:.2f}×" for k in "bcdef" if rows[k]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--engines", default="mkdocs,zensical")
    parser.add_argument("--no-formats", action="store_true", help="leave out the per-format table")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"Build benchmark, {datetime.date.today()}, {os.cpu_count()} cores, load before "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {args.runs} run(s); median seconds")
    with tempfile.TemporaryDirectory(prefix="toolbox-bench-") as tmp:
        for engine_name in args.engines.split(","):
            report(engine_name, bench_engine(engine_name, args.runs, Path(tmp)))
        load = os.getloadavg()
        print(f"\nload after {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        if args.no_formats:
            return
        model = inputs.load_model(ROOT, "eksempel")
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
