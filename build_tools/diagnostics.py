"""Diagnostics: the one way every stage reports a person's mistake.

A ``Diagnostic`` is made where the problem is found and prints compiler-style
(``path:line:col: error: message [code]`` plus an optional ``hint:`` line) so editors can jump
to it. A function that parses text without knowing its file makes diagnostics with an empty
path and lines counted in that text; its caller places them with ``Diagnostic.at``. Where
stopping is the natural answer (a file that cannot be decoded), the diagnostic travels in a
``DiagnosticError``; everything else is collected in a ``Report`` and the stage carries on.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO

from build_tools.invisible import show_invisible


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
        """One line (and a hint line); invisible characters in a path or a quoted value are
        written ``<U+202E>``, so a bidi control cannot reorder what a terminal shows."""
        where = f"{self.path}:{self.line}" + (f":{self.col}" if self.col else "")
        text = f"{where}: {self.severity.value}: {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return show_invisible(text)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def at(self, path: str | Path, line_offset: int = 0) -> Diagnostic:
        """The same problem placed in a file: ``line_offset`` is added to the line (for text that
        starts further down the file, like an article body)."""
        return dataclasses.replace(self, path=display_path(path), line=self.line + line_offset)


def error(message: str, code: str, *, line: int = 1, col: int | None = None,
          hint: str | None = None, path: str | Path = "") -> Diagnostic:
    return Diagnostic(display_path(path) if path else "", line, message, code, Severity.ERROR,
                      hint, col)


def warning(message: str, code: str, *, line: int = 1, col: int | None = None,
            hint: str | None = None, path: str | Path = "") -> Diagnostic:
    return Diagnostic(display_path(path) if path else "", line, message, code, Severity.WARNING,
                      hint, col)


class DiagnosticError(Exception):
    """Carries one diagnostic out of a function that cannot go on (an undecodable file)."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


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

    def place(self, found: Iterable[Diagnostic], path: str | Path, line_offset: int = 0) -> None:
        """Add diagnostics made without a file (see ``Diagnostic.at``), placed in ``path``."""
        self.items.extend(d.at(path, line_offset) for d in found)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def print(self, stream: IO[str] | None = None, *, notes: bool = True) -> None:
        out = stream or sys.stderr
        for diag in self.items:
            if notes or diag.severity is not Severity.NOTE:
                print(diag.format(), file=out)


def relative_posix(path: str | Path, base: str | Path) -> str:
    """``path`` relative to ``base`` as a POSIX string when it lies inside it, else as given.
    The one path-relativising rule: for messages, corpus file names and command output."""
    text, folder = os.fspath(path), os.fspath(base).rstrip(os.sep)
    if folder and text.startswith(folder + os.sep) and not (os.altsep and os.altsep in text):
        parts = text[len(folder) + 1:].split(os.sep)  # the common case, without Path objects
        if "" not in parts and "." not in parts and ".." not in parts:
            return "/".join(parts)
    p, b = Path(path), Path(base)
    try:
        return p.absolute().relative_to(b.absolute()).as_posix()
    except ValueError:
        pass
    try:  # through symbolic links (resolving costs file-system look-ups: only when needed)
        return p.resolve().relative_to(b.resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def display_path(path: str | Path) -> str:
    """Paths relative to the working directory when possible, so they are clickable."""
    return relative_posix(path, Path.cwd())
