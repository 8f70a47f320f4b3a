"""The load cache kept between commands (``loadstore``): a second command on an unchanged
project reads no file again and reports and builds exactly what a load without it does;
after an edit only the edited file is read again; a cache from other code, a damaged one or
``CORPUS_CACHE=off`` is never used; and it is never written into the project."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import FIXTURES, copy_project, no_stored_cache

from build_tools import load, loadstore
from build_tools.cli import main
from build_tools.diagnostics import Report
from build_tools.load import load_corpus, load_stored_registries
from build_tools.site import build_site

ARTICLE = "corpus/articles/2021/2021-01-02-older-piece.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "p", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")


@pytest.fixture
def loaded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles each load reads from their files (names, in order)."""
    names: list[str] = []
    real: Callable[..., Any] = load.load_article

    def counting(path: Path, *args: Any) -> Any:
        names.append(path.name)
        return real(path, *args)

    monkeypatch.setattr(load, "load_article", counting)
    return names


def _summary(root: Path) -> tuple[list[str], list[str], list[str]]:
    corpus, report = load_corpus(root)
    return ([repr(a) for a in corpus.articles], sorted(corpus.actors),
            [d.format() for d in report.items])


def _fresh(root: Path) -> tuple[list[str], list[str], list[str]]:
    with no_stored_cache():
        return _summary(root)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_load_reads_nothing_and_gives_what_a_fresh_load_gives(root: Path,
                                                                        loaded: list[str]) -> None:
    first = _summary(root)
    articles = len(loaded)
    assert articles >= 2
    loaded.clear()
    second = _summary(root)
    assert loaded == []  # the stored entries served the second load
    assert second == first == _fresh(root)
    stored = loadstore.cache_file(root)
    assert stored is not None and stored.is_file()
    assert root.resolve() not in stored.resolve().parents  # never in the project


def test_after_an_edit_only_that_article_is_read_again(root: Path, loaded: list[str]) -> None:
    _summary(root)
    _edit(root / ARTICLE, "An older", "A zebra")
    loaded.clear()
    cached = _summary(root)
    assert loaded == [Path(ARTICLE).name]
    assert cached == _fresh(root)
    corpus, _ = load_corpus(root)
    assert any("A zebra" in a.body for a in corpus.articles)


def test_warnings_and_errors_are_reported_each_time(root: Path) -> None:
    (root / "seeds" / "fixture-1.txt").rename(root / "seeds" / "moved.txt")  # a missing seed
    _edit(root / ARTICLE, "title: ", "title: [broken")  # an error: never stored
    first = _summary(root)
    assert any("error" in d for d in first[2]) and any("warning" in d for d in first[2])
    assert _summary(root) == first
    assert first == _fresh(root)


def test_a_seed_that_changed_is_seen(root: Path, loaded: list[str]) -> None:
    _summary(root)
    (root / "seeds" / "fixture-1.txt").rename(root / "seeds" / "moved.txt")
    loaded.clear()
    assert _summary(root) == _fresh(root)
    assert loaded  # the article whose seed went was read again
    assert any("not found" in d for d in _summary(root)[2])


def test_a_build_with_the_stored_cache_equals_a_fresh_build(root: Path) -> None:
    build_site(root, "https://example.org/repo")  # stores
    _edit(root / ARTICLE, "An older", "A zebra")
    cached = build_site(root, "https://example.org/repo")
    with no_stored_cache():
        fresh = build_site(root, "https://example.org/repo")
    assert cached.pages == fresh.pages and cached.data == fresh.data
    assert [d.format() for d in cached.report.items] == [d.format() for d in fresh.report.items]


def test_a_cache_from_other_code_or_damaged_is_not_used(root: Path, loaded: list[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _summary(root)
    stored = loadstore.cache_file(root)
    assert stored is not None
    data = stored.read_bytes()
    assert b"An older" in data
    stored.write_bytes(data.replace(b"An older", b"Xn older"))  # still unpickles, but damaged
    loaded.clear()
    assert _summary(root) == _fresh(root)
    assert len(loaded) >= 2  # all read again, no error

    _summary(root)  # stored again, whole
    monkeypatch.setattr(loadstore, "code_version", lambda: "0" * 64)
    loaded.clear()
    _summary(root)
    assert len(loaded) >= 2


def test_off_means_nothing_is_read_or_written(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_CACHE", "off")
    _summary(root)
    assert loadstore.cache_file(root) is None
    monkeypatch.delenv("CORPUS_CACHE")
    stored = loadstore.cache_file(root)
    assert stored is not None and not stored.exists()


def test_ingest_keeps_the_articles_entries(root: Path, loaded: list[str]) -> None:
    """A command that loads only the registries (ingest) does not drop the articles'."""
    _summary(root)
    load_stored_registries(root, Report())
    loaded.clear()
    _summary(root)
    assert loaded == []


def test_check_twice_reads_the_articles_once(root: Path, loaded: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The path a person takes: ``python -m build_tools check``, then again."""
    assert main(["--root", str(root), "check"]) == main(["--root", str(root), "check"])
    assert len(loaded) >= 2 and loaded.count(Path(ARTICLE).name) == 1
    out = capsys.readouterr()
    runs = [line for line in (out.out + out.err).splitlines() if line.startswith("check:")]
    assert len(runs) == 2 and runs[0] == runs[1]


def test_caches_of_projects_not_loaded_for_long_are_removed(root: Path) -> None:
    stored = loadstore.cache_file(root)
    assert stored is not None
    stored.parent.mkdir(parents=True, exist_ok=True)
    old, recent = stored.parent / "old.bin", stored.parent / "recent.bin"
    for path in (old, recent):
        path.write_bytes(b"x")
    month = time.time() - (loadstore.KEEP_DAYS + 1) * 86400
    os.utime(old, (month, month))
    _summary(root)  # writes this project's
    assert stored.exists() and recent.exists() and not old.exists()


def test_entries_that_cannot_be_kept_only_cost_speed(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> bytes:
        raise TypeError("cannot pickle this")

    monkeypatch.setattr(loadstore.pickle, "dumps", refuse)
    assert _summary(root) == _fresh(root)  # no traceback for the person
    stored = loadstore.cache_file(root)
    assert stored is not None and not stored.exists()


def test_commands_spelling_the_root_differently_share_the_cache(
        root: Path, loaded: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``make serve`` runs ``ingest`` (root ".") and then MkDocs (the root in full); ``check``
    in a pre-commit hook uses "." too: each must find what the others kept."""
    registry: list[str] = []
    real = load.read_corpus_file

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        if "/actors/" in path.as_posix():
            registry.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(load, "read_corpus_file", counting)
    absolute = _summary(root)  # as the MkDocs plugin loads: the root in full
    assert registry and loaded
    monkeypatch.chdir(root)
    registry.clear()
    loaded.clear()
    load_stored_registries(Path("."), Report())  # as ingest does
    relative = _summary(Path("."))  # as check does
    assert registry == [] and loaded == []
    assert relative == absolute
    monkeypatch.chdir(root.parent)
    assert _summary(root) == absolute and registry == [] and loaded == []
