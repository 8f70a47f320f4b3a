"""The generated pages are converted outside MkDocs' page loop, cached by content hash, and
their links checked by the project (build_tools/adapters/convert.py, htmlcache.py): real
MkDocs builds of the fixture site, with and without the cache."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO, build_project, copy_project

from build_tools.adapters import htmlcache

pytestmark = pytest.mark.slow

OLDER = "corpus/articles/2021/2021-01-02-older-piece.md"
THIRD = """---
title: Third piece
date: '2021-03-04'
actors:
  - id: north-korea
    roles: [mentioned]
---

A third article about the DPRK.
"""


def _html_cache(root: Path) -> Path:
    """Where the builds of ``_mkdocs_build`` (CORPUS_CACHE unset) keep converted pages."""
    off = os.environ.pop("CORPUS_CACHE", None)
    try:
        folder = htmlcache.cache_folder(root)
    finally:
        if off is not None:
            os.environ["CORPUS_CACHE"] = off
    assert folder is not None
    return folder


def _project(tmp_path: Path, name: str = "project") -> Path:
    return copy_project(tmp_path / name, corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in (".html", ".json", ".xml")}


def _mkdocs_build(root: Path) -> str:
    """``mkdocs build -v`` in a new process, as ``make site`` runs it: nothing in memory."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CORPUS_CACHE", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-v"], cwd=root, env=env,
                          capture_output=True, text=True, check=True, timeout=600)
    return done.stderr


def _converted(log: str) -> tuple[int, int]:
    found = re.search(r"converted (\d+) pages, (\d+) from the cache", log)
    assert found, log[-2000:]
    return int(found[1]), int(found[2])


def _link_from_older(root: Path, target: str) -> None:
    path = root / OLDER
    path.write_text(path.read_text(encoding="utf-8") + f"\nSee [it]({target}).\n",
                    encoding="utf-8")


def test_cached_build_is_the_uncached_build(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _project(tmp_path, "plain")
    monkeypatch.setenv("CORPUS_CACHE", "off")
    uncached = _pages(build_project(plain).site)
    assert not (plain / ".cache").exists()
    root = _project(tmp_path)
    converted, cached = _converted(_mkdocs_build(root))
    assert converted > 5 and cached == 0
    assert _pages(root / "site") == uncached
    converted, cached = _converted(_mkdocs_build(root))  # all from the disk cache
    assert (converted, cached) == (0, len(list(_html_cache(root).glob("*/*.json"))))
    assert _pages(root / "site") == uncached


def test_a_second_build_after_a_one_word_edit_converts_that_article(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _mkdocs_build(root)
    path = root / OLDER
    path.write_text(path.read_text(encoding="utf-8").replace("older", "earlier"),
                    encoding="utf-8")
    converted, cached = _converted(_mkdocs_build(root))
    assert converted == 1 and cached > 5
    assert "An earlier article" in (root / "site/articles/2021/older-piece/index.html").read_text()


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    root = _project(tmp_path)
    _mkdocs_build(root)
    expected = _pages(root / "site")
    entries = sorted(_html_cache(root).glob("*/*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_bytes(b"\xff\xfe\x00")
    entries[2].write_text('{"html": 1}', encoding="utf-8")
    log = _mkdocs_build(root)
    assert _converted(log)[0] == 3
    assert _pages(root / "site") == expected
    assert "WARNING" not in log


def test_a_broken_internal_link_is_reported(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort

    root = _project(tmp_path)
    _link_from_older(root, "/actors/nobody-at-all.md")
    built = build_project(root)
    assert any("nobody-at-all" in w and "not found" in w for w in built.warnings)
    with pytest.raises(Abort):
        build_project(root, strict=True)


def test_a_cached_page_whose_link_target_vanished_is_checked_again(tmp_path: Path) -> None:
    root = _project(tmp_path)
    third = root / "corpus" / "articles" / "2021" / "2021-03-04-third-piece.md"
    third.write_text(THIRD, encoding="utf-8")
    _link_from_older(root, "/articles/2021/third-piece.md")
    built = build_project(root)
    assert built.warnings == [], built.warnings
    assert 'href="../third-piece/"' in built.page("articles/2021/older-piece/")
    third.unlink()  # the older piece's text is unchanged, its cache entry must not be used
    rebuilt = build_project(root)
    assert any("third-piece" in w and "not found" in w for w in rebuilt.warnings)
    assert 'href="/articles/2021/third-piece.md"' in rebuilt.page("articles/2021/older-piece/")


def test_converted_pages_a_repository_carries_are_never_used(tmp_path: Path) -> None:
    """The cache is kept outside the project: entries a pull request adds under .cache/ (their
    keys worked out from the pages' Markdown) cannot put a script on a page."""
    root = _project(tmp_path)
    _mkdocs_build(root)
    assert not (root / ".cache" / "html").exists()
    kept = _html_cache(root)
    planted = root / ".cache" / "html"
    for entry in kept.glob("*/*.json"):
        target = planted / entry.relative_to(kept)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(entry.read_text(encoding="utf-8").replace(
            "An older", "<script>alert(1)</script>An older"), encoding="utf-8")
        entry.unlink()
    _mkdocs_build(root)
    page = (root / "site/articles/2021/older-piece/index.html").read_text(encoding="utf-8")
    assert "An older article" in page and "alert(1)" not in page


def test_mkdocs_converts_only_hand_written_pages_and_titles_stay_its_own(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A converted page's ``Page.render`` makes no Markdown instance (``_ConvertedRender``); its
    title is still MkDocs' reading of the page's heading: the same as when MkDocs rendered
    the page itself (forced here by taking the reading away from the converter)."""
    from mkdocs.structure.pages import Page

    from build_tools.adapters import convert

    monkeypatch.setenv("CORPUS_CACHE", "off")
    rendered: list[str] = []
    real = Page.render

    def counting(self: Page, config: object, files: object) -> None:
        rendered.append(self.file.src_uri)
        real(self, config, files)  # type: ignore[arg-type]

    monkeypatch.setattr(Page, "render", counting)
    root = _project(tmp_path)
    site = build_project(root).site
    hand_written = {p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md")}
    assert rendered and set(rendered) <= hand_written
    fast = _pages(site)
    # the heading, not the file name's "Fixture article" (MkDocs' last resort)
    page = fast["articles/2022/fixture-article/index.html"].decode()
    assert re.findall(r"<title>(.*?)</title>", page)[0].startswith("Fixture &lt;script&gt;alert(")

    real_init = convert.Converter.__init__

    def no_reader(self: convert.Converter, setup: convert.Setup) -> None:
        real_init(self, convert.Setup(**{**setup.__dict__, "title": None}))

    monkeypatch.setattr(convert.Converter, "__init__", no_reader)
    # MkDocs keeps the plugin, and its conversions in memory, across builds in one process
    monkeypatch.setattr(htmlcache, "FORMAT", "converted without the title reader")
    rendered.clear()
    plain = _project(tmp_path, "plain")
    assert _pages(build_project(plain).site) == fast
    assert len(rendered) > len(hand_written), rendered  # MkDocs rendered the generated pages
