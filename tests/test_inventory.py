"""Nothing is ignored without a word: every file under corpus/ and seeds/ is read, or
reported with a hint saying where it belongs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO

from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus

ARTICLE = """---
title: A misplaced article
date: '2022-09-06'
---

Text.
"""
ACTOR = "---\nname: Vladimir Putin\nkind: person\n---\nThe president.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "render" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "render" / "seeds", tmp_path / "seeds")
    return tmp_path


def put(root: Path, rel: str, text: str = ARTICLE) -> str:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return rel


def reported(root: Path) -> list[tuple[str, str, str]]:
    """(path, code, hint) of every warning but the fixture's own missing seed."""
    corpus, report = load_corpus(root)
    assert report.errors == [], [d.format() for d in report.errors]
    return [(d.path, d.code, d.hint or "") for d in report.warnings if d.code != "missing-seed"]


CASES = [
    ("corpus/articles/2022/2022-09-06-saved-as.markdown", ARTICLE, "unread-file",
     "rename it to 2022-09-06-saved-as.md"),
    ("corpus/2022-09-06-at-the-top.md", ARTICLE, "unread-file",
     "move it to corpus/articles/2022/2022-09-06-at-the-top.md"),
    ("corpus/actors/people/vladimir-putin.md", ACTOR, "unread-file",
     "move it to corpus/actors/vladimir-putin.md"),
    ("corpus/actors/vladimir-putin.txt", ACTOR, "unread-file",
     "rename it to corpus/actors/vladimir-putin.md"),
    ("corpus/themes/a-theme.MD", ACTOR, "unread-file", "rename it to corpus/themes/a-theme.md"),
    ("corpus/actor/vladimir-putin.md", ACTOR, "unread-file", "did you mean corpus/actors/?"),
    ("corpus/codebooks/mybook/a-technique.md", ACTOR, "unread-file",
     "add corpus/codebooks/mybook.md"),
    ("corpus/codebooks/semeval2020/extra/x.md", ACTOR, "unread-file",
     "move it to corpus/codebooks/semeval2020/x.md"),
    ("corpus/articles/2023/2023-01-01-gone.annotations.yml", "spans: []\n", "orphaned-standoff",
     "move it beside its article"),
    ("corpus/articles/2023/2023-01-20-january-piece.annotations.yaml", "spans: []\n", "unread-file",
     "rename it to 2023-01-20-january-piece.annotations.yml"),
    ("corpus/articles/2023/index.md", ARTICLE, "unread-file", "rename it YYYY-MM-DD-<slug>.md"),
    ("corpus/articles/2023/notes.docx", "x", "unread-file", "move it out of corpus/"),
    ("corpus/notes.txt", "x", "unread-file", "articles go in corpus/articles/YYYY/"),
    ("seeds/scraped.pdf", "%PDF-1.4", "unread-file", "save the text as UTF-8 plain text"),
    ("seeds/saved-page.html", "<p>x</p>", "not-ingested", "run make ingest"),
    ("seeds/train.labels", "1\tX\t0\t1\n", "unread-file", "annotations import"),
    ("seeds/new-seed.txt", "Sep 6, 2022\nTitle\n\nText.\n", "not-ingested", "run make ingest"),
    ("seeds/bad (copy).txt", "Sep 6, 2022\nTitle\n\nText.\n", "bad-seed-name", "rename the file"),
    ("seeds/report\u202etxt.exe.txt", "x", "bad-seed-name", "rename the file"),
]


@pytest.mark.parametrize("rel, text, code, hint", CASES, ids=[c[0] for c in CASES])
def test_a_file_nothing_reads_is_reported_with_where_it_belongs(project: Path, rel: str, text: str,
                                                               code: str, hint: str) -> None:
    assert reported(project) == []
    put(project, rel, text)
    [(path, found, given)] = reported(project)
    assert (path, found) == (rel, code) and hint in given


def test_the_message_names_the_file_and_is_a_warning(project: Path) -> None:
    put(project, "corpus/articles/2022/2022-09-06-saved-as.markdown")
    run = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(project), "check"],
                         capture_output=True, text=True, cwd=REPO)
    assert run.returncode == 0  # a warning: check passes, mkdocs build --strict does not
    assert ("corpus/articles/2022/2022-09-06-saved-as.markdown:1: warning: file not read: articles "
            "are .md files [unread-file]\n    hint: rename it to 2022-09-06-saved-as.md") in run.stderr
    assert "0 errors, 2 warnings" in run.stderr  # and the fixture's missing seed


def test_hidden_files_and_readmes_are_skipped_by_convention(project: Path) -> None:
    for rel in ("corpus/actors/.gitkeep", "corpus/README.md", "seeds/README.md", "seeds/.DS_Store",
                "corpus/articles/.x.md.swp", "corpus/.git/config"):
        put(project, rel, "x")
    assert reported(project) == []


def test_a_seed_of_an_article_with_errors_counts_as_ingested(project: Path) -> None:
    article = project / "corpus/articles/2023/2023-01-20-january-piece.md"
    article.write_text(article.read_text(encoding="utf-8").replace("title:", "titel:"), encoding="utf-8")
    _, report = load_corpus(project)
    assert "not-ingested" not in {d.code for d in report.items}


def test_the_leftover_of_an_interrupted_write_is_reported_then_removed(project: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    rel = put(project, f"corpus/articles/2023/.2023-02-01-x.md.{dead}.ab12cd34.tmp", "---\ntitle: half")
    live = put(project, f"corpus/articles/2023/.2023-02-02-y.md.{os.getpid()}.ab12cd34.tmp")
    assert reported(project) == [(rel, "leftover-temp-file", "delete it: the write it belonged to "
                                  "never finished, and the file it was for is unchanged")]
    result = ingest_paths([project / "seeds"], project)
    assert not (project / rel).exists() and (project / live).exists()  # a running writer's stays
    assert any(d.path == rel and "removed" in d.message for d in result.report.items)
    assert reported(project) == []


def test_every_file_the_inventory_accepts_is_one_load_reads(project: Path) -> None:
    (project / "corpus" / "config.yml").write_text("limits:\n  title_length: 200\n", encoding="utf-8")
    corpus, report = load_corpus(project)
    assert not [d for d in report.warnings if d.code != "missing-seed"]
    read = {a.path for a in corpus.articles} | {a.standoff_path for a in corpus.articles if a.standoff_path}
    for registry in (corpus.actors, corpus.themes, corpus.sources, corpus.translation_notes):
        read |= {entry.path for entry in registry.values()}
    for book in corpus.codebooks.values():
        read |= {book.path} | {t.path for t in book.techniques.values()}
    read.add("corpus/config.yml")
    files = {p.relative_to(project).as_posix() for p in (project / "corpus").rglob("*") if p.is_file()}
    assert files == read
