"""``mkdocs serve --dirty`` (``make serve``) re-renders only the pages that changed: the path
serve takes, a new config and build per edit with one plugin instance, in a real MkDocs
build (build_tools/adapters/dirty.py)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import FIXTURES, copy_project

from build_tools.adapters import htmlcache

pytestmark = pytest.mark.slow

OLDER = "corpus/articles/2021/2021-01-02-older-piece.md"
OLDER_PAGE = "articles/2021/older-piece/index.html"
ACTOR_PAGE = "actors/north-korea/index.html"
THEME_PAGE = "themes/fixture-theme/index.html"


def _html_cache(root: Path) -> Path:
    folder = htmlcache.cache_folder(root)
    assert folder is not None
    return folder


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[Path, Path, Callable[[], None]]]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    site = tmp_path / "served"  # serve builds into one temporary folder for the session
    started: list[object] = []

    def rebuild() -> None:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))  # serve: each time
        if not started:
            config.plugins.on_startup(command="serve", dirty=True)  # serve: once
            started.append(config)
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)

    try:
        yield root, site, rebuild
    finally:  # MkDocs keeps the plugin instance for the whole process: leave it non-dirty
        load_config(str(root / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def _mtimes(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns
            for p in site.rglob("*.html")}


def _search_locations(site: Path, page: str) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [d["location"] for d in index["docs"] if d["location"].split("#")[0] == page]


def test_an_edit_re_renders_only_the_pages_it_changes(serve: tuple[Path, Path, Callable[[], None]]
                                                      ) -> None:
    root, site, rebuild = serve
    rebuild()
    before = _mtimes(site)
    entries = _search_locations(site, "articles/2021/older-piece/")
    assert before and entries
    article = root / OLDER
    article.write_text(article.read_text(encoding="utf-8").replace("An older", "A zebra"),
                       encoding="utf-8")
    entries_before = sorted(_html_cache(root).glob("*/*.json"))
    rebuild()
    after = _mtimes(site)
    # A dirty rebuild converts one page and keeps the other entries for the next `make site`.
    assert len(sorted(_html_cache(root).glob("*/*.json"))) == len(entries_before) + 1
    assert "A zebra article" in (site / OLDER_PAGE).read_text(encoding="utf-8")
    changed = sorted(page for page, mtime in after.items() if before.get(page) != mtime)
    # The listings show titles, and those are the same; 404.html is a theme template, which
    # MkDocs writes on every build.
    assert changed == ["404.html", OLDER_PAGE], changed
    assert _search_locations(site, "articles/2021/older-piece/") == entries  # one copy, new
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "A zebra article" in index and "An older article" not in index

    # A new title changes the listings: the actor's page and the year's are rendered again.
    article.write_text(article.read_text(encoding="utf-8").replace(
        "title: Older piece", "title: Older piece renamed"), encoding="utf-8")
    rebuild()
    again = _mtimes(site)
    assert "Older piece renamed" in (site / ACTOR_PAGE).read_text(encoding="utf-8")
    assert "Older piece renamed" in (site / "articles/2021/index.html").read_text(encoding="utf-8")
    changed = sorted(page for page, mtime in again.items() if after.get(page) != mtime)
    assert THEME_PAGE not in changed and ACTOR_PAGE in changed, changed  # not of that theme
    for page in ("actors/north-korea/", "articles/2021/", "articles/2021/older-piece/"):
        locations = _search_locations(site, page)
        assert locations and len(locations) == len(set(locations)), (page, locations)

    # The home page shows corpus figures: it follows a removed article, whose page goes.
    home_before = (site / "index.html").read_text(encoding="utf-8")
    article.unlink()
    rebuild()
    assert not (site / "articles/2021/older-piece/index.html").exists()
    assert (site / "index.html").read_text(encoding="utf-8") != home_before
    assert _search_locations(site, "articles/2021/older-piece/") == []


def test_a_real_serve_re_renders_the_edited_article_and_its_listings_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through `mkdocs serve --livereload --dirty` itself: the plugin instance persists (it
    has on_startup), so the second build loads one file again and rewrites the HTML of the
    article and of the pages listing it, and not of a page that does not list it."""
    from test_serve import _wait_for, serving

    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    temporary = tmp_path / "tmp"  # serve builds into a mkdtemp folder: make it findable
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    log = tmp_path / "serve.log"
    with serving(root, log) as served:
        article_url = f"{served.base}/articles/2021/older-piece/"
        _wait_for(article_url, "An older article", timeout=120)
        _wait_for(f"{served.base}/actors/north-korea/", "Older piece", timeout=60)
        sites = [p for p in temporary.glob("mkdocs_*") if (p / "index.html").is_file()]
        assert len(sites) == 1, sites
        site = sites[0]
        before = _mtimes(site)
        builds = log.read_text(encoding="utf-8").count("Documentation built")
        article = root / OLDER
        article.write_text(article.read_text(encoding="utf-8").replace(
            "title: Older piece", "title: Older zebra piece"), encoding="utf-8")
        _wait_for(article_url, "Older zebra piece", timeout=120)
        _wait_for(f"{served.base}/actors/north-korea/", "Older zebra piece", timeout=60)
        deadline = time.monotonic() + 60
        while log.read_text(encoding="utf-8").count("Documentation built") <= builds:
            assert time.monotonic() < deadline, "the rebuild never finished"
            time.sleep(0.2)
        after = _mtimes(site)
    text = log.read_text(encoding="utf-8")
    assert "corpus: 1 of " in text, text[-2000:]  # one file loaded again, in-process reuse
    changed = {page for page, mtime in after.items() if before.get(page) != mtime}
    assert {OLDER_PAGE, ACTOR_PAGE, "articles/2021/index.html"} <= changed, changed
    assert THEME_PAGE in before and THEME_PAGE not in changed, changed  # it does not list it
    for page in ("articles/2022/index.html", "sources/daily-example/index.html",
                 "methodology/index.html"):  # another year, a source it is not from, docs/
        assert page in before and page not in changed, (page, changed)
