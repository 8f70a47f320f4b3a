"""Export adapter: write the generated site as plain files, for any other renderer.

Output folder layout mirrors the site: ``docs`` pages (markers expanded), generated pages
(``articles/``, ``actors/``, ``themes/``, ``sources/``), the seeds, and the open-data files
in ``data/``. Every file is written atomically; nothing outside OUT is touched.
"""

from __future__ import annotations

from pathlib import Path

from .diagnostics import Report
from .render_data import render_data
from .render_pages import expand_markers
from .site import build_site
from .textfile import copy_atomic, write_atomic


def export_site(root: Path, out: Path, docs_dir: str = "docs") -> tuple[Report, int]:
    site = build_site(root)
    out = out.resolve()
    if out == root.resolve() or root.resolve().is_relative_to(out):
        site.report.error(str(out), 1, "the export folder must not contain the project",
                          "bad-export-folder", "choose a new folder, e.g. export/")
        return site.report, 0
    files: dict[str, str] = dict(site.pages)
    files.update(render_data(site.indexes))
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
    for seed in site.seeds:
        copy_atomic(root / seed, out / seed)
        count += 1
    return site.report, count
