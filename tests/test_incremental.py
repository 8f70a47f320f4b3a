"""The incremental pipeline (``build_site`` with a ``PipelineCache``, as ``mkdocs serve``
keeps it) gives exactly what a fresh ``build_site`` of the same tree gives, after every kind
of edit: pages, data files, head, feeds, seeds and every diagnostic in order. Nothing stale."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from support import FIXTURES, copy_project, no_stored_cache

from benchmarks import corpus_gen
from build_tools.site import PipelineCache, SiteBuild, build_site

FIELDS = ("pages", "origins", "data", "seeds", "head", "binary", "feeds", "corpus_feed")
FIXTURE_ARTICLE = "corpus/articles/2022/2022-09-06-fixture-article.md"
OLDER = "corpus/articles/2021/2021-01-02-older-piece.md"


def _assert_same(cached: SiteBuild, fresh: SiteBuild, step: str) -> None:
    for name in FIELDS:
        ours, theirs = getattr(cached, name), getattr(fresh, name)
        if isinstance(ours, dict):
            differ = sorted(k for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k))
            assert not differ, (step, name, differ[:10])
        assert ours == theirs, (step, name)
    assert [d.format() for d in cached.report.items] == [d.format() for d in fresh.report.items], step


def _check(root: Path, cache: PipelineCache, step: str, site_url: str | None = None) -> SiteBuild:
    cached = build_site(root, "https://example.org/repo", site_url, cache=cache)
    with no_stored_cache():
        fresh = build_site(root, "https://example.org/repo", site_url)
    _assert_same(cached, fresh, step)
    return cached


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edits_removals_and_additions_give_what_a_fresh_build_gives(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", corpus=FIXTURES / "site" / "corpus",
                        seeds=FIXTURES / "site" / "seeds")
    cache = PipelineCache()
    _check(root, cache, "first")
    again = _check(root, cache, "unchanged")
    assert cache.load.misses == 0 and cache.memo.misses == 0  # nothing made again
    assert again.pages

    _edit(root / OLDER, "An older", "A zebra")
    site = _check(root, cache, "article body")
    assert cache.load.misses == 1
    assert "A zebra" in site.pages["articles/2021/older-piece.md"]

    _edit(root / "corpus/actors/north-korea.md", "\n---\n", "\n---\nA changed description. ")
    site = _check(root, cache, "actor description")
    assert "A changed description." in site.pages["actors/north-korea.md"]
    assert cache.memo.misses == 1  # its page only: no article result depends on a description

    _edit(root / "corpus/actors/north-korea.md", "name: ", "name: Renamed ")
    _check(root, cache, "actor name")
    sidecar = root / FIXTURE_ARTICLE.replace(".md", ".annotations.yml")
    _edit(sidecar, "desk</b>", "desk two</b>")
    _check(root, cache, "stand-off file edited")
    shutil.copyfile(sidecar, root / OLDER.replace(".md", ".annotations.yml"))
    _check(root, cache, "stand-off file added")

    _edit(root / OLDER, "title: ", "title: [broken")  # an error, then fixed: it goes away
    broken = _check(root, cache, "broken article")
    assert broken.report.errors
    _edit(root / OLDER, "title: [broken", "title: ")
    assert not _check(root, cache, "fixed article").report.errors

    (root / "seeds" / "fixture-1.txt").rename(root / "seeds" / "moved.txt")  # a missing seed
    assert _check(root, cache, "seed removed").report.warnings
    (root / "seeds" / "moved.txt").rename(root / "seeds" / "fixture-1.txt")
    _check(root, cache, "seed back")

    copy = root / "corpus/articles/2021/2021-01-02-copied-piece.md"
    shutil.copyfile(root / OLDER, copy)
    assert "articles/2021/copied-piece.md" in _check(root, cache, "article added").pages
    (root / OLDER).unlink()
    site = _check(root, cache, "article removed")
    assert "articles/2021/older-piece.md" not in site.pages
    _check(root, cache, "site_url set", site_url="https://example.org/site/")


def _mutations(root: Path, rng: random.Random) -> list[str]:
    """One random edit of the generated corpus; returns what it did (for the message)."""
    articles = sorted((root / "corpus" / "articles").rglob("*.md"))
    article = rng.choice(articles)
    text = article.read_text(encoding="utf-8")
    choice = rng.randrange(8)
    if choice == 0:  # a word of the body
        body = text.index("\n---\n", 4) + 5
        words = [w for w in text[body:].split() if w.isalpha() and len(w) > 5]
        word = rng.choice(words)
        article.write_text(text[:body] + text[body:].replace(word, word[::-1], 1), encoding="utf-8")
    elif choice == 1:  # the title (listings change)
        article.write_text(text.replace("title: ", "title: New ", 1), encoding="utf-8")
    elif choice == 2:
        article.unlink()
    elif choice == 3:  # a new article: a copy under another slug
        clone = article.with_name(article.stem[:11] + f"copy-{rng.randrange(10**6)}.md")
        clone.write_text(text, encoding="utf-8")
    elif choice == 4:  # an actor's description, or its name
        actor = rng.choice(sorted((root / "corpus" / "actors").glob("*.md")))
        actor_text = actor.read_text(encoding="utf-8")
        old, new = ("\n---\n", "\n---\nEdited. ") if rng.random() < 0.5 else ("name: ", "name: X ")
        actor.write_text(actor_text.replace(old, new, 1), encoding="utf-8")
    elif choice == 5:  # an error in the front matter
        article.write_text(text.replace("date: ", "date: [", 1), encoding="utf-8")
    elif choice == 6:  # the same bytes again, a new mtime
        article.write_text(text, encoding="utf-8")
    else:  # a theme's name
        theme = rng.choice(sorted((root / "corpus" / "themes").glob("*.md")))
        theme.write_text(theme.read_text(encoding="utf-8").replace("name: ", "name: T ", 1),
                         encoding="utf-8")
    return [f"{choice}:{article.name}"]


def test_a_random_sequence_of_edits_never_leaves_anything_stale(tmp_path: Path) -> None:
    root = tmp_path / "gen"
    corpus_gen.write_ours(root, corpus_gen.generate_articles(30, seed=7))
    cache = PipelineCache()
    rng = random.Random(20261201)
    done: list[str] = []
    _check(root, cache, "first")
    for number in range(14):
        done += _mutations(root, rng)
        _check(root, cache, f"step {number}: {done}")
