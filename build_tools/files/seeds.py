"""Where a seed may be read from and published: a real file under ``seeds/``.

A corpus file names its seed; the site publishes that file. A symlink or a path that resolves
outside ``seeds/`` could publish any file the build can read (``/etc/passwd``, the CI
environment), so such a seed is refused everywhere.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def seed_file(root: Path, seed: str) -> Path | None:
    """The seed's path if it is a regular file inside ``root/seeds`` reached without symlinks."""
    folder = root / "seeds"
    path = root / seed
    try:
        relative = path.relative_to(folder)
    except ValueError:
        return None
    if ".." in relative.parts:  # inside only if the resolved path says so
        return _seed_file_resolved(folder, path, relative)
    # no symlink from seeds/ down and no "..": the path is inside; one lstat a part (load
    # asks twice an article: the resolving way cost 18 system calls)
    current, mode = folder, _mode(folder)
    for part in relative.parts:
        if mode is None or stat.S_ISLNK(mode):
            return None
        current = current / part
        mode = _mode(current)
    return path if relative.parts and mode is not None and stat.S_ISREG(mode) else None


def _mode(path: Path) -> int | None:
    """The file's own mode (a symlink's, not its target's), None when there is no such file."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return None


def _seed_file_resolved(folder: Path, path: Path, relative: Path) -> Path | None:
    current = folder
    if current.is_symlink():
        return None
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return None
    try:
        resolved = path.resolve(strict=True)
        resolved.relative_to(folder.resolve(strict=True))
    except (OSError, ValueError):
        return None
    return path if path.is_file() else None


def published_seed_uri(seed: str) -> str:
    """Where the site serves a seed: plain text as it is, anything else with ``.txt`` added.

    The site serves seeds from its own origin. A saved web page (.html) is untrusted HTML with
    scripts: served as a page it would run them there, with the site's cookies and storage,
    and MkDocs would build a .md seed into a page. Named ``.txt`` it is served as text/plain,
    which browsers show and never render, byte for byte as received, still checkable."""
    return seed if seed.lower().endswith(".txt") else seed + ".txt"


def read_seed_text(path: Path | None) -> str | None:
    """The seed's text as published, for character offsets: decoded (UTF-8 without its BOM,
    else Windows-1251 as ingest accepts it), line ends kept as they are in the file."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None  # pragma: no cover - cp1251 decodes any byte but 0x98
