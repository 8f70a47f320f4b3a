"""The recogniser's word-indexed scan finds exactly what one regex alternation of every name
(longest first) finds: same places, same surfaces, same actors. The alternation is the
specification (it is what the recogniser did before it was made fast for large registries)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.model import Actor, ActorMeta


def _reference(recogniser: Recogniser, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    surfaces = sorted(recogniser.by_surface, key=len, reverse=True)
    alternation = "|".join(re.escape(s) for s in surfaces)
    pattern = re.compile(rf"(?<![\w'])(?:{alternation})(?=(?:'s?)?(?![\w]))")
    return [(m.start(), m.end(), text[m.start():m.end()], tuple(recogniser.by_surface[m.group(0)]))
            for m in pattern.finditer(normalise(text))]


def _found(recogniser: Recogniser, text: str) -> list[tuple[int, int, str, tuple[str, ...]]]:
    return [(m.start, m.end, m.surface, m.actor_ids) for m in recogniser.find(text)]


def _actor(actor_id: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, path="", body="", body_line=1,
                 meta=ActorMeta(name=name, kind=kind, aliases=list(aliases)))


ACTORS = [
    _actor("north-korea", "North Korea", "state", "North Korean", "DPRK", "Pyongyang", "the North"),
    _actor("south-korea", "South Korea", "state", "South Korean", "Korea"),
    _actor("united-states", "United States", "state", "US", "U.S.", "the U.S. government"),
    _actor("reuters", "Reuters", "media", "Reuters'"),
    _actor("obrien", "Robert O'Brien", "person", "O'Brien", "O’Brien"),
    _actor("odd", "(Unnamed) Council", "organisation", "-Dash Group", "Kim"),
    _actor("kim", "Kim Jong-un", "person", "Kim", "Kim Jong Un"),
    _actor("putin", "Vladimir Putin", "person", "Putin", "President Putin"),
]
RECOGNISER = Recogniser(ACTORS)
PIECES = ["North", "Korea", "Korean", "Koreans", "South", "the", "The", "US", "USA", "U.S.",
          "government", "Reuters", "'", "'s", "s", "O'Brien", "O’Brien", "Brien", "(Unnamed)",
          "Council", "-Dash", "Group", "Kim", "Jong-un", "Jong", "Un", "Vladimir", "Putin",
          "President", "DPRK", "Pyongyang", " ", " ", " ", "-", ",", ".", ":", "\u00a0", "x", "_", "1"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_scan_matches_the_reference_alternation(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _found(Recogniser(ACTORS), text) == _reference(RECOGNISER, text)


def test_examples_where_the_longest_name_or_a_possessive_decides() -> None:
    for text in ("the U.S. government said", "North Korean troops", "Reuters' report",
                 "O'Brien's view", "Kim Jong-un and Kim", "USA and US", "(Unnamed) Council met",
                 "President Putin's", "Koreans", "x-Dash Group", "_Putin", "Putin_"):
        assert _found(RECOGNISER, text) == _reference(RECOGNISER, text), text
    assert [m.surface for m in RECOGNISER.find("the U.S. government and the U.S.")] == \
        ["the U.S. government", "U.S."]


def test_a_registry_of_thousands_of_names_finds_what_a_small_one_finds() -> None:
    """3,000 more names that share no name with the text change nothing it finds. (How fast a
    large registry is searched is measured by benchmarks/ingest_profile.py, not here: timed
    assertions in unit tests fail on a loaded machine.)"""
    small = Recogniser(ACTORS)
    many = ACTORS + [_actor(f"p{i}", f"Person{i} Surname{i}", "person", f"Surname{i}",
                            f"the Org{i} Council") for i in range(3000)]
    large = Recogniser(many)
    text = " ".join(["the North Korean army and the U.S. government met President Putin"] * 40)
    assert _found(large, text) == _found(small, text)
    longer = text + " and the Org7 Council"
    assert _found(large, longer)[-1] == (len(longer) - 16, len(longer), "the Org7 Council", ("p7",))


# Many names sharing a first word ("the ... Council", as the benchmark's 2,000-actor registry
# has them) are filed under the characters after it; names at most that long are tried apart.
SHARED = [
    _actor("kalomir-council", "the Kalomir Council", "organisation", "the Kalomir", "the Kal"),
    _actor("kal-front", "the Kal Front", "organisation", "the Ka", "the Kalomir Council of Ten"),
    _actor("the-k", "the K", "organisation", "the", "the Kalomirs"),
    _actor("ka-union", "Ka Union", "organisation", "Ka"),
]
SHARED_PIECES = ["the", "The", "Kalomir", "Kalomirs", "Kal", "Ka", "K", "Council", "of", "Ten",
                 "Front", "Union", "'s", "'", " ", " ", " ", "-", ".", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(SHARED_PIECES), max_size=30))
def test_names_sharing_a_first_word_match_as_the_alternation_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    recogniser = Recogniser(SHARED)
    assert _found(recogniser, text) == _reference(recogniser, text)


def test_the_longest_of_names_sharing_a_first_word_wins() -> None:
    recogniser = Recogniser(SHARED)
    text = "the Kalomir Council of Ten met the Kalomir Council, the Kal Front, the Ka and the K."
    assert [m.surface for m in recogniser.find(text)] == [
        "the Kalomir Council of Ten", "the Kalomir Council", "the Kal Front", "the Ka", "the K"]
