"""What a reader's first search costs on a built site: bytes downloaded and time to results.

    python -m benchmarks.search SITE_DIR [--query Q] [--page /] [--timeout S] [--json]

Serves ``SITE_DIR`` on localhost (a counting HTTP server: every response body it writes is
recorded), opens ``--page`` in a fresh headless chromium context (empty cache), waits for the
page's ``load`` event, opens the search, types ``--query`` and waits for the first result.
The backend is told by the site: ``pagefind/pagefind.js`` means Pagefind, else
``search/search_index.json`` means Material's search.

Reported (``SearchMeasurement``):

- ``search_bytes``: every response that exists for search: for Material its worker, the lunr
  language files and ``search/search_index.json``; for Pagefind everything under ``pagefind/``
  (module, WebAssembly, metadata, the index and filter chunks, the result fragments) and
  ``assets/search.js``. Material fetches its index on page load, not on the first query, so
  counting by time would hide it; counting by purpose treats both backends the same.
- ``after_load_bytes``: everything served after the ``load`` event, whatever it is.
- ``ms_to_results``: from the first key press to the first result element in the document,
  measured inside the page (``performance.now()``), so Playwright's own latency is not in it.
  Typing starts right after ``load``, as a reader who came to search would.

``benchmarks/run.py`` (``make bench``) can call ``measure_search`` for each built site.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("CORPUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# (open the search, when the header shows a button, its input, a shown result) per backend
SELECTORS = {
    "material": ("label.md-header__button[for='__search']", "input.md-search__input",
                 ".md-search-result__item"),
    "pagefind": ("button.corpus-search-open", "input.corpus-search__input",
                 ".corpus-search__result"),
}
SEARCH_PATHS = {
    "material": ("/search/", "/assets/javascripts/workers/search.", "/assets/javascripts/lunr/"),
    "pagefind": ("/pagefind/", "/assets/search.js"),
}

# Resolves with performance.now() of the first keydown and of the first result's appearance.
TIMER = """(selector) => {
  window.__corpusSearchTimes = new Promise((resolve) => {
    let start = null;
    document.addEventListener("keydown", () => { if (start === null) start = performance.now(); },
                              { capture: true });
    const seen = () => document.querySelector(selector) !== null;
    new MutationObserver((records, observer) => {
      if (start !== null && seen()) { observer.disconnect(); resolve([start, performance.now()]); }
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
}"""


@dataclass(frozen=True)
class SearchMeasurement:
    backend: str  # "material" or "pagefind"
    query: str
    page: str
    search_bytes: int  # bytes of every search response (see the module docstring)
    search_requests: int
    after_load_bytes: int  # bytes of every response served after the page's load event
    ms_to_results: float | None  # first key press -> first result; None: none within the timeout
    results_shown: int  # result elements in the document once the first one showed
    largest: list[tuple[str, int]]  # the five largest search responses (path, bytes)

    def summary(self) -> str:
        timing = (f"results in {self.ms_to_results:.0f} ms ({self.results_shown} shown)"
                  if self.ms_to_results is not None else "no result within the timeout")
        return (f"{self.backend}: first query {self.query!r}: {self.search_bytes / 1024:.0f} KiB "
                f"in {self.search_requests} search requests ({self.after_load_bytes / 1024:.0f} KiB "
                f"after load), {timing}")


class _Served:
    """What the counting server wrote: (seconds since start, path, bytes) per response."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.entries: list[tuple[float, str, int]] = []

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.entries.append((time.monotonic(), path, size))


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    served: _Served

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        class Counter:
            def __init__(self, out) -> None:  # type: ignore[no-untyped-def]
                self.out, self.size = out, 0

            def write(self, data: bytes) -> int:
                self.size += len(data)
                return int(self.out.write(data))

        counter = Counter(outputfile)
        super().copyfile(source, counter)
        self.served.add(self.path.split("?")[0], counter.size)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path) -> Iterator[tuple[str, _Served]]:
    served = _Served()
    handler = type("Handler", (_CountingHandler,), {"served": served})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


def backend_of(site_dir: Path) -> str:
    if (site_dir / "pagefind" / "pagefind.js").is_file():
        return "pagefind"
    if (site_dir / "search" / "search_index.json").is_file():
        return "material"
    raise ValueError(f"{site_dir} has neither pagefind/pagefind.js nor search/search_index.json")


def measure_search(site_dir: Path, query: str = "Pyongyang", page: str = "/",
                   chromium: Path = CHROMIUM, timeout_ms: int = 120_000,
                   browser: Any = None) -> SearchMeasurement:
    """Serve ``site_dir``, open ``page``, run ``query`` as a reader's first search; measure.
    ``browser``: a Playwright (sync) chromium already running, else one is started."""
    backend = backend_of(site_dir)
    with serve(site_dir) as (url, served):
        if browser is not None:
            loaded, times, shown = _first_query(browser, url + page, backend, query, timeout_ms)
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as p:
                own = p.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
                try:
                    loaded, times, shown = _first_query(own, url + page, backend, query, timeout_ms)
                finally:
                    own.close()
    with served.lock:
        entries = list(served.entries)
    search = [(path, size) for _, path, size in entries
              if path.startswith(SEARCH_PATHS[backend])]
    return SearchMeasurement(
        backend=backend, query=query, page=page,
        search_bytes=sum(size for _, size in search), search_requests=len(search),
        after_load_bytes=sum(size for at, _, size in entries if at >= loaded),
        ms_to_results=round(times[1] - times[0], 1) if times else None, results_shown=shown,
        largest=sorted(search, key=lambda e: -e[1])[:5])


def _first_query(browser: Any, url: str, backend: str, query: str,
                 timeout_ms: int) -> tuple[float, tuple[float, float] | None, int]:
    """(monotonic time of the load event, (first key, first result) in page time or None when
    no result showed within ``timeout_ms``, results shown)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    opener, field, result = SELECTORS[backend]
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # empty cache
    try:
        tab = context.new_page()
        tab.set_default_timeout(timeout_ms)
        tab.goto(url, wait_until="load")
        loaded = time.monotonic()
        tab.evaluate(TIMER, result)
        if tab.locator(opener).is_visible():  # Material's wide header shows its field at once
            tab.locator(opener).click()
        tab.locator(field).click()
        tab.keyboard.type(query)
        try:
            tab.wait_for_selector(result, state="attached")
        except PlaywrightTimeout:
            return loaded, None, 0
        start, end = tab.evaluate("window.__corpusSearchTimes")
        shown = tab.locator(result).count()
        tab.wait_for_load_state("networkidle")  # fragments still under way count too
        return loaded, (start, end), shown
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.search", description=__doc__.split("\n")[0])
    parser.add_argument("site_dir", type=Path, help="a built site (mkdocs build's site/)")
    parser.add_argument("--query", default="Pyongyang")
    parser.add_argument("--page", default="/", help="the page the search starts from")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds to wait for the first result (default 120)")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    args = parser.parse_args(argv)
    try:
        measured = measure_search(args.site_dir, args.query, args.page,
                                  timeout_ms=int(args.timeout * 1000))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(asdict(measured), indent=2) if args.json else measured.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
