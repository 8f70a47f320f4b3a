"""Pagefind search (``search: pagefind``) in chromium: the header button opens the search
dialog; a query shows results with title and snippet; a filter narrows them; a result opens
its page. axe checks the open dialog; the hostile corpus's names stay text; without
JavaScript the pages stay readable and show no dead search button."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from support import FIXTURES, BuiltSite, build_project, copy_project, open_page, serve_folder, use_search
from test_accessibility import assert_no_blocking

pytestmark = pytest.mark.browser

ARTICLE = "/articles/2022/fixture-article/"


@pytest.fixture(scope="module")
def pagefind_url(pagefind_site: BuiltSite) -> Iterator[str]:
    yield from serve_folder(pagefind_site.site)


def open_search(page: Page, query: str) -> None:
    page.locator("button.corpus-search-open").click()
    dialog = page.locator("dialog.corpus-search")
    expect(dialog).to_be_visible()
    expect(page.locator(".corpus-search__input")).to_be_focused()
    page.keyboard.type(query)


def open_filters(page: Page) -> None:
    """Open the filter panel (loaded on first opening) and every filter in it."""
    page.locator(".corpus-search__filters > summary").click()
    expect(page.locator(".corpus-search__filter").first).to_be_visible()
    for summary in page.locator(".corpus-search__filter > summary").all():
        summary.click()


def results(page: Page):  # type: ignore[no-untyped-def]
    return page.locator(".corpus-search__result")


def test_query_filter_and_click_through(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url + "/")
    open_search(page, "fixture")
    expect(page.locator(".corpus-search__status")).to_have_text("7 results")
    first = results(page).first
    expect(first.locator(".corpus-search__result-title a")).not_to_be_empty()
    # the snippet, with the query's word marked
    expect(results(page).locator(".corpus-search__excerpt mark").first).to_have_text("fixture",
                                                                                   ignore_case=True)
    titles = results(page).locator(".corpus-search__result-title")
    expect(titles).to_contain_text(["A fixture narrative"])
    # the actor filter narrows the results to the articles that name North Korea
    open_filters(page)
    page.get_by_label("North Korea").check()
    expect(page.locator(".corpus-search__status")).to_have_text("2 results")
    expect(titles).to_have_count(2)
    expect(titles.filter(has_text="Older piece")).to_have_count(1)
    expect(results(page).locator(".corpus-search__facts").first).to_contain_text("Article")
    titles.filter(has_text="Older piece").locator("a").click()
    expect(page).to_have_url(pagefind_url + "/articles/2021/older-piece/")
    expect(page.locator("article.md-content__inner h1")).to_contain_text("Older piece")


def test_slash_opens_and_escape_closes(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url + ARTICLE)
    page.locator("article.md-content__inner h1").click()
    page.keyboard.press("/")
    expect(page.locator("dialog.corpus-search")).to_be_visible()
    expect(page.locator(".corpus-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("dialog.corpus-search")).to_be_hidden()


def test_open_search_has_no_serious_violations(page: Page, pagefind_url: str) -> None:
    page.goto(pagefind_url + ARTICLE)
    open_search(page, "north")
    expect(results(page).first).to_be_visible()
    open_filters(page)
    page.locator(".corpus-search__option input").first.check()
    expect(results(page).first).to_be_visible()
    assert_no_blocking(page, Axe(), ARTICLE + " with the Pagefind search open")


def test_small_screen_search_has_no_serious_violations(browser, pagefind_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(pagefind_url + "/")
        open_search(page, "fixture")
        expect(results(page).first).to_be_in_viewport()
        assert_no_blocking(page, Axe(), "/ at 390px with the Pagefind search open")
    finally:
        context.close()


def test_without_javascript_pages_read_and_no_dead_button(browser, pagefind_url: str) -> None:
    for page in open_page(browser, java_script_enabled=False):
        page.goto(pagefind_url + ARTICLE)
        expect(page.locator("article.md-content__inner h1")).to_be_visible()
        expect(page.locator("article.md-content__inner")).to_contain_text("Daily Example")
        expect(page.locator("button.corpus-search-open")).to_have_count(0)


@pytest.fixture(scope="module")
def hostile_pagefind_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = copy_project(tmp_path_factory.mktemp("hostile-pagefind") / "project",
                              corpus=FIXTURES / "hostile" / "corpus",
                              seeds=FIXTURES / "hostile" / "seeds")
    use_search(root, "pagefind")
    yield from serve_folder(build_project(root).site)


def test_hostile_names_and_texts_stay_text_in_search(page: Page, hostile_pagefind_url: str) -> None:
    fired: list[str] = []
    page.on("dialog", lambda d: (fired.append(d.message), d.dismiss()))
    page.goto(hostile_pagefind_url + "/")
    open_search(page, "alert")
    expect(results(page).first).to_be_visible()
    open_filters(page)
    for option in page.locator(".corpus-search__option input").all()[:4]:
        option.check()
    page.locator(".corpus-search__input").fill("")  # filters alone list every page they match
    expect(results(page).first).to_be_visible()
    for item in results(page).all():
        item.hover()
    dialog = page.locator("dialog.corpus-search")
    assert dialog.locator("script, img, iframe, svg [onload], [onerror], [onclick]").count() == 0
    assert fired == []
