"""Where generated files may be written: a new or empty folder, or one a previous export wrote.

``export`` and ``annotations export`` replace the files they write, so they must never write
over files a person wrote (corpus/, docs/, the project itself). A marker file tells a folder
an export made from any other folder.
"""

from __future__ import annotations

from pathlib import Path

MARKER = ".corpus-export"
GUARDED = ("corpus", "docs", "seeds", "build_tools", "tests")


def unsafe_target(root: Path, out: Path) -> str | None:
    """Why ``out`` must not be written to, or None when it may."""
    out, project = out.resolve(), root.resolve()
    if out.exists() and not out.is_dir():
        return "the export target exists and is not a folder"
    if out == project or project.is_relative_to(out):
        return "the export folder must not contain the project"
    for guarded in GUARDED:
        if out.is_relative_to(project / guarded):
            return f"the export folder must not be inside {guarded}/"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return "the export folder is not empty and was not written by export"
    return None
