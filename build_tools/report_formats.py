"""Diagnostics for machines as well as people: GitHub workflow commands and JSON lines.

Input: a ``Report``. Output, by ``--format``:

- ``text`` (the default): ``path:line:col: severity: message [code]`` and a ``hint:`` line, on
  stderr, as every command prints them.
- ``github``: one workflow command per problem on stdout,
  ``::error file=PATH,line=N,col=C,title=CODE::message`` (the hint on a second line of the
  message), so GitHub shows each problem on its line of a pull request's diff. GitHub shows at
  most 10 annotations of each severity per step, so the text lines still go to stderr: the log
  keeps every problem with its place.
- ``json``: one JSON object per line on stdout (path, line, col, severity, code, message,
  hint), for other tools.
"""

from __future__ import annotations

import json
import sys
from typing import IO

from build_tools.diagnostics import Diagnostic, Report, Severity

FORMATS = ("text", "github", "json")
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def _escape_data(text: str) -> str:
    """As GitHub's toolkit escapes a command's message (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """As GitHub's toolkit escapes a property value (``escapeProperty``)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_command(diag: Diagnostic) -> str:
    """``::error file=...,line=...,col=...,title=CODE::message`` for one diagnostic."""
    props = [("file", diag.path), ("line", str(diag.line)),
             ("col", str(diag.col) if diag.col else ""), ("title", diag.code)]
    given = ",".join(f"{key}={_escape_property(value)}" for key, value in props if value)
    message = diag.message + (f"\nhint: {diag.hint}" if diag.hint else "")
    return f"::{_COMMANDS[diag.severity]} {given}::{_escape_data(message)}"


def json_line(diag: Diagnostic) -> str:
    return json.dumps({"path": diag.path, "line": diag.line, "col": diag.col,
                       "severity": diag.severity.value, "code": diag.code,
                       "message": diag.message, "hint": diag.hint}, ensure_ascii=False)


def print_report(report: Report, fmt: str = "text", *, notes: bool = True,
                 out: IO[str] | None = None, err: IO[str] | None = None) -> None:
    """Print every diagnostic of ``report`` in ``fmt`` (see the module docstring)."""
    out, err = out or sys.stdout, err or sys.stderr
    shown = [d for d in report.items if notes or d.severity is not Severity.NOTE]
    if fmt == "json":
        for diag in shown:
            print(json_line(diag), file=out)
        return
    if fmt == "github":
        for diag in shown:
            print(github_command(diag), file=out)
        out.flush()
    for diag in shown:
        print(diag.format(), file=err)
