"""A saved web page as a seed, in chromium: its scripts never run on the site.

The fixture page (tests/golden/ingest/hostile-metadata.html) calls alert() from its <title>,
its body, an onload handler and its links. Served as it was saved, it opens dialogs (the
control); the site built from it publishes it only as text and shows its metadata as text.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from support import REPO, BuiltSite, build_project, copy_project, serve_folder

from build_tools.ingest.run import ingest_paths

pytestmark = pytest.mark.browser

SAVED = REPO / "tests" / "golden" / "ingest" / "hostile-metadata.html"


@pytest.fixture(scope="module")
def html_seed_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = copy_project(tmp_path_factory.mktemp("htmlseed") / "project")
    shutil.copy(SAVED, root / "seeds" / SAVED.name)
    assert ingest_paths([root / "seeds" / SAVED.name], root).report.errors == []
    return build_project(root)


@pytest.fixture(scope="module")
def site_url(html_seed_site: BuiltSite) -> Iterator[str]:
    yield from serve_folder(html_seed_site.site)


def test_the_saved_page_does_run_scripts_when_served_as_html(tmp_path: Path, page: Page,
                                                           dialogs: list[str]) -> None:
    """The control: served as saved, the fixture is live."""
    shutil.copy(SAVED, tmp_path / "saved.html")
    for url in serve_folder(tmp_path):
        page.goto(url + "/saved.html")
        page.wait_for_load_state("load")
    assert dialogs, "the fixture should open a dialog when rendered"


def test_the_published_seed_is_text_and_the_article_is_inert(html_seed_site: BuiltSite, site_url: str,
                                                             page: Page, dialogs: list[str]) -> None:
    response = page.goto(site_url + "/seeds/hostile-metadata.html.txt")
    assert response is not None and response.headers["content-type"].startswith("text/plain")
    expect(page.locator("body")).to_contain_text("document.cookie.split")  # the source, shown
    assert page.locator("script, img, iframe").count() == 0
    assert page.goto(site_url + "/seeds/hostile-metadata.html").status == 404  # type: ignore[union-attr]
    [article] = html_seed_site.site.glob("articles/2023/*/index.html")
    page.goto(f"{site_url}/{article.parent.relative_to(html_seed_site.site).as_posix()}/")
    expect(page.locator("h1")).to_contain_text("<script>alert('og')</script>")  # as text
    expect(page.locator("article")).to_contain_text("Daily <img src=x onerror=alert(1)> Herald")
    page.get_by_role("link", name="seeds/hostile-metadata.html").click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/seeds/hostile-metadata.html.txt")
    assert dialogs == []
