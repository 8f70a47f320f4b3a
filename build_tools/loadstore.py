"""The load cache (``loadcache``) kept on disk between commands: ``check``, ``mkdocs build``,
``ingest`` (its registries) and the first build of ``mkdocs serve`` read again only the
files that changed since the last command on the same project.

One file per project, in the user's cache folder (``ingest.cache.folder``: ``~/.cache/
news-corpus/load/``, off with ``CORPUS_CACHE=off``), named by the project's absolute path.
It is never in the project: what a repository carries (a pull request's files) cannot put
an entry there, and the entries are Python objects (pickle), which only this user's own
commands write. The file names the code it was made by (a digest of every module of
``build_tools``, Python's, pydantic's and PyYAML's versions) and starts with a digest of the
rest: a file from other code, or damaged, is not read, and the load starts empty. Entries
are used exactly as ``LoadCache`` uses them during ``serve`` (same bytes, same stamps of the
other files read, same registries), so a command with the stored cache reports and builds
what one without it does (tests/test_loadstore.py). Writing is best effort and atomic (a
temporary file, then a rename): a full disk only costs the next command its speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pydantic
import yaml

from build_tools.ingest import cache as derived
from build_tools.loadcache import LoadCache

MAGIC = b"news-corpus load cache 1\n"
# Projects come and go (``evaluate`` makes a temporary one each run): a stored cache unused
# for KEEP_DAYS, or beyond the KEEP_FILES most recently used, is removed when one is written.
KEEP_DAYS = 30
KEEP_FILES = 50


@cache
def code_version() -> str:
    """What the stored entries were made by: every module of build_tools and the versions of
    the packages whose objects they hold."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in (sys.version, pydantic.VERSION, yaml.__version__):
        digest.update(name.encode() + b"\0")
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_file(root: Path) -> Path | None:
    """Where the stored cache of the project at ``root`` is (None: nothing is kept)."""
    folder = derived.folder("load")
    if folder is None:
        return None
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:24]
    return folder / f"{name}.bin"


def read(root: Path) -> LoadCache | None:
    """The stored cache of ``root``: empty when there is none yet (or it is from other code, or
    damaged); None when caching is off."""
    path = cache_file(root)
    if path is None:
        return None
    loaded = LoadCache()
    try:
        data = path.read_bytes()
    except OSError:
        return loaded
    head = MAGIC + code_version().encode() + b"\n"
    digest, payload = data[len(head):len(head) + 64], memoryview(data)[len(head) + 65:]  # no copy
    if not data.startswith(head) or digest != hashlib.sha256(payload).hexdigest().encode():
        return loaded
    try:
        loaded.articles, loaded.registry = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - whatever is wrong with it, the load starts empty
        return LoadCache()
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > 86400:
            os.utime(path)  # in use: not pruned (a load that changes nothing writes nothing)
    return loaded


def write(root: Path, stored: LoadCache) -> None:
    """Keep ``stored`` for the next command; best effort."""
    path = cache_file(root)
    if path is None:
        return
    try:
        payload = pickle.dumps((stored.articles, stored.registry), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # an entry that cannot be kept: the next command loads it again
    head = b"".join((MAGIC, code_version().encode(), b"\n",
                     hashlib.sha256(payload).hexdigest().encode(), b"\n"))
    if derived.write_copy(path, head, payload):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Remove the stored caches of projects not loaded for long (see KEEP_DAYS)."""
    found = []
    for path in folder.glob("*.bin"):
        with contextlib.suppress(OSError):
            found.append((path.stat().st_mtime, path))
    found.sort(reverse=True)
    now = time.time()
    for rank, (mtime, path) in enumerate(found):
        if rank >= KEEP_FILES or now - mtime > KEEP_DAYS * 86400:
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def kept(root: Path) -> Iterator[LoadCache | None]:
    """The stored cache of ``root`` for one load (None when caching is off), written back
    after it if the load changed it. Not written when the load failed."""
    stored = read(root)
    yield stored
    if stored is not None and stored.changed:
        write(root, stored)
