"""The trie-shaped phrase pattern finds exactly what the plain alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.ingest.phrases import compile_phrases, phrase_pattern

# few letters, so phrases share beginnings and overlap in the text, as cue phrases do
_CHARS = st.sampled_from(list("ab ’'-.é1_"))
PHRASES = st.lists(st.text(_CHARS, min_size=1, max_size=6), min_size=1, max_size=12)
TEXTS = st.text(st.sampled_from(list("ab ’'-.é1_\n")), max_size=60)


def alternation(phrases: list[str]) -> re.Pattern[str]:
    longest_first = sorted(set(phrases), key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(p) for p in longest_first)})(?!\w)")


@settings(max_examples=400, deadline=None)
@given(PHRASES, TEXTS)
def test_same_matches_as_the_alternation(phrases: list[str], text: str) -> None:
    trie = compile_phrases(phrases)
    assert trie is not None
    expected = [(m.start(), m.group(0)) for m in alternation(phrases).finditer(text)]
    assert [(m.start(), m.group(0)) for m in trie.finditer(text)] == expected


def test_longest_phrase_wins_and_words_stay_whole() -> None:
    trie = compile_phrases(["north korea", "north korean army", "north", "army"])
    assert trie is not None
    text = "the north korean army, north koreans, northern army and north."
    assert [m.group(0) for m in trie.finditer(text)] == ["north korean army", "north", "army", "north"]


def test_no_phrases_no_pattern() -> None:
    assert phrase_pattern([]) == "" and compile_phrases(["", ""]) is None
