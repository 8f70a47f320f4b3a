"""benchmarks/search.py on the fixture site built with each backend: it tells the backend,
counts the search downloads (Material's whole index; Pagefind's chunks) and times a query."""

from __future__ import annotations

import pytest
from support import BuiltSite

from benchmarks.search import backend_of, measure_search

pytestmark = pytest.mark.browser


def test_material_first_query_downloads_the_whole_index(browser, fixture_site: BuiltSite) -> None:
    measured = measure_search(fixture_site.site, "fixture", browser=browser)
    index = (fixture_site.site / "search" / "search_index.json").stat().st_size
    assert measured.backend == "material"
    assert measured.results_shown >= 1 and measured.ms_to_results > 0
    assert measured.search_bytes >= index
    assert ("/search/search_index.json", index) in measured.largest


def test_pagefind_first_query_downloads_only_chunks(browser, pagefind_site: BuiltSite) -> None:
    assert backend_of(pagefind_site.site) == "pagefind"
    measured = measure_search(pagefind_site.site, "fixture", browser=browser)
    assert measured.backend == "pagefind"
    assert measured.results_shown == 7 and measured.ms_to_results > 0
    paths = [path for path, _ in measured.largest]
    assert all(p.startswith(("/pagefind/", "/assets/search.js")) for p in paths)
    assert "/pagefind/wasm.en.pagefind" in paths
    assert 0 < measured.search_bytes < 1_000_000
