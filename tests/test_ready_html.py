"""Listing pages' long tables and lists are written as ready HTML (build_tools/render/readyhtml.py)
and passed through by the converter (adapters/convert.py) with their links checked: the HTML is
what Python-Markdown makes of the same Markdown, hostile text stays text, and a broken link
still fails ``mkdocs build --strict``."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url
from support import FIXTURES, build_project, copy_project

from build_tools.adapters.convert import Converter, Job, Setup
from build_tools.markup import escape_inline
from build_tools.render import readyhtml

OLDER = "corpus/articles/2021/2021-01-02-older-piece.md"
URLS = {"actors/x.md": "actors/x/", "articles/2021/a.md": "articles/2021/a/",
        "actors/index.md": "actors/"}
EXTENSIONS = ["toc", "tables", "attr_list", "footnotes", "admonition", "build_tools.adapters.mdext"]
# Characters Markdown or HTML would read as markup, entities, whitespace of every kind. Without
# "=", "~" and "^": escape_markdown writes them as "\\=", "\\~", "\\^", which Python-Markdown
# shows with the backslash (its escapes do not cover them); ready HTML shows them as written.
PIECES = [*"<>&\"'*_[]()\\`|#!{}-+.:;/ \t\n\u00a0aZ9é", "&amp;", "&#60;", "&lt;", "<script>",
          "**", "1990. ", "javascript:", "](x)", "<!--", "-->"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
ANY = st.lists(st.sampled_from([*PIECES, "=", "~", "^", "=x", "\u200b", "\r"]), max_size=12).map("".join)


class _Text(HTMLParser):
    """The text of each ``td`` and ``li``, as a browser shows it, and any element inside
    other than the links the test wrote."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: list[str] = []
        self.open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "li"):
            self.cells.append("")
            self.open = True
        elif tag not in ("table", "thead", "tbody", "tr", "th", "ul", "a"):
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.open = self.open and tag not in ("td", "li")

    def handle_data(self, data: str) -> None:
        if self.open:
            self.cells[-1] += data


def _converter() -> Converter:
    setup = Setup(EXTENSIONS, {"toc": {"permalink": True}}, URLS, logging.WARNING, logging.INFO,
                  get_relative_url)
    return Converter(setup)


def _convert(markdown: str, src: str = "actors/x.md") -> tuple[str, list[str], list[str]]:
    done = _converter().convert(Job(src, URLS[src], markdown))
    return done.html, done.anchors, [message for _, message in done.warnings]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=4))
def test_a_ready_table_is_what_python_markdown_makes_of_the_markdown_table(
        rows: list[tuple[str, str]]) -> None:
    markdown = ["# T", "", "| Date | Article |", "| --- | --- |"]
    markdown += [f"| {escape_inline(a)} | [{escape_inline(b)}](/articles/2021/a.md) |" for a, b in rows]
    ready = ["# T", *readyhtml.table(("Date", "Article"), [
        (readyhtml.text(a), readyhtml.a(b, "/articles/2021/a.md")) for a, b in rows])]
    assert _convert("\n".join(ready)) == _convert("\n".join(markdown))


@settings(max_examples=150, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=4))
def test_a_ready_list_is_what_python_markdown_makes_of_the_markdown_list(items: list[str]) -> None:
    markdown = [f"- {escape_inline(i)}: [{escape_inline(i)}](/actors/x.md)" for i in items]
    ready = readyhtml.bullets(f"{readyhtml.text(i)}: {readyhtml.a(i, '/actors/x.md')}" for i in items)
    assert _convert("\n".join(ready)) == _convert("\n".join(markdown))


@settings(max_examples=150, deadline=None)
@given(st.lists(ANY, min_size=1, max_size=4))
def test_any_text_in_a_ready_block_shows_as_written(items: list[str]) -> None:
    html, _, _ = _convert("\n".join([*readyhtml.table(("Cell",), [(readyhtml.text(i),) for i in items]),
                                     *readyhtml.bullets(readyhtml.a(i, "/actors/x.md") for i in items)]))
    seen = _Text()
    seen.feed(html)
    assert seen.tags == []
    assert seen.cells == [" ".join(i.split()) for i in items] * 2


def test_hostile_text_in_a_ready_block_is_text() -> None:
    payload = '<img src=x onerror="alert(1)"> & <script>alert(2)</script> [x](javascript:alert(3))'
    html, _, _ = _convert("\n".join(readyhtml.bullets([readyhtml.a(payload, "/actors/x.md"),
                                                        readyhtml.text(payload)])))
    assert "<img" not in html and "<script" not in html and "javascript:alert(3)" in html
    assert html.count("&lt;img src=x onerror=\"alert(1)\"&gt; &amp; &lt;script&gt;") == 2
    assert 'href="./"' in html  # the one link of the block: to the page itself, made relative


