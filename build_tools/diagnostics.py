"""Diagnostics: the one way every stage reports a user's mistake.

A ``Diagnostic`` prints compiler-style (``path:line:col: error: message [code]`` plus an
optional ``hint:`` line) so editors can jump to it. Stages collect diagnostics and carry on;
nothing raises for bad input.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    message: str
    code: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    col: int | None = None

    def format(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.col}" if self.col else "")
        text = f"{where}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass
class Report:
    """Diagnostics gathered by a stage, in the order found."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        self.items.append(diag)

    def error(self, path: str | Path, line: int, message: str, code: str,
              hint: str | None = None, col: int | None = None) -> None:
        self.add(Diagnostic(display_path(path), line, message, code, Severity.ERROR, hint, col))

    def warning(self, path: str | Path, line: int, message: str, code: str,
                hint: str | None = None, col: int | None = None) -> None:
        self.add(Diagnostic(display_path(path), line, message, code, Severity.WARNING, hint, col))

    def add_note(self, path: str | Path, message: str) -> None:
        self.add(Diagnostic(display_path(path), 1, message, "info", Severity.NOTE))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def print(self, stream: IO[str] | None = None) -> None:
        out = stream or sys.stderr
        for diag in self.items:
            print(diag.format(), file=out)


def display_path(path: str | Path) -> str:
    """Paths relative to the working directory when possible, so they are clickable."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()
