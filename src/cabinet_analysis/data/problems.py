"""Problems found in data files, reported as ``file:line:column: message``.

Every loader collects all the problems it can find before raising, so a user
fixing a file sees the whole list at once rather than one error per run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one cell (or line, or file) of a data file.

    ``line`` is the 1-based physical line of the CSV file (the header is line 1);
    0 means the problem concerns the whole file. ``column`` is empty when the
    problem concerns a whole line or file.
    """

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}"
        if self.column:
            where += f":{self.column}"
        return f"{where}: {self.message}"


class DataError(Exception):
    """Raised when one or more data files are malformed or inconsistent."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))
