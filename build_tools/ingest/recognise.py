"""Recognise registry actors in text: names and aliases, longest match first, on word boundaries.

Input: the actor registry. Output: ``Mention`` records (actor ids, offsets, surface form).
Used by ingest (actors, speakers, cited sources) and by ``evaluate``.
Matching is case-sensitive ("US" is not "us"), treats curly and straight apostrophes and
non-breaking spaces alike, allows a possessive ("Zelensky's") and never matches inside a
word ("Koreans" does not contain "Korea" as a mention; "South Korean" wins over "Korean"). A
hyphen does not glue words, on either side: "Russia-Ukraine war" names both states.

Within one article (``for_article``), a person's surname alone ("Obama") names the person
the article calls by the full name ("Barack Obama"), as news style does after the first
mention; it is never an alias elsewhere. It is not resolved when two people of the article
share it ("Clinton" for Bill and Hillary) or when it is itself another actor's name.

Cyrillic aliases also match their inflected forms ("Зеленского" for "Зеленский"), through
``lemmas.LemmaMatcher``; text in other scripts is matched exactly, as before.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from build_tools.ingest.lemmas import LemmaMatcher
from build_tools.model import Actor, ActorKind

# What may follow a name: a possessive ("Zelensky's", "Reuters'") and then no word character.
_AFTER_NAME = re.compile(r"(?:'s?)?(?!\w)")
_FIRST_WORD = re.compile(r"\w+")
_WORD = _FIRST_WORD  # a whole word: \w is what str.isalnum() accepts, and "_"
_HEAD = 4  # characters after a name's first word that file it (Recogniser._index)
# A capitalised word ending in three or more lower-case letters, not after a word character,
# an apostrophe or a hyphen; the capital comes first so that `re` skips to the next capital
# (the look-behind after it asks about the character before it).
_GLUED = re.compile(r"[A-Z](?<![\w'-][A-Z])[\w'.-]*?[a-z]{3,}(?!\w)")


# ASCII characters that are not word characters (``\w``), each made a space: a text's words are
# then what ``str.split`` gives, about twice as fast as ``_WORD.findall``
_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not (c.isalnum() or c == "_")})


def words(text: str) -> list[str]:
    """The text's words, as ``_WORD.findall`` lists them."""
    if text.isascii():
        return text.translate(_NOT_WORD).split()
    return _WORD.findall(text)


def _first_word(surface: str) -> str:
    """The word characters a name begins with ("" for "(a name)")."""
    found = _FIRST_WORD.match(surface)
    return found.group(0) if found else ""

_NORMALISE = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("\u00a0", " "), ("‑", "-"), ("–", "-"))


