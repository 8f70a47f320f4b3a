"""The hostile fixture corpus (tests/fixtures/hostile) builds every kind of page, and no page
carries markup, an event handler, a script URL or an invisible character from it. The browser
test tests/browser/test_hostile.py opens the same pages with a dialog listener."""

from __future__ import annotations

import re

import pytest
from support import BuiltSite
from test_site_build import _TagAudit

from build_tools.invisible import find_invisible

pytestmark = pytest.mark.slow

# One page of each kind the site generates, plus the hand-written ones.
PAGE_KINDS = ["index.html", "404.html", "articles/index.html", "articles/2022/index.html",
              "articles/2022/hostile-article/index.html", "articles/2023/second-hostile/index.html",
              "actors/index.html", "actors/evil-person/index.html", "themes/index.html",
              "themes/hostile-theme/index.html", "sources/index.html",
              "sources/hostile-outlet/index.html", "techniques/index.html",
              "techniques/semeval2020/index.html", "techniques/semeval2020/loaded-language/index.html",
              "claims/index.html", "methodology/index.html", "threat-model/index.html"]


def hostile_pages(site: BuiltSite) -> list[str]:
    return sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html"))


def test_every_kind_of_page_is_built(hostile_site: BuiltSite) -> None:
    pages = hostile_pages(hostile_site)
    assert set(PAGE_KINDS) <= set(pages), set(PAGE_KINDS) - set(pages)


def test_no_page_carries_markup_handlers_or_script_urls(hostile_site: BuiltSite) -> None:
    for rel in hostile_pages(hostile_site):
        html = (hostile_site.site / rel).read_text(encoding="utf-8")
        # JSON-LD (ClaimReview) carries the hostile strings as data: inert as long as no "<"
        # can close the script element, which the JSON writer escapes as \u003c
        for data in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            assert "<" not in data, rel
        html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        audit = _TagAudit()
        audit.feed(html)
        assert audit.problems == [], rel
        scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
        assert not [s for s in scripts if "alert(" in s], rel
        # the theme draws its icons with <svg> (the "edit this page" button): look at the
        # page's own content
        content = html.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
        content = re.sub(r'<a [^>]*class="md-content__button[^"]*".*?</a>', "", content, flags=re.S)
        # the timelines the Markdown extension draws from a validated marker (numbers only)
        charts = re.findall(r'<div class="corpus-timeline-chart">(.*?)</div>', content, re.S)
        assert all(not re.search(r"<(?:script|foreignObject|a)\b|\son\w+=", c) for c in charts), rel
        content = re.sub(r'<div class="corpus-timeline-chart">.*?</div>', "", content, flags=re.S)
        found = re.findall(r"<(?:iframe|object|embed|svg|math|details|style|form|input)\b", content)
        assert found == [], (rel, found)
        assert find_invisible(html) == [], rel


def test_the_payloads_are_shown_as_text(hostile_site: BuiltSite) -> None:
    html = hostile_site.page("articles/2022/hostile-article/")
    assert "Hostile &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Putin" in html and "Pu\u202etin" not in html  # the override is gone, the name stays
    data = (hostile_site.site / "data" / "articles.csv").read_text(encoding="utf-8")
    assert "\x00" not in data and "'=HYPERLINK" in data
