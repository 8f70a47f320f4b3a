"""A reader's journey through the real site in a real browser: search for an alias, open the
article, follow an actor link, and find an actor by a spelling that only its alias list has."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

ARTICLE_PATH = "/articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/"
ARTICLE_TITLE = "Army of Pyongyang Kyiv is not going to take"
QUOTED_ACTOR = "Konstantin Asmolov"
QUOTED_ACTOR_PATH = "/actors/konstantin-asmolov/"


def heading_text(heading: Locator) -> str:
    """A heading's text without Material's permalink anchor (the trailing "¶")."""
    return heading.evaluate(
        "h => Array.from(h.childNodes)"
        ".filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def page_h1(page: Page) -> str:
    h1 = page.locator("article.md-content__inner h1")
    expect(h1).to_have_count(1)
    return heading_text(h1)


def search(page: Page, base_url: str, query: str, home_shot: Path | None = None) -> None:
    """Open the home page, click the search box, type ``query`` and wait for results."""
    page.goto(base_url + "/")
    expect(page.locator("article.md-content__inner h1")).to_be_visible()
    if home_shot is not None:
        page.screenshot(path=str(home_shot))
    box = page.locator("input.md-search__input")
    box.click()
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=30)
    # Material writes "No matching documents" or "N matching documents" once the worker answered.
    expect(page.locator(".md-search-result__meta")).to_have_text(re.compile(r"\d+ matching document"))
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def result_links(page: Page, path: str) -> Locator:
    """Search-result links (top-level ones, not the 'N more on this page' ones) to ``path``."""
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    hrefs = links.evaluate_all("as => as.map(a => a.href)")
    paths = [urlsplit(h).path for h in hrefs]
    assert path in paths, f"no search result links to {path}; results: {paths}"
    return links.nth(paths.index(path))


def test_search_alias_article_then_actor(page: Page, site_url: str, artifacts) -> None:
    # "Pyongyang" is an alias of North Korea, not any actor's canonical name.
    search(page, site_url, "Pyongyang", home_shot=artifacts / "home.png")
    result = result_links(page, ARTICLE_PATH)
    expect(result.locator("h1")).to_have_text(ARTICLE_TITLE)
    page.screenshot(path=str(artifacts / "search-results-pyongyang.png"))

    result.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE_PATH)))
    assert page_h1(page) == ARTICLE_TITLE
    expect(page).to_have_title(re.compile(re.escape(ARTICLE_TITLE)))
    page.screenshot(path=str(artifacts / "article.png"), full_page=True)

    # "Who is in this article" lists the quoted expert; follow the link.
    who = page.locator("h2#who-is-in-this-article + ul")
    expect(who).to_be_visible()
    quoted = who.locator("li", has_text="Quoted:").get_by_role("link", name=QUOTED_ACTOR, exact=True)
    expect(quoted).to_have_count(1)
    quoted.click()
    page.wait_for_url(re.compile(re.escape(QUOTED_ACTOR_PATH) + r"$"))

    assert page_h1(page) == QUOTED_ACTOR
    article_link = page.locator("article.md-content__inner").get_by_role(
        "link", name=ARTICLE_TITLE, exact=True)
    expect(article_link.first).to_be_visible()
    target = urlsplit(article_link.first.evaluate("a => a.href")).path
    assert target == ARTICLE_PATH
    page.screenshot(path=str(artifacts / "actor-konstantin-asmolov.png"), full_page=True)


def test_search_second_alias_finds_article(page: Page, site_url: str) -> None:
    # "DPRK" is another North Korea alias; it occurs in the article body, not in its title.
    search(page, site_url, "DPRK")
    result_links(page, ARTICLE_PATH)


def test_search_alias_only_on_actor_page_finds_actor(page: Page, site_url: str, real_site,
                                                     artifacts) -> None:
    actor_file = real_site.root / "corpus" / "actors" / "volodymyr-zelensky.md"
    meta = yaml.safe_load(actor_file.read_text(encoding="utf-8").split("---")[1])
    alias = "Zelenskyy"
    # Preconditions, so this really tests alias search: the spelling is an alias, not the name,
    # and the article (which mentions Zelensky) never spells it that way.
    assert alias in meta["aliases"] and alias not in meta["name"]
    assert alias not in real_site.page(ARTICLE_PATH)

    search(page, site_url, alias)
    page.screenshot(path=str(artifacts / "search-results-zelenskyy.png"))
    result = result_links(page, "/actors/volodymyr-zelensky/")
    expect(result.locator("h1")).to_have_text(meta["name"])
    result.click()
    page.wait_for_url(re.compile(r"/actors/volodymyr-zelensky/"))
    assert page_h1(page) == meta["name"]
    expect(page.locator("article.md-content__inner")).to_contain_text(alias)


def test_focus_an_annotation_and_follow_a_quote_from_the_actor_page(page: Page, site_url: str,
                                                                     artifacts) -> None:
    """An actor's "What they said" links each quote to its words in the article: the link lands
    on the highlight, which the keyboard reaches and which shows what it is on focus, and
    which the annotation list describes."""
    page.goto(site_url + QUOTED_ACTOR_PATH)
    said = page.locator("h2#what-they-said-1, h2[id^=what-they-said]")
    expect(said.first).to_be_visible()
    quote_link = page.locator("h2[id^=what-they-said] + ul").get_by_role("link", name="Quote").first
    href = quote_link.evaluate("a => a.href")
    anchor = urlsplit(href).fragment
    assert urlsplit(href).path == ARTICLE_PATH and anchor.startswith("a-")
    quote_link.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE_PATH) + "#" + re.escape(anchor)))
    mark = page.locator(f"mark#{anchor}")
    expect(mark).to_be_in_viewport()
    expect(mark).to_have_class(re.compile(r"\bcorpus-ann--quote\b"))

    # Tab from the element before it reaches the highlight; its description shows on focus.
    mark.focus()
    expect(mark).to_be_focused()
    tip = mark.evaluate("m => getComputedStyle(m, '::after').content")
    assert "Quote: Konstantin Asmolov" in tip
    page.screenshot(path=str(artifacts / "annotation-focused.png"))
    described = mark.get_attribute("aria-describedby") or ""
    entry = page.locator(f"#{described.split()[0]}")
    expect(entry).to_contain_text(QUOTED_ACTOR)
    # The list entry links back to the words: the permalink.
    back = entry.get_by_role("link").first
    assert urlsplit(back.evaluate("a => a.href")).fragment in described.replace("note-", "").split()


def test_technique_page_lists_instances_linked_to_their_words(page: Page, site_url: str) -> None:
    page.goto(site_url + "/techniques/")
    page.get_by_role("link", name="Name calling or labeling", exact=True).first.click()
    page.wait_for_url(re.compile(r"/techniques/semeval2020/name-calling-labeling/$"))
    expect(page.locator("article.md-content__inner")).to_contain_text("Kyiv regime")
    instance = page.locator("h2[id^=instances] ~ ul a[href*='#a-']").first
    anchor = urlsplit(instance.evaluate("a => a.href")).fragment
    instance.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE_PATH)))
    expect(page.locator(f"mark#{anchor}")).to_have_class(re.compile(r"corpus-ann--technique"))


def test_search_finds_claims_and_quotes(page: Page, site_url: str) -> None:
    """Material search indexes the claims page and the annotation lists: a word of a claim's
    rationale, which is not in any article text, finds the claims page."""
    search(page, site_url, "Channel One")
    result_links(page, "/claims/")
