"""Load + validate: every mistake a person can make is reported with file, line and code,
and the rest of the corpus still loads. Also the `check` command's output and exit status."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES, REPO

from build_tools.load import load_corpus

GOOD = """---
title: A good article
date: '2022-09-06'
actors:
  - id: north-korea
    roles: [subject]
---

Text about the DPRK.
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    return tmp_path


def write(project: Path, rel: str, text: str | bytes) -> str:
    path = project / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return rel


def codes(project: Path) -> list[tuple[str, int, str]]:
    _, report = load_corpus(project)
    return [(d.path, d.line, d.code) for d in report.errors]


BROKEN = [
    ("unknown actor", GOOD.replace("north-korea", "dprk-army"), 5, "unknown-actor"),
    ("unknown theme", GOOD.replace("---\n\nText", "themes:\n  - id: nope\n---\n\nText"), 8,
     "unknown-theme"),
    ("bad date", GOOD.replace("'2022-09-06'", "'2022-13-45'"), 3, "invalid-date"),
    ("unquoted date style", GOOD.replace("'2022-09-06'", "Sep 6, 2022"), 3, "invalid-date"),
    ("broken yaml", GOOD.replace("roles: [subject]", "roles: [subject"), 6, "yaml-syntax"),
    ("unknown key", GOOD.replace("title:", "titel: x\ntitle:"), 2, "unknown-key"),
    ("missing title", GOOD.replace("title: A good article\n", ""), 2, "missing-key"),
    ("bad role", GOOD.replace("[subject]", "[hero]"), 6, "invalid-value"),
    ("no front matter", "Just text.\n", 1, "no-front-matter"),
    ("unclosed front matter", "---\ntitle: x\n", 1, "unclosed-front-matter"),
    ("bad annotation", GOOD.replace("Text about", "[x]{.speaker actor=ghost} Text about"), 9,
     "unknown-actor"),
]


@pytest.mark.parametrize("name, text, line, code", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_article_is_reported_and_the_rest_loads(project: Path, name: str, text: str,
                                                       line: int, code: str) -> None:
    rel = write(project, "corpus/articles/2022/2022-09-06-broken.md", text)
    assert codes(project) == [(rel, line, code)]
    corpus, _ = load_corpus(project)
    assert len(corpus.articles) == 2  # the two good fixture articles still load


def test_non_utf8_file(project: Path) -> None:
    rel = write(project, "corpus/articles/2022/2022-09-06-latin1.md",
                GOOD.replace("Text about", "Caf\xe9 text\nabout").encode("latin-1"))
    assert codes(project) == [(rel, 9, "not-utf8")]


def test_duplicate_slug_in_a_year(project: Path) -> None:
    write(project, "corpus/articles/2022/2022-09-06-same.md", GOOD)
    rel = write(project, "corpus/articles/2022/2022-10-01-same.md", GOOD.replace("09-06", "10-01"))
    assert codes(project) == [(rel, 1, "duplicate-slug")]


def test_date_must_match_file_name(project: Path) -> None:
    rel = write(project, "corpus/articles/2022/2022-09-07-x.md", GOOD)
    assert codes(project) == [(rel, 3, "date-mismatch")]


def test_unknown_actor_hint_suggests_a_close_id(project: Path) -> None:
    write(project, "corpus/articles/2022/2022-09-06-x.md", GOOD.replace("north-korea", "north-koreaa"))
    _, report = load_corpus(project)
    assert "did you mean 'north-korea'?" in (report.errors[0].hint or "")


def test_broken_registry_entry(project: Path) -> None:
    rel = write(project, "corpus/actors/bad.md", "---\nname: Bad\nkind: wizard\n---\n")
    assert codes(project) == [(rel, 3, "invalid-value")]


def test_check_command_output_and_exit_status(project: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "build_tools", "--root", str(project), "check"],
                        capture_output=True, text=True, cwd=REPO)
    assert ok.returncode == 0, ok.stderr
    assert "2 articles" in ok.stderr and "0 errors" in ok.stderr
    write(project, "corpus/articles/2022/2022-09-06-broken.md", GOOD.replace("north-korea", "dprk-army"))
    bad = subprocess.run([sys.executable, "-m", "build_tools", "check"], capture_output=True,
                         text=True, cwd=project)
    assert bad.returncode == 1
    assert ("corpus/articles/2022/2022-09-06-broken.md:5: error: unknown actor 'dprk-army' "
            "[unknown-actor]") in bad.stderr
    assert "hint:" in bad.stderr and "Traceback" not in bad.stderr


def test_help_explains_every_option() -> None:
    out = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "--help"],
                         capture_output=True, text=True, cwd=REPO).stdout
    for option in ("--source", "--verbose", "PATH"):
        assert option in out


def test_a_symlinked_seed_is_refused_and_not_published(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (project / "seeds" / "link.txt").symlink_to(secret)
    rel = write(project, "corpus/articles/2022/2022-09-06-linked.md",
                GOOD.replace("date:", "seed: seeds/link.txt\ndate:"))
    assert codes(project) == [(rel, 3, "unsafe-seed")]
    from build_tools.site import build_site

    assert "seeds/link.txt" not in build_site(project).seeds


@pytest.mark.parametrize("seed", ["../etc/passwd", "/etc/passwd", "corpus/x.md", "seeds/a)b.txt",
                                  "seeds/../x"])
def test_seed_paths_stay_in_seeds(project: Path, seed: str) -> None:
    rel = write(project, "corpus/articles/2022/2022-09-06-x.md",
                GOOD.replace("date:", f"seed: '{seed}'\ndate:"))
    assert codes(project) == [(rel, 3, "invalid-value")]


@pytest.mark.parametrize("yaml_text, line, message", [
    ("title: x\nfoo: &a [*a]\n", 3, "anchors and aliases"),
    ("title: a\ntitle: b\ndate: '2022-09-06'\n", 3, "given twice"),
    ("title: x\nfoo: " + "[" * 3000 + "]" * 3000 + "\n", 2, "nested more than"),
])
def test_hostile_yaml_is_refused_with_a_line(project: Path, yaml_text: str, line: int,
                                             message: str) -> None:
    rel = write(project, "corpus/articles/2022/2022-09-06-x.md", f"---\n{yaml_text}---\n\nText.\n")
    _, report = load_corpus(project)
    found = [(d.path, d.line, d.code) for d in report.errors]
    assert found == [(rel, line, "yaml-syntax")] and message in report.errors[0].message


@pytest.mark.parametrize("url", ["https://tass.com/>![x](https://evil.example/p.png)<b",
                                 "https://x.example/a b", "javascript:alert(1)", "https://x/\"onload"])
def test_urls_that_could_inject_markup_are_refused(project: Path, url: str) -> None:
    rel = write(project, "corpus/sources/bad.md",
                f"---\nname: Bad\nlanguage: en\nurl: '{url}'\n---\nText.\n")
    assert codes(project) == [(rel, 4, "invalid-value")]
