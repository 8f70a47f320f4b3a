"""Recognise Russian names however they are inflected: Зеленского, Зеленскому -> Зеленский.

Input: the registry's Cyrillic names and aliases. Output: ``LemmaHit`` spans of a text where a
sequence of Cyrillic words has the same normal forms (lemmas, from pymorphy3's dictionary) as
an alias: "Владимира Зеленского" is "Владимир Зеленский", "Путина" is "Путин". Used by
``recognise.Recogniser`` beside its exact matching, for the words exact matching misses.

Guards against false matches:
- Only Cyrillic words are looked up, so an English (or any Latin-script) text never changes.
- An alias word is keyed by its proper-noun readings (surname, first name, place...) when the
  dictionary has one: "Песков" the surname, not "песок" (sand).
- A capitalised alias word matches only a capitalised word: "путина" (a fishing season) is
  never Putin, "Путина" is.
- Gender must agree: "Зеленская" (Olena Zelenska) is not "Зеленский"; a plural fits either.
- Words are memoised: ingest of a Russian corpus looks up each distinct word once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ][А-Яа-яЁёІіЇїЄєҐґ'’-]*")
_HAS_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# pymorphy3 tags of proper nouns: surname, first name, patronymic, place, organisation
_PROPER = ("Surn", "Name", "Patr", "Geox", "Orgn")


@cache
def _analyser() -> Any:
    """pymorphy3's Russian dictionary, loaded on first use (0.2 s)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


_GENDERS = ("masc", "femn", "neut")


def _keys(parses: list[Any], lower: str) -> frozenset[str]:
    """'normal form/gender' for each reading: a reading without a gender (a plural, an
    indeclinable name) fits every gender, and so does a word the dictionary cannot read."""
    keys: set[str] = set() if parses else {f"{lower}/{g}" for g in _GENDERS}
    for parse in parses:
        form = parse.normal_form.replace("ё", "е")
        gender = parse.tag.gender
        keys |= {f"{form}/{gender}"} if gender in _GENDERS else {f"{form}/{g}" for g in _GENDERS}
    return frozenset(keys)


@lru_cache(maxsize=65536)
def word_lemmas(word: str) -> frozenset[str]:
    """Every reading the dictionary gives a word of the text (see ``_keys``)."""
    lower = word.lower().replace("ё", "е")
    return _keys(_analyser().parse(lower), lower)


@lru_cache(maxsize=8192)
def alias_lemmas(word: str) -> frozenset[str]:
    """The readings of a word of an alias: its proper-noun readings when it has any."""
    lower = word.lower().replace("ё", "е")
    parses = _analyser().parse(lower)
    proper = [p for p in parses if any(tag in p.tag for tag in _PROPER)]
    return _keys(proper or parses, lower)


def has_cyrillic(text: str) -> bool:
    return _HAS_CYRILLIC.search(text) is not None


@dataclass(frozen=True)
class _AliasWord:
    lemmas: frozenset[str]
    capital: bool


@dataclass(frozen=True)
class _Alias:
    words: tuple[_AliasWord, ...]
    actor_ids: tuple[str, ...]


@dataclass(frozen=True)
class LemmaHit:
    actor_ids: tuple[str, ...]
    start: int
    end: int


class LemmaMatcher:
    """The registry's all-Cyrillic aliases, indexed by the lemmas of their first word."""

    def __init__(self, aliases: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        # indexed on the first Cyrillic text: a corpus in other scripts never loads the
        # dictionary (0.2 s and 20 MB), nor reads the aliases' lemmas
        self._aliases = [(words, actor_ids) for words, actor_ids in
                         ((surface.split(), actor_ids) for surface, actor_ids in aliases)
                         if words and all(_CYRILLIC_WORD.fullmatch(w) for w in words)]
        self._by_first: dict[str, list[_Alias]] | None = None
        self._capital_only = True

    def _index(self) -> dict[str, list[_Alias]]:
        by_first: dict[str, list[_Alias]] = {}
        for words, actor_ids in self._aliases:
            alias = _Alias(tuple(_AliasWord(alias_lemmas(w), w[:1].isupper()) for w in words),
                           actor_ids)
            for lemma in alias.words[0].lemmas:
                by_first.setdefault(lemma, []).append(alias)
        for entries in by_first.values():
            entries.sort(key=lambda a: len(a.words), reverse=True)  # longest alias first
        # names start with a capital letter: most words are skipped before any look-up
        self._capital_only = all(a.words[0].capital for e in by_first.values() for a in e)
        self._by_first = by_first
        return by_first

    def __bool__(self) -> bool:
        return bool(self._aliases)  # every alias has lemmas (a word without any is its own)

    def find(self, text: str) -> list[LemmaHit]:
        """Spans of ``text`` naming an alias in any inflection, longest first, never overlapping."""
        if not self._aliases or not has_cyrillic(text):
            return []
        if self._by_first is None:
            self._index()
        words = list(_CYRILLIC_WORD.finditer(text))
        hits: list[LemmaHit] = []
        index = 0
        while index < len(words):
            if self._capital_only and not words[index].group(0)[:1].isupper():
                index += 1
                continue
            hit = self._match_at(text, words, index)
            if hit is None:
                index += 1
                continue
            alias, count = hit
            hits.append(LemmaHit(alias.actor_ids, words[index].start(), words[index + count - 1].end()))
            index += count
        return hits

    def _match_at(self, text: str, words: list[re.Match[str]], index: int) -> tuple[_Alias, int] | None:
        first = words[index].group(0)
        candidates: dict[int, _Alias] = {}
        by_first = self._by_first or {}
        for lemma in word_lemmas(first):
            for alias in by_first.get(lemma, ()):
                candidates.setdefault(id(alias), alias)
        if not candidates:
            return None
        for alias in sorted(candidates.values(), key=lambda a: len(a.words), reverse=True):
            count = len(alias.words)
            if index + count > len(words):
                continue
            span = words[index:index + count]
            # the words of a name follow each other, separated by spaces only
            if any(text[a.end():b.start()].strip() for a, b in zip(span, span[1:], strict=False)):
                continue
            if all(_word_fits(m.group(0), w) for m, w in zip(span, alias.words, strict=True)):
                return alias, count
        return None


def _word_fits(word: str, alias_word: _AliasWord) -> bool:
    if alias_word.capital and not word[:1].isupper():
        return False
    return not alias_word.lemmas.isdisjoint(word_lemmas(word))
