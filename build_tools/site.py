"""Load -> index -> render, once per build, for any adapter (MkDocs plugin or export).

``build_site`` returns every generated page with the corpus file it comes from, plus the
diagnostics. It is the whole pipeline minus the renderer, so adapters stay thin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools.diagnostics import Report
from build_tools.exchange.w3c import annotation_files
from build_tools.files.seeds import seed_file
from build_tools.index import Indexes, build_indexes
from build_tools.load import load_corpus
from build_tools.render.data import render_data
from build_tools.render.jsonld import claim_reviews
from build_tools.render.pages import render_site, source_files


@dataclass
class SiteBuild:
    indexes: Indexes
    pages: dict[str, str]  # site path -> Markdown
    origins: dict[str, str]  # site path -> repository-relative corpus file
    data: dict[str, str] = field(default_factory=dict)  # site path -> open-data file (JSON, CSV)
    seeds: list[str] = field(default_factory=list)  # repository-relative seed paths to publish
    report: Report = field(default_factory=Report)
    head: dict[str, str] = field(default_factory=dict)  # site path -> JSON-LD for the page's head


def corpus_signature(root: Path, folders: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """Path, modification time and size of every file the pipeline reads: equal signatures
    mean an equal ``SiteBuild``."""
    entries = []
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            try:  # an editor saving by rename can remove a file between listing and stat
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                entries.append((path.relative_to(root).as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


def build_site(root: Path, repo_url: str | None = None, site_url: str | None = None) -> SiteBuild:
    corpus, report = load_corpus(root)
    indexes = build_indexes(corpus)
    seeds = sorted({a.meta.seed for a in corpus.articles
                    if a.meta.seed and seed_file(root, a.meta.seed) is not None})
    pages = render_site(indexes, repo_url, set(seeds))
    data = render_data(indexes) | annotation_files(indexes, site_url).files  # W3C annotations
    return SiteBuild(indexes, pages, source_files(indexes), data, seeds, report,
                     claim_reviews(indexes, site_url))
