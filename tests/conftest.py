"""Session fixtures: a real strict MkDocs build of the project's own corpus, a small fixture
site with hostile content (also built with Pagefind search), a corpus where every field is an
attack (``fixtures/hostile``), and the real site served on localhost."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest
from support import FIXTURES, BuiltSite, build_project, copy_project, serve_folder, use_search

_CACHE_HOME: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Ingest keeps derived data (the unpacked language model, the gazetteer) in the user's
    cache folder (build_tools/ingest/cache.py): the tests, and the commands they start, use
    one of their own, made empty for the session."""
    global _CACHE_HOME
    _CACHE_HOME = tempfile.mkdtemp(prefix="corpus-test-cache-")
    os.environ["XDG_CACHE_HOME"] = _CACHE_HOME


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE_HOME:
        shutil.rmtree(_CACHE_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The project's own corpus, built exactly as `make site` would build it."""
    root = copy_project(tmp_path_factory.mktemp("real") / "project")
    return build_project(root, strict=True)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A tiny corpus with tricky content, built once per session."""
    root = copy_project(tmp_path_factory.mktemp("fixture") / "project",
                        corpus=FIXTURES / "site" / "corpus", seeds=FIXTURES / "site" / "seeds")
    return build_project(root)


@pytest.fixture(scope="session")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture corpus built with ``search: pagefind`` (the indexer runs after the build)."""
    root = copy_project(tmp_path_factory.mktemp("pagefind") / "project",
                        corpus=FIXTURES / "site" / "corpus", seeds=FIXTURES / "site" / "seeds")
    use_search(root, "pagefind")
    return build_project(root)


@pytest.fixture(scope="session")
def site_url(real_site: BuiltSite) -> Iterator[str]:
    """The real site served on a free localhost port."""
    yield from serve_folder(real_site.site)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/fixtures/hostile: markup, handlers, script URLs and bidi controls in every field."""
    root = copy_project(tmp_path_factory.mktemp("hostile") / "project",
                        corpus=FIXTURES / "hostile" / "corpus", seeds=FIXTURES / "hostile" / "seeds")
    return build_project(root)
