"""Index and render stages, incremental: per-article results kept across the builds of one
process (``mkdocs serve``), each reused only while its inputs are the same.

Inputs are compared one by one: objects by identity, plain values (strings, numbers, tuples
of them) by equality. An unchanged file's ``Article`` is the same object from build to build
(``loadcache``), so a result made from it and from the same registry token is still right;
an edited article is a new object, and everything made from it is made again. A stage lists
every input its result depends on; ``tests/test_incremental.py`` compares incremental
builds after edits with fresh ones, so an input left out shows up as a difference.

``Memo(enabled=False)`` (the default in ``build_site``) computes every value afresh.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")
_VALUES = (str, int, float, bool, bytes, type(None))


def _same(old: Any, new: Any) -> bool:
    if old is new:
        return True
    if isinstance(old, tuple) and isinstance(new, tuple):
        if len(old) != len(new):
            return False
        return all(map(operator.is_, old, new)) or all(map(_same, old, new))
    return isinstance(old, _VALUES) and type(old) is type(new) and bool(old == new)


class Memo:
    """Results by (stage, key), each stored with the inputs it was made from."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.token = ""  # the registries' token of this build (``loadcache.registry_token``)
        self.tables: dict[str, dict[str, tuple[Any, Any]]] = {}
        self.used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, stage: str, key: str, inputs: Any, make: Callable[[], T]) -> T:
        """The value ``make()`` returns for ``inputs``: kept from an earlier build if that
        build's inputs were the same."""
        if not self.enabled:
            return make()
        table = self.tables.setdefault(stage, {})
        self.used.setdefault(stage, set()).add(key)
        found = table.get(key)
        if found is not None and _same(found[0], inputs):
            self.hits += 1
            value: T = found[1]
            return value
        self.misses += 1
        value = make()
        table[key] = (inputs, value)
        return value

    def start(self, token: str) -> None:
        self.used, self.hits, self.misses = {}, 0, 0
        if token != self.token:  # an equal token stays the same object: compared by identity
            self.token = token

    def finish(self) -> None:
        """Forget what this build did not ask for (removed articles): memory follows the corpus."""
        for stage, table in self.tables.items():
            used = self.used.get(stage, set())
            for key in set(table) - used:
                del table[key]
