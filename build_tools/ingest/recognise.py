"""Recognise registry actors in text: names and aliases, longest match first, on word boundaries.

Input: the actor registry. Output: ``Mention`` records (actor ids, offsets, surface form).
Used by ingest (actors, speakers, cited sources) and by ``evaluate``.
Matching is case-sensitive ("US" is not "us"), treats curly and straight apostrophes and
non-breaking spaces alike, allows a possessive ("Zelensky's") and never matches inside a
word ("Koreans" does not contain "Korea" as a mention; "South Korean" wins over "Korean"). A
hyphen does not glue words, on either side: "Russia-Ukraine war" names both states.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from build_tools.model import Actor, ActorKind

_NORMALISE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "‑": "-", "–": "-"})


def normalise(text: str) -> str:
    """Same length as ``text``, so offsets stay valid."""
    return text.translate(_NORMALISE)


def trie_pattern(surfaces: Iterable[str]) -> str:
    """One regular expression matching any of ``surfaces``, the longest first at a place.

    A plain alternation of a few thousand names makes the regex engine try each name at every
    character of the text (the starter registry's 2,000 names made ingest five times slower);
    a character trie tries only the names that begin with the character found. Preferring
    the longer name is kept: below a node where a name may end, going on comes first (a
    greedy optional group), so "South Korea" wins over "South" as the alternation sorted by
    length did. Chains without a branch are written as one literal, so nesting stays shallow.
    """
    trie: dict[str, Any] = {}
    for surface in surfaces:
        node = trie
        for char in surface:
            node = node.setdefault(char, {})
        node[""] = {}  # a name ends here
    return _trie_node(trie)


def _trie_node(node: dict[str, Any]) -> str:
    branches = []
    for char in sorted(k for k in node if k):
        literal, child = char, node[char]
        while len(child) == 1 and "" not in child:
            ((next_char, child),) = child.items()
            literal += next_char
        branches.append(re.escape(literal) + _trie_node(child))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True)
class Mention:
    actor_ids: tuple[str, ...]
    start: int
    end: int
    surface: str


class Recogniser:
    def __init__(self, actors: Iterable[Actor]) -> None:
        self.by_surface: dict[str, list[str]] = {}
        self.kinds: dict[str, ActorKind] = {}
        self.by_surname: dict[str, list[str]] = {}  # "Yanukovych" -> people named "... Yanukovych"
        self._found: dict[str, tuple[Mention, ...]] = {}
        for actor in actors:
            self.kinds[actor.id] = actor.meta.kind
            for surface in [actor.meta.name, *actor.meta.aliases]:
                key = normalise(surface.strip())
                if len(key) < 2:
                    continue
                ids = self.by_surface.setdefault(key, [])
                if actor.id not in ids:
                    ids.append(actor.id)
                words = key.split()
                if actor.meta.kind is ActorKind.PERSON and len(words) >= 2 and words[-1][:1].isupper():
                    people = self.by_surname.setdefault(words[-1], [])
                    if actor.id not in people:
                        people.append(actor.id)
        # what a glued name must begin with: most capitalised words are then passed over at once
        self._heads = {surface[:5] for surface in self.by_surface if len(surface) >= 5}
        if self.by_surface:
            self.pattern: re.Pattern[str] | None = re.compile(
                rf"(?<![\w'])(?:{trie_pattern(self.by_surface)})(?=(?:'s?)?(?![\w]))")
        else:
            self.pattern = None

    def find(self, text: str) -> list[Mention]:
        """Registry names in ``text``, longest first at each place. Ingest asks about the same
        paragraph several times (roles, quotes, sources, names): the answer is remembered."""
        if self.pattern is None:
            return []
        found = self._found.get(text)
        if found is None:
            if len(self._found) > 4096:
                self._found.clear()
            norm = normalise(text)
            found = tuple(Mention(tuple(self.by_surface[m.group(0)]), m.start(), m.end(),
                                  text[m.start():m.end()]) for m in self.pattern.finditer(norm))
            self._found[text] = found
        return list(found)

    def find_glued(self, text: str, kinds: tuple[str, ...] = ("person",)) -> list[Mention]:
        """Names glued to the next word by a bad copy or translation ("Arestovichrumors").

        Only capitalised aliases of at least five letters followed by three or more
        lower-case letters count, so "Russians" or "Koreans" never do.
        """
        found = []
        norm = normalise(text)
        for match in re.finditer(r"(?<![\w'-])([A-Z][\w'.-]*?)([a-z]{3,})(?![\w])", norm):
            word = match.group(0)
            if word[:5] not in self._heads:
                continue
            for cut in range(len(word) - 3, 4, -1):
                ids = self.by_surface.get(word[:cut])
                if ids and self.kinds.get(ids[0]) in kinds and word[cut:].islower():
                    found.append(Mention(tuple(ids), match.start(), match.start() + cut,
                                         text[match.start():match.start() + cut]))
                    break
        return found

    def persons_by_surname(self, word: str) -> list[str]:
        """People whose name or an alias ends with ``word``, or is ``word``: "Yanukovych"."""
        key = normalise(word)
        exact = [a for a in self.by_surface.get(key, []) if self.kinds.get(a) == "person"]
        return sorted(set(exact + self.by_surname.get(key, [])))

    def kind(self, actor_id: str) -> ActorKind | None:
        return self.kinds.get(actor_id)
