"""Long runs over a large, settled heap: keep the cyclic garbage collector off what is settled.

Ingest loads the registries (thousands of actors, the gazetteer, the recogniser's indexes)
once, then makes short-lived objects for every seed; a build loads the corpus and its indexes,
then renders page after page. Python's collector now and then walks every object it tracks
to find cycles: with ingest's heap each full walk took about 50 ms, four of them in a
1,000-seed run (4 % of its time); in a 1,000-article build six walks took 0.55 s.
``Freeze`` moves everything made so far out of the collector's reach (``gc.freeze``), so its
walks see only what is made afterwards, and gives it back (``gc.unfreeze``) when the run
ends. Reference counting still frees what is settled as soon as it is dropped; only a cycle
among settled objects dropped meanwhile waits for the thaw (the settled heap is what the run
keeps to its end: registries, corpus, indexes).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

# How many ``Freeze`` objects hold the heap frozen now. ``gc.get_freeze_count`` counts the
# frozen objects one by one (30 ms for 3 million, over 0.1 s a call at 5,000 articles), so it
# is asked only when nothing of ours is frozen, where it is instant unless someone else froze.
_holders = 0


class Freeze:
    """``freeze()`` then ``thaw()``, possibly in different hooks of a build; ``thaw`` undoes
    only this object's own freeze (a heap someone else froze is left as it is)."""

    def __init__(self) -> None:
        self.frozen = False

    def freeze(self) -> None:
        global _holders
        if self.frozen or _holders or not gc.isenabled() or gc.get_freeze_count():
            return
        gc.freeze()
        self.frozen = True
        _holders += 1

    def thaw(self) -> None:
        global _holders
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
            _holders -= 1


@contextlib.contextmanager
def settled() -> Iterator[None]:
    """The heap as it is, frozen for the block."""
    freeze = Freeze()
    freeze.freeze()
    try:
        yield
    finally:
        freeze.thaw()


def settle() -> None:
    """In a run frozen here, freeze what was made since as well (a pipeline stage's result,
    every few hundred loaded articles): ``gc.freeze`` only joins lists, so this costs nothing,
    and a heap that grows stage by stage is never walked whole. Outside one: nothing."""
    if _holders:
        gc.freeze()
