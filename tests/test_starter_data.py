"""The starter registry's data (build_tools/starter/world-*.yml): every entry passes the
schema, and every id, Wikidata id and name belongs to one entry, with no common English word
as a one-word alias, since each name is recognised everywhere in every text."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.ingest.recognise import Recogniser, normalise
from build_tools.model import Actor, ActorKind, ActorMeta
from build_tools.starter import set_files
from build_tools.starter.load import StarterEntry, load_starter_set

ENTRIES = [entry for path in set_files("world") for entry in yaml.safe_load(path.read_text("utf-8"))]
# One-word aliases as frequent as common words only because they are names: each was judged.
PROPER_NAMES = {"Washington", "Trump", "Obama", "Britain", "Moscow", "Putin", "Xi", "Beijing",
                "Holland", "Biden", "Modi", "Seoul", "Assad", "Tehran", "Baghdad", "Damascus",
                "Burma", "Havana", "Kremlin", "Pentagon", "Spiegel", "Bloomberg", "Reuters",
                "Al-Qaeda"}


def test_every_entry_passes_the_schema_and_loads() -> None:
    found = load_starter_set("world")
    assert [d.format() for d in found.problems] == []
    assert len(found.actors) == len(ENTRIES) >= 450
    for entry in ENTRIES:
        StarterEntry.model_validate(entry)
    kinds = Counter(e["kind"] for e in ENTRIES)
    assert kinds["state"] >= 190 and kinds["person"] >= 150 and kinds["organisation"] >= 50
    assert kinds["media"] >= 40 and kinds["armed-group"] >= 15


def test_ids_and_wikidata_ids_are_unique_and_well_formed() -> None:
    ids = Counter(e["id"] for e in ENTRIES)
    assert [i for i, n in ids.items() if n > 1] == []
    qids = Counter(e["wikidata"] for e in ENTRIES if "wikidata" in e)
    assert [q for q, n in qids.items() if n > 1] == []
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in qids)
    known = {e["id"]: e.get("wikidata") for e in ENTRIES}
    assert (known["russia"], known["ukraine"], known["united-states"]) == ("Q159", "Q212", "Q30")


def test_no_name_is_shared_by_two_entries() -> None:
    owners: dict[str, set[str]] = {}
    for entry in ENTRIES:
        for name in (entry["name"], *entry.get("aliases", [])):
            owners.setdefault(normalise(name).casefold(), set()).add(entry["id"])
    assert {n: ids for n, ids in owners.items() if len(ids) > 1} == {}


def test_no_one_word_alias_is_a_common_word() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    common = []
    for entry in ENTRIES:
        for alias in entry.get("aliases", []):
            # acronyms are matched case-sensitively ("WHO" is not "who"); Cyrillic forms are names
            if " " in alias or alias.isupper() or not alias.isascii():
                continue
            if wordfreq.zipf_frequency(alias, "en") >= 3.5 and alias not in PROPER_NAMES:
                common.append((entry["id"], alias))
    assert common == []


WORDS = st.lists(st.sampled_from(["Kim", "Kim Jong", "Kim Jong Un", "Korea", "South Korea",
                                  "U.S.", "US", "OPEC", "OPEC+", "A", "Ab", "Abc", "South",
                                  "«Хезболла»", "Putin", "Putin's"]), min_size=1, unique=True)
TEXT = st.lists(st.sampled_from(["Kim", "Jong", "Un", "South", "Korea", "U.S.", "US", "OPEC",
                                 "South Korea", "Kim Jong", "Kim Jong Un", " Kim Jong Un's",
                                 "OPEC+", "Ab", "Abc", "Abcd", "«Хезболла»", "Putin's", "-", "'",
                                 " ", ", ", "x"]), max_size=12).map("".join)


def actors_of(names: list[str], prefix: str) -> list[Actor]:
    return [Actor(id=f"{prefix}-{i}", path="x", body="", body_line=1,
                  meta=ActorMeta(name=name, kind=ActorKind.PERSON)) for i, name in enumerate(names)]


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS, WORDS, TEXT)
def test_an_extended_recogniser_finds_what_a_rebuilt_one_finds(base: list[str], first: list[str],
                                                                 second: list[str], text: str) -> None:
    """``--propose`` adds stubs to the recogniser it has instead of compiling every name again."""
    old, one, two = actors_of(base, "a"), actors_of(first, "b"), actors_of(second, "c")
    grown = Recogniser(old).extended([*old, *one]).extended([*old, *one, *two])
    rebuilt = Recogniser([*old, *one, *two])
    assert grown.find(text) == rebuilt.find(text)
    assert grown.find_glued(text) == rebuilt.find_glued(text)


def test_a_longer_added_name_wins_over_a_registry_name() -> None:
    grown = Recogniser(actors_of(["South", "Korea"], "a")).extended(
        actors_of(["South Korea", "Korea"], "b"))
    found = grown.find("South Korea, South and Korea")
    assert [(m.surface, m.actor_ids) for m in found] == [
        ("South Korea", ("b-0",)), ("South", ("a-0",)), ("Korea", ("a-1", "b-1"))]


def test_the_states_file_is_what_make_states_writes() -> None:
    pytest.importorskip("pycountry")  # the maintainer's tool; not installed everywhere
    from build_tools.files.yamlsafe import dump_yaml
    from build_tools.starter import make_states

    expected = make_states.HEADER + dump_yaml(make_states.state_entries())
    assert make_states.OUT.read_text(encoding="utf-8") == expected
