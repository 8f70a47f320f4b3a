"""The house style is enforced, not hoped for: ruff and mypy run on every test run, and only
the MkDocs adapter imports mkdocs."""

from __future__ import annotations

import subprocess
import sys

from support import REPO


def test_ruff_is_clean() -> None:
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "build_tools", "tests", "benchmarks"],
                         cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_mypy_is_clean() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy", "build_tools"], cwd=REPO,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_only_the_adapter_imports_mkdocs() -> None:
    importers = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "build_tools").rglob("*.py")
                       if "import mkdocs" in p.read_text() or "from mkdocs" in p.read_text())
    assert importers == ["build_tools/adapters/mkdocs_plugin.py"]
