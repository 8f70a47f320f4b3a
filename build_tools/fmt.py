"""``fmt``: corpus files' YAML put in its normal form (``files/normal_form.py``), so diffs stay small.

Input: files or folders (default: all of ``corpus/``) and whether only to check. Output: an
``FmtResult`` naming the files formatted (with ``check``: the files that are not) and a located
diagnostic for every file left alone. A file is written through a temporary file and a rename,
and only if it is still what was read; a symlink is never replaced by a file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.diagnostics import DiagnosticError, Report, relative_posix
from build_tools.files.kinds import FileKind, kind_of
from build_tools.files.normal_form import normalise
from build_tools.files.textfile import decode_text, write_atomic


@dataclass
class FmtResult:
    report: Report = field(default_factory=Report)
    changed: list[Path] = field(default_factory=list)  # formatted, or (check) to format
    unchanged: int = 0
    refused: int = 0
    diffs: list[str] = field(default_factory=list)


def format_paths(root: Path, paths: list[Path], *, check: bool = False, diff: bool = False) -> FmtResult:
    """Format (or, with ``check``, only judge) every corpus file in ``paths`` (default: corpus/)."""
    result = FmtResult()
    for path, kind in _corpus_files(root, paths or [root / "corpus"], result.report):
        _format_one(path, kind, root, result, check=check, diff=diff)
    return result


def _corpus_files(root: Path, paths: list[Path], report: Report) -> Iterator[tuple[Path, FileKind]]:
    seen: set[Path] = set()
    for given in paths:
        files: list[tuple[Path, FileKind]] = []
        if given.is_dir():
            for path in sorted(given.rglob("*")):
                kind = _kind(path, root)
                if kind is not None:
                    files.append((path, kind))
        else:
            kind = _kind(given, root)
            if kind is None:
                where = "does not exist" if not given.exists() else "is not a corpus file"
                report.warning(given, 1, f"{where}: left alone", "not-corpus-file",
                               "fmt formats the files under corpus/ that check reads")
                continue
            files.append((given, kind))
        for path, kind in files:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                yield path, kind


def _kind(path: Path, root: Path) -> FileKind | None:
    rel = relative_posix(path, root)
    return kind_of(rel) if path.is_file() else None


def _format_one(path: Path, kind: FileKind, root: Path, result: FmtResult, *, check: bool,
                diff: bool) -> None:
    rel = relative_posix(path, root)
    if path.is_symlink():
        result.report.error(rel, 1, "is a symlink: fmt does not replace it with a file", "symlink",
                            "format the file it points to")
        result.refused += 1
        return
    try:
        data = path.read_bytes()
        decode_text(data)  # the checks check makes: UTF-8, no binary
        raw = data.decode("utf-8")
        normal = normalise(raw, kind)
    except DiagnosticError as exc:
        result.report.add(exc.diagnostic.at(rel))
        result.refused += 1
        return
    if not normal.changed:
        result.unchanged += 1
        return
    if diff:
        result.diffs.append("".join(difflib.unified_diff(
            raw.splitlines(keepends=True), normal.text.splitlines(keepends=True), rel, f"{rel} (fmt)")))
    if check:
        result.report.error(rel, normal.first_change or 1, "not formatted: fmt would change this "
                            "file from this line on", "not-formatted",
                            f"run: python -m build_tools fmt {rel}")
    elif path.read_bytes() != data:
        result.report.error(rel, 1, "the file changed while fmt was reading it; left alone",
                            "changed-meanwhile", "run fmt again")
        result.refused += 1
        return
    else:
        write_atomic(path, normal.text)
    result.changed.append(path)
