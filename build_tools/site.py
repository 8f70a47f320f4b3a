"""Load -> index -> render, once per build, for any adapter (MkDocs plugin or export).

``build_site`` returns every generated page with the corpus file it comes from, plus the
diagnostics. It is the whole pipeline minus the renderer, so adapters stay thin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from build_tools import heap
from build_tools.diagnostics import Report
from build_tools.exchange.w3c import annotation_files
from build_tools.files.seeds import seed_file
from build_tools.index import Indexes, build_indexes
from build_tools.load import load_corpus
from build_tools.loadcache import LoadCache, registry_token
from build_tools.memo import Memo
from build_tools.render.data import render_data
from build_tools.render.explore_site import SITE_NAME, render_explore
from build_tools.render.feeds import FeedLink
from build_tools.render.pages import render_site, source_files
from build_tools.schemas import corpus_schemas
from build_tools.starter.merge import drop_unnamed_starter

SITE_URL_NOTE = ("site_url is not set: feeds, JSON-LD and the open data use relative addresses "
                 "(set SITE_URL, or site_url in mkdocs.yml, for absolute ones)")


@dataclass
class SiteBuild:
    indexes: Indexes
    pages: dict[str, str]  # site path -> Markdown
    origins: dict[str, str]  # site path -> repository-relative corpus file
    data: dict[str, str] = field(default_factory=dict)  # site path -> data file (JSON, CSV, schemas)
    seeds: list[str] = field(default_factory=list)  # repository-relative seed paths to publish
    report: Report = field(default_factory=Report)
    head: dict[str, str] = field(default_factory=dict)  # site path -> JSON-LD for the page's head
    binary: dict[str, bytes] = field(default_factory=dict)  # site path -> file (the SQLite database)
    feeds: dict[str, list[FeedLink]] = field(default_factory=dict)  # page path -> its own Atom feeds
    corpus_feed: FeedLink | None = None  # the Atom feed every page links to


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


@dataclass
class PipelineCache:
    """What one process keeps between builds (``mkdocs serve``): loaded files and per-article
    results, each reused only while its inputs are unchanged (``loadcache``, ``memo``)."""

    load: LoadCache = field(default_factory=LoadCache)
    memo: Memo = field(default_factory=Memo)


def build_site(root: Path, repo_url: str | None = None, site_url: str | None = None,
               site_name: str = SITE_NAME, cache: PipelineCache | None = None) -> SiteBuild:
    """The whole pipeline; with a ``cache`` (kept by the caller across builds) only what the
    changed files affect is made again, and the result equals a fresh build's."""
    corpus, report = load_corpus(root, cache=cache.load if cache else None)
    drop_unnamed_starter(corpus)  # starter actors get pages only when articles name them
    memo = cache.memo if cache else Memo(enabled=False)
    memo.start(registry_token(corpus) if cache else "")
    indexes = build_indexes(corpus, memo)
    heap.settle()  # in a build, what each stage made stays to its end (build_tools.heap)
    seeds = sorted({s for a in corpus.articles for s in (a.meta.seed, a.meta.original_seed)
                    if s and seed_file(root, s) is not None})
    pages = render_site(indexes, repo_url, set(seeds), memo)
    heap.settle()
    explore = render_explore(indexes, render_data(indexes, memo), site_name, site_url, repo_url,
                             memo)
    pages.update(explore.pages)
    data = explore.data | annotation_files(indexes, site_url, memo).files  # W3C annotations
    data |= {f"schemas/{name}": text for name, text in corpus_schemas(corpus, site_url).items()}
    if not site_url:
        report.add_note("mkdocs.yml", SITE_URL_NOTE)  # once per build
    memo.finish()
    return SiteBuild(indexes, pages, source_files(indexes), data, seeds, report, explore.head,
                     explore.binary, explore.feeds, explore.corpus_feed)
