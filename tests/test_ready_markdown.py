"""Export writes listing pages' ready-HTML regions back as Markdown (render/readymarkdown.py):
another renderer gets Markdown tables, lists and links, which render to the same HTML."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES, copy_project
from test_ready_html import HOSTILE, _convert

from build_tools.render import readyhtml
from build_tools.render.readymarkdown import as_markdown
from build_tools.site import build_site


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(HOSTILE, HOSTILE, HOSTILE), min_size=1, max_size=4))
def test_a_table_written_back_renders_as_the_ready_table(rows: list[tuple[str, str, str]]) -> None:
    page = "\n".join(["# T", *readyhtml.table(("Date", "Article"), [
        (readyhtml.text(a), f"{readyhtml.a(b, '/articles/2021/a.md')} <em>{readyhtml.text(c) or 'x'}</em>")
        for a, b, c in rows])])
    markdown = as_markdown(page)
    assert readyhtml.START not in markdown and "<table" not in markdown
    assert _convert(markdown) == _convert(page)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=4))
def test_a_list_written_back_renders_as_the_ready_list(items: list[tuple[str, str]]) -> None:
    page = "\n".join(readyhtml.bullets(
        f"{readyhtml.text(a)}: {readyhtml.a(b, '/actors/x.md')} — <strong>{readyhtml.text(a) or 'x'}</strong>"
        for a, b in items))
    markdown = as_markdown(page)
    assert readyhtml.START not in markdown and "<li>" not in markdown
    assert _convert(markdown) == _convert(page)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=4), HOSTILE)
def test_an_article_pages_facts_notes_and_code_written_back_render_as_the_ready_html(
        items: list[tuple[str, str]], path: str) -> None:
    """The article page's regions (render/article.py): lines of facts with an outlet link, the
    numbered annotation notes, a code span."""
    facts = [f"<strong>{readyhtml.text(a) or 'x'}:</strong> {readyhtml.outlet_a('https://example.org/a', b)}"
             for a, b in items]
    notes = [readyhtml.note(f"note-a-{n}", readyhtml.a("Claim", "#a-1") + f": “{readyhtml.text(b)}”")
             for n, (_, b) in enumerate(items)]
    # (a code span holds a path, never blank: an empty one has no Markdown spelling)
    files = readyhtml.bullets([f"<strong>File:</strong> {readyhtml.code(path if path.strip() else 'x')}"])
    page = "\n".join(["# T", *readyhtml.lines(facts), "## Notes", *readyhtml.numbered(notes),
                      "## Provenance", *files])
    markdown = as_markdown(page)
    assert readyhtml.START not in markdown and "<li>" not in markdown and "<p>" not in markdown
    assert _convert(markdown)[0] == _convert(page)[0]


def test_what_readyhtml_never_writes_is_left_as_written() -> None:
    forged = "\n".join(["x", readyhtml.START, "<ul>", '<li><img src="x" onerror="y"></li>', "</ul>",
                        readyhtml.END, "y"])
    assert as_markdown(forged) == forged
    for odd in ('<span class="x" id="y">z</span>', '<a href="/a.md" rel="opener">z</a>'):
        forged = "\n".join([readyhtml.START, "<p>", odd, "</p>", readyhtml.END])
        assert as_markdown(forged) == forged, odd
    unclosed = "\n".join([readyhtml.START, "<ul>", "<li>a</li>", "</ul>"])
    assert as_markdown(unclosed) == unclosed


def test_every_generated_page_exports_without_ready_html(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    site = build_site(root)
    regions = [path for path, text in site.pages.items() if readyhtml.START in text]
    assert "actors/north-korea.md" in regions and "claims/index.md" in regions
    for path in regions:
        markdown = as_markdown(site.pages[path])
        assert readyhtml.START not in markdown, path
        assert _convert(markdown, "actors/x.md")[0] == _convert(site.pages[path], "actors/x.md")[0], path


def test_export_writes_listing_pages_as_markdown(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    run = subprocess.run([sys.executable, "-m", "build_tools", "export", str(tmp_path / "out")],
                         cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    actor = (tmp_path / "out" / "actors" / "north-korea.md").read_text(encoding="utf-8")
    assert readyhtml.START not in actor and "<table>" not in actor and "<a href" not in actor
    assert "| Date | Article | Outlet | Role |" in actor and "](/articles/2022/" in actor
