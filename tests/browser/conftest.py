"""Browser fixtures: Debian's chromium driven through Playwright (never `playwright install`).

Every test module in this folder sets ``pytestmark = pytest.mark.browser``; the hook below also
marks anything collected here, so ``-m "not browser"`` always leaves them out.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import open_page

# CORPUS_CHROMIUM points the tests at another Chromium build (GitHub runners ship Google Chrome);
# here and in .ci/run they use Debian's /usr/bin/chromium.
CHROMIUM = Path(os.environ.get("CORPUS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
HERE = Path(__file__).resolve().parent


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole session."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        reason = (f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium) "
                  f"to run the browser tests")
        if _ci():
            pytest.fail(reason + " (CI is set, so this is an error, not a skip)", pytrace=False)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # the test extra is not installed
        if _ci():
            pytest.fail(f"playwright is not installed: {exc}", pytrace=False)
        pytest.skip(f"playwright is not installed: {exc}")
    from playwright.sync_api import expect

    # Search starts a web worker that indexes the whole site: give it more than the default 5 s
    # on a slow CI machine.
    expect.set_options(timeout=10_000)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    yield from open_page(browser)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """tests/artifacts/ (gitignored): screenshots for humans."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every dialog the page opens (alert, confirm, prompt, beforeunload), dismissed: the tests
    of hostile text assert it stays empty."""
    fired: list[str] = []

    def record(dialog: object) -> None:
        fired.append(f"{dialog.type}: {dialog.message}")  # type: ignore[attr-defined]
        dialog.dismiss()  # type: ignore[attr-defined]

    page.on("dialog", record)
    return fired
