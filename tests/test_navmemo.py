"""The navigation rendered once per folder (``adapters.navmemo``): a real build gives the same
site, byte for byte, as rendering the tabs and the drawer afresh on every page; pages in the
nav, and pages with a nav target in their own folder, are rendered afresh; a site's own
partial is used as it is."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Any

import pytest
from jinja2 import DictLoader, Environment
from support import FIXTURES, build_project, copy_project

from build_tools.adapters import navmemo


def _differ(left: Path, right: Path) -> list[str]:
    out: list[str] = []

    def walk(d: filecmp.dircmp[str], prefix: str) -> None:
        out.extend(prefix + n for n in d.diff_files + d.left_only + d.right_only)
        for name, sub in d.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return out


def test_a_site_built_with_the_memo_is_the_site_built_without(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "p", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    hits: list[int] = []
    real_install = navmemo.install

    def counting(*args: Any) -> navmemo.NavMemo | None:
        memo = real_install(*args)
        assert memo is not None
        hits.append(id(memo))
        counting.memo = memo  # type: ignore[attr-defined]
        return memo

    monkeypatch.setattr(navmemo, "install", counting)
    build_project(root)
    memo = counting.memo  # type: ignore[attr-defined]
    assert memo.hits >= 4  # pages of one folder (articles of a year, actors) share it
    shutil.move(root / "site", tmp_path / "memo")
    monkeypatch.setattr(navmemo.NavMemo, "key", lambda *a: None)  # every page rendered afresh
    build_project(root)
    assert _differ(tmp_path / "memo", root / "site") == []
    page = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-tabs"' in page and 'class="md-nav md-nav--primary' in page


class _Page:
    def __init__(self, url: str) -> None:
        self.url = url


class _Nav:
    def __init__(self, pages: list[_Page], links: list[str] = ()) -> None:  # type: ignore[assignment]
        self.pages = pages
        self.items = [*pages, *(_Page(u) for u in links)]
        self.homepage = pages[0] if pages else None


def test_siblings_outside_the_nav_share_one_rendering_and_nav_pages_none() -> None:
    home, actors = _Page(""), _Page("actors/")
    nav = _Nav([home, actors, _Page("cooccurrence/actors/")], links=["https://example.org/"])
    memo = navmemo.NavMemo()
    key = memo.key
    a, b = key("n", _Page("articles/2021/a/"), nav, None), key("n", _Page("articles/2021/b/"), nav, None)
    assert a is not None and a == b
    assert key("n", _Page("articles/2022/c/"), nav, None) != a  # another folder: other paths
    assert key("t", _Page("articles/2021/a/"), nav, None) != a  # another partial
    assert key("n", actors, nav, None) is None and key("n", home, nav, None) is None
    # a nav target under the page's own URL is reached by another path from its siblings
    assert key("n", _Page("cooccurrence/"), nav, None) is None
    assert key("n", _Page("actors/x/"), nav, None) is not None
    # URLs without folders (use_directory_urls: false): the same folder, the same paths
    assert key("n", _Page("articles/a.html"), nav, None) == key("n", _Page("articles/b.html"), nav, None)
    listed = _Page("actors.html")  # in the nav: its entry is the active one
    flat = _Nav([_Page("index.html"), listed])
    assert key("n", listed, flat, None) is None and key("n", _Page("a.html"), flat, None) is not None


def test_the_partial_after_ours_is_rendered_with_the_page_context() -> None:
    loader = DictLoader({"partials/nav.html": "{{ corpus_nav_memo('partials/nav.html') }}",
                         f"{navmemo.NEXT}/partials/nav.html": "{{ page.url }}|{{ extra }}"})
    env = Environment(loader=loader)
    memo = navmemo.NavMemo()
    env.globals["corpus_nav_memo"] = memo.render
    template = env.from_string("{% set extra = 'x' %}{% include 'partials/nav.html' %}")
    nav = _Nav([_Page("")])
    first = template.render(page=_Page("a/b/"), nav=nav)
    assert first == "a/b/|x"
    # a sibling gets the first page's rendering: the memo's whole point
    assert template.render(page=_Page("a/c/"), nav=nav) == "a/b/|x" and memo.hits == 1
    assert template.render(page=_Page("d/e/"), nav=nav) == "d/e/|x"  # another folder


def test_a_sites_own_partial_comes_first_and_is_not_memoised(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "tabs.html").write_text(
        "<nav class=\"own-tabs\">{{ page.url }}</nav>", encoding="utf-8")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  name: material\n" in text
    config.write_text(text.replace("\n  name: material\n", "\n  name: material\n  custom_dir: overrides\n"),
                      encoding="utf-8")
    build_project(root)
    article = next((root / "site" / "articles").glob("*/*/index.html"))
    url = article.parent.relative_to(root / "site").as_posix() + "/"
    assert f'<nav class="own-tabs">{url}</nav>' in article.read_text(encoding="utf-8")
