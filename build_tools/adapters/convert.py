"""Markdown -> HTML for the generated pages, outside MkDocs' page loop (render stage, HTML).

MkDocs converts every page in one process, one after the other, and again on every ``serve``
rebuild. The generated pages (articles, actor, theme, source and year listings) are known
before that loop starts, so the adapter converts them here instead: with the same Markdown
extensions and configuration MkDocs would use, in a pool of processes when there are many,
and only when a page's text changed (``HtmlCache``). What MkDocs' own tree processors do
for a page (make ``.md`` links relative, collect anchor ids) is done by the equivalents
below, and the result handed back to MkDocs page by page.

Links are checked here against every file of the site: one whose target is not a file of
the site is reported (``Conversion.warnings``) and left as written, as MkDocs does. This
module stays free of MkDocs; the adapter passes in its URL helper.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as etree

import markdown
from markdown.preprocessors import Preprocessor
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from build_tools.adapters import fastinline
from build_tools.markup import is_safe_link
from build_tools.render import readyhtml

# Below this many pages to convert, starting worker processes costs more than it saves.
POOL_MIN_PAGES = 64
CHUNK_PAGES = 16


@dataclass(frozen=True)
class Setup:
    """What every conversion needs, the same for all pages of one build."""

    extensions: list[Any]
    extension_configs: dict[str, Any]
    urls: dict[str, str]  # src_uri of every file of the site -> its URL
    not_found_level: int  # logging level for a link to a missing file (validation.links)
    unrecognized_level: int  # ... and for a link without a file extension
    relative_url: Callable[[str, str], str]  # mkdocs.utils.get_relative_url
    # the search plugin's reading of a page's HTML (its sections), made beside the conversion,
    # in the same worker: None when the site's search does not read pages
    sections: Callable[[str], list[Any]] | None = None
    # MkDocs' reading of a page's title (its first-level heading), a tree processor made for
    # each converter: with it, MkDocs need not convert the page's Markdown at all
    title: Callable[[], Any] | None = None


@dataclass
class Conversion:
    """One page converted: what MkDocs' ``Page.render`` would have computed."""

    html: str
    toc: list[dict[str, Any]]
    anchors: list[str]  # ids present on the page
    # (target src_uri, its URL then or None if missing, anchor, link as written): the cache
    # re-checks targets, and the adapter registers anchor links for MkDocs to validate
    links: list[tuple[str, str | None, str, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    sections: list[Any] | None = None  # Setup.sections of the HTML
    title: str | None = None  # Setup.title's reading, None without one (or no heading)


@dataclass(frozen=True)
class Job:
    src_uri: str
    url: str
    markdown: str


class _PageLinks(Treeprocessor):
    """The counterpart of MkDocs' link rewriting (priority 0, last): ``a href`` and
    ``img src`` pointing at a file of the site become relative URLs; others are reported."""

    def __init__(self, md: markdown.Markdown, setup: Setup) -> None:
        super().__init__(md)
        self.setup = setup
        self.job = Job("", "", "")
        self.result: Conversion | None = None
        self._parts: dict[tuple[str, str], tuple[str | None, str, str, str]] = {}
        self._folder = ""  # of the page being converted

    def run(self, root: etree.Element) -> None:
        self._folder = posixpath.dirname(self.job.src_uri)
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            if key is not None and (url := element.get(key)) is not None:
                element.set(key, self._rewrite(url))

    def _rewrite(self, url: str) -> str:
        assert self.result is not None
        parts = self._parts.get((self._folder, url))
        if parts is None:
            parts = self._parts[(self._folder, url)] = _split(self._folder, url)
        target, path, query, anchor = parts
        if target is None:
            if anchor:
                self.result.links.append((self.job.src_uri, self.job.url, anchor, url))
            return url
        target_url = self.setup.urls.get(target)
        self.result.links.append((target, target_url, anchor, url))
        if target_url is None:
            if not posixpath.splitext(path)[-1] and not url.startswith("/"):
                level, what = self.setup.unrecognized_level, "an unrecognized relative link"
            else:
                level, what = self.setup.not_found_level, "a link"
            self.result.warnings.append(
                (level, f"Doc file '{self.job.src_uri}' contains {what} '{url}', but the "
                        f"target '{target}' is not found among documentation files."))
            return url
        # What urlunsplit makes of a URL without scheme and host, without its overhead.
        relative = self.setup.relative_url(target_url, self.job.url)
        return relative + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")


def _split(folder: str, url: str) -> tuple[str | None, str, str, str]:
    """(target src_uri or None when the link is not to a file of the site, path, query,
    anchor) of ``url`` written in a page in ``folder``: the same for every page there, so
    ``_PageLinks`` works it out once per folder (pages link to the same actors and themes)."""
    scheme, netloc, path, query, anchor = urlsplit(url)
    if scheme or netloc or AMP_SUBSTITUTE in url:
        return None, path, query, ""  # not ours: left as written, no anchor to check
    if not path:
        return None, path, query, anchor
    # Absolute links are relative to docs/ (the adapter sets absolute_links so).
    target = posixpath.normpath(posixpath.join(folder, unquote(path)).lstrip("/"))
    return target, path, query, anchor


class _PageAnchors(Treeprocessor):
    """The ids on the page (priority 5, after ``toc`` made the headings' ids)."""

    anchors: list[str] = []

    def run(self, root: etree.Element) -> None:
        self.anchors = [a for el in root.iter() if (a := el.get("id"))]
        self.anchors += [a for el in root.iter("a") if (a := el.get("name"))]


# What readyhtml.py writes, and nothing else: these tags, an id, a link's href (and the rel of
# a link to an outlet), an annotation note's span. A region holding anything more did not come
# from the renderers (a corpus text can hold the marker lines too), so it stays Markdown, where
# the mdext extension shows raw HTML as text.
_READY_TAG = re.compile(r'<(?:table|thead|tbody|tr|th|td|ul|ol|li|p|strong|em|code)(?: id="[^"<>]*")?>'
                        r'|</(?:table|thead|tbody|tr|th|td|ul|ol|li|p|strong|em|code|a|span)>|<br />'
                        r'|<span class="corpus-note" id="[^"<>]*">'
                        r'|<a href="([^"<>]*)"(?: rel="nofollow noopener")?>')
_HREF = re.compile(r'<a href="([^"<>]*)"( rel="nofollow noopener")?>')
_ID = re.compile(r' id="([^"<>]*)">')


class _ReadyBlocks(Preprocessor):
    """Regions of ready HTML (render/readyhtml.py) pass through unparsed (priority 25: after
    ``normalize_whitespace``, before ``html_block``), with their links checked and made
    relative by ``_PageLinks._rewrite`` and their ids counted as the page's anchors."""

    def __init__(self, md: markdown.Markdown, links: _PageLinks) -> None:
        super().__init__(md)
        self.links = links
        self.anchors: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        self.anchors = []
        if readyhtml.START not in lines:
            return lines
        return readyhtml.replace_regions(
            lines, lambda html: ["", self.md.htmlStash.store(self._ready(html)), ""]
            if _is_ready(html) else None)

    def _ready(self, html: str) -> str:
        self.anchors += [readyhtml.unattr(i) for i in _ID.findall(html)]
        self.links._folder = posixpath.dirname(self.links.job.src_uri)
        return _HREF.sub(lambda m: '<a href="' + _escape_attrib_html(
            self.links._rewrite(readyhtml.unattr(m.group(1)))) + '"' + (m.group(2) or "") + '>', html)


def _is_ready(html: str) -> bool:
    """Only readyhtml's tags, no other "<" or ">", and every link one a page may keep."""
    rest = _READY_TAG.sub("", html)
    return "<" not in rest and ">" not in rest and \
        all(is_safe_link(readyhtml.unattr(url)) for url, _ in _HREF.findall(html))


class Converter:
    """One Markdown instance per process, reset between pages (as MkDocs makes one per page,
    the extensions keep no state across ``reset``)."""

    def __init__(self, setup: Setup) -> None:
        self.md = markdown.Markdown(extensions=setup.extensions,
                                    extension_configs=setup.extension_configs)
        fastinline.install(self.md)  # the same HTML, fewer pattern tries
        self.links = _PageLinks(self.md, setup)
        self.facts = _PageAnchors(self.md)
        self.ready = _ReadyBlocks(self.md, self.links)
        self.md.preprocessors.register(self.ready, "corpus_ready_html", 25)
        self.md.treeprocessors.register(self.facts, "corpus_page_anchors", 5)
        self.md.treeprocessors.register(self.links, "corpus_page_links", 0)
        self.sections = setup.sections
        self.title = setup.title() if setup.title is not None else None
        if self.title is not None:
            self.title._register(self.md)

    def convert(self, job: Job) -> Conversion:
        self.md.reset()
        result = Conversion("", [], [])
        self.links.job, self.links.result = job, result
        if self.title is not None:
            self.title.title = None
        result.html = self.md.convert(job.markdown)
        result.title = self.title.title if self.title is not None else None
        result.toc = list(getattr(self.md, "toc_tokens", []))
        result.anchors = self.facts.anchors + self.ready.anchors
        if self.sections is not None:
            result.sections = self.sections(result.html)
        return result


_worker: Converter | None = None


def _start_worker(setup: Setup) -> None:
    global _worker  # one converter per worker process, made once
    _worker = Converter(setup)


def _convert_chunk(jobs: list[Job]) -> list[Conversion]:
    assert _worker is not None
    return [_worker.convert(job) for job in jobs]


def _chunks(jobs: list[Job], size: int) -> Iterator[list[Job]]:
    # Largest pages first, dealt round-robin, so no worker is left with the big ones at the end.
    ordered = sorted(jobs, key=lambda j: -len(j.markdown))
    count = max(1, (len(ordered) + size - 1) // size)
    for start in range(count):
        yield ordered[start::count]


def convert_all(jobs: list[Job], setup: Setup, workers: int | None = None) -> dict[str, Conversion]:
    """Convert ``jobs`` (by ``src_uri``), in worker processes when that pays."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(jobs) < POOL_MIN_PAGES:
        converter = Converter(setup)
        return {job.src_uri: converter.convert(job) for job in jobs}
    # fork is fastest (nothing to import again) but unsafe beside other threads, such as
    # `mkdocs serve`'s web server: then the workers start afresh.
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    context = multiprocessing.get_context(method)
    results: dict[str, Conversion] = {}
    chunks = list(_chunks(jobs, CHUNK_PAGES))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(setup,)) as pool:
        for chunk, converted in zip(chunks, pool.map(_convert_chunk, chunks), strict=True):
            results.update((job.src_uri, one) for job, one in zip(chunk, converted, strict=True))
    return results
