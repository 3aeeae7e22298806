"""The toolbox's exception family, each with a stated audience.

- ``InputError``: the author's mistake in a schema or profile; shown as one line per
  problem (``FILE:LINE: path: message``), exit status 2.
- ``RenderError``: an output could not be made for a form; names output and form.
- ``ToolboxError``: a failure of the tool itself (exit status 1).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in an input file, ready to print as one line."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ToolboxError(Exception):
    """A failure of the tool itself (exit status 1)."""

    exit_code = 1


class InputError(ToolboxError):
    """Problems in the author's input (exit status 2); carries every problem found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # so that it comes back whole from a worker process
        return (type(self), (self.problems,))


class UsageError(ToolboxError):
    """A command given wrongly (a bad name, a file that would be overwritten): one line, exit status 2."""

    exit_code = 2


class RenderError(ToolboxError):
    """An output could not be rendered for a form."""

    def __init__(self, output: str, form: str, message: str):
        self.output, self.form, self.message = output, form, message
        super().__init__(f"{output}: {form}: {message}")

    def __reduce__(self):  # so that it comes back whole from a worker process (and does not break the pool)
        return (type(self), (self.output, self.form, self.message))
