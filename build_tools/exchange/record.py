"""The one shape every exchange format reads and writes: an annotation with character
offsets into its seed (Python ``str`` indices of the text ``read_seed_text`` returns).

Formats parse into ``Record``s (with the file and line they came from) and format from them,
so what does not depend on a format (which kinds are exchanged, the order of rows) is decided
here once; ``collect.py`` makes records from the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

# the kinds other tools exchange; speaker turns stay in the corpus
KINDS = ("technique", "quote", "claim", "tn")


@dataclass(frozen=True)
class Record:
    kind: str  # one of KINDS
    start: int  # offsets into the seed, end exclusive
    end: int
    label: str | None = None  # technique: the label other tools use ("Loaded_Language")
    technique: str | None = None  # technique: "codebook/id", once resolved
    actor: str | None = None  # quote: who speaks
    assessment: str | None = None  # claim: an Assessment value
    note: str | None = None  # translation note, or a comment on the span
    path: str = ""  # where it is written: the file imported, or the corpus file
    line: int = 0  # and its 1-based line there

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.start, self.end, KINDS.index(self.kind), self.label or "")
