"""Benchmark of ``toolbox build --all-profiles`` (not a test).

Writes N synthetic municipality profiles (default 98, as Denmark has 98 municipalities) into a
temporary copy of the project, then builds them all twice, each time from an empty document
cache: on every core (``--jobs CORES``) and with one worker (``--jobs 1``).  Prints total time,
time per profile, the speed-up over one core, the parallel efficiency (speed-up / cores) and the
peak memory of the largest process (``getrusage(RUSAGE_CHILDREN).ru_maxrss`` of a wrapper around
each run), and how busy the cores were.  Before the builds it measures the machine's own ceiling:
a reference piece of single-threaded Python work alone and in one copy per core at once, since
cores that slow each other down cap the efficiency of any parallel build.

    .venv/bin/python benchmarks/profiles_bench.py [--count 98] [--jobs CORES]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPY = ("docs", "forms", "includes", "overrides", "deploy", "mkdocs.yml")
# Dark colours: white text on each has a contrast of at least 4.5:1 (the profile check demands it).
COLOURS = ["#1f4e79", "#5b2a86", "#00695c", "#8a3b12", "#2e4a1f", "#7a1f3d", "#3b3b6d", "#005a70"]
WORDS = ["Sø", "Skov", "Bakke", "Fjord", "Eng", "Mose", "Klint", "Vang", "Dal", "Holm", "Næs", "Lund"]

# Runs one command and prints, on stderr's last lines, the peak RSS of its largest process (kB on
# Linux) and the CPU time (user + system) of all its processes.
WRAPPER = ("import resource, subprocess, sys\n"
           "rc = subprocess.run(sys.argv[1:]).returncode\n"
           "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print('MAXRSS', u.ru_maxrss, file=sys.stderr)\n"
           "print('CPU', u.ru_utime + u.ru_stime, file=sys.stderr)\n"
           "sys.exit(rc)\n")

# The machine's own ceiling: the same single-threaded Python work (Markdown of every page, as
# MkDocs does it) in one process, then in JOBS processes at once.  With no slowdown between cores
# each copy would take as long as the one alone; time alone / time of the copies is the
# efficiency the machine allows such work, the toolbox's builds being much like it.
REFERENCE = ("import pathlib, sys, time\n"
             "import markdown\n"
             "texts = [p.read_text(encoding='utf-8') for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.md'))]\n"
             "start = time.perf_counter()\n"
             "for _ in range(int(sys.argv[2])):\n"
             "    for text in texts:\n"
             "        markdown.markdown(text, extensions=['tables', 'toc', 'attr_list', 'md_in_html', 'admonition'])\n"
             "print(time.perf_counter() - start)\n")


def synthetic_profile(i: int) -> str:
    rnd = random.Random(i)
    name = f"{rnd.choice(WORDS)}{rnd.choice(WORDS).lower()} {i:02d} Kommune"
    slug = f"kommune-{i:02d}"
    units = "".join(
        f"  - name: Enhed {u + 1}\n"
        f"    address: Prøvevej {u + 1}, 99{i:02d} Prøveby\n"
        f"    phone: \"11 {i:02d} 00 {u + 1:02d}\"\n"
        f"    email: enhed{u + 1}@{slug}.example\n" for u in range(rnd.randint(1, 3)))
    return (f"# Syntetisk profil til benchmarken; alt er opdigtet.\n"
            f"name: {name}\nweb: https://www.{slug}.example/dkk\ncontact_units:\n{units}"
            f"consent:\n  months: {rnd.randint(6, 12)}\n  legal_contact: Jura, {name}\n"
            f"data_controller: {name}, Rådhuset\ndata_protection_officer: Databeskyttelsesrådgiveren, {name}\n"
            f"colors: {{primary: \"{rnd.choice(COLOURS)}\"}}\n")


def make_project(dest: Path, count: int) -> None:
    for name in COPY:
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, dest / name)
    profiles = dest / "forms" / "profiles"
    shutil.rmtree(profiles)
    profiles.mkdir()
    for i in range(1, count + 1):
        (profiles / f"kommune-{i:02d}.yml").write_text(synthetic_profile(i), encoding="utf-8")


ROW = re.compile(r"│\s*(\S+)\s*│\s*(\S+)\s*│\s*(\S+)\s*│\s*(\S+)\s*│\s*(\S+)\s*│\s*([\d.]+)\s*│")


def run(project: Path, jobs: int, shard: str | None = None) -> dict[str, float]:
    shutil.rmtree(project / ".cache", ignore_errors=True)  # every run renders the same documents
    site = project / (f"site-{jobs}" if shard is None else f"site-shard-{shard.replace('/', '-')}")
    cmd = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "toolbox.cli", "build", "--all-profiles",
           "--site-dir", str(site), "--jobs", str(jobs)] + (["--shard", shard] if shard else [])
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"build with --jobs {jobs} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    rows = [m.groups() for m in ROW.finditer(proc.stdout) if m.group(2) == "bygget"]
    rss = int(re.findall(r"MAXRSS (\d+)", proc.stderr)[-1])
    cpu = float(re.findall(r"CPU ([\d.]+)", proc.stderr)[-1])
    return {"seconds": seconds, "profiles": len(rows), "made": sum(int(r[3]) for r in rows),
            "reused": sum(int(r[4]) for r in rows), "rss_mb": rss / 1024,
            "busy": cpu / (seconds * jobs),  # how much of the cores' time was spent working
            # one profile's own build time, as the summary table gives it: longer in parallel when
            # the two builds slow each other down (shared caches, memory bandwidth)
            "profile_mean": sum(float(r[5]) for r in rows) / max(1, len(rows))}


def reference(project: Path, jobs: int, rounds: int) -> float:
    """Seconds of the reference work when ``jobs`` copies run at once (the slowest copy)."""
    cmd = [sys.executable, "-c", REFERENCE, str(project / "docs"), str(rounds)]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(jobs)]
    return max(float(p.communicate()[0]) for p in procs)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--count", type=int, default=98, help="number of synthetic profiles (default 98)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers of the parallel run (default: all cores)")
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--reference-rounds", type=int, default=3, help="rounds of the reference work (default 3)")
    p.add_argument("--runners", type=int, default=10,
                   help="estimate a CI matrix of this many runners: build shard 1 of N (the largest) and time the join")
    args = p.parse_args()
    print(f"belastning før start (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory(prefix="profiles-bench-") as tmp:
        project = Path(tmp)
        make_project(project, args.count)
        alone = reference(project, 1, args.reference_rounds)
        together = reference(project, args.jobs, args.reference_rounds)
        parallel = run(project, args.jobs)
        serial = run(project, 1)
        part = run(project, args.jobs, f"1/{args.runners}")  # shard 1 is never smaller than another
        start = time.perf_counter()
        joined = subprocess.run([sys.executable, "-m", "toolbox.cli", "join", str(project / f"site-{args.jobs}")],
                                cwd=project, capture_output=True, text=True)
        join_seconds = time.perf_counter() - start
        if joined.returncode != 0:
            sys.exit(f"toolbox join failed:\n{joined.stderr}")
    speedup = serial["seconds"] / parallel["seconds"]
    efficiency = speedup / args.jobs
    ceiling = alone / together
    print(f"{args.count} profiler, {args.jobs} kerner (os.cpu_count() = {os.cpu_count()}), tom dokument-cache ved hver kørsel")
    print(f"{'kørsel':<12}{'i alt (s)':>11}{'pr. profil (s)':>16}{'én profils bygning (s)':>24}"
          f"{'dokumenter lavet':>18}{'genbrugt':>10}{'maks. RSS (MB)':>16}")
    for label, r in ((f"--jobs {args.jobs}", parallel), ("--jobs 1", serial)):
        print(f"{label:<12}{r['seconds']:>11.1f}{r['seconds'] / args.count:>16.2f}{r['profile_mean']:>24.1f}"
              f"{r['made']:>18}{r['reused']:>10}{r['rss_mb']:>16.0f}")
    print(f"speed-up {speedup:.2f}×, parallel efficiency {efficiency:.0%} (target ≥ 85 %)")
    print(f"kernerne arbejdede {parallel['busy']:.0%} af tiden med --jobs {args.jobs} ({serial['busy']:.0%} af én kerne med --jobs 1)")
    print(f"maskinens loft: referencearbejdet tog {alone:.1f} s alene og {together:.1f} s i {args.jobs} kopier på én gang "
          f"= {ceiling:.0%} effektivitet for den slags arbejde")
    print(f"tid pr. profil: {parallel['seconds'] / args.count:.1f} s med --jobs {args.jobs} på denne maskine")
    print(f"{args.runners} CI-maskiner (--shard K/{args.runners}, hver som denne): den største del har {part['profiles']} "
          f"profiler og tog {part['seconds']:.1f} s, toolbox join {join_seconds:.1f} s: i alt ca. "
          f"{part['seconds'] + join_seconds:.0f} s mod {parallel['seconds']:.0f} s på én maskine "
          "(plus hver maskines opsætning, som CI-tjenesten måler)")
    if args.json:
        Path(args.json).write_text(json.dumps({"count": args.count, "jobs": args.jobs, "parallel": parallel,
                                               "shard": {"runners": args.runners, **part, "join_seconds": join_seconds},
                                               "serial": serial, "speedup": speedup, "efficiency": efficiency,
                                               "reference": {"alone": alone, "together": together, "ceiling": ceiling}},
                                              indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
