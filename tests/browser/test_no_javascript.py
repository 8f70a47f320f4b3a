"""The site without JavaScript still shows its content and navigates; with JavaScript it loads
nothing from any host but its own (no CDN, no web fonts, no third-party API calls)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from support import open_page

pytestmark = pytest.mark.browser

ARTICLE = "/articles/2022/army-of-pyongyang-kyiv-is-not-going-to-take/"
ARTICLE_TITLE = "Army of Pyongyang Kyiv is not going to take"


@pytest.fixture
def nojs_page(browser):
    yield from open_page(browser, java_script_enabled=False)


def content(page: Page):
    return page.locator("article.md-content__inner")


def link_path(page: Page, name: str) -> str:
    link = content(page).get_by_role("link", name=name, exact=True).first
    expect(link).to_be_visible()
    return urlsplit(link.evaluate("a => a.href")).path


def test_javascript_is_really_off(browser, nojs_page: Page, site_url: str) -> None:
    # Material's bundle swaps <html class="no-js"> for "js" at start-up: a probe that JS is off
    # in nojs_page (so the tests below really look at the page without scripts).
    with_js = browser.new_context()
    try:
        page = with_js.new_page()
        page.goto(site_url + "/")
        expect(page.locator("html")).to_have_class(re.compile(r"(^|\s)js(\s|$)"))
    finally:
        with_js.close()
    nojs_page.goto(site_url + "/")
    expect(nojs_page.locator("html")).to_have_class(re.compile(r"(^|\s)no-js(\s|$)"))


def test_article_without_javascript(nojs_page: Page, site_url: str) -> None:
    page = nojs_page
    page.goto(site_url + ARTICLE)
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^" + re.escape(ARTICLE_TITLE)))
    for anchor, heading in (("who-is-in-this-article", "Who is in this article"),
                            ("themes", "Themes"), ("text", "Text")):
        h2 = content(page).locator(f"h2#{anchor}")
        expect(h2).to_be_visible()
        expect(h2).to_have_text(re.compile(r"^" + re.escape(heading)))
    expect(content(page)).to_contain_text("Konstantin Asmolov believes that")
    expect(content(page)).to_contain_text("Svobodnaya Pressa")
    assert link_path(page, "Konstantin Asmolov") == "/actors/konstantin-asmolov/"
    assert link_path(page, "North Korea") == "/actors/north-korea/"
    assert link_path(page, "Svobodnaya Pressa").startswith(("/sources/", "/actors/"))
    # Links work without JS: follow one.
    content(page).locator("h2#who-is-in-this-article + ul").get_by_role(
        "link", name="North Korea", exact=True).click()
    page.wait_for_url(re.compile(r"/actors/north-korea/$"))
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^North Korea"))


def test_annotations_without_javascript(nojs_page: Page, site_url: str) -> None:
    """Highlights, their hover/focus descriptions (CSS only), the annotation list, and the claims
    page all work with JavaScript off."""
    page = nojs_page
    page.goto(site_url + ARTICLE)
    expect(content(page).locator("h2[id^=annotations]")).to_be_visible()
    mark = content(page).locator("mark.corpus-ann--claim[tabindex]").first
    mark.focus()
    assert "Claim" in mark.evaluate("m => getComputedStyle(m, '::after').content")
    entry = content(page).locator(f"#{(mark.get_attribute('aria-describedby') or '').split()[0]}")
    expect(entry).to_contain_text("Assessed by")
    page.goto(site_url + "/claims/")
    expect(content(page).locator("h2#misleading")).to_be_visible()
    content(page).locator("h2#misleading + ul a[href*='#']").first.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE) + "#"))
    anchor = urlsplit(page.url).fragment
    expect(content(page).locator(f"mark#{anchor}")).to_be_in_viewport()


def test_actor_page_without_javascript(nojs_page: Page, site_url: str) -> None:
    page = nojs_page
    page.goto(site_url + "/actors/north-korea/")
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^North Korea"))
    expect(content(page)).to_contain_text("Democratic People's Republic of Korea")  # alias/body text
    expect(content(page)).to_contain_text("one-party state")
    assert link_path(page, ARTICLE_TITLE) == ARTICLE
    content(page).get_by_role("link", name=ARTICLE_TITLE, exact=True).first.click()
    page.wait_for_url(re.compile(re.escape(ARTICLE) + "$"))
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^" + re.escape(ARTICLE_TITLE)))


def test_actors_index_without_javascript(nojs_page: Page, site_url: str, real_site) -> None:
    page = nojs_page
    page.goto(site_url + "/actors/")
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^Actors"))
    hrefs = content(page).locator("a").evaluate_all("as => as.map(a => a.href)")
    listed = {urlsplit(h).path for h in hrefs if re.search(r"/actors/[^/]+/$", urlsplit(h).path)}
    expected = {f"/actors/{p.stem}/" for p in (real_site.root / "corpus" / "actors").glob("*.md")}
    assert expected, "no actor files in the corpus?"
    assert expected <= listed, f"actors missing from the index: {sorted(expected - listed)}"
    # The top tabs are plain links too.
    tab = page.locator("nav.md-tabs").get_by_role("link", name="Articles", exact=True)
    expect(tab).to_be_visible()
    tab.click()
    page.wait_for_url(re.compile(r"/articles/$"))
    expect(content(page).locator("h1")).to_have_text(re.compile(r"^Articles"))


@pytest.mark.parametrize("path", ["/", ARTICLE, "/actors/north-korea/"])
def test_loads_nothing_from_other_hosts(browser, site_url: str, path: str) -> None:
    # A fresh context per page: Material caches some look-ups in sessionStorage, so a shared
    # context could hide a third-party request made only on the first visit.
    context = browser.new_context()
    requests: list[tuple[str, str]] = []
    failed: list[str] = []
    try:
        page = context.new_page()
        context.on("request", lambda r: requests.append((r.resource_type, r.url)))
        page.on("requestfailed", lambda r: failed.append(f"{r.url} ({r.failure})"))
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        # Open the search too: it starts a worker and fetches the index.
        page.locator("input.md-search__input").click()
        page.keyboard.type("Pyongyang")
        expect(page.locator(".md-search-result__item").first).to_be_visible()
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    here = urlsplit(site_url)
    foreign = [f"{kind}: {url}" for kind, url in requests
               if urlsplit(url).scheme not in {"data", "blob"}
               and (urlsplit(url).hostname, urlsplit(url).port) != (here.hostname, here.port)]
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    assert not failed, "failed requests:\n" + "\n".join(failed)
    # Not vacuous: the page, its styles, Material's script and the search index were loaded.
    kinds = {kind for kind, _ in requests}
    assert {"document", "stylesheet", "script"} <= kinds, kinds
    assert any(url.endswith("/search/search_index.json") for _, url in requests)
    assert not any(kind == "font" for kind, _ in requests), "the site must not load web fonts"


def test_built_pages_reference_no_other_host(real_site) -> None:
    """Static check of every built page: no <link rel=stylesheet|icon|preload...>, <script>,
    <img>, <source> or <iframe> from another host, and no remote url() in the CSS (catches what a
    particular browser run might not fetch). Plain <a> links and rel=canonical are fine."""
    remote = re.compile(r"^(?:https?:)?//", re.I)
    fetching_rels = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch",
                     "modulepreload", "manifest", "apple-touch-icon"}

    class Resources(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = {k: v or "" for k, v in attrs}
            if tag == "link":
                if set(a.get("rel", "").lower().split()) & fetching_rels and remote.match(a.get("href", "")):
                    self.found.append(f"<link rel={a['rel']} href={a['href']}>")
            elif tag in {"script", "img", "source", "iframe", "audio", "video"}:
                for attr in ("src", "srcset"):
                    if remote.match(a.get(attr, "").strip()):
                        self.found.append(f"<{tag} {attr}={a[attr]}>")

    offenders = []
    pages = list(real_site.site.rglob("*.html"))
    assert len(pages) > 20
    for html in pages:
        parser = Resources()
        parser.feed(html.read_text(encoding="utf-8"))
        offenders += [f"{html.relative_to(real_site.site)}: {f}" for f in parser.found]
    for css in real_site.site.rglob("*.css"):
        for match in re.finditer(r"url\(\s*['\"]?(?:https?:)?//[^)]*\)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(real_site.site)}: {match.group(0)}")
    assert not offenders, "\n".join(offenders[:20])
