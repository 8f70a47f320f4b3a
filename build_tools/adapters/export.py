"""Export adapter: write the generated site as plain files, for any other renderer.

Output folder layout mirrors the site: ``docs`` pages (markers expanded), generated pages
(``articles/``, ``actors/``, ``themes/``, ``sources/``), the seeds, and the open-data files
in ``data/``. Every file is written atomically; nothing outside OUT is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.textfile import copy_atomic, write_atomic
from build_tools.render.pages import expand_markers
from build_tools.site import build_site

MARKER = ".corpus-export"


def _unsafe_target(root: Path, out: Path) -> str | None:
    """Export only into a new or empty folder, or one a previous export wrote: never over
    files a person wrote (corpus/, docs/, the project itself)."""
    out, project = out.resolve(), root.resolve()
    if out.exists() and not out.is_dir():
        return "the export target exists and is not a folder"
    if out == project or project.is_relative_to(out):
        return "the export folder must not contain the project"
    for guarded in ("corpus", "docs", "seeds", "build_tools", "tests"):
        if out.is_relative_to(project / guarded):
            return f"the export folder must not be inside {guarded}/"
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        return "the export folder is not empty and was not written by export"
    return None


@dataclass
class Export:
    report: Report
    count: int  # files written


def export_site(root: Path, out: Path, docs_dir: str = "docs") -> Export:
    site = build_site(root)
    problem = _unsafe_target(root, out)
    if problem:
        site.report.error(str(out), 1, problem, "bad-export-folder",
                          "choose a new or empty folder, e.g. /tmp/corpus-export")
        return Export(site.report, 0)
    files: dict[str, str] = dict(site.pages)
    files.update(site.data)
    # the structured data MkDocs puts in a page's head, beside the page
    files.update({path.removesuffix(".md") + ".claimreview.jsonld": text for path, text in site.head.items()})
    docs = root / docs_dir
    count = 0
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if not path.is_file() or rel in files:
                continue
            if path.suffix == ".md":
                files[rel] = expand_markers(path.read_text(encoding="utf-8"), site.indexes)
            else:
                copy_atomic(path, out / rel)
                count += 1
    for rel, text in files.items():
        write_atomic(out / rel, text)
        count += 1
    write_atomic(out / MARKER, "Written by `python -m build_tools export`; safe to replace.\n")
    for seed in site.seeds:
        copy_atomic(root / seed, out / seed)
        count += 1
    return Export(site.report, count)