def test_ready_links_are_checked_made_relative_and_ids_are_anchors() -> None:
    block = readyhtml.block(['<ul id="list">', f"<li>{readyhtml.a('A', '/articles/2021/a.md')}</li>",
                             f"<li>{readyhtml.a('Gone', '/articles/2021/gone.md')}</li>",
                             f"<li>{readyhtml.a('Web', 'https://example.org/?a=1&b=2')}</li>",
                             "</ul>"])
    html, anchors, warnings = _convert("\n".join(["# Page", *block]))
    assert '<a href="../../articles/2021/a/">A</a>' in html
    assert '<a href="/articles/2021/gone.md">Gone</a>' in html  # left as written, as MkDocs does
    assert '<a href="https://example.org/?a=1&amp;b=2">Web</a>' in html
    assert [w for w in warnings if "articles/2021/gone.md" in w and "not found" in w]
    assert "list" in anchors and "page" in anchors


@pytest.mark.parametrize("forged", [
    "<script>alert(1)</script>",
    '<ul>\n<li><a href="javascript:alert(1)">x</a></li>\n</ul>',
    '<ul>\n<li><a href="/actors/x.md" onclick="alert(1)">x</a></li>\n</ul>',
    '<ul>\n<li><img src=x onerror=alert(1)></li>\n</ul>',
    '<table>\n<tr>\n<td style="background:url(javascript:alert(1))">x</td>\n</tr>\n</table>',
])
def test_a_forged_region_in_corpus_text_stays_text(forged: str) -> None:
    """The marker lines can be typed into an article's or an actor's text: what is between them
    then is not readyhtml's output, and Markdown (with mdext: raw HTML as text) renders it."""
    html, _, _ = _convert("\n".join(["Body text.", "", readyhtml.START, forged, readyhtml.END]))
    assert {tag for _, tag in re.findall(r"<(/?)([a-z]+)", html)} == {"p"}, html  # all text
    assert "&lt;" in html


def test_an_unclosed_region_is_left_as_written() -> None:
    html, _, _ = _convert("\n".join(["text", "", readyhtml.START, "*not* ready"]))
    assert "<em>not</em> ready" in html


def _fixture_site(folder: Path) -> Path:
    return copy_project(folder, corpus=FIXTURES / "site" / "corpus", seeds=FIXTURES / "site" / "seeds")


@pytest.mark.slow
def test_a_broken_link_in_a_ready_listing_fails_strict(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Real builds of the fixture site; in the second, the actor pages' article tables (ready
    HTML) link to a page that does not exist. (Two projects: the plugin keeps its pipeline
    result while the corpus of the same project is unchanged.)"""
    from mkdocs.exceptions import Abort

    built = build_project(_fixture_site(tmp_path / "good"))
    assert built.warnings == [], built.warnings
    assert '<td><a href="../../articles/2021/older-piece/">' in built.page("actors/north-korea/")
    monkeypatch.setattr(readyhtml, "article_a",
                        lambda article: readyhtml.a(article.meta.title, "/articles/nowhere.md"))
    root = _fixture_site(tmp_path / "broken")
    broken = build_project(root)
    assert any("articles/nowhere.md" in w and "not found" in w for w in broken.warnings)
    assert '<td><a href="/articles/nowhere.md">' in broken.page("actors/north-korea/")
    with pytest.raises(Abort):
        build_project(root, strict=True)


@pytest.mark.slow
def test_a_forged_region_in_an_actor_description_is_shown_as_text(tmp_path: Path) -> None:
    """A real build: the marker lines typed into an actor's description (an actor page is full
    of real ready regions) and into an article's text."""
    root = _fixture_site(tmp_path / "forged")
    forged = f"\n\n{readyhtml.START}\n<script>alert('forged')</script>\n{readyhtml.END}\n"
    for path in (root / "corpus/actors/north-korea.md", root / OLDER):
        path.write_text(path.read_text(encoding="utf-8") + forged, encoding="utf-8")
    built = build_project(root, strict=True)
    for page in ("actors/north-korea/", "articles/2021/older-piece/"):
        html = built.page(page)
        assert "alert('forged')" in html and "<script>alert('forged')" not in html, page
        assert "&lt;script&gt;alert('forged')" in html, page
    assert '<td><a href="../../articles/2021/older-piece/">' in built.page("actors/north-korea/")
