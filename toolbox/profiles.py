"""Many municipalities: build every profile at once (``build --all-profiles``) and start a new one.

Each profile is built by the ordinary :func:`toolbox.build.build` in a process of its own, into
``SITE/NAME/``; a profile that fails is reported and leaves the others, and its own previous site,
as they were (``build`` swaps a finished site into place).  Documents come from the shared cache
in ``.cache/documents`` when their inputs are equal (the JSON Schemas and the neutral documents are
the same for every profile).
"""
from __future__ import annotations

import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, ToolboxError, UsageError
from .model import ID_PATTERN, NEUTRAL

PROFILES_DIR = Path("forms") / "profiles"


@dataclass
class ProfileResult:
    """How one profile's build went; plain data, so it crosses process boundaries."""

    name: str
    status: str  # "ok" | "ugyldig" (the profile's input) | "fejl" (the tool)
    site_dir: Path
    pages: int = 0
    rendered: int = 0
    reused: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


STATUS_TEXT = {"ok": "bygget", "ugyldig": "ugyldig", "fejl": "fejlede"}


def profile_names(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / PROFILES_DIR).glob("*.yml"))


def parse_shard(text: str) -> tuple[int, int]:
    """``K/N`` as (K, N), 1 ≤ K ≤ N; a ``UsageError`` in Danish otherwise."""
    k, sep, n = text.partition("/")
    if not (sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise UsageError(f"--shard {text}: forventet K/N med 1 ≤ K ≤ N, fx 2/4")
    return int(k), int(n)


def shard(names: list[str], k: int, n: int) -> list[str]:
    """Part K of N of the profiles: every N-th name of the sorted list, starting with the K-th.
    The parts are disjoint, together hold every profile, differ in size by one at most, and do not
    depend on the machine (a CI matrix of N runners builds all of them, one part each)."""
    return sorted(names)[k - 1::n]


def build_one(root: Path, name: str, site_dir: Path, use_cache: bool = True, jobs: int | None = None,
              engine_name: str = "mkdocs") -> ProfileResult:
    """Build one profile; never raises: what went wrong is in the result."""
    from .build import build

    start = time.perf_counter()
    target = site_dir / name
    try:
        r = build(root, profile=name, site_dir=target, use_cache=use_cache, jobs=jobs, engine_name=engine_name)
        return ProfileResult(name, "ok", r.site_dir, r.pages, r.rendered, r.reused, r.seconds)
    except InputError as exc:
        return ProfileResult(name, "ugyldig", target, seconds=time.perf_counter() - start,
                             problems=[str(p) for p in exc.problems])
    except ToolboxError as exc:
        return ProfileResult(name, "fejl", target, seconds=time.perf_counter() - start, problems=[f"toolbox: {exc}"])
    except Exception as exc:  # a failure of the tool itself; the other profiles go on
        return ProfileResult(name, "fejl", target, seconds=time.perf_counter() - start,
                             problems=[f"toolbox: intern fejl: {type(exc).__name__}: {exc}"])


def build_all(root: Path, site_dir: Path, jobs: int | None = None, use_cache: bool = True,
              show_progress: bool = True, part: tuple[int, int] | None = None,
              engine_name: str = "mkdocs") -> list[ProfileResult]:
    """Every profile in forms/profiles into ``site_dir/NAME``, ``jobs`` at a time (default: all cores);
    with ``part`` (K, N) only part K of N (``shard``); ``engine_name`` as in ``build``."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from . import inputs

    shared = inputs.load(root, profiles=[])  # what all profiles share: raises InputError
    names = profile_names(root)
    if not names:
        raise ToolboxError(f"ingen profiler i {PROFILES_DIR}/")
    if part is not None:
        names = shard(names, *part)
        if not names:
            return []
    site_dir = site_dir.resolve()
    workers = max(1, min(len(names), jobs or os.cpu_count() or 1))
    if use_cache:
        _render_shared_documents(root, names, shared, workers)
    inner = 1 if workers > 1 or jobs == 1 else None  # one process per profile, or all for the only one
    results: list[ProfileResult] = []
    progress = Progress(TextColumn("Bygger profiler"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=Console(stderr=True), disable=not show_progress)
    if workers == 1:
        with progress:
            task = progress.add_task("", total=len(names))
            for name in names:
                progress.update(task, description=name)
                results.append(build_one(root, name, site_dir, use_cache, inner, engine_name))
                progress.advance(task)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(build_one, root, name, site_dir, use_cache, inner, engine_name): name for name in names}
            with progress:
                task = progress.add_task("", total=len(names))
                for future in as_completed(futures):
                    result = future.result()
                    results.append(result)
                    progress.update(task, advance=1, description=f"{result.name}: {STATUS_TEXT[result.status]}")
    return sorted(results, key=lambda r: r.name)


def _render_shared_documents(root: Path, names: list[str], shared: Any, jobs: int) -> None:
    """Documents that profiles share (equal inputs) are made once, before the profiles are built
    side by side: otherwise profiles that start at the same moment would each make their own."""
    from . import inputs
    from .build import DOCUMENTS, render_shared
    from .cache import FileSetCache, cache_root
    from .inputs import profile as profile_input

    models = []
    for name in names:
        path = root / PROFILES_DIR / f"{name}.yml"
        try:  # a profile that does not load is reported by its own build
            profile = profile_input.load(path, shared.schema_, str(path.relative_to(root)))
        except InputError:
            continue
        project = shared.model_copy(update={"profiles": {name: profile}})
        models.append(inputs.model_for(project, name))
    render_shared(models, FileSetCache(cache_root(root) / DOCUMENTS), jobs, neutral=inputs.neutral_model(shared))


def summary_table(results: list[ProfileResult], seconds: float) -> str:
    """The table printed at the end, as plain text (rich renders it without colour when piped)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{sum(r.status == 'ok' for r in results)} af {len(results)} profiler bygget på {seconds:.1f} s")
    for name, justify in (("Profil", "left"), ("Status", "left"), ("Sider", "right"),
                          ("Dokumenter lavet", "right"), ("Genbrugt", "right"), ("Sekunder", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for r in results:
        ok = r.status == "ok"
        table.add_row(r.name, STATUS_TEXT[r.status], str(r.pages) if ok else "–", str(r.rendered) if ok else "–",
                      str(r.reused) if ok else "–", f"{r.seconds:.1f}")
    console = Console(file=sys.stdout, width=100)
    with console.capture() as capture:
        console.print(table)
    return capture.get()


def exit_status(results: list[ProfileResult]) -> int:
    """0 when every profile was built, 2 when a profile's input is invalid, else 1."""
    if all(r.status == "ok" for r in results):
        return 0
    return 2 if any(r.status == "ugyldig" for r in results) else 1


# ---- toolbox new-profile -----------------------------------------------------------------

STARTER = """\
# Kommuneprofil for {title}.
# Alt på sitet og i blanketterne, der nævner kommunen, kommer herfra.
# Formatet står i forms/FORMAT.md. Tjek filen med: toolbox validate
# Byg sitet med profilen:                       toolbox build --profile {name}
# Navne, adresser, telefonnumre og e-mails herunder er opdigtede: ret dem til jeres egne.

name: {title}                       # kommunens navn (påkrævet)
department: Social- og Sundhedsforvaltningen   # forvaltningen (kan udelades)
web: https://www.{name}.example/dkk   # siden, hvor borgerne kan læse mere (påkrævet)

contact_units:                      # mindst én enhed, som borgere og samarbejdspartnere kan kontakte
  - name: Voksenenheden
    address: Eksempelvej 1, 9990 Eksempelby
    phone: "11 22 33 44"
    email: voksenenheden@{name}.example
    hours: Mandag-fredag kl. 9-14     # åbningstid (kan udelades)

consent:
  months: 12                        # hvor mange måneder samtykket gælder (1-12, sundhedsloven § 44)
  legal_contact: Juridisk Afdeling, {title}   # hvem der har godkendt samtykkeerklæringen

# Står på samtykkeerklæringen (påkrævet): hvem der er dataansvarlig, og hvordan borgeren
# kontakter kommunens databeskyttelsesrådgiver. Én linje hver: navn, adresse, telefon, e-mail.
data_controller: {title}, Rådhuset, Eksempelvej 10, 9990 Eksempelby, tlf. 11 22 33 00
data_protection_officer: Databeskyttelsesrådgiveren, {title}, dpo@{name}.example

# Jeres egen beskrivelse af målgruppen; vises på forsiden og ved vurderingskriterierne (kan udelades).
target_group: Voksne på 18-65 år med en kompleks sag, hvor mange fagpersoner er involveret.

# Farver (kan udelades). Hvid tekst skal kunne læses på dem: kontrast mindst 4,5:1 (WCAG AA).
colors: {{primary: "#1f4e79", accent: "#9c3b38"}}

# Logo: en .svg- eller .png-fil i forms/profiles/, fx {name}.svg (kan udelades).
# logo: {name}.svg

# Kun nogle af blanketterne (standard: alle). Id'erne står i forms/schema.yml.
# forms: [udrettedagsorden, netvaerkskort, samtykke]

# Afsnit, der skal udelades af en blanket: blanket-id: [afsnit-id, ...]
# omit_sections:
#   udrettedagsorden: [referat]
"""


def starter_profile(name: str) -> str:
    words = name.split("-")
    title = " ".join(w.capitalize() for w in words) + ("" if words[-1] == "kommune" else " Kommune")
    return STARTER.format(name=name, title=title)


def new_profile(root: Path, name: str) -> Path:
    """Write ``forms/profiles/NAME.yml``: a commented starter profile that validates."""
    from .inputs import profile as profile_input
    from .inputs import schema as schema_input

    if not re.fullmatch(ID_PATTERN, name):
        raise UsageError(f"ugyldigt profilnavn '{name}' (forventet små bogstaver a-z, tal og bindestreg, fx 'ny-kommune')")
    if name == NEUTRAL:
        raise UsageError(f"profilnavnet '{NEUTRAL}' er forbeholdt de neutrale blanketter; vælg et andet navn")
    path = root / PROFILES_DIR / f"{name}.yml"
    try:
        with open(path, "x", encoding="utf-8") as f:  # never overwrite
            f.write(starter_profile(name))
    except FileExistsError:
        raise UsageError(f"{path.relative_to(root)} findes allerede; vælg et andet navn (filen er ikke ændret)") from None
    try:
        profile_input.load(path, schema_input.load(root / "forms" / "schema.yml"), str(path.relative_to(root)))
    except InputError as exc:  # the starter no longer fits the schema: a bug in the toolbox
        path.unlink()
        raise ToolboxError(f"startprofilen er ugyldig: {exc}") from None
    return path
