"""Faults: a large ingest batch interrupted by SIGINT or SIGKILL, or out of disk space,
leaves no truncated or half-written file, and a rerun completes the batch."""

from __future__ import annotations

import errno
import os
import resource
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, empty_corpus

from build_tools.files import newfiles
from build_tools.files.frontmatter import split_front_matter
from build_tools.ingest import run as ingest_run
from build_tools.ingest.run import ingest_paths
from build_tools.load import load_corpus

BATCH = 420  # new articles are linked 64 at a time (files.newfiles): three interrupted runs fit


@pytest.fixture
def project(tmp_path: Path) -> Path:
    empty_corpus(tmp_path)
    return tmp_path


def write_seeds(root: Path, count: int, paragraphs: int = 6, long_every: int = 0) -> None:
    """``count`` seeds; with ``long_every``, every such seed is 40 times as long."""
    for number in range(count):
        size = paragraphs * (40 if long_every and number % long_every == 0 else 1)
        text = "\n\n".join(f"Paragraph {p} of seed {number}: Pyongyang and Moscow said the talks "
                           f"went on, according to the Kremlin." for p in range(size))
        (root / "seeds" / f"seed-{number:04d}.txt").write_text(
            f"Sep {number % 28 + 1}, 2022\nHeadline {number} on the talks\n\n{text}\n",
            encoding="utf-8")


def article_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / "corpus" / "articles").rglob("*") if p.is_file())


def assert_nothing_half_written(root: Path) -> int:
    """Every file under corpus/articles/ is a complete, valid article, but for the hidden
    temporary file of a write that was cut off, which nothing reads and check reports;
    returns how many articles."""
    files = article_files(root)
    temporary = [p for p in files if p.name.startswith(".")]
    articles = [p for p in files if not p.name.startswith(".")]
    assert all(p.suffix == ".md" for p in articles) and all(p.suffix == ".tmp" for p in temporary)
    for path in articles:
        text = path.read_text(encoding="utf-8")
        assert text.endswith("\n") and split_front_matter(text).meta.data["seed"], path
    corpus, report = load_corpus(root)
    assert [d for d in report.errors] == []
    assert len(corpus.articles) == len(articles)
    leftovers = sorted(d.path for d in report.warnings if d.code == "leftover-temp-file")
    assert leftovers == sorted(p.relative_to(root).as_posix() for p in temporary)
    return len(articles)


def assert_batch_complete(root: Path, count: int) -> None:
    corpus, report = load_corpus(root)
    assert report.errors == [] and len(corpus.articles) == count
    assert sorted(a.meta.seed or "" for a in corpus.articles) == \
        [f"seeds/seed-{n:04d}.txt" for n in range(count)]  # each seed exactly once
    assert not [d for d in report.warnings if d.code in ("not-ingested", "leftover-temp-file")]
    assert not list((root / "corpus").rglob(".*.tmp"))


def assert_rerun_completes(root: Path, new: int, count: int = 30) -> None:
    """Once the cause is gone, ingest again writes the ``new`` articles left and the batch is
    whole: every seed once, nothing temporary left."""
    again = ingest_paths([root / "seeds"], root)
    assert again.report.errors == [] and len(again.written) == new
    assert_batch_complete(root, count)


