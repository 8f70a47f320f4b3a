"""A large synthetic actor registry for the ingest benchmark ("2,000 actors and aliases").

The real registry has a few dozen actors; ingest's cost grows with the number of names it
must recognise, so the benchmark pads ``corpus/actors/`` to ``total`` actors with made-up
people and organisations, each with one to three aliases. The names are invented from
syllables, so they almost never occur in the generated articles: they make the recogniser's
work realistic without changing which actors the articles name.
"""

from __future__ import annotations

import random
from pathlib import Path

SYLLABLES = ["ka", "lo", "mir", "ven", "to", "ra", "zel", "an", "dor", "vi", "sha", "nek",
             "bru", "sto", "len", "gar", "fi", "tam", "ol", "rek", "su", "ber", "mon", "ta"]
ORG_WORDS = ["Council", "Front", "Union", "Committee", "Institute", "Party", "Bureau",
             "Foundation", "Movement", "Agency", "Alliance", "Centre"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _person(rng: random.Random) -> tuple[str, list[str]]:
    first, middle, last = _word(rng), _word(rng), _word(rng)
    aliases = [last, f"{first[0]}. {last}", f"{first} {middle} {last}"]
    return f"{first} {last}", aliases[:rng.randint(1, 3)]


def _organisation(rng: random.Random) -> tuple[str, list[str]]:
    words = [_word(rng) for _ in range(rng.randint(1, 2))]
    name = f"{' '.join(words)} {rng.choice(ORG_WORDS)}"
    acronym = "".join(w[0] for w in name.split()).upper() + rng.choice("XYZQ")
    return name, [acronym][:rng.randint(0, 1)] + [f"the {name}"]


def pad_actors(root: Path, total: int, seed: int = 7) -> int:
    """Add synthetic actors to ``root/corpus/actors`` until it holds ``total``; returns how many
    were added. Ids, names and aliases are unique (a clash with a real name is skipped)."""
    folder = root / "corpus" / "actors"
    existing = {p.stem for p in folder.glob("*.md")}
    rng = random.Random(seed)
    used: set[str] = set()
    added = 0
    while len(existing) + added < total:
        kind = "person" if rng.random() < 0.7 else "organisation"
        name, aliases = _person(rng) if kind == "person" else _organisation(rng)
        slug = name.lower().replace(". ", "-").replace(" ", "-")
        forms = [name, *aliases]
        if slug in existing or any(f.lower() in used for f in forms):
            continue
        used.update(f.lower() for f in forms)
        lines = ["---", f"name: {name}", f"kind: {kind}", "aliases:",
                 *(f"- {alias}" for alias in aliases), "status: accepted", "---",
                 f"{name} is a synthetic actor of the ingest benchmark.", ""]
        (folder / f"{slug}.md").write_text("\n".join(lines), encoding="utf-8")
        added += 1
    return added