def normalise(text: str) -> str:
    """Same length as ``text``, so offsets stay valid. (``str.translate`` looked every
    character up in a table: ingest calls this about a hundred times a seed, and a search for
    each of the six characters, replaced only where present, is several times faster.)"""
    for old, new in _NORMALISE:
        if old in text:
            text = text.replace(old, new)
    return text


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
        self._glued: dict[tuple[str, tuple[str, ...]], tuple[Mention, ...]] = {}  # find_glued's
        self._surnames: dict[str, str] = {}  # within one article (for_article): "Obama" -> id
        self._surname_pattern: re.Pattern[str] | None = None
        self._base: Recogniser | None = None  # the registry's recogniser, for an article's
        self._add(actors)
        self._index()

    def _add(self, actors: Iterable[Actor]) -> None:
        """Record ``actors``' names and aliases."""
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

    def _index(self) -> None:
        """What ``find`` and ``find_glued`` look names up by, made from ``by_surface``."""
        # One regex alternation of thousands of names tries every name at every word start
        # (re has no trie), which made ingest with a 2,000-actor registry slow. Instead the
        # names are grouped by their first word: where a name matches, the text's word at that
        # place is exactly the name's first word (a name's first word is followed by a space,
        # a hyphen, an apostrophe or the end, and so must the text's). So at each word start
        # only the lengths of the names beginning with that word are tried, longest first,
        # each by one dictionary look-up. Same matches as the alternation
        # ``(?<![\w'])(?:longest|...|shortest)(?=(?:'s?)?(?!\w))``.
        # A first word that many names share ("the", of "the ... Council") would still be tried
        # at every length at each of its many places: the names longer than the word and
        # _HEAD more characters are filed under those characters too ("the Kal"), so only
        # those whose beginning is there are tried (then the short ones, all shorter).
        heads: dict[str, tuple[dict[str, set[int]], set[int]]] = {}
        for surface in self.by_surface:
            word = _first_word(surface)
            long, short = heads.setdefault(word, ({}, set()))
            if len(surface) > len(word) + _HEAD:
                long.setdefault(surface[:len(word) + _HEAD], set()).add(len(surface))
            else:
                short.add(len(surface))
        self._lengths = {word: ({head: sorted(found, reverse=True) for head, found in long.items()},
                                sorted(short, reverse=True))
                         for word, (long, short) in heads.items()}
        self._first_words = frozenset(word for word in self._lengths if word)
        # a first word no name stops shortly after ("the" of "the Kremlin"): a place of it is a
        # start only where one of its heads is (the rest, "the" of "the army", is no start)
        self._only_heads = {word: frozenset(long) for word, (long, short) in self._lengths.items()
                            if word and not short}
        # names that begin with a non-word character ("(a name)") are tried where that character is
        self._odd = "".join(sorted({s[0] for s in self.by_surface if not _first_word(s)}))
        self._starts: bool = bool(self.by_surface)
        self.lemmas = LemmaMatcher((s, tuple(ids)) for s, ids in self.by_surface.items())
        # what a glued name must begin with: most capitalised words are then passed over at once
        self._heads = {surface[:5] for surface in self.by_surface if len(surface) >= 5}

    def extended(self, actors: Iterable[Actor]) -> Recogniser:
        """This recogniser with the actors it does not know yet (the stubs ``--propose`` just
        wrote) added; it finds what a recogniser built from all of them would find. Only
        dictionaries are rebuilt (no regex of every name), so this is cheap per seed."""
        grown = copy.copy(self)
        grown.by_surface = {k: list(v) for k, v in self.by_surface.items()}
        grown.kinds = dict(self.kinds)
        grown.by_surname = {k: list(v) for k, v in self.by_surname.items()}
        grown._found = {}
        grown._glued = {}
        grown._add(a for a in actors if a.id not in self.kinds)
        grown._index()
        return grown

    def find(self, text: str) -> list[Mention]:
        """Registry names in ``text``, longest first at each place. Ingest asks about the same
        paragraph several times (roles, quotes, sources, names): the answer is remembered."""
        if not self._starts:
            return []
        found = self._found.get(text)
        if found is None:
            if len(self._found) > 4096:
                self._found.clear()
            norm = normalise(text)
            if self._base is not None:  # an article's: the registry's answer, plus surnames
                found = self._with_surnames(tuple(self._base.find(text)), norm, text)
            else:
                exact = list(self._scan(text))
                found = tuple(self._with_inflected(norm, text, exact))
            self._found[text] = found
        return list(found)

    def for_article(self, texts: Iterable[str]) -> Recogniser:
        """This recogniser, plus the surnames of the people ``texts`` name in full, each
        resolving to its person in these texts only (see the module docstring)."""
        texts = list(texts)
        owners: dict[str, set[str]] = {}
        for text in texts:
            for mention in self.find(text):
                words = normalise(mention.surface).split()
                for actor_id in mention.actor_ids:
                    if self.kinds.get(actor_id) is ActorKind.PERSON and len(words) >= 2:
                        surname = _surname(words[-1])
                        if surname:
                            owners.setdefault(surname, set()).add(actor_id)
        surnames = {s: next(iter(ids)) for s, ids in owners.items()
                    if len(ids) == 1 and s not in self.by_surface}
        if not surnames:
            return self
        local = copy.copy(self)
        local._found = {}
        local._glued = {}
        local._base = self
        local._surnames = surnames
        local._surname_pattern = re.compile(
            rf"(?<![\w'-])(?:{'|'.join(re.escape(s) for s in sorted(surnames, key=len, reverse=True))})"
            rf"(?=(?:'s?)?(?![\w-]))")
        return local

    def _with_surnames(self, found: tuple[Mention, ...], norm: str, text: str) -> tuple[Mention, ...]:
        """Add the article's surnames where no registry name already matched."""
        assert self._surname_pattern is not None
        extra = [Mention((self._surnames[m.group(0)],), m.start(), m.end(), text[m.start():m.end()])
                 for m in self._surname_pattern.finditer(norm)
                 if not any(f.start < m.end() and m.start() < f.end for f in found)]
        return tuple(sorted([*found, *extra], key=lambda m: m.start)) if extra else found

    def _with_inflected(self, norm: str, text: str, exact: list[Mention]) -> list[Mention]:
        """Exact mentions, plus inflected Russian names where no exact mention is."""
        if not self.lemmas:
            return exact
        hits = [Mention(h.actor_ids, h.start, h.end, text[h.start:h.end]) for h in self.lemmas.find(norm)
                if not any(h.start < m.end and m.start < h.end for m in exact)]
        return sorted(exact + hits, key=lambda m: m.start) if hits else exact

    def _scan(self, text: str) -> Iterator[Mention]:
        norm = normalise(text)
        end = 0
        for at, word in self._name_starts(norm):
            if at < end:
                continue  # inside the previous mention: matches do not overlap
            long, short = self._lengths[word]
            for length in (*long.get(norm[at:at + len(word) + _HEAD], ()), *short):
                if at + length > len(norm):
                    continue  # a slice past the end would be shorter than the name
                ids = self.by_surface.get(norm[at:at + length])
                if ids is not None and _AFTER_NAME.match(norm, at + length):
                    end = at + length
                    yield Mention(tuple(ids), at, end, text[at:end])
                    break

    def _name_starts(self, norm: str) -> list[tuple[int, str]]:
        """Where a name may begin, in order: each whole word of ``norm`` (not after an
        apostrophe) that is some name's first word, with that word ("" where a name begins
        with a non-word character); a word whose names are all long only where one of their
        heads follows (``_only_heads``). The text's words are listed and compared with the first
        words in C (``findall``, a set intersection); only the few that are some name's first
        word are then looked for one by one, instead of every word of the text in Python."""
        starts = []
        size = len(norm)
        only_heads = self._only_heads
        for word in self._first_words.intersection(words(norm)):
            after = len(word)
            heads = only_heads.get(word)
            at = norm.find(word)
            while at != -1:
                before = norm[at - 1] if at else " "
                follow = norm[at + after] if at + after < size else " "
                if not (before.isalnum() or before in "_'") and not (follow.isalnum() or follow == "_") \
                        and (heads is None or norm[at:at + after + _HEAD] in heads):
                    starts.append((at, word))
                at = norm.find(word, at + after)
        for char in self._odd:
            at = norm.find(char)
            while at != -1:
                before = norm[at - 1] if at else " "
                if not (before.isalnum() or before in "_'"):
                    starts.append((at, ""))
                at = norm.find(char, at + 1)
        starts.sort()
        return starts

    def find_glued(self, text: str, kinds: tuple[str, ...] = ("person",)) -> list[Mention]:
        """Names glued to the next word by a bad copy or translation ("Arestovichrumors").

        Only capitalised aliases of at least five letters followed by three or more
        lower-case letters count, so "Russians" or "Koreans" never do. Remembered, as ``find``
        is: ingest asks about each paragraph twice (mentions, candidates).
        """
        known = self._glued.get((text, kinds))
        if known is None:
            if len(self._glued) > 4096:
                self._glued.clear()
            known = self._glued[(text, kinds)] = tuple(self._find_glued(text, kinds))
        return list(known)

    def _find_glued(self, text: str, kinds: tuple[str, ...]) -> list[Mention]:
        found = []
        norm = normalise(text)
        for match in _GLUED.finditer(norm):
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


def _surname(word: str) -> str | None:
    """The last word of a full name, if it can stand alone within one text: "Obama" from
    "Barack Obama"; not "Abe" (too short to be unambiguous) nor "Jong-un" (not a surname)."""
    word = re.sub(r"'s?$", "", word)
    return word if len(word) >= 4 and "-" not in word and word[:1].isupper() else None
