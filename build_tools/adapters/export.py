"""Export adapter: write the generated site as plain files, for any other renderer.

Output folder layout mirrors the site: ``docs`` pages (markers expanded), generated pages
(``articles/``, ``actors/``, ``themes/``, ``sources/``), the seeds, and the open-data files
in ``data/``. Every file is written atomically; nothing outside OUT is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.outfolder import MARKER, unsafe_target
from build_tools.files.textfile import copy_atomic, write_atomic
from build_tools.render.pages import expand_markers
from build_tools.site import build_site


@dataclass
class Export:
    report: Report
    count: int  # files written


def export_site(root: Path, out: Path, docs_dir: str = "docs") -> Export:
    site = build_site(root)
    problem = unsafe_target(root, out)
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
