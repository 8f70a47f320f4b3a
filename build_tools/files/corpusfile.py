"""A corpus file read for validation: its front matter (with the line of every key), its body
and where the body starts. Unreadable files become a located diagnostic, never an exception.
Invisible characters (bidi controls, zero-width, control characters) are removed from the text
and from what YAML escapes write, each reported as a warning (``files.cleantext``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, Report, relative_posix
from build_tools.files.cleantext import clean_text, clean_yaml
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.textfile import read_text
from build_tools.files.yamlsafe import YamlDoc
from build_tools.limits import Limits, limit_error


@dataclass
class RawFile:
    path: Path
    rel: str
    meta: YamlDoc
    body: str
    body_line: int


def read_corpus_file(path: Path, root: Path, report: Report, limits: Limits | None = None
                     ) -> RawFile | None:
    """The file's parts, or None with the problem reported: unreadable, undecodable, larger
    than ``limits.corpus_file_size``, or without valid front matter."""
    rel = relative_posix(path, root)
    limits = limits or Limits()
    text = read_corpus_text(path, rel, report, limits)
    if text is None:
        return None
    try:
        cleaned = clean_text(text)
        report.place(cleaned.problems, rel)
        doc = split_front_matter(cleaned.text, limits)
        report.place(clean_yaml(doc.meta), rel)
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(rel))
        return None
    return RawFile(path, rel, doc.meta, doc.body, doc.body_line)


def read_corpus_text(path: Path, rel: str, report: Report, limits: Limits) -> str | None:
    """A corpus file's text, or None with the problem reported (too large, unreadable,
    undecodable): the one way front-matter files and stand-off files are read."""
    try:
        check_file_size(path, limits)
        return read_text(path).text
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(rel))
    except OSError as exc:
        report.error(rel, 1, f"cannot read file: {exc.strerror}", "io-error")
    return None


def check_file_size(path: Path, limits: Limits) -> None:
    """Before reading: raise ``DiagnosticError`` for a file over ``limits.corpus_file_size``."""
    size = path.stat().st_size
    if size > limits.corpus_file_size:
        raise DiagnosticError(limit_error(
            "corpus_file_size", limits, f"the file is {size:,} bytes", "file-too-large",
            "split it, or shorten its text"))
