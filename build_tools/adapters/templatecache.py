"""Compiled theme templates, kept between builds.

MkDocs makes a new Jinja environment for every build, ``mkdocs serve``'s rebuilds included,
and Jinja then parses and compiles each of Material's templates again: about 0.15 s of every
rebuild. ``TemplateCache`` is Jinja's own bytecode-cache interface: the compiled code of each
template is kept in memory for the process (a ``serve`` session) and in the user's cache
folder (``~/.cache/news-corpus/templates/``, like ``loadstore``: never in the project, whose
files a pull request could carry; off with ``CORPUS_CACHE=off``) for the next command. Jinja
keys an entry by the template's name and file and checks it against a digest of the
template's source and its own version, so an edited template is compiled again; a damaged
entry is compiled again too. (Jinja reads an entry with pickle and marshal: that is why they
are kept where only this user's own commands write.)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from build_tools.ingest import cache as derived


class TemplateCache(BytecodeCache):
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.memory: dict[str, bytes] = {}

    @classmethod
    def in_user_cache(cls) -> TemplateCache:
        return cls(derived.folder("templates"))

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.cache" if self.folder is not None else None

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.memory.get(bucket.key)
        path = self._path(bucket.key)
        if data is None and path is not None:
            with contextlib.suppress(OSError):
                data = path.read_bytes()
        if data is None:
            return
        try:  # Jinja's checks: an entry of another source or Jinja is compiled again
            bucket.bytecode_from_string(data)
        except Exception:  # noqa: BLE001 - a damaged entry (Jinja reads it with pickle and marshal)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        data = bucket.bytecode_to_string()
        self.memory[bucket.key] = data
        path = self._path(bucket.key)
        if path is None:
            return
        derived.write_copy(path, data)

    def clear(self) -> None:
        self.memory.clear()
