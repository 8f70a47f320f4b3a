"""The starter registry: actors that news about international politics names most, shipped
with the package and kept apart from a corpus's own files (``corpus/actors/``).

A corpus turns a starter set on with ``python -m build_tools registry add-starter``, which
records ``starter: [world]`` in ``corpus/config.yml``; nothing is copied into the corpus. Load
(and so check, ingest and the site) then sees the set's entries beneath the corpus's own
actors, and a corpus entry with the same id, Wikidata id or a shared name wins
(``merge.py``). The data is ``world-*.yml`` beside this file, written from public facts:
states from ``make_states.py``, the rest by hand (rules in ``world-README.md``).
"""

from __future__ import annotations

from pathlib import Path

# The sets a corpus can turn on; each is the files ``<name>-*.yml`` in this folder.
STARTER_SETS = ("world",)
FOLDER = Path(__file__).parent
# How its files are named in messages: the same place in a checkout and in an installed package.
SHOWN_FOLDER = "build_tools/starter"


def set_files(name: str) -> list[Path]:
    """The data files of starter set ``name``, in a fixed order."""
    return sorted(FOLDER.glob(f"{name}-*.yml"))
