"""``schema OUT``: the editor schemas written to a folder, for an editor to read.

Input: the registries under ``corpus/`` (their ids become the schemas' enums, so run it again
after adding an actor, a theme or a source). Output: ``OUT/<kind>.schema.json`` for every kind
of corpus file, written atomically. ``OUT`` follows the rule of ``export``: a new or empty
folder, or one an earlier export wrote, never inside corpus/, docs/ or the code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.outfolder import MARKER, unsafe_target
from build_tools.files.textfile import write_atomic
from build_tools.load import load_registries
from build_tools.schemas import corpus_schemas


@dataclass
class SchemaExport:
    report: Report
    written: list[Path] = field(default_factory=list)


def export_schemas(root: Path, out: Path, site_url: str | None = None) -> SchemaExport:
    report = Report()
    problem = unsafe_target(root, out)
    if problem:
        report.error(str(out), 1, problem, "bad-export-folder",
                     "choose a new or empty folder, e.g. .schemas/")
        return SchemaExport(report)
    corpus = load_registries(root, report)
    result = SchemaExport(report)
    for name, text in corpus_schemas(corpus, site_url).items():
        write_atomic(out / name, text)
        result.written.append(out / name)
    write_atomic(out / MARKER, "Written by `python -m build_tools schema`; safe to replace.\n")
    return result
