"""``NewFiles``' temporary files: named as leftovers are recognised, created with the mode a
plain open() gives (the umask applies), and made in a folder that went missing meanwhile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_tools.files.leftovers import TEMP_NAME, is_leftover
from build_tools.files.newfiles import NewFiles


def test_new_files_take_the_umask_mode_and_leftover_names(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        batch = NewFiles()
        batch.add(tmp_path / "2022" / "a.md", "one\n")
        (temporary,) = (tmp_path / "2022").iterdir()  # before the commit: the temporary only
        assert TEMP_NAME.match(temporary.name) and not is_leftover(temporary.name)  # ours, running
        assert temporary.name.startswith(".a.md.")
        outcomes = batch.commit()
    finally:
        os.umask(old)
    assert [o.created for o in outcomes] == [True]
    assert [p.name for p in (tmp_path / "2022").iterdir()] == ["a.md"]
    assert (tmp_path / "2022" / "a.md").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "2022" / "a.md").read_text(encoding="utf-8") == "one\n"


def test_a_folder_removed_between_two_files_is_made_again(tmp_path: Path) -> None:
    batch = NewFiles()
    batch.add(tmp_path / "2022" / "a.md", "one\n")
    batch.commit()
    shutil.rmtree(tmp_path / "2022")
    batch.add(tmp_path / "2022" / "b.md", "two\n")
    assert [o.created for o in batch.commit()] == [True]
    assert (tmp_path / "2022" / "b.md").read_text(encoding="utf-8") == "two\n"


def test_a_batch_of_a_few_files_is_flushed_file_by_file_not_by_syncfs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from build_tools.files import newfiles

    calls: list[str] = []
    monkeypatch.setattr(newfiles, "_syncfs", lambda: lambda fd: calls.append("syncfs") or 0)
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    for count, expected in ((1, ["fsync", "fsync"]), (newfiles.SYNCFS_FROM, ["syncfs", "syncfs"])):
        calls.clear()
        batch = NewFiles()
        for n in range(count):
            batch.add(tmp_path / f"b{count}" / f"{n}.md", "x\n")
        assert all(o.created for o in batch.commit())
        assert calls == expected, count  # one file and its folder; or two syncfs for the batch
