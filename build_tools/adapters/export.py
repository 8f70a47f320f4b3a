"""Export adapter: write the generated site as plain files, for any other renderer.

Output folder layout mirrors the site: ``docs`` pages (markers expanded), generated pages
(``articles/``, ``actors/``, ``themes/``, ``sources/``...), each article's JSON-LD beside it,
the seeds, the feeds in ``feeds/`` and the open-data files in ``data/``; ``export --data``
writes the ``data/`` folder alone. Every file is written atomically; nothing outside OUT is
touched. (Timeline charts stay ``{corpus-timeline ...}`` markers in exported Markdown: the
table after each holds the same numbers.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.files.outfolder import MARKER, unsafe_target
from build_tools.files.seeds import published_seed_uri
from build_tools.files.textfile import copy_atomic, write_atomic, write_bytes_atomic
from build_tools.render.pages import expand_markers
from build_tools.render.readymarkdown import as_markdown
from build_tools.site import build_site


@dataclass
class Export:
    report: Report
    count: int  # files written


def _refused(root: Path, out: Path, report: Report) -> bool:
    problem = unsafe_target(root, out)
    if problem:
        report.error(str(out), 1, problem, "bad-export-folder",
                     "choose a new or empty folder, e.g. /tmp/corpus-export")
    return problem is not None


def export_data(root: Path, out: Path, site_url: str | None = None) -> Export:
    """The site's ``data/`` folder alone (tables, database, data package, citation) into OUT."""
    site = build_site(root, site_url=site_url)
    if _refused(root, out, site.report):
        return Export(site.report, 0)
    count = 0
    for path, text in site.data.items():
        if path.startswith("data/"):
            write_atomic(out / path.removeprefix("data/"), text)
            count += 1
    for path, data in site.binary.items():
        if path.startswith("data/"):
            write_bytes_atomic(out / path.removeprefix("data/"), data)
            count += 1
    write_atomic(out / MARKER, "Written by `python -m build_tools export --data`; safe to replace.\n")
    return Export(site.report, count)


def export_site(root: Path, out: Path, docs_dir: str = "docs", site_url: str | None = None) -> Export:
    site = build_site(root, site_url=site_url)
    if _refused(root, out, site.report):
        return Export(site.report, 0)
    # listing pages' ready-HTML regions as Markdown tables and lists, with Markdown links
    files: dict[str, str] = {path: as_markdown(text) for path, text in site.pages.items()}
    files.update(site.data)
    # the structured data MkDocs puts in a page's head (NewsArticle, ClaimReviews), beside the page
    files.update({path.removesuffix(".md") + ".jsonld": text for path, text in site.head.items()})
    docs = root / docs_dir
    count = 0
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            rel = path.relative_to(docs).as_posix()
            if not path.is_file() or rel in files:
                continue
            if path.suffix == ".md":
                files[rel] = as_markdown(expand_markers(path.read_text(encoding="utf-8"), site.indexes))
            else:
                copy_atomic(path, out / rel)
                count += 1
    for rel, text in files.items():
        write_atomic(out / rel, text)
        count += 1
    for rel, data in site.binary.items():
        write_bytes_atomic(out / rel, data)
        count += 1
    write_atomic(out / MARKER, "Written by `python -m build_tools export`; safe to replace.\n")
    for seed in site.seeds:  # as text only: a saved web page must never run on the site
        copy_atomic(root / seed, out / published_seed_uri(seed))
        count += 1
    return Export(site.report, count)
