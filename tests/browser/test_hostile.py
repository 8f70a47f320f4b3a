"""Every generated page of the hostile fixture corpus, opened in chromium with a dialog
listener that must never fire: every payload in tests/fixtures/hostile calls alert(<n>).
Highlights are hovered and focused, the keyboard walks the page, search shows the hostile
words, and the published seed is opened too."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from support import BuiltSite, serve_folder
from test_hostile_site import PAGE_KINDS, hostile_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(hostile_site: BuiltSite) -> Iterator[str]:
    yield from serve_folder(hostile_site.site)


def _exercise(page: Page) -> None:
    """What a reader does that could trigger a handler: hover, focus, walk with Tab."""
    content = page.locator("article.md-content__inner")
    for element in content.locator("mark, a, span, img, li").all()[:60]:
        if element.is_visible():
            element.hover(force=True)  # force: the sticky header may cover it while scrolling
    page.keyboard.press("Tab")
    for _ in range(25):
        page.keyboard.press("Tab")


def test_no_dialog_on_any_generated_page(hostile_site: BuiltSite, hostile_url: str, page: Page,
                                         dialogs: list[str]) -> None:
    pages = hostile_pages(hostile_site)
    assert set(PAGE_KINDS) <= set(pages)
    opened = 0
    for rel in pages:
        url = f"{hostile_url}/{rel.removesuffix('index.html')}"
        page.goto(url)
        page.wait_for_load_state("load")
        _exercise(page)
        opened += 1
        assert dialogs == [], f"{rel}: {dialogs}"
    assert opened == len(pages) >= len(PAGE_KINDS)


def test_no_dialog_from_search_results_or_the_published_seed(hostile_url: str, page: Page,
                                                             dialogs: list[str]) -> None:
    for query in ("alert", "script", "onerror", "Evil"):
        page.goto(hostile_url + "/")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(query, delay=20)
        expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"matching document"))
        # every result and its parts get the events a pointer and the keyboard would send (the
        # list re-renders while the worker answers, so no element handles are kept)
        page.locator(".md-search-result *").evaluate_all(
            "els => els.forEach(e => { for (const t of ['mouseover', 'mouseenter', 'focus']) "
            "e.dispatchEvent(new Event(t, {bubbles: true})); })")
        assert dialogs == [], f"search {query!r}: {dialogs}"
    page.goto(hostile_url + "/seeds/hostile-seed.txt")
    expect(page.locator("body")).to_contain_text("alert(133)")  # shown as text
    assert dialogs == []


def test_the_listener_does_fire_on_a_real_dialog(hostile_url: str, page: Page, dialogs: list[str]) -> None:
    """The control: without it, a listener that never fires proves nothing."""
    page.goto(hostile_url + "/")
    page.evaluate("() => alert('control')")
    assert dialogs == ["alert: control"]
