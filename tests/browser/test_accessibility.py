"""axe-core (through axe-playwright-python) on the key pages of the real site: no violation
of impact "serious" or "critical" may remain. Fixes live in build_tools/adapters/theme/."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

BLOCKING = {"serious", "critical"}
ARTICLE = "/articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/"
KEY_PAGES = [
    "/",
    ARTICLE,
    "/actors/north-korea/",
    "/themes/kyiv-spreads-fakes/",
    "/sources/svobodnaya-pressa/",
    "/articles/",
    "/actors/",
    "/themes/",
    "/sources/",
    "/methodology/",
    "/scale/",
    "/techniques/",
    "/techniques/semeval2020/name-calling-labeling/",
    "/claims/",
    "/actors/konstantin-asmolov/",
    "/browse/",
    "/browse/?actor=north-korea&theme=kyiv-spreads-fakes",
    "/cooccurrence/",
    "/cooccurrence/actors/",
    "/cooccurrence/actors-themes/",
    "/data/",
]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def blocking_report(response: dict) -> str:
    """Serious/critical violations, one block each: id, impact, help and target selectors."""
    lines = []
    for v in response["violations"]:
        if v.get("impact") not in BLOCKING:
            continue
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}  [{v.get('helpUrl', '')}]")
        for node in v["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    {', '.join(map(str, node['target']))}  -- {summary}")
    return "\n".join(lines)


# Finite CSS animations and transitions still under way (Material fades the search output and its
# overlay in over 250 ms): axe judges colours blended mid-fade, so on a slow machine it reported a
# contrast no reader ever sees once the fade ends. Infinite ones (a spinner) are not waited for.
SETTLED = """() => document.getAnimations().every(a =>
    a.playState !== 'running' || a.effect === null
    || a.effect.getComputedTiming().endTime === Infinity)"""


def assert_no_blocking(page: Page, axe: Axe, label: str) -> None:
    page.wait_for_function(SETTLED, timeout=10_000)
    results = axe.run(page)
    # Sanity: axe really ran on this document.
    assert "violations" in results.response and results.response.get("url", "").startswith("http")
    report = blocking_report(results.response)
    if report:
        print(f"\naxe on {label}:\n{report}")
    assert not report, f"serious/critical accessibility violations on {label}:\n{report}"


@pytest.mark.parametrize("path", KEY_PAGES)
def test_key_page_has_no_serious_violations(page: Page, site_url: str, axe: Axe, path: str) -> None:
    page.goto(site_url + path)
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    if path.startswith("/browse/"):  # the filters, drawn once data/browse.json has loaded
        expect(page.locator(".corpus-browse[data-ready]")).to_be_visible()
    assert_no_blocking(page, axe, path)


@pytest.mark.parametrize("path", ["/", ARTICLE])
def test_small_screen_has_no_serious_violations(browser, site_url: str, axe: Axe, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site_url + path)
        assert_no_blocking(page, axe, f"{path} at 390px")
        # With the navigation drawer open.
        page.locator("label.md-header__button[for='__drawer']").click()
        expect(page.locator("nav.md-nav--primary")).to_be_in_viewport()
        assert_no_blocking(page, axe, f"{path} at 390px, drawer open")
    finally:
        context.close()


def test_open_search_results_have_no_serious_violations(page: Page, site_url: str, axe: Axe) -> None:
    page.goto(site_url + "/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Pyongyang")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert_no_blocking(page, axe, "/ with search results for 'Pyongyang'")


def test_search_highlight_on_article_has_no_serious_violations(page: Page, site_url: str,
                                                               axe: Axe) -> None:
    # Clicking a search result opens the page with ?h=<query>; Material then marks the matches.
    page.goto(site_url + ARTICLE + "?h=pyongyang")
    expect(page.locator("article.md-content__inner mark").first).to_be_visible()
    assert_no_blocking(page, axe, ARTICLE + "?h=pyongyang")
