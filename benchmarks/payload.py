"""What a reader's first search query downloads, for the benchmark's "search payload" row.

Material's search (lunr in a web worker) fetches, on the first query: the worker script
``assets/javascripts/workers/search.*.js``, the whole ``search/search_index.json``, and for
languages other than English lunr's stemmer support, ``lunr.multi`` (several languages) and
one ``lunr.<lang>.min.js`` each. ``material_payload`` adds up those files' bytes as built
(raw, and gzip-compressed as a web server would send them). It is a static count of files,
not a browser measurement: the page's own HTML, CSS and bundle are downloaded before any
query and are left out of both sides.

Hook for another search backend (e.g. Pagefind): set ``BROWSER_PROBE`` to a function that
takes a built site folder and returns a ``SearchPayload`` measured in a real browser (bytes
the first query fetched, and its latency); the benchmark then uses it for *our* site and
labels the row accordingly. The plain-Material side keeps the static count.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SearchPayload:
    raw_bytes: int
    gzip_bytes: int
    method: str  # "static: Material index + worker files" or the probe's own description
    files: list[str] = field(default_factory=list)
    latency_s: float | None = None


BROWSER_PROBE: Callable[[Path], SearchPayload] | None = None


def _gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def material_payload(site: Path) -> SearchPayload | None:
    """The files Material's search fetches on a first query, or None (no search index)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return None
    config = json.loads(index.read_text(encoding="utf-8")).get("config", {})
    langs = [lang for lang in config.get("lang", ["en"]) if lang != "en"]
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    files = [index, *sorted((site / "assets" / "javascripts" / "workers").glob("search.*.js"))]
    if langs:
        files.append(lunr / "lunr.stemmer.support.min.js")
        if len(config.get("lang", [])) > 1:
            files.append(lunr / "lunr.multi.min.js")
        files += [lunr / f"lunr.{lang}.min.js" for lang in langs]
    found = [f for f in files if f.is_file()]
    return SearchPayload(sum(f.stat().st_size for f in found), sum(_gzip_size(f) for f in found),
                         "static: Material's index + worker files",
                         [f.relative_to(site).as_posix() for f in found])


def our_payload(site: Path) -> SearchPayload | None:
    """Ours: the browser probe when one is plugged in, else the same static count."""
    if BROWSER_PROBE is not None:
        return BROWSER_PROBE(site)
    return material_payload(site)
