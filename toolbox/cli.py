"""Command line: ``toolbox validate | build | serve | fill``."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .cache import write_atomic
from .errors import InputError, ToolboxError, UsageError


def project_root() -> Path:
    """The folder with mkdocs.yml and forms/: the current folder or one above it."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "forms").is_dir():
            return folder
    raise ToolboxError("fandt ikke projektet (en mappe med mkdocs.yml og forms/); kør kommandoen fra projektmappen")


def cmd_validate(args: argparse.Namespace) -> int:
    from . import inputs

    root = project_root()
    schema_path = Path(args.schema).resolve() if args.schema else None
    profile_files = [Path(p).resolve() for p in args.profiles] if args.profiles is not None else None
    catalogue_path = Path(args.catalogue).resolve() if args.catalogue else None
    case_files = [Path(p).resolve() for p in args.cases] if args.cases is not None else None
    project = inputs.load(root, schema_path, profile_files, catalogue_path, case_files)
    parts = [f"{len(project.schema_.forms)} blanketter", f"{len(project.profiles)} profiler"]
    if project.catalogue:
        parts.append(f"{len(project.catalogue.tools)} redskaber")
    if project.steps:
        parts.append(f"{sum(len(s) for s in project.steps.pages.values())} trin på {len(project.steps.pages)} sider")
    if project.cases or case_files is not None:
        parts.append(f"{len(project.cases)} øvelsessager")
    if project.slides:
        parts.append(f"{len(project.slides.titles)} dias")
    print(f"OK: {', '.join(parts[:-1])} og {parts[-1]} er gyldige.")
    return 0


def cmd_build_all(args: argparse.Namespace) -> int:
    import time

    from .municipalities import write_index
    from .profiles import build_all, exit_status, parse_shard, summary_table

    root = project_root()
    part = parse_shard(args.shard) if args.shard else None
    site_dir = Path(args.site_dir) if args.site_dir else root / "site"
    start = time.perf_counter()
    results = build_all(root, site_dir, jobs=args.jobs, use_cache=not args.no_cache, part=part,
                        engine_name=args.engine)
    print(summary_table(results, time.perf_counter() - start), end="")
    for r in results:
        for problem in r.problems:
            print(f"{r.name}: {problem}", file=sys.stderr)
    if part is None:  # all of them here: the index of municipalities too (a sharded build has `toolbox join`)
        write_index(root, site_dir)
    return exit_status(results)


def cmd_join(args: argparse.Namespace) -> int:
    """The last step of a sharded build: an index page of every municipality built into SITE-DIR."""
    from .municipalities import write_index

    root = project_root()
    site_dir = Path(args.site_dir)
    names = write_index(root, site_dir)
    print(f"Skrev {site_dir / 'index.html'}: {len(names)} kommuner ({', '.join(names)})")
    return 0


