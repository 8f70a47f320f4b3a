"""A corpus file read for validation: its front matter (with the line of every key), its body
and where the body starts. Unreadable files become a located diagnostic, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, Report, relative_posix
from build_tools.files.frontmatter import split_front_matter
from build_tools.files.textfile import read_text
from build_tools.files.yamlsafe import YamlDoc


@dataclass
class RawFile:
    path: Path
    rel: str
    meta: YamlDoc
    body: str
    body_line: int


def read_corpus_file(path: Path, root: Path, report: Report) -> RawFile | None:
    rel = relative_posix(path, root)
    try:
        doc = split_front_matter(read_text(path).text)
    except DiagnosticError as exc:
        report.add(exc.diagnostic.at(rel))
        return None
    except OSError as exc:
        report.error(rel, 1, f"cannot read file: {exc.strerror}", "io-error")
        return None
    return RawFile(path, rel, doc.meta, doc.body, doc.body_line)