def start_ingest(root: Path, **options: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.Popen([sys.executable, "-m", "build_tools", "ingest", "seeds/"], cwd=root,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **options)  # type: ignore[call-overload]


def interrupt_after(root: Path, process: subprocess.Popen[str], articles: int, sig: int) -> None:
    deadline = time.monotonic() + 60
    while len([p for p in article_files(root) if p.suffix == ".md"]) < articles:
        assert process.poll() is None, "ingest ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(sig)
    process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_batch_leaves_whole_files_and_a_rerun_completes_it(project: Path, sig: int) -> None:
    write_seeds(project, BATCH)
    done = 0
    for _ in range(3):  # interrupted three times, each as soon as it has linked new articles
        process = start_ingest(project)
        interrupt_after(project, process, done + 1, sig)
        if sig == signal.SIGINT:
            assert process.returncode == 130
            assert "interrupted" in (process.stderr.read() if process.stderr else "")
        else:
            assert process.returncode == -signal.SIGKILL
        before, done = done, assert_nothing_half_written(project)
        assert before < done < BATCH
    process = start_ingest(project)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert f"ingest: {BATCH - done} new" in err and "Traceback" not in err
    assert_batch_complete(project, BATCH)


def test_a_full_disk_stops_the_batch_cleanly_and_a_rerun_completes_it(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_seeds(project, 30)
    real = newfiles.write_all
    calls = {"n": 0}

    def fill_up(fd: int, data: bytes) -> None:
        calls["n"] += 1
        if calls["n"] > 12:  # the disk fills during the 13th file: half of it reaches the disk
            os.write(fd, data[: len(data) // 2])
            os.close(fd)
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd, data)

    monkeypatch.setattr(newfiles, "write_all", fill_up)
    result = ingest_paths([project / "seeds"], project)
    codes = [d.code for d in result.report.errors]
    assert codes == ["io-error", "stopped"]
    assert "No space left on device" in result.report.errors[0].message
    assert "17 more seeds were not read" in result.report.errors[1].message
    assert len(result.written) == 12 and assert_nothing_half_written(project) == 12
    monkeypatch.setattr(newfiles, "write_all", real)  # space was freed
    assert_rerun_completes(project, 18)


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each"])
def test_a_disk_that_refuses_the_flush_loses_only_that_batch_and_a_rerun_completes_it(
        project: Path, monkeypatch: pytest.MonkeyPatch, syncfs: bool) -> None:
    """A full disk may accept the writes and refuse at the flush (delayed allocation): the
    articles of that batch that cannot be flushed are reported and not linked, the run stops,
    none is cut short. With syncfs, its error sends the batch to one flush a file."""
    write_seeds(project, 30)
    monkeypatch.setattr(ingest_run, "NewFiles", lambda: newfiles.NewFiles(limit=8))
    batches = {"n": 0}

    def failing_syncfs(fd: int) -> int:
        batches["n"] += 1
        return -1 if batches["n"] == 3 else 0  # the second batch's write-back (2nd: names)

    monkeypatch.setattr(newfiles, "_syncfs", lambda: failing_syncfs if syncfs else None)
    real_fsync = os.fsync
    flushes = {"n": 0}

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            flushes["n"] += 1
            if flushes["n"] in ((3, 5) if syncfs else (11, 13)):  # two of the second batch
                raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = ingest_paths([project / "seeds"], project)
    codes = [d.code for d in result.report.errors]
    assert codes == ["io-error", "io-error", "stopped"]
    assert "14 more seeds were not read" in result.report.errors[2].message  # 16 read
    assert len(result.written) == 14 and assert_nothing_half_written(project) == 14
    assert not list((project / "corpus").rglob(".*.tmp"))
    monkeypatch.setattr(os, "fsync", real_fsync)  # space was freed
    assert_rerun_completes(project, 16)


@pytest.mark.parametrize("syncfs", [True, False], ids=["syncfs", "fsync-each"])
def test_each_article_is_on_disk_before_its_name_and_the_names_are_synced_once_at_the_end(
        project: Path, monkeypatch: pytest.MonkeyPatch, syncfs: bool) -> None:
    """The batch is flushed before any of its names is linked (one syncfs for all, or each
    file's own fsync), and the names are made durable once after the last link (one syncfs,
    or one fsync of their folder): a power cut can lose the newest names but never leave a
    truncated article behind."""
    write_seeds(project, 6)  # Sep 1 to 6, 2022: one folder
    events: list[tuple[str, int]] = []
    real_fsync, real_link = os.fsync, os.link

    def fake_syncfs(fd: int) -> int:
        events.append(("fs-sync", os.fstat(fd).st_ino))
        os.sync()
        return 0

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        events.append(("folder-sync" if stat.S_ISDIR(info.st_mode) else "file-sync", info.st_ino))
        real_fsync(fd)

    def link(source: str, target: str) -> None:
        events.append(("link", os.stat(source).st_ino))
        real_link(source, target)

    monkeypatch.setattr(newfiles, "_syncfs", lambda: fake_syncfs if syncfs else None)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "link", link)
    result = ingest_paths([project / "seeds"], project)
    assert len(result.written) == 6 and result.report.errors == []
    links = [i for i, (kind, _) in enumerate(events) if kind == "link"]
    assert len(links) == 6
    for at in links:
        if syncfs:  # the whole batch written back before the first name
            assert [kind for kind, _ in events[:links[0]]] == ["fs-sync"]
        else:
            assert ("file-sync", events[at][1]) in events[:at]  # the bytes first, then the name
    after = [kind for kind, _ in events[links[-1] + 1:]]
    assert after == (["fs-sync"] if syncfs else ["folder-sync"])
    folder = (project / "corpus" / "articles" / "2022").stat().st_ino
    assert events[-1][1] == folder  # the folder of the new names (syncfs is called on it too)


@pytest.mark.slow
def test_a_real_write_failure_from_the_os_is_reported_not_a_traceback(project: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse to grow a file past 6 KB (EFBIG), as a full disk
    refuses a write: the long articles fail, the short ones are written, none is cut short."""
    write_seeds(project, 24, paragraphs=3, long_every=4)

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, (6000, 6000))

    process = start_ingest(project, preexec_fn=limit_file_size)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1 and "Traceback" not in err
    assert err.count("[io-error]") == 6 and "File too large" in err
    assert assert_nothing_half_written(project) == 18
    process = start_ingest(project)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert_batch_complete(project, 24)


def test_update_interrupted_between_rewrite_and_move_is_finished_by_the_next_update(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_seeds(project, 1)
    seed = project / "seeds" / "seed-0000.txt"
    assert len(ingest_paths([seed], project).written) == 1
    seed.write_text(seed.read_text(encoding="utf-8").replace("Sep 1, 2022", "Sep 3, 2022"),
                    encoding="utf-8")

    def killed(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([seed], project, update=True)
    monkeypatch.undo()
    [only] = article_files(project)  # one file for the seed, never two
    assert only.name.startswith("2022-09-01-")
    _, report = load_corpus(project)
    assert [d.code for d in report.errors] == ["date-mismatch"]  # visible, not silent
    result = ingest_paths([seed], project, update=True)
    assert result.report.errors == [] and [p.name[:10] for p in result.updated] == ["2022-09-03"]
    [moved] = article_files(project)
    assert moved.name.startswith("2022-09-03-")
    assert_batch_complete(project, 1)