def cmd_new_profile(args: argparse.Namespace) -> int:
    from .profiles import new_profile

    root = project_root()
    path = new_profile(root, args.name)
    print(f"Skrev {path.relative_to(root)}: ret navne, adresser og farver, og byg med "
          f"'toolbox build --profile {args.name}'.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from . import progress
    from .build import build

    if args.all_profiles:
        return cmd_build_all(args)
    if args.shard:
        raise UsageError("--shard hører sammen med --all-profiles")
    root = project_root()
    with progress.line() as say:
        result = build(root, profile=args.profile, site_dir=Path(args.site_dir) if args.site_dir else None,
                       use_cache=not args.no_cache, with_downloads=not args.no_downloads, progress=say,
                       engine_name=args.engine)
    print(result.summary())
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    from . import inputs
    from .errors import Problem
    from .fill import render_filled

    root = project_root()
    path = Path(args.case).resolve()
    own = root / inputs.PROFILES_DIR / f"{args.profile}.yml"
    project = inputs.load(root, profiles=[own] if own.is_file() else None, case_paths=[path])
    model = inputs.model_for(project, args.profile)
    loaded = project.cases[0]
    wanted = [args.form] if args.form else list(loaded.case.forms)
    forms = {f.id: f for f in model.forms}
    problems = [Problem(loaded.file, 1, "forms", f"casen udfylder ikke blanketten '{w}' "
                        f"(den udfylder: {', '.join(loaded.case.forms)})") for w in wanted if w not in loaded.case.forms]
    problems += [Problem(loaded.file, 1, "forms", f"profilen '{args.profile}' har ikke blanketten '{w}'")
                 for w in wanted if w in loaded.case.forms and w not in forms]
    if problems:
        raise InputError(problems)
    out = Path(args.output) if args.output else None
    if out is not None and len(wanted) > 1 and out.suffix.lower() == ".pdf":
        raise UsageError(f"-o {out}: casen udfylder {len(wanted)} blanketter; giv en mappe eller --form")
    targets = [out if out is not None and len(wanted) == 1 and out.suffix.lower() == ".pdf"
               else (out or Path.cwd()) / f"{loaded.id}-{form_id}.pdf" for form_id in wanted]
    existing = [t for t in targets if t.exists()]
    if existing and not args.force:
        raise UsageError(f"{existing[0]} findes allerede; brug --force for at skrive over den (intet er skrevet)")
    for form_id, target in zip(wanted, targets):
        data = render_filled(model, forms[form_id], loaded.case.forms[form_id])
        write_atomic(target, data)
        print(f"Udfyldt: {target}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from . import progress
    from .live import Session

    root = project_root()
    site = Path(args.site_dir) if args.site_dir else root / "site"
    session = Session(root, args.profile, site, args.engine, lambda text: print(text, flush=True), progress.line)
    session.serve(args.host, args.port)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolbox", description="Byg værktøjskassen til Den Koordinerende Kontaktperson.")
    sub = p.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="tjek skemaet og profilerne")
    v.add_argument("--schema", help="skemafil (standard: forms/schema.yml)")
    v.add_argument("--profiles", nargs="*", metavar="FIL", help="profilfiler (standard: alle i forms/profiles)")
    v.add_argument("--catalogue", metavar="FIL", help="redskabskatalog (standard: redskaber.yml ved siden af skemaet)")
    v.add_argument("--cases", nargs="*", metavar="FIL", help="kursuscases (standard: alle i forms/cases)")
    v.set_defaults(func=cmd_validate)
    f = sub.add_parser("fill", help="udfyld blanketter som PDF med værdierne fra en kursuscase")
    f.add_argument("case", metavar="CASE.yml", help="en case, fx forms/cases/sara.yml")
    which = f.add_mutually_exclusive_group()
    which.add_argument("--form", help="kun denne blanket (standard: alle, casen udfylder)")
    which.add_argument("--all-forms", action="store_true", help="alle blanketter, casen udfylder (standard)")
    f.add_argument("-o", "--output", metavar="UD", help="PDF-fil (én blanket) eller mappe (standard: CASE-BLANKET.pdf her)")
    f.add_argument("--profile", default="eksempel", help="kommuneprofil i forms/profiles (standard: eksempel)")
    f.add_argument("--force", action="store_true", help="skriv over en PDF, der findes i forvejen")
    f.set_defaults(func=cmd_fill)
    for name, func, help_ in (("build", cmd_build, "byg sitet og blanketterne"),
                              ("serve", cmd_serve, "byg og vis sitet på http://127.0.0.1:8000")):
        s = sub.add_parser(name, help=help_)
        s.add_argument("--profile", default="eksempel", help="kommuneprofil i forms/profiles (standard: eksempel)")
        s.add_argument("--site-dir", help="hvor sitet skrives (standard: site/)")
        s.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="hvad der bygger sitet af siderne: MkDocs (standard) eller Zensical")
        if name == "build":
            s.add_argument("--no-cache", action="store_true", help="lav alle dokumenter forfra (brug ikke .cache/)")
            s.add_argument("--no-downloads", action="store_true",
                           help="lav ikke Koordinatormappen (PDF) og offline-udgaven (ZIP); hurtigere")
            s.add_argument("--all-profiles", action="store_true",
                           help="byg alle profiler i forms/profiles, hver i SITE-DIR/NAVN/ (standard: site/NAVN/)")
            s.add_argument("--jobs", type=_positive, metavar="N",
                           help="med --all-profiles: byg N profiler ad gangen (standard: alle kerner)")
            s.add_argument("--shard", metavar="K/N",
                           help="med --all-profiles: byg kun del K af N (til en CI-matrix med N maskiner)")
        if name == "serve":
            s.add_argument("--host", default="127.0.0.1")
            s.add_argument("--port", type=int, default=8000)
        s.set_defaults(func=func)
    j = sub.add_parser("join", help="lav forsiden med alle kommuner, når delene af en --shard-bygning er samlet")
    j.add_argument("site_dir", metavar="SITE-DIR", help="mappen med kommunernes sites, hver i SITE-DIR/NAVN/")
    j.set_defaults(func=cmd_join)
    n = sub.add_parser("new-profile", help="skriv en ny kommuneprofil med forklaringer: forms/profiles/NAVN.yml")
    n.add_argument("name", metavar="NAVN", help="profilens navn: små bogstaver, tal og bindestreg, fx ny-kommune")
    n.set_defaults(func=cmd_new_profile)
    return p


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"forventet et helt tal på mindst 1, ikke {text!r}")
    return int(text)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(name)s: %(message)s")
    try:
        return args.func(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return exc.exit_code
    except ToolboxError as exc:
        print(f"toolbox: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception as exc:  # a failure of the tool itself, not of the user's input
        if os.environ.get("TOOLBOX_DEBUG"):
            raise
        print(f"toolbox: intern fejl: {type(exc).__name__}: {exc} (kør med TOOLBOX_DEBUG=1 for detaljer)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
