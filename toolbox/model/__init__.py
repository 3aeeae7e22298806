"""The declared model of every input and the validated ``Model`` handed to the outputs.

Every input kind is declared here: the form schema, municipality profiles, the tool catalogue,
the guides' steps, the course's role-play cases and slides, and what the build needs to know of
the pages under ``docs/``.  Pydantic checks shape and types (unknown keys are errors); the
inputs layer (``toolbox.inputs``) loads each file once, adds the checks that look across a file
or between files, and resolves shared groups, so everything downstream gets typed objects and
never reads YAML.  This package does no I/O and imports no loader; one module per kind of input, all of
them re-exported here (``from toolbox.model import Form``).
"""
from __future__ import annotations

from .base import *  # noqa: F401,F403
from .course import *  # noqa: F401,F403
from .guides import *  # noqa: F401,F403
from .profile import *  # noqa: F401,F403
from .schema import *  # noqa: F401,F403
from .site import *  # noqa: F401,F403
