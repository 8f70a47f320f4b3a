"""The search backend: Material's search or Pagefind, chosen by one line of mkdocs.yml.

Unit tests of the choice and of the filters made from the corpus model; end-to-end tests of a
real MkDocs build of the fixture site with ``search: pagefind`` (the indexer really runs)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from support import FIXTURES, BuiltSite, build_project, copy_project, use_search

from build_tools.index import build_indexes
from build_tools.load import load_corpus
from build_tools.render.search_meta import (
    AUTO_THRESHOLD,
    SearchBackend,
    choose_backend,
    search_pages,
)

FIXTURE_ARTICLE = "articles/2022/fixture-article/"


@pytest.fixture(scope="module")
def fixture_pages() -> dict:
    corpus, report = load_corpus(FIXTURES / "site")
    assert not report.items
    return search_pages(build_indexes(corpus))


def test_auto_switches_to_pagefind_at_the_threshold() -> None:
    assert choose_backend(SearchBackend.AUTO, AUTO_THRESHOLD - 1) is SearchBackend.MATERIAL
    assert choose_backend(SearchBackend.AUTO, AUTO_THRESHOLD) is SearchBackend.PAGEFIND
    assert choose_backend(SearchBackend.MATERIAL, 10 * AUTO_THRESHOLD) is SearchBackend.MATERIAL
    assert choose_backend(SearchBackend.PAGEFIND, 0) is SearchBackend.PAGEFIND


def test_article_filters_come_from_the_model_by_display_name(fixture_pages: dict) -> None:
    pairs = fixture_pages["articles/2022/fixture-article.md"].pairs()
    assert pairs[0] == ("type", "Article")
    assert ("actor", "North Korea") in pairs
    assert ("theme", "A fixture narrative") in pairs
    assert ("source", "Daily Example") in pairs
    assert ("language", "English") in pairs
    assert ("year", "2022") in pairs
    # a registry name is untrusted: escaped here (Pagefind decodes once more than the attribute)
    assert ("actor", "Jane &lt;img src=x onerror=alert(1)&gt; Analyst") in pairs
    assert not any("<" in value for _, value in pairs)


def test_only_articles_and_registry_pages_are_indexed(fixture_pages: dict) -> None:
    assert set(fixture_pages) == {
        "articles/2022/fixture-article.md", "articles/2021/older-piece.md",
        "actors/daily-example.md", "actors/jane-analyst.md", "actors/north-korea.md",
        "themes/fixture-theme.md", "sources/daily-example.md"}
    assert fixture_pages["actors/north-korea.md"].pairs() == [("type", "Actor")]
    older = dict(fixture_pages["articles/2021/older-piece.md"].pairs())
    assert "source" not in older and "theme" not in older  # none in its front matter


# --- a real build ------------------------------------------------------------------------------


@pytest.mark.slow
def test_pagefind_build_writes_its_index_and_no_material_index(pagefind_site: BuiltSite) -> None:
    site = pagefind_site.site
    assert pagefind_site.warnings == []
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 7  # 2 articles, 3 actors, 1 theme, 1 source
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert list((site / "pagefind" / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists()
    home = pagefind_site.page("/")
    assert "assets/search.js" in home and "corpus-search-template" in home
    assert "md-search__input" not in home  # Material's search box is gone with its plugin


@pytest.mark.slow
def test_pagefind_marks_only_the_pages_to_index(pagefind_site: BuiltSite) -> None:
    article = pagefind_site.page(FIXTURE_ARTICLE)
    assert article.count("data-pagefind-body") == 1
    assert '<meta data-pagefind-filter="year[content]" content="2022">' in article
    assert '<meta data-pagefind-filter="actor[content]" content="North Korea">' in article
    # the hostile actor name, escaped twice: no markup of it reaches the page
    assert ('content="Jane &amp;lt;img src=x onerror=alert(1)&amp;gt; Analyst"' in article)
    assert "<img src=x" not in article
    assert "data-pagefind-body" in pagefind_site.page("actors/north-korea/")
    for index_page in ("/", "articles/", "actors/", "browse/", "methodology/"):
        assert "data-pagefind-body" not in pagefind_site.page(index_page), index_page


@pytest.mark.slow
def test_material_stays_the_default(fixture_site: BuiltSite) -> None:
    assert (fixture_site.site / "search" / "search_index.json").is_file()
    assert not (fixture_site.site / "pagefind").exists()
    article = fixture_site.page(FIXTURE_ARTICLE)
    assert "data-pagefind" not in article and "assets/search.js" not in article


@pytest.mark.slow
def test_auto_on_a_small_corpus_keeps_material(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    use_search(root, "auto")
    built = build_project(root)
    assert built.warnings == []
    assert (built.site / "search" / "search_index.json").is_file()
    assert not (built.site / "pagefind").exists()


@pytest.mark.slow
def test_a_missing_indexer_is_a_warning_not_a_traceback(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    use_search(root, "pagefind")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    built = build_project(root)
    assert [w for w in built.warnings if "[pagefind-missing]" in w], built.warnings
    assert re.search(r"mkdocs\.yml:1: error: search: pagefind is chosen but its indexer",
                     "\n".join(built.warnings))
    assert (built.site / "index.html").is_file()  # the site itself is still built


def test_a_misspelt_backend_is_a_config_error(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    use_search(root, "pagefinder")
    with pytest.raises(Abort):  # "Aborted with a configuration error!", no traceback
        load_config(str(root / "mkdocs.yml"))
    assert "option 'search': Expected one of: ['material', 'pagefind', 'auto'] but received: " \
           "'pagefinder'" in caplog.text
