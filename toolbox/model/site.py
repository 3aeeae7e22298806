"""What the build knows of the pages under ``docs/``, and the loaded ``Project`` and one profile's ``Model``."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .base import Strict
from .course import LoadedCase, Slides
from .guides import Catalogue, Steps
from .profile import Profile
from .schema import Form, Schema

# ---- the pages under docs/ ----------------------------------------------------------------------

STEPS_MARKER = "<!-- trin -->"  # where a page's step diagram goes (forms/trin.yml)
PROFILE_MARKER = "<!-- profil:{name} -->"  # replaced by a text from the profile
PROFILE_MARKERS = ("maalgruppe",)

class Pages(Strict):
    """What the build needs to know of the hand-written pages: all their paths (for link checks), and
    the text of each page that holds a marker the build fills (``<!-- trin -->``, ``<!-- profil:… -->``)."""

    paths: list[str]
    marked: dict[str, str] = {}


# ---- the validated, resolved model handed to renderers ---------------------------------

class SharedInputs(BaseModel):
    """The inputs every profile of a project shares."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    root: Path  # the project folder: paths of the site's own assets are relative to it
    schema_: Schema  # every ``use`` resolved, translations made into forms of their own
    profile_dir: Path | None = None  # the folder of the profiles (a logo is relative to it)
    catalogue: Catalogue | None = None
    steps: Steps | None = None
    cases: list[LoadedCase] = []
    slides: Slides | None = None
    pages: Pages | None = None
    headers: dict[str, str] = {}  # the site's HTTP security headers (deploy/snippets/)


class Project(SharedInputs):
    """Every input of a project, loaded and checked once by ``toolbox.inputs.load``."""

    profiles: dict[str, Profile]


class Model(SharedInputs):
    """One profile's view of a project: the schema without the sections the profile leaves out,
    the profile, and every other input as loaded.  What every output renders from (the neutral view: no profile)."""

    profile_id: str
    profile: Profile | None

    @property
    def logo_file(self) -> Path | None:
        """The profile's logo (checked to exist when the profile was loaded), or None."""
        if self.profile is None or self.profile.logo is None or self.profile_dir is None:
            return None
        return self.profile_dir / self.profile.logo

    @property
    def forms(self) -> list[Form]:
        wanted = self.profile.forms if self.profile is not None else None
        return [f for f in self.schema_.forms
                if wanted is None or f.id in wanted or (f.translation_of is not None and f.translation_of in wanted)]

    def site_asset(self, rel: str) -> Path:
        """A file of the project's own site (e.g. ``docs/assets/stylesheets/toolbox.css``)."""
        return self.root / rel
