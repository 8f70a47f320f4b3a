"""The pre-commit hooks and the workflow: each hook, run the way pre-commit runs it (its
``files`` pattern picks the staged files, passed unless ``pass_filenames: false``), passes on
a clean corpus and fails on a broken one; the workflow annotates pull requests.

pre-commit itself is not a dependency, so its manifest rules are checked here: the keys every
hook needs and the keys pre-commit knows."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import FIXTURES, REPO

REQUIRED = {"id", "name", "entry", "language"}
KNOWN = REQUIRED | {"alias", "files", "exclude", "types", "types_or", "exclude_types", "args",
                    "always_run", "fail_fast", "pass_filenames", "description", "language_version",
                    "log_file", "require_serial", "stages", "verbose", "minimum_pre_commit_version"}
HOOKS: list[dict[str, Any]] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_the_manifest_has_what_pre_commit_needs() -> None:
    assert [hook["id"] for hook in HOOKS] == ["corpus-check", "corpus-fmt-check", "corpus-fmt"]
    for hook in HOOKS:
        assert REQUIRED <= set(hook) <= KNOWN, hook["id"]
        assert hook["language"] == "python" and hook["entry"].startswith("python -m build_tools ")
        re.compile(hook.get("files", ""))


def run_hook(hook: dict[str, Any], root: Path) -> subprocess.CompletedProcess[str]:
    """As pre-commit would, with every file of the repository staged."""
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    chosen = [f for f in files if re.search(hook.get("files", ""), f)]
    command = [sys.executable, *shlex.split(hook["entry"])[1:], *hook.get("args", [])]
    if hook.get("pass_filenames", True):
        command += chosen
    return subprocess.run(command, capture_output=True, text=True, cwd=root)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "site" / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "site" / "seeds", tmp_path / "seeds")
    (tmp_path / "README.md").write_text("# A corpus\n", encoding="utf-8")
    return tmp_path


def test_each_hook_passes_on_a_clean_corpus_and_fails_on_a_broken_one(repository: Path) -> None:
    check, fmt_check, fmt = HOOKS
    assert run_hook(check, repository).returncode == 0
    assert run_hook(fmt_check, repository).returncode == 1  # the fixture is not formatted yet
    fixed = run_hook(fmt, repository)
    assert fixed.returncode == 0 and "formatted corpus/actors/north-korea.md" in fixed.stdout
    assert run_hook(fmt_check, repository).returncode == 0
    assert run_hook(check, repository).returncode == 0
    (repository / "corpus" / "actors" / "new.md").write_text("---\nname: New\nkind: wizard\n---\nX\n")
    broken = run_hook(check, repository)
    assert broken.returncode == 1 and "corpus/actors/new.md:3: error:" in broken.stderr
    assert run_hook(fmt_check, repository).returncode == 1


def test_the_workflow_annotates_pull_requests_with_check() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert 'make check CHECK_FLAGS="--format github"' in steps
    assert steps.index('make check CHECK_FLAGS="--format github"') < steps.index("make site")
    make = subprocess.run(["make", "-n", "check", "CHECK_FLAGS=--format github"], capture_output=True,
                          text=True, cwd=REPO)
    assert "-m build_tools check --format github" in make.stdout
