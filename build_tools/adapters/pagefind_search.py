"""Adapter, search: run the Pagefind indexer on a built site (after MkDocs wrote its HTML).

Input: the site folder. Output: ``<site>/pagefind/`` (the chunked index, the WebAssembly
search and Pagefind's own UI bundle, so nothing is fetched from another host) and an
``IndexResult`` with the page count and the time taken, or the problem as a ``Diagnostic``.

The binary comes with the ``pagefind[extended]`` Python package (``pagefind.service``
finds it; ``PAGEFIND_BINARY_PATH`` overrides). It runs as a child process rather than
through the package's async service API: a build is one call, and the indexer's memory (a
build of 10,000 articles peaked at 5.2-5.5 GB with it, benchmarks/README.md) is returned to
the system as soon as it ends.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from build_tools.diagnostics import Diagnostic, error

BUNDLE = "pagefind"  # the bundle's folder in the site; the theme's search.js loads it from there
# Only the pages that carry data-pagefind-body are indexed; the glob saves reading the rest.
GLOB = "{articles,actors,themes,sources}/**/*.html"
# Permalink signs and the edit button would end up in titles and snippets.
EXCLUDE = ".headerlink, .md-content__button"
HINT = ("install the pinned requirements (make setup installs pagefind[extended]), or set "
        "search: material under the corpus plugin in mkdocs.yml")


@dataclass(frozen=True)
class IndexResult:
    pages: int  # pages Pagefind indexed
    seconds: float
    problem: Diagnostic | None = None


def pagefind_binary() -> Path | None:
    try:
        from pagefind.service import get_executable
    except ImportError:
        return None
    path = get_executable()
    return path if path is not None and path.is_file() else None


def write_search_index(site_dir: Path) -> IndexResult:
    """Index ``site_dir`` in place; never raises for a missing or failing indexer."""
    started = time.monotonic()
    binary = pagefind_binary()
    if binary is None:
        return IndexResult(0, 0.0, error("search: pagefind is chosen but its indexer is not "
                                         "installed", "pagefind-missing", path="mkdocs.yml",
                                         hint=HINT))
    cmd = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE, "--glob", GLOB,
           "--exclude-selectors", EXCLUDE]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return IndexResult(0, time.monotonic() - started, error(
            f"search: the pagefind indexer did not run: {exc}", "pagefind-failed",
            path="mkdocs.yml", hint=HINT))
    seconds = time.monotonic() - started
    if done.returncode != 0:
        tail = " ".join((done.stderr or done.stdout).strip().splitlines()[-3:])
        return IndexResult(0, seconds, error(
            f"search: the pagefind indexer failed (exit {done.returncode}): {tail}",
            "pagefind-failed", path="mkdocs.yml", hint=HINT))
    return IndexResult(_indexed_pages(done.stdout), seconds)


def _indexed_pages(output: str) -> int:
    # Pagefind reports "Indexed 1234 pages" (the English of its summary; 0 if it changes)
    found = re.search(r"Indexed (\d+) page", output)
    return int(found.group(1)) if found else 0
