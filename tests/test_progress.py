"""Progress of long commands: a bar on a terminal, silence otherwise, and a one-line summary
with the time taken (ingest on stderr; a build in MkDocs' log, with the site's size)."""

from __future__ import annotations

import io
import logging
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO, build_project, copy_project

from build_tools.build_report import BuildProgress, SiteSize, measure_site, size_text
from build_tools.cli import _SeedProgress
from build_tools.progress import Progress, took


def test_a_bar_is_drawn_only_when_asked_or_on_a_terminal() -> None:
    shown = io.StringIO()
    with Progress(30, "ingest", "seed", enabled=True, stream=shown) as bar:
        for _ in range(30):
            bar.update(1, "a-seed.txt")
    assert "ingest" in shown.getvalue() and "seed" in shown.getvalue()
    hidden = io.StringIO()  # not a terminal: the default is no bar
    with Progress(30, "ingest", "seed", stream=hidden) as bar:
        bar.update(30)
    assert hidden.getvalue() == "" and not bar.enabled
    few = io.StringIO()
    with Progress(3, "ingest", enabled=True, stream=few, minimum=20):
        pass
    assert few.getvalue() == ""


def test_the_build_bar_has_two_phases_and_its_summary_gives_time_and_size(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"x" * 3000)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "c.html").write_bytes(b"y" * 1000)
    shown = io.StringIO()
    progress = BuildProgress(60, enabled=True, stream=shown)
    for _ in range(60):
        progress.converted()
    for _ in range(60):
        progress.written()
    line = progress.finish(tmp_path, articles=2)
    assert "converting pages" in shown.getvalue() and "writing pages" in shown.getvalue()
    assert line.startswith("corpus: 60 pages built in ") and " s; site 0.0 MB in 2 files" in line
    assert "2.0 kB per article: 50,000 articles ~ 100.0 MB, within GitHub Pages' 1 GB limit" in line
    assert measure_site(tmp_path, 2) == SiteSize(4000, 2, 2)
    assert "~ 4.50 GB, over GitHub" in size_text(SiteSize(90_000 * 100, 300, 100))
    assert BuildProgress(60, stream=io.StringIO()).finish(None, 2).count(";") == 0  # serve


def test_took_reads_as_seconds_or_minutes() -> None:
    assert took(0.42) == "0.4 s" and took(59.94) == "59.9 s" and took(125.2) == "2 min 5 s"


def test_ingest_progress_on_a_terminal_and_quiet_otherwise(capsys: pytest.CaptureFixture[str]) -> None:
    forced = _SeedProgress(enabled=True)
    for number in range(1, 26):
        forced(number, 25, Path(f"seeds/{number}.txt"))
    forced.close()
    assert "ingest" in capsys.readouterr().err
    quiet = _SeedProgress()  # pytest's stderr is not a terminal
    for number in range(1, 26):
        quiet(number, 25, Path(f"seeds/{number}.txt"))
    quiet.close()
    assert capsys.readouterr().err == ""


def test_ingest_cli_ends_with_one_summary_line_with_the_time(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    for article in (root / "corpus" / "articles").rglob("*.md"):
        article.unlink()
    run = subprocess.run([sys.executable, "-m", "build_tools", "ingest", "seeds"], cwd=root,
                         capture_output=True, text=True, timeout=120)
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("ingest: ") and lines[-1].endswith(" s"), lines[-1]
    assert "\r" not in run.stderr and "seed/s" not in run.stderr  # no bar in a pipe


def test_a_real_build_logs_pages_time_and_site_size(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    records: list[str] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record.getMessage())

    handler = Capture(logging.INFO)
    logger = logging.getLogger("mkdocs.plugins.corpus")
    logger.addHandler(handler)
    previous = logger.level
    logger.setLevel(logging.INFO)
    try:
        built = build_project(root)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
    articles = len(list((REPO / "corpus" / "articles").rglob("*.md")))
    summary = [r for r in records if r.startswith("corpus: ")]
    assert len(summary) == 1, records
    size = measure_site(built.site, articles)
    assert f"site {size.bytes / 1e6:,.1f} MB in {size.files:,} files" in summary[0]
    assert "pages built in " in summary[0] and "GitHub Pages' 1 GB limit" in summary[0]
