"""``new``: each stub passes ``check``, says where it was written, opens nothing, and never
writes over a file or leaves an invalid file behind."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support import FIXTURES

from build_tools.files.frontmatter import split_front_matter
from build_tools.load import load_corpus


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "project" / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "project" / "seeds")
    return tmp_path / "project"


def new(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``new`` with an EDITOR and VISUAL that would leave a mark if anything opened a file."""
    editor = project.parent / "editor.sh"
    editor.write_text(f"#!/bin/sh\ntouch {project.parent / 'opened'}\n", encoding="utf-8")
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "EDITOR": str(editor), "VISUAL": str(editor)}
    return subprocess.run([sys.executable, "-m", "build_tools", "new", *args], capture_output=True,
                          text=True, cwd=project, env=env, stdin=subprocess.DEVNULL)


def check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", "check"], capture_output=True,
                          text=True, cwd=project)


@pytest.mark.parametrize(("args", "rel", "meta"), [
    (["actor", "Kim Yo Jong", "--kind", "person", "--alias", "Kim Yo-jong"],
     "corpus/actors/kim-yo-jong.md",
     {"name": "Kim Yo Jong", "kind": "person", "aliases": ["Kim Yo-jong"], "status": "proposed"}),
    (["actor", "KCNA", "--kind", "media"], "corpus/actors/kcna.md",
     {"name": "KCNA", "kind": "media", "aliases": [], "status": "proposed"}),
    (["theme", "Sanctions never work", "--summary", "They say so.", "--related", "fixture-theme",
      "--description", "What the articles say."], "corpus/themes/sanctions-never-work.md",
     {"title": "Sanctions never work", "summary": "They say so.", "related": ["fixture-theme"]}),
    (["source", "Korean Central News Agency", "--language", "ko", "--kind", "agency", "--url",
      "https://kcna.example", "--id", "kcna"], "corpus/sources/kcna.md",
     {"name": "Korean Central News Agency", "kind": "agency", "url": "https://kcna.example",
      "language": "ko", "status": "proposed"}),
    (["article", "Missiles: a new test", "--date", "2023-02-01", "--source", "daily-example",
      "--actor", "north-korea:subject,quoted", "--theme", "fixture-theme"],
     "corpus/articles/2023/2023-02-01-missiles-a-new-test.md",
     {"title": "Missiles: a new test", "date": "2023-02-01", "status": "in-review",
      "sources": {"publisher": {"id": "daily-example"}},
      "actors": [{"id": "north-korea", "roles": ["subject", "quoted"]}],
      "themes": [{"id": "fixture-theme"}]}),
])
def test_new_writes_a_stub_that_passes_check(project: Path, args: list[str], rel: str,
                                             meta: dict[str, object]) -> None:
    before = len(load_corpus(project).corpus.articles)
    run = new(project, *args)
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"wrote {rel}\n"
    assert f"new {args[0]}: wrote {rel}; 0 errors, 0 warnings" in run.stderr
    doc = split_front_matter((project / rel).read_text(encoding="utf-8"))
    assert doc.meta.data == meta
    assert doc.body.strip()  # a description, or a TODO that says what to write
    checked = check(project)
    assert checked.returncode == 0, checked.stderr
    assert "0 errors, 0 warnings" in checked.stderr
    corpus = load_corpus(project).corpus
    assert len(corpus.articles) == before + (args[0] == "article")
    assert not (project.parent / "opened").exists()  # nothing was opened


def test_new_never_writes_over_a_file(project: Path) -> None:
    path = project / "corpus" / "actors" / "north-korea.md"
    before = path.read_bytes()
    run = new(project, "actor", "North Korea", "--kind", "state")
    assert run.returncode == 1
    assert ("corpus/actors/north-korea.md:1: error: corpus/actors/north-korea.md already exists; "
            "nothing was written [exists]") in run.stderr
    assert path.read_bytes() == before and run.stdout == ""


def test_a_name_another_actor_has_is_a_warning(project: Path) -> None:
    run = new(project, "actor", "DPRK", "--kind", "state")
    assert run.returncode == 0
    assert "warning: 'DPRK' is already a name of north-korea [same-name]" in run.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["article", "X", "--date", "2022-09-06", "--actor", "dprk-army:subject"],
     "error: unknown actor 'dprk-army'; nothing was written [unknown-actor]"),
    (["article", "X", "--date", "2022-09-06", "--actor", "north-korea:hero"],
     "'actors.0.roles.0': invalid value 'hero'"),
    (["article", "X", "--date", "2022-09-06", "--actor", "north-korea"],
     "an actor needs at least one role"),
    (["article", "Fixture article", "--date", "2022-10-01"],
     "already has the slug 'fixture-article'; nothing was written [duplicate-slug]"),
    (["article", "Index", "--date", "2022-10-01"], "[bad-article-name]"),
    (["article", "X", "--date", "2022-10-01", "--source", "dialy-example"],
     "hint: did you mean 'daily-example'?"),
    (["theme", "T", "--summary", "S", "--related", "nope"], "unknown theme 'nope'"),
    (["actor", "Кремль", "--kind", "organisation"], "cannot make an id from 'Кремль' [bad-id]"),
    (["actor", "X", "--kind", "person", "--wikidata", "423"], "'wikidata': String should match"),
    (["source", "S", "--language", "Russian"], "'language': String should match"),
    (["actor", "X", "--kind", "person", "--id", "Not_An_Id"], "[bad-id]"),
])
def test_a_stub_that_would_not_pass_check_is_not_written(project: Path, args: list[str],
                                                         message: str) -> None:
    before = sorted(p for p in (project / "corpus").rglob("*"))
    run = new(project, *args)
    assert run.returncode == 1 and message in run.stderr, run.stderr
    assert "nothing written" in run.stderr and run.stdout == ""
    assert sorted(p for p in (project / "corpus").rglob("*")) == before


def test_bad_options_are_command_line_errors(project: Path) -> None:
    assert new(project, "actor", "X").returncode == 2  # --kind is required
    assert new(project, "actor", "X", "--kind", "wizard").returncode == 2
    assert new(project, "article", "X", "--date", "2022-02-30").returncode == 2
    help_text = new(project, "article", "--help").stdout
    assert "ID:ROLE[,ROLE]" in help_text and "interviewer" in help_text
