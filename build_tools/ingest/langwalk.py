"""The language identifier's feature counts, without a Python loop over every byte.

py3langid finds the byte n-grams of a text with a compiled automaton (Aho-Corasick): one
lookup in a 39 MB table per byte, in a Python loop: 0.12 ms for an 800-character sample timed
alone, 0.75 ms in the middle of an ingest run (the table is far larger than the caches the rest
of the run fills), the largest single cost of ingesting a seed.

The automaton's state after a byte is the longest suffix of the text so far that is a node of
its n-gram trie, and no node is deeper than ``depth`` bytes (6 in the model py3langid ships;
``automaton_depth`` finds it on first use; it is kept in the cache). So the state after byte ``i``
depends only on bytes ``i - depth + 1 .. i``: walking the automaton from its start over just
those bytes reaches the same state. ``FeatureCounter`` does that for every position at once,
``depth`` vectorised NumPy lookups instead of one Python step per byte (0.46 ms a seed in
the same run, both timed on each seed), then counts the features. The counts are exactly
py3langid's, in the same first-seen order, so the scores are bit for bit the same:
``tests/test_langwalk.py`` compares them with ``py3langid.langid.visit_counts``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

MAX_DEPTH = 64  # past this, the byte-by-byte walk is as quick
VERSION = "1"  # of automaton_depth: part of the key its result is kept under


def automaton_depth(nextmove: Any, rowbase: Any) -> int:
    """The largest number of steps from the start state to a state: the longest trie node."""
    import numpy as np

    table = np.asarray(nextmove)
    rows = np.asarray(rowbase, dtype=np.int64)
    seen = np.zeros(len(rows), dtype=bool)
    seen[0] = True
    frontier = np.zeros(1, dtype=np.int64)
    depth = 0
    columns = np.arange(256, dtype=np.int64)
    while True:
        targets = np.unique(table[(rows[frontier][:, None] + columns).ravel()])
        frontier = targets[~seen[targets]].astype(np.int64)
        if not len(frontier):
            return depth
        seen[frontier] = True
        depth += 1


class FeatureCounter:
    """``counts(text)``: {feature: count} as ``py3langid.langid.visit_counts`` gives them."""

    def __init__(self, nextmove: Any, rowbase: Any, output: Any, depth: int) -> None:
        import numpy as np

        if not 1 <= depth <= MAX_DEPTH:
            raise ValueError(f"automaton depth {depth} is not between 1 and {MAX_DEPTH}")
        self.table = np.asarray(nextmove)
        self.rows = np.asarray(rowbase, dtype=np.int64)
        self.output = np.asarray(output, dtype=np.int64)
        self.depth = depth

    def counts(self, text: bytes) -> dict[int, int] | None:
        """None when the text outputs no feature (as visit_counts)."""
        import numpy as np

        size = len(text)
        if not size:
            return None
        data = np.frombuffer(text, dtype=np.uint8).astype(np.int64)
        # states[i]: the state after byte i, reached from the start over the last `depth`
        # bytes up to i (fewer at the start of the text, where there are fewer)
        states = np.zeros(size, dtype=np.int64)
        table, rows = self.table, self.rows
        for back in range(min(self.depth, size) - 1, -1, -1):
            # step: byte i - back, for each position i that has such a byte
            states[back:] = table[rows[states[back:]] + data[:size - back]]
        features = self.output[states]
        # counted in first-seen order, as py3langid's Counter does (its scores sum in that order)
        return Counter(features[features >= 0].tolist()) or None
