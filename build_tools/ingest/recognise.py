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


def _compile(surfaces: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{trie_pattern(surfaces)})(?=(?:'s?)?(?![\w]))")


class Recogniser:
    def __init__(self, actors: Iterable[Actor]) -> None:
        self.by_surface: dict[str, list[str]] = {}
        self.kinds: dict[str, ActorKind] = {}
        self.by_surname: dict[str, list[str]] = {}  # "Yanukovych" -> people named "... Yanukovych"
        self._found: dict[str, tuple[Mention, ...]] = {}
        self._add(actors)
        # what a glued name must begin with: most capitalised words are then passed over at once
        self._heads = {surface[:5] for surface in self.by_surface if len(surface) >= 5}
        # The registry's names in one pattern, and the names added since (``extended``) in a
        # second, small one: compiling a few thousand names takes a fifth of a second, too
        # long to repeat for every seed whose proposals add a name.
        self._base = _compile(self.by_surface) if self.by_surface else None
        self._added: list[str] = []
        self._patterns = [self._base] if self._base else []

    def _add(self, actors: Iterable[Actor]) -> list[str]:
        """Record ``actors``' names; returns the surfaces that are new."""
        new = []
        for actor in actors:
            self.kinds[actor.id] = actor.meta.kind
            for surface in [actor.meta.name, *actor.meta.aliases]:
                key = normalise(surface.strip())
                if len(key) < 2:
                    continue
                if key not in self.by_surface:
                    new.append(key)
                ids = self.by_surface.setdefault(key, [])
                if actor.id not in ids:
                    ids.append(actor.id)
                words = key.split()
                if actor.meta.kind is ActorKind.PERSON and len(words) >= 2 and words[-1][:1].isupper():
                    people = self.by_surname.setdefault(words[-1], [])
                    if actor.id not in people:
                        people.append(actor.id)
        return new

    def extended(self, actors: Iterable[Actor]) -> Recogniser:
        """This recogniser with the actors it does not know yet (the stubs ``--propose`` just
        wrote) added: only their names are compiled, and it finds what a recogniser built
        from all of them would find."""
        grown = object.__new__(Recogniser)
        grown.by_surface = {k: list(v) for k, v in self.by_surface.items()}
        grown.kinds = dict(self.kinds)
        grown.by_surname = {k: list(v) for k, v in self.by_surname.items()}
        grown._found = {}
        new = grown._add(a for a in actors if a.id not in self.kinds)
        grown._heads = self._heads | {s[:5] for s in new if len(s) >= 5}
        grown._added = self._added + new
        grown._base = self._base
        grown._patterns = [self._base] if self._base else []
        if grown._added:
            grown._patterns.append(_compile(grown._added) if new else self._patterns[-1])
        return grown

    def _scan(self, norm: str) -> list[re.Match[str]]:
        """The matches of one left-to-right scan over the union of the patterns: at each place
        the longest name of any of them, exactly as one pattern of all the names would."""
        if len(self._patterns) == 1:
            return list(self._patterns[0].finditer(norm))
        found: list[re.Match[str]] = []
        pos = 0
        nexts = [p.search(norm, pos) for p in self._patterns]
        while True:
            live = [m for m in nexts if m is not None]
            if not live:
                return found
            best = min(live, key=lambda m: (m.start(), -m.end()))
            found.append(best)
            pos = best.end()
            nexts = [m if m is None or m.start() >= pos else p.search(norm, pos)
                     for p, m in zip(self._patterns, nexts, strict=True)]

    def find(self, text: str) -> list[Mention]:
        """Registry names in ``text``, longest first at each place. Ingest asks about the same
        paragraph several times (roles, quotes, sources, names): the answer is remembered."""
        if not self._patterns:
            return []
        found = self._found.get(text)
        if found is None:
            if len(self._found) > 4096:
                self._found.clear()
            norm = normalise(text)
            found = tuple(Mention(tuple(self.by_surface[m.group(0)]), m.start(), m.end(),
                                  text[m.start():m.end()]) for m in self._scan(norm))
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
