"""The inputs layer: every input file of a project read once, checked, and made into one model.

One module per input kind parses and checks that kind, sharing the line-aware YAML loader
(``yamlfile``) and the Danish translation of pydantic's errors (``problems``):

==================  ===========================  =========================================
input               file(s)                      module
==================  ===========================  =========================================
form schema         ``forms/schema.yml``         ``schema`` (+ ``translations``)
profiles            ``forms/profiles/*.yml``     ``profile``
tool catalogue      ``forms/redskaber.yml``      ``catalogue``
the guides' steps   ``forms/trin.yml``           ``steps``
role-play cases     ``forms/cases/*.yml``        ``cases``
slides              ``forms/kursus/slides.md``   ``slides``
hand-written pages  ``docs/**/*.md`` (markers)   ``pages``
security headers    ``deploy/snippets/*.conf``   ``headers``
==================  ===========================  =========================================

``load`` collects every problem of every file and raises one ``InputError`` with all of them
(``FILE:LINE: path: message``); nothing is built then.  ``toolbox validate`` runs exactly this, so
it checks what ``toolbox build`` will use.  ``model_for`` gives one profile's view of the project,
the ``Model`` every output renders from; ``neutral_model`` the view without any profile, from which
the form outputs make the neutral documents.  Nothing downstream reads an input file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from ..errors import InputError, Problem
from ..model import NEUTRAL, Model, Profile, Project, Schema, SharedInputs
from . import cases as cases_input
from . import catalogue as catalogue_input
from . import headers as headers_input
from . import pages as pages_input
from . import profile as profile_input
from . import schema as schema_input
from . import slides as slides_input
from . import steps as steps_input

T = TypeVar("T")
SCHEMA_FILE = Path("forms") / "schema.yml"
PROFILES_DIR = Path("forms") / "profiles"


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to the project (as error lines show it), or as given when outside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def profile_paths(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yml"))


def load(root: Path, schema_path: Path | None = None, profiles: list[Path] | None = None,
         catalogue_path: Path | None = None, case_paths: list[Path] | None = None) -> Project:
    """Every input of the project at ``root``; one ``InputError`` holds all their problems.

    ``profiles``: these profile files only (default: all in ``forms/profiles``).  The catalogue, the
    steps, the cases and the slides go with the project's own schema: with another ``schema_path``,
    a catalogue or steps file beside it is checked when it exists, cases only when given.
    """
    root = root.resolve()
    own_schema = schema_path is None
    schema_path = schema_path or root / SCHEMA_FILE
    forms_dir = schema_path.parent
    problems: list[Problem] = []

    def attempt(load_one: Callable[[], T]) -> T | None:
        try:
            return load_one()
        except InputError as exc:
            problems.extend(exc.problems)
            return None

    def beside(name: str) -> Path | None:
        path = forms_dir / name
        return path if own_schema or path.is_file() else None

    rel = lambda path: display_path(path, root)  # noqa: E731
    docs = root / "docs"
    pages = attempt(lambda: pages_input.load(docs, rel(docs)))
    schema: Schema | None = attempt(lambda: schema_input.load(schema_path, rel(schema_path)))
    loaded: dict[str, Profile] = {}
    profile_dir = forms_dir / "profiles"
    for path in profiles if profiles is not None else profile_paths(profile_dir):
        profile = attempt(lambda: profile_input.load(path, schema, rel(path)))
        if path.stem == NEUTRAL:
            problems.append(Problem(rel(path), 1, "", f"profilnavnet '{NEUTRAL}' er forbeholdt de neutrale blanketter "
                                                      "(blanketter/filer/neutral/); giv filen et andet navn"))
        elif profile is not None:
            loaded[path.stem] = profile
        profile_dir = path.resolve().parent
    catalogue = steps = slides = None
    catalogue_path = catalogue_path or beside(catalogue_input.CATALOGUE_FILE)
    if catalogue_path is not None and pages is not None:
        catalogue = attempt(lambda: catalogue_input.load(catalogue_path, schema, pages, rel(catalogue_path)))
    steps_path = beside(steps_input.STEPS_FILE)
    if steps_path is not None and pages is not None:
        steps = attempt(lambda: steps_input.load(steps_path, schema, pages, rel(steps_path), rel(docs)))
    if case_paths is None and own_schema:
        case_paths = sorted((root / cases_input.CASES_DIR).glob("*.yml"))
    loaded_cases = []
    for path in case_paths or []:
        if schema is not None:
            case = attempt(lambda: cases_input.load(path, schema, rel(path)))
            if case is not None:
                loaded_cases.append(case)
    slides_path = root / slides_input.SLIDES_FILE
    if own_schema and slides_path.is_file():
        slides = attempt(lambda: slides_input.load(slides_path, rel(slides_path)))
    headers_path = root / headers_input.HEADERS_FILE
    headers = attempt(lambda: headers_input.load(headers_path, rel(headers_path))) if headers_path.is_file() else {}
    if problems:
        raise InputError(problems)
    assert schema is not None
    return Project(root=root, schema_=schema, profiles=loaded, profile_dir=profile_dir, catalogue=catalogue,
                   steps=steps, cases=loaded_cases, slides=slides, pages=pages, headers=headers or {})


def omit_sections(schema: Schema, profile: Profile) -> Schema:
    """The schema without the sections the profile leaves out (of a form and its translations)."""
    if not profile.omit_sections:
        return schema
    forms = []
    for form in schema.forms:
        omitted = profile.omit_sections.get(form.translation_of or form.id, [])
        if omitted:
            form = form.model_copy(update={"sections": [s for s in form.sections if s.id not in omitted]})
        forms.append(form)
    return schema.model_copy(update={"forms": forms})


def model_for(project: Project, profile_id: str) -> Model:
    """One profile's view of the project: what every output renders from."""
    if profile_id not in project.profiles:
        known = ", ".join(sorted(project.profiles)) or "ingen"
        raise InputError([Problem(str(PROFILES_DIR), 1, "", f"ukendt profil '{profile_id}' (kendte profiler: {known})")])
    profile = project.profiles[profile_id]
    shared = {name: getattr(project, name) for name in SharedInputs.model_fields if name != "schema_"}
    return Model(**shared, schema_=omit_sections(project.schema_, profile), profile_id=profile_id, profile=profile)


def neutral_model(project: SharedInputs) -> Model:
    """The neutral view: every form with every section, and no profile.  The form outputs render it
    into ``blanketter/filer/neutral/`` with a blank wherever a profile's value would stand; it is the
    same for every profile of a project, so its documents are made once and shared."""
    shared = {name: getattr(project, name) for name in SharedInputs.model_fields}
    return Model(**shared, profile_id=NEUTRAL, profile=None)


def load_project(root: Path, profile_id: str = "eksempel") -> Project:
    """The project with one profile's file only (another profile's mistake does not stop it)."""
    own = root.resolve() / PROFILES_DIR / f"{profile_id}.yml"
    return load(root, profiles=[own] if own.is_file() else None)


def load_model(root: Path, profile_id: str = "eksempel") -> Model:
    """The model of one profile, checking only that profile (another profile's mistake does not stop it)."""
    return model_for(load_project(root, profile_id), profile_id)
