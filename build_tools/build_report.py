"""Build stage, reporting: a progress bar over the pages of a full build and the one line a
build ends with (pages, time, the site's size and what it would be at 50,000 articles).

The MkDocs adapter calls these from its page events; nothing here imports mkdocs. GitHub
Pages publishes sites of at most 1 GB, so the line says whether the measured bytes per
article, times ``PROJECTED_ARTICLES``, stay under that.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from build_tools.progress import Progress, took

PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages: "no larger than 1 GB"
PROJECTED_ARTICLES = 50_000


@dataclass(frozen=True)
class SiteSize:
    """What ``mkdocs build`` wrote: bytes and files under site/, and the articles it holds."""

    bytes: int
    files: int
    articles: int

    @property
    def per_article(self) -> float:
        """All bytes (index pages, assets and search index included) divided by articles."""
        return self.bytes / self.articles if self.articles else float(self.bytes)

    def projected(self, articles: int = PROJECTED_ARTICLES) -> float:
        return self.per_article * articles


def measure_site(site_dir: Path, articles: int) -> SiteSize:
    total = files = 0
    for folder, _dirs, names in os.walk(site_dir):
        for name in names:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:  # removed while we looked (serve): not part of the site
                continue
            files += 1
    return SiteSize(total, files, articles)


def _mb(size: float) -> str:
    return f"{size / 1_000_000:,.1f} MB" if size < 1e9 else f"{size / 1e9:,.2f} GB"


def size_text(size: SiteSize) -> str:
    """'site 84.8 MB in 3,456 files, 86.1 kB per article: 50,000 articles ~ 4.31 GB, over
    GitHub Pages' 1 GB limit'."""
    projected = size.projected()
    verdict = "within" if projected <= PAGES_LIMIT_BYTES else "over"
    return (f"site {_mb(size.bytes)} in {size.files:,} files, {size.per_article / 1000:,.1f} kB "
            f"per article: {PROJECTED_ARTICLES:,} articles ~ {_mb(projected)}, {verdict} "
            f"GitHub Pages' 1 GB limit")


class BuildProgress:
    """Pages converted, then pages written, on one bar (a terminal only); ``finish`` gives the
    summary line. ``started`` is when the build began (before the corpus was loaded)."""

    def __init__(self, pages: int, started: float | None = None, *,
                 enabled: bool | None = None, stream: TextIO | None = None) -> None:
        self.pages = pages
        self.bar = Progress(pages, "converting pages", "page", enabled=enabled, stream=stream,
                            minimum=50)
        self.started = time.perf_counter() if started is None else started
        self.phase = "convert"

    def converted(self) -> None:
        self.bar.update()

    def written(self) -> None:
        if self.phase == "convert":
            self.phase = "write"
            self.bar.describe("writing pages", total=self.pages)
        self.bar.update()

    def finish(self, site_dir: Path | None, articles: int) -> str:
        """The one line a build ends with; ``site_dir`` None skips measuring it (serve)."""
        self.bar.close()
        line = f"corpus: {self.pages:,} pages built in {took(time.perf_counter() - self.started)}"
        if site_dir is not None and site_dir.is_dir():
            line += "; " + size_text(measure_site(site_dir, articles))
        return line
