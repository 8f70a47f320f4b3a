"""Load stage, incremental: reuse what loading made of a file while nothing it read changed.

``mkdocs serve`` rebuilds after every save and the plugin keeps one ``LoadCache`` for the
session, so a one-word edit re-reads, re-parses and re-validates one file, not 5,000. An
entry holds what ``load_article`` (or a registry file's read + schema check) produced and
the diagnostics it reported, replayed in the same order on every rebuild, so a warning is
shown each time and a fixed file's error goes away with the file's new entry.

An entry is used only while all of its inputs are as they were:

* the file's bytes (a content hash: an editor that keeps the mtime, a checkout, a restore
  of the same size all count as changes when the text differs);
* every other file it read, by its status (``lstat`` and ``stat``: kind, inode, size, mtime)
  and that of each folder between it and the root, so a seed turned into a symlink, a new
  stand-off file or an original seed that appeared are changes too;
* the registries as validation sees them (``context_token``): ids of actors, themes and
  sources, the broken entries, codebooks, translation notes and limits. An actor's
  description is not among them, so editing it reloads that actor's file only.

An article that did not load (an error) is not kept: it is loaded again each time, which
is always correct, and such files are few. ``loadstore`` keeps a copy on disk between
commands.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from build_tools.diagnostics import Diagnostic, Report
from build_tools.files.corpusfile import RawFile
from build_tools.load_annotations import sidecar_path
from build_tools.model import Article, Corpus

Stamp = tuple[Any, ...]


def file_stamp(path: Path, root: Path) -> Stamp:
    """Status of ``path`` (``lstat`` and ``stat``: a missing file, or a symlink, has a stamp
    too) and the kind and inode of each folder above it up to ``root``: equal stamps mean the
    same file in the same place. Folders' mtimes are left out: they change whenever an
    editor saves a neighbour by renaming."""
    parts: list[Any] = []
    for probe in (os.lstat, os.stat):
        try:
            found = probe(path)
            parts.append((found.st_mode, found.st_ino, found.st_size, found.st_mtime_ns))
        except OSError:
            parts.append(None)
    current = path.parent
    while current != root and current.parent != current:
        try:
            folder = os.lstat(current)
            parts.append((folder.st_mode, folder.st_ino))
        except OSError:
            parts.append(None)
        current = current.parent
    return tuple(parts)


def content_hash(path: Path) -> bytes | None:
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=20).digest()
    except OSError:
        return None


def context_token(corpus: Corpus) -> str:
    """What validating an article reads of the registries, as one digest."""
    parts = (sorted(corpus.actors), sorted(corpus.themes), sorted(corpus.sources),
             sorted(corpus.broken.items()), repr(sorted(corpus.codebooks.items())),
             repr(sorted(corpus.translation_notes.items())), repr(corpus.limits))
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"),
                           digest_size=20).hexdigest()


def registry_token(corpus: Corpus) -> str:
    """``context_token`` plus what pages show of each registry entry but its description
    (name, kind, aliases...): per-article results made with an equal token are still right.
    The starter registry's status is in it too."""
    entries = [(e.id, e.path, repr(e.meta), getattr(e, "starter", None))
               for table in (corpus.actors, corpus.themes, corpus.sources) for e in table.values()]
    parts = (context_token(corpus), entries, repr(corpus.starter))
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"),
                           digest_size=20).hexdigest()


@dataclass
class _ArticleEntry:
    digest: bytes
    context: str
    stamps: dict[Path, Stamp]
    article: Article
    diagnostics: list[Diagnostic]


@dataclass
class _RawEntry:
    digest: bytes
    key: Any  # the limits and schema it was read and validated with
    raw: RawFile | None
    meta: Any
    diagnostics: list[Diagnostic]


@dataclass
class LoadCache:
    """Per-file results of the load stage, kept across the builds of one process."""

    articles: dict[str, _ArticleEntry] = field(default_factory=dict)
    registry: dict[str, _RawEntry] = field(default_factory=dict)
    hits: int = 0  # files reused in the last load, for the log and the tests
    misses: int = 0
    seen: set[str] = field(default_factory=set)
    changed: bool = False  # an entry was added or dropped (loadstore: worth writing again)

    def start(self) -> None:
        self.hits = self.misses = 0
        self.seen = set()

    def finish(self, articles: bool = True) -> None:
        """Drop the entries of files this load did not read (gone): memory follows the corpus.
        ``articles=False``: a load of the registries alone keeps the articles' entries."""
        for table in (self.articles, self.registry) if articles else (self.registry,):
            for gone in set(table) - self.seen:
                del table[gone]
                self.changed = True

    def article(self, path: Path, root: Path, corpus: Corpus, context: str, report: Report,
                load: Callable[[Path, Path, Corpus, Report], Article | None]) -> Article | None:
        """``load(path, root, corpus, report)``, or its earlier result if still valid."""
        rel = os.path.abspath(path)  # a key, not a message: see _absolute
        self.seen.add(rel)
        digest = content_hash(path)
        entry = self.articles.get(rel)
        top = _absolute(root)
        if (entry is not None and digest is not None and entry.digest == digest
                and entry.context == context
                and all(file_stamp(p, top) == s for p, s in entry.stamps.items())):
            self.hits += 1
            report.extend(entry.diagnostics)
            return entry.article
        self.misses += 1
        self.changed |= self.articles.pop(rel, None) is not None
        # Stamps are taken before loading: a file that changes meanwhile differs next time.
        stamps = {p: file_stamp(p, top) for p in map(_absolute, _article_inputs(path, root))}
        own = Report()
        article = load(path, root, corpus, own)
        report.extend(own.items)
        if article is None or digest is None:
            return article
        for seed in (article.meta.seed, article.meta.original_seed):
            if seed:
                stamps[top / seed] = file_stamp(top / seed, top)
        if content_hash(path) == digest:  # unchanged while it was loaded
            self.articles[rel] = _ArticleEntry(digest, context, stamps, article, own.items)
            self.changed = True
        return article

    def registry_file(self, path: Path, root: Path, key: Any, report: Report,
                      read: Callable[[Report], tuple[RawFile | None, Any]]
                      ) -> tuple[RawFile | None, Any]:
        """``read(report)`` -> (raw file, validated meta) of a registry file, or the earlier
        result while the file's bytes and ``key`` (limits, schema) are the same."""
        rel = os.path.abspath(path)
        self.seen.add(rel)
        digest = content_hash(path)
        entry = self.registry.get(rel)
        if entry is not None and digest is not None and entry.digest == digest and entry.key == key:
            self.hits += 1
            report.extend(entry.diagnostics)
            return entry.raw, entry.meta
        self.misses += 1
        own = Report()
        raw, meta = read(own)
        report.extend(own.items)
        if digest is not None and content_hash(path) == digest:
            self.registry[rel] = _RawEntry(digest, key, raw, meta, own.items)
            self.changed = True
        else:
            self.changed |= self.registry.pop(rel, None) is not None
        return raw, meta


def _absolute(path: Path) -> Path:
    """Entries are keyed, and the other files they read stamped, by absolute path: commands
    spell the root as they were given it (``check`` "." , the MkDocs plugin in full), and the
    cache ``loadstore`` keeps between them must hold for each (what an entry keeps, its
    file's path relative to the root, its diagnostics, is the same either way)."""
    return Path(os.path.abspath(path))


def _article_inputs(path: Path, root: Path) -> list[Path]:
    """Files an article's load reads besides itself and its seeds: its stand-off file."""
    return [sidecar_path(path)]
