"""New files written as one batch: each complete on disk before its name appears, one flush.

Ingest writes thousands of new articles in a run. Flushing each to the disk before linking its
name (``textfile.create_exclusive``) made every article wait for its own journal commit: on a
busy disk 2 to 6 ms an article, more than everything else ingest does with it. ``NewFiles``
keeps the same promise for a whole batch: ``add`` writes the bytes into a temporary sibling
(``.<name>.<pid>.<random>.tmp``, as every write here), ``commit`` flushes all of them (on a
journalling file system the first flush carries the others' blocks, so the rest return at
once), then links each name, never over an existing file, and syncs each folder once.

On ext4 with delayed allocation one file's flush does not carry the others' blocks (they are
allocated at their own flush), and each fsync waits for its own journal commit: 0.2 to 3 ms a
file on this machine's shared disk. On Linux the batch is instead written back as a whole
with ``syncfs`` (one call a file system, about 0.1 ms a file), and after the links one more
``syncfs`` makes the names durable; where ``syncfs`` is missing or reports an error, or the
batch has fewer than ``SYNCFS_FROM`` files, each file is flushed on its own (which also tells
which one failed) and each folder synced.

A power cut or ``kill -9`` before ``commit`` leaves temporary files only, which the next run
removes as leftovers (``files.leftovers``) before writing those articles again; after it, whole
files. A file that cannot be flushed (a full disk can refuse at that point) is not linked: its
outcome says why, and the rest of the batch goes on.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from build_tools.files.textfile import new_temporary_sibling, sync_folders

# ``syncfs`` writes back everything the file system holds, other programs' data too: for one
# article (ingest of a single seed) its two calls took 0.1 s, where one file's fsync takes 0.2
# to 3 ms on this disk. Batches smaller than this are flushed a file, and a folder, at a time.
SYNCFS_FROM = 4


@dataclass(frozen=True)
class Outcome:
    """What became of one file of a batch: written, or already there, or why not."""

    path: Path
    created: bool
    error: OSError | None = None  # set when neither written nor found there


@dataclass
class _Staged:
    path: Path
    temporary: str
    fd: int


class NewFiles:
    """A batch of files to create exclusively; ``limit`` bounds how many wait (and their open
    descriptors): ``add`` says when the batch is full, then the caller commits it."""

    def __init__(self, limit: int = 64) -> None:
        self.limit = limit
        self._staged: list[_Staged] = []
        self._folders: set[Path] = set()

    def __len__(self) -> int:
        return len(self._staged)

    @property
    def full(self) -> bool:
        return len(self._staged) >= self.limit

    def add(self, path: Path, text: str) -> None:
        """Write ``text`` for ``path`` into a temporary sibling; raises OSError (nothing stays
        behind) when it cannot be written."""
        if path.parent not in self._folders:  # made once a run, not asked of the disk each file
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        try:
            fd, temporary = new_temporary_sibling(path)
        except FileNotFoundError:  # its folder was removed meanwhile: made again
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temporary = new_temporary_sibling(path)
        try:
            write_all(fd, text.encode("utf-8"))
        except BaseException:
            with contextlib.suppress(OSError):  # already closed by the failed write
                os.close(fd)
            Path(temporary).unlink(missing_ok=True)
            raise
        self._staged.append(_Staged(path, temporary, fd))

    def commit(self) -> list[Outcome]:
        """Flush every staged file, then link the names of those flushed; one outcome each,
        in the order they were added. The batch is empty afterwards, whatever happened."""
        staged, self._staged = self._staged, []
        small = len(staged) < SYNCFS_FROM
        try:
            whole = not small and _write_back([item.fd for item in staged])
        except OSError:  # e.g. fstat refused: each file on its own then
            whole = False
        flushed: dict[int, OSError | None] = {}
        for index, item in enumerate(staged):
            try:
                if not whole:  # each file on its own, and its own error
                    os.fsync(item.fd)
                flushed[index] = None
            except OSError as exc:
                flushed[index] = exc
            try:
                os.close(item.fd)
            except OSError as exc:  # a late write error: this file is not trusted
                flushed[index] = flushed[index] or exc
        outcomes: list[Outcome] = []
        folders: set[Path] = set()
        try:
            for index, item in enumerate(staged):
                failure = flushed[index]
                if failure is None:
                    try:
                        os.link(item.temporary, item.path)  # never replaces a person's file
                        folders.add(item.path.parent)
                        outcomes.append(Outcome(item.path, True))
                    except FileExistsError:
                        outcomes.append(Outcome(item.path, False))
                    except OSError as exc:
                        outcomes.append(Outcome(item.path, False, exc))
                else:
                    outcomes.append(Outcome(item.path, False, failure))
        finally:
            for item in staged:
                Path(item.temporary).unlink(missing_ok=True)
            if small:
                sync_folders(folders)
            else:
                _sync_names(folders)
        return outcomes


def _write_back(fds: list[int]) -> bool:
    """Write back every file system ``fds`` are on and wait (Linux ``syncfs``, one call a file
    system); True when that succeeded, so every byte of those files is on disk (since Linux
    5.8 ``syncfs`` also reports a write-back error). False elsewhere or on an error: then each
    file is flushed on its own, which says which one failed."""
    syncfs = _syncfs()
    if not fds or syncfs is None:
        return False
    devices: dict[int, int] = {}
    for fd in fds:
        devices.setdefault(os.fstat(fd).st_dev, fd)
    return all(syncfs(fd) == 0 for fd in devices.values())


def _sync_names(folders: set[Path]) -> None:
    """Make the new names durable: one ``syncfs`` a file system (the journal holds the folders'
    changes), else one fsync a folder."""
    syncfs = _syncfs()
    if syncfs is None:
        sync_folders(folders)
        return
    by_device: dict[int, list[Path]] = {}
    for folder in sorted(folders):
        with contextlib.suppress(OSError):
            by_device.setdefault(os.stat(folder).st_dev, []).append(folder)
    for same in by_device.values():
        try:
            fd = os.open(same[0], os.O_RDONLY)
        except OSError:
            sync_folders(set(same))
            continue
        try:
            done = syncfs(fd) == 0
        finally:
            os.close(fd)
        if not done:
            sync_folders(set(same))


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's syncfs(2), or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).syncfs  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # pragma: no cover - a C library without it
        return None


def write_all(fd: int, data: bytes) -> None:
    """Every byte of ``data`` to ``fd`` (a write may take only part of it)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
