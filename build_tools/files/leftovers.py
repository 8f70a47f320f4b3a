"""Temporary files left by an interrupted write: found, and removed once their writer is gone.

``files.textfile`` writes every file through ``.<name>.<pid>.<random>.tmp`` beside it. A
``kill -9`` or a power cut between creating that file and renaming (or linking) it leaves it
behind: never a corpus file (its name starts with a dot, so nothing reads it), but litter. A
temporary file whose process no longer runs is a leftover: ``ingest`` and ``annotations
import`` remove those under the folders they write, and ``check`` reports any that remain.
A file whose writer still runs (a concurrent ingest) is never touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[A-Za-z0-9_]{8}\.tmp$")
# Before the process id was part of the name: the writer cannot be known, only reported.
OLD_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp$")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # another user's process (or a number no process can have)
    return True


def is_leftover(name: str) -> bool:
    """A temporary file name of ``files.textfile`` whose writer no longer runs (or is unknown)."""
    match = TEMP_NAME.match(name)
    if match:
        return not _running(int(match["pid"]))
    return bool(OLD_TEMP_NAME.match(name))


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the leftovers under ``folder`` whose writer is known to be gone; the paths."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for path in folder.rglob(".*.tmp"):
        match = TEMP_NAME.match(path.name)
        if match and not _running(int(match["pid"])) and path.is_file():
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed
