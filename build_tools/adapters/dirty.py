"""What ``mkdocs serve --dirty`` needs to re-render only the pages that changed (render stage).

MkDocs' dirty build re-renders a page when its source file is newer than its HTML. A page
generated from content in memory always counts as changed, so under ``--dirty`` the adapter
writes each generated page to ``.cache/pages/`` and rewrites that file only when something
the page's HTML depends on changed (``PageFiles``): an article edit then re-renders that
article, and the listings whose text changed, and nothing else.

Two things MkDocs' dirty mode leaves stale are put right after each build: HTML of pages
that no longer exist is removed, and the search index, which Material merges from the
previous build assuming one page changed, keeps one copy of each page's entries, the newest
(``tidy_search_index``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from pathlib import Path

from build_tools.files.textfile import write_atomic

log = logging.getLogger("mkdocs.plugins.corpus")


class PageFiles:
    """Generated pages as files under ``folder``, each rewritten only when its digest changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.digests: dict[str, str] = {}  # src_uri -> digest of what its file was made from
        # src_uri -> the strings of its last digest: under serve the pipeline hands back the
        # same string objects for unchanged pages (build_tools/memo.py), which need no hashing
        self.last: dict[str, tuple[str, tuple[str | None, ...]]] = {}

    def sync(self, src_uri: str, text: str, *extra: str | None) -> Path:
        """The file of ``src_uri`` holding ``text``; ``extra`` names what else its HTML depends
        on (its JSON-LD, feeds, edit link). An unchanged page keeps its file and mtime."""
        path = self.folder / src_uri
        last = self.last.get(src_uri)
        if (last is not None and last[0] is text and len(last[1]) == len(extra)
                and all(a is b or a == b for a, b in zip(last[1], extra, strict=True))
                and src_uri in self.digests and path.is_file()):
            return path
        self.last.pop(src_uri, None)  # kept again only once the file holds this text
        found = self._write(src_uri, path, text, extra)
        self.last[src_uri] = (text, extra)
        return found

    def _write(self, src_uri: str, path: Path, text: str, extra: tuple[str | None, ...]) -> Path:
        digest = hashlib.sha256("\x00".join([text, *(e or "" for e in extra)])
                                .encode("utf-8", "surrogatepass")).hexdigest()
        known = self.digests.get(src_uri)
        if known == digest and path.is_file():
            return path
        if known is None and _holds(path, text):
            # First build of this process: the file from an earlier session can stay only
            # if the output is older than it anyway; MkDocs compares the mtimes.
            self.digests[src_uri] = digest
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text)
        self.digests[src_uri] = digest
        return path


def _holds(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def remove_gone(previous: set[str], current: set[str]) -> None:
    """Delete the HTML of pages that the previous build wrote and this one has not."""
    for gone in previous - current:
        with contextlib.suppress(OSError):
            Path(gone).unlink()


def tidy_search_index(path: Path, rebuilt: set[str], pages: set[str]) -> None:
    """Keep, for each page rebuilt in this build, only its newest run of entries (Material
    appends them after the previous ones), and drop the entries of pages that are gone."""
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        entries = index["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return  # no index written (search disabled or another format): nothing to tidy
    runs: list[tuple[str, list[dict[str, object]]]] = []
    for entry in entries:
        page = str(entry.get("location", "")).split("#", 1)[0]
        if runs and runs[-1][0] == page:
            runs[-1][1].append(entry)
        else:
            runs.append((page, [entry]))
    last = {page: number for number, (page, _) in enumerate(runs)}
    kept = [entry for number, (page, run) in enumerate(runs)
            if page in pages and (page not in rebuilt or last[page] == number) for entry in run]
    if len(kept) != len(entries):
        index["docs"] = kept
        write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
        log.debug(f"search index: {len(entries) - len(kept)} stale entries removed")
