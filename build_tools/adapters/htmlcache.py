"""A content-hash cache of converted pages (render stage, HTML), in memory and on disk.

An entry is keyed by the page's Markdown, its path and URL, and a salt naming everything
else the HTML depends on: the Markdown extensions and their configuration, the versions of
Python-Markdown and MkDocs, and the source of the code that converts (our extension,
``convert``). Links are the one thing outside the page that shapes it: an entry records the
URL each link target had and is used only while every target still has that URL (a page
that links to an article that was removed is converted again and its broken link reported).

The disk copy (one JSON file per entry, in the user's cache folder: ``cache_folder``) makes a
second ``make site`` after a one-article edit convert one article; the memory copy does the
same for ``mkdocs serve`` rebuilds. A damaged or unreadable entry is a miss, never an error.
The copy is not in the project: an entry's HTML is published as it is, and a file a pull
request carries (a ``.cache/html/`` forced into git, its key worked out from the page's
Markdown) would otherwise put any script on the page.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

import markdown

from build_tools import markup
from build_tools.adapters import convert as conversion
from build_tools.adapters import fastinline, mdext
from build_tools.adapters.convert import Conversion, Job, Setup, convert_all
from build_tools.files.textfile import write_atomic
from build_tools.ingest import cache as derived
from build_tools.render import readyhtml, timeline

log = logging.getLogger("mkdocs.plugins.corpus")
FORMAT = "2"  # bump when an entry's layout changes
CACHE_ENV = "CORPUS_CACHE"  # "off": no disk cache (benchmarks of a cold build)


def cache_folder(root: Path) -> Path | None:
    """Where the converted pages of the project at ``root`` are kept (None: in memory only):
    ``~/.cache/news-corpus/html/<digest of the project's path>/``."""
    home = derived.folder("html")
    if home is None:
        return None
    return home / hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:24]


def salt(extensions: list[Any], configs: dict[str, Any], mkdocs_version: str,
         sections: str = "") -> str | None:
    """Everything besides the page that the HTML depends on; None if that cannot be named
    (an extension given as an object rather than by name), and then nothing is cached.
    ``sections`` names what reads each page's search sections (``Setup.sections``: the
    search plugin and its version), "" when nothing does."""
    if not all(isinstance(e, str) for e in extensions):
        return None
    modules = (conversion, fastinline, mdext, timeline, markup, readyhtml)
    sources = b"".join(Path(m.__file__ or "").read_bytes() for m in modules)
    try:
        settings = json.dumps([extensions, configs], sort_keys=True)
    except TypeError:  # a configuration value JSON cannot spell
        return None
    parts = [FORMAT, markdown.__version__, mkdocs_version, settings,
             hashlib.sha256(sources).hexdigest(), sections]
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def _key(salt_: str, job: Job) -> str:
    text = "\x00".join((salt_, job.src_uri, job.url, job.markdown))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class HtmlCache:
    """Entries by key; ``folder`` None keeps them in memory only."""

    def __init__(self, folder: Path | None) -> None:
        self.home = folder
        self.folder = folder
        self.memory: dict[str, Conversion] = {}

    def convert(self, jobs: list[Job], setup: Setup, salt_: str | None,
                complete: bool = True) -> dict[str, Conversion]:
        """Every job converted: from the cache where its entry is still valid, else afresh.
        ``complete``: the jobs are all the site's pages, so entries of no job can go."""
        if salt_ is None:
            return convert_all(jobs, setup)
        # Read each build: `serve` keeps this object across rebuilds.
        self.folder = None if os.environ.get(CACHE_ENV) == "off" else self.home
        keys = {job.src_uri: _key(salt_, job) for job in jobs}
        found: dict[str, Conversion] = {}
        missing = []
        for job in jobs:
            entry = self.memory.get(keys[job.src_uri]) or self._read(keys[job.src_uri])
            if entry is not None and _still_valid(entry, setup.urls):
                found[job.src_uri] = entry
            else:
                missing.append(job)
        fresh = convert_all(missing, setup)
        for src_uri, entry in fresh.items():
            self._write(keys[src_uri], entry)
        found.update(fresh)
        log.debug(f"converted {len(fresh)} pages, {len(jobs) - len(fresh)} from the cache")
        if not complete:  # a dirty rebuild: the other pages' entries are still current
            self.memory.update((keys[uri], entry) for uri, entry in found.items())
            return found
        # Only this build's entries stay: a long `serve` session does not grow.
        self.memory = {keys[uri]: entry for uri, entry in found.items()}
        self._prune(set(keys.values()))
        return found

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / f"{key}.json" if self.folder is not None else None

    def _read(self, key: str) -> Conversion | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entry = Conversion(**data)
            entry.links = [(str(t), None if u is None else str(u), str(a), str(o))
                           for t, u, a, o in entry.links]
            entry.warnings = [(int(level), str(text)) for level, text in entry.warnings]
            if not isinstance(entry.html, str) or not isinstance(entry.toc, list) or not (
                    entry.sections is None or _valid_sections(entry.sections)) or not (
                    entry.title is None or isinstance(entry.title, str)):
                return None
            return entry
        except (OSError, ValueError, TypeError):  # missing, damaged or of another layout
            return None

    def _write(self, key: str, entry: Conversion) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(asdict(entry), ensure_ascii=False))
        except OSError as error:  # a read-only checkout still builds, only slower
            log.debug(f"html cache: cannot write {path}: {error}")

    def _prune(self, keep: set[str]) -> None:
        """Entries of pages that no longer exist or changed go, so the folder stays the size
        of one site."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*.json"):
            if path.stem not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()


def _valid_sections(sections: Any) -> bool:
    """[id or None, title or None, text, excluded] for each section (``Setup.sections``)."""
    return isinstance(sections, list) and all(
        isinstance(one, list) and len(one) == 4 and all(v is None or isinstance(v, str) for v in one[:2])
        and isinstance(one[2], str) and isinstance(one[3], bool) for one in sections)


def _still_valid(entry: Conversion, urls: dict[str, str]) -> bool:
    return all(urls.get(target) == url for target, url, _, _ in entry.links)
