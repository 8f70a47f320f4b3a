"""The fast inline processor (``build_tools/adapters/fastinline.py``) makes the same HTML as
Python-Markdown's own, for the site's extensions: on hand-picked pages that use every inline
pattern, on pages as the renderers write them, and on random Markdown made of the characters
the patterns react to."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.adapters import fastinline

EXTENSIONS = ["toc", "tables", "attr_list", "footnotes", "admonition", "build_tools.adapters.mdext"]
CONFIGS = {"toc": {"permalink": True}}


def both(text: str) -> tuple[str, str]:
    stock = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    fast = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    fastinline.install(fast)
    assert isinstance(fast.treeprocessors["inline"], fastinline.FastInlineProcessor)
    return stock.convert(text), fast.convert(text)


PAGES = [
    "Plain words only, nothing to match.",
    "*em* **strong** ***both*** _u_ __uu__ a * b _ c snake_case_word",
    "`code [not a link](x.md)` and \\*escaped\\* and \\`tick and ``double `tick` ``",
    "[link](a.md) [ref][r] [short] ![img](i.png) ![iref][r] ![short img]\n\n[r]: b.md\n[short]: c.md",
    "[undefined][ref] and [short] [two] ![img][none] [a]\n[b] \\[x][y]",
    "<https://example.org> <mail@example.org> &amp; &#169; &#xA9; & alone < alone",
    "line one  \nline two\\\nthree",
    "Text with a note[^1] and *[em link](x.md)* and **[strong](y.md)**.\n\n[^1]: The *note* [x](z.md).",
    "[Some words]{.corpus-ann kinds=\"claim\" anchors=\"a-1\" notes=\"note-a-1\" tip=\"A *tip*\"} "
    "after, and [[Claim](#a-1): \u201cwords\u201d]{.corpus-note id=\"note-a-1\"}",
    "[nested [link](x.md) inside]{.corpus-ann kinds=\"quote\" anchors=\"a-2 a-3\"} and "
    "[not a span]{.other} and [unclosed {.corpus-ann kinds=\"x\"}",
    "## Heading with *em* {#h-1}\n\n| a | [b](b.md) |\n|---|---|\n| *c* | `d` |\n\n"
    "!!! note\n    in _admonition_",
    "**[Lee](/actors/lee.md)**\u2020: \u2013 A turn.\n{: .corpus-turn #a-bf27eb3b }",
    "<script>alert(1)</script> [x](javascript:alert(1)) ![y](x\" onerror=\"z) [w](v)",
]


def test_same_html_on_pages_using_every_pattern() -> None:
    for page in PAGES:
        stock, fast = both(page)
        assert fast == stock, page


def test_a_skipped_pattern_still_runs_where_it_can_match() -> None:
    # The skip must not hide a pattern whose trigger appears only after another pattern ran.
    stock, fast = both("[a *b*](x.md) then `c` then _d_ then &amp;")
    assert fast == stock
    assert "<em>b</em>" in fast and "<code>c</code>" in fast and "<em>d</em>" in fast


def test_an_unknown_pattern_always_runs() -> None:
    fast = markdown.Markdown(extensions=EXTENSIONS, extension_configs=CONFIGS)
    fastinline.install(fast)
    fast.inlinePatterns.register(
        markdown.inlinepatterns.SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 65)
    assert "<del>gone</del>" in fast.convert("now ~~gone~~ here")


MARKDOWN_BITS = st.sampled_from(
    ["[", "]", "(", ")", "*", "_", "`", "\\", "<", ">", "&", "!", "^", "{", "}", ".", "#", ":",
     " ", "  \n", "\n", "\n\n", "a", "b c", "x.md", "https://e.org", "@", ";", "amp", "- ",
     "{.corpus-ann kinds=\"claim\" anchors=\"a-1\"}", "{.corpus-note id=\"n-1\"}", "[^1]", "\u2014"])


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join))
def test_same_html_on_random_markdown(text: str) -> None:
    stock, fast = both(text)
    assert fast == stock
