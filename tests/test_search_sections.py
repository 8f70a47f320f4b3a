"""Material's search index is made from the sections the conversion workers read of each
generated page (``mkdocs_plugin.search_sections``) instead of Material parsing every page's
HTML again: the index is byte for byte what Material's own reading gives, on the fixture site
and on the hostile one; pages the plugin did not convert are still read by Material."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from support import FIXTURES, build_project, copy_project

from build_tools.adapters import mkdocs_plugin


def _index(site: Path) -> bytes:
    return (site / "search" / "search_index.json").read_bytes()


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs of the pages Material's own ``add_entry_from_context`` parsed."""
    urls: list[str] = []
    real = SearchIndex.add_entry_from_context

    def counting(self: SearchIndex, page: Any) -> None:
        urls.append(page.url)
        real(self, page)

    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counting)
    return urls


@pytest.mark.parametrize("fixture", ["site", "hostile"])
def test_the_index_from_sections_is_materials_own(tmp_path: Path, fixture: str, parsed: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p", corpus=FIXTURES / fixture / "corpus",
                        seeds=FIXTURES / fixture / "seeds")
    with monkeypatch.context() as patch:  # Material reads every page itself
        patch.setattr(mkdocs_plugin, "_index_from_sections", lambda *args, **kwargs: None)
        reference = _index(build_project(root).site)
    every_page = len(parsed)
    parsed.clear()
    ours = build_project(root)
    assert _index(ours.site) == reference
    # only the hand-written pages of docs/ are parsed by Material now
    assert 0 < len(parsed) < every_page / 2
    assert all(not url.startswith(("articles/", "actors/", "themes/")) for url in parsed)


def test_a_page_whose_html_changed_after_conversion_is_parsed_again(tmp_path: Path,
                                                                   parsed: list[str]) -> None:
    """Another plugin changing a page's content after ours: its sections no longer hold."""
    index = SearchIndex(lang=["en"], separator=" ", pipeline=[], fields={})
    html = "<h1 id=\"a\">A</h1><p>one</p>"
    conversion = mkdocs_plugin.Conversion(html, [], [], sections=mkdocs_plugin.search_sections(html))

    class Page:
        class file:  # noqa: N801 - the attribute MkDocs' pages have
            src_uri = "a.md"
        url, title, meta, toc = "a/", "A", {}, []
        content = "<h1 id=\"a\">A</h1><p>two</p>"

    mkdocs_plugin._index_from_sections(index, {"a.md": conversion})
    index.add_entry_from_context(Page())
    assert parsed == ["a/"] and index.entries[-1]["text"] == "<p>two</p>"
    Page.content = conversion.html
    index.add_entry_from_context(Page())
    assert parsed == ["a/"] and index.entries[-1]["text"] == "<p>one</p>"
