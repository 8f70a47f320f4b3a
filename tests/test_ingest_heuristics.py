"""Ingest heuristics, one rule at a time: where a transcript turn ends, who a short label is,
dash questions, name candidates, title-first seeds, date banners, hyphenated names, the
publisher a dateline names, quoted people, and share-this boilerplate."""

from __future__ import annotations

import pytest
from support import REPO

from build_tools.diagnostics import Report
from build_tools.files.frontmatter import front_matter_data
from build_tools.ingest.article import build_article
from build_tools.ingest.dates import parse_date_line
from build_tools.ingest.labels import OutletLabel, read_label
from build_tools.ingest.names import find_candidates
from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.seed import Paragraph, parse_seed
from build_tools.ingest.turns import TurnGuess, find_turns
from build_tools.load import load_registries
from build_tools.model import Actor, ActorMeta, Corpus


def _actor(actor_id: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, path="", body="", body_line=1,
                 meta=ActorMeta(name=name, kind=kind, aliases=list(aliases)))


RECOGNISER = Recogniser([
    _actor("vladimir-putin", "Vladimir Putin", "person", "Putin"),
    _actor("volodymyr-zelensky", "Volodymyr Zelensky", "person", "Zelensky"),
    _actor("viktor-yanukovych", "Viktor Yanukovych", "person"),  # no "Yanukovych" alias
    _actor("konstantin-asmolov", "Konstantin Asmolov", "person"),
    _actor("russia", "Russia", "state"),
    _actor("ukraine", "Ukraine", "state", "Kiev"),
    _actor("north-korea", "North Korea", "state", "DPRK"),
])


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text, 2 * number) for number, text in enumerate(texts, start=1)]


def _turns(*texts: str) -> dict[int, TurnGuess]:
    return {t.paragraph: t for t in find_turns(_paragraphs(*texts), RECOGNISER, [])}


# 1. A transcript turn gives way to narration.

@pytest.mark.parametrize("narration", [
    "Following the talks, the leaders signed a number of documents.",
    "After the meeting, the delegations went to lunch.",
    "Meanwhile, Volodymyr Zelensky said the talks were pointless.",
    "Zelensky stressed: “We will never give up our land.”",
    "The Ukrainian president added that Kiev would not negotiate.",
    "Note: the interview has been shortened.",
    "Editor's note: the transcript has been edited.",
    "Putin also said that Russia is open to talks.",
])
def test_narration_ends_a_transcript_turn(narration: str) -> None:
    turns = _turns("Vladimir Putin: We had good talks.", narration, "Memorandum on cooperation in energy.")
    assert turns[0].actor_id == "vladimir-putin"
    assert 1 not in turns and 2 not in turns, narration


@pytest.mark.parametrize("continuation", [
    "After the talks, we signed a memorandum.",
    "As Zelensky said, we need a solution.",
    "The Republic of Korea is an important partner for Russia.",
    "Thank you.",
])
def test_the_speaker_goes_on_until_narration(continuation: str) -> None:
    turns = _turns("Vladimir Putin: We had good talks.", continuation)
    assert (turns[1].actor_id, turns[1].method) == ("vladimir-putin", "continuation"), continuation


# 2. A one-word label is a speaker already seen, or a registry person by surname.

def test_a_surname_label_is_the_speaker_seen_with_that_surname() -> None:
    turns = _turns("Prime Minister of Japan Shinzo Abe (retranslated): Thank you.",
                   "Vladimir Putin: Welcome to Vladivostok.",
                   "Abe: I would like to discuss the peace treaty.",
                   "Putin: Of course.")
    assert turns[0].unresolved == "Prime Minister of Japan Shinzo Abe"
    assert (turns[2].label, turns[2].unresolved, turns[2].method) == ("Abe:", "Abe", "name-label")
    assert turns[3].actor_id == "vladimir-putin"


def test_a_surname_label_resolves_through_the_registry() -> None:
    label = read_label("Yanukovych: We agree.", [], RECOGNISER)
    assert label is not None and label.actor_id == "viktor-yanukovych"


@pytest.mark.parametrize("text", ["Note: this is shortened.", "Also: the talks went on.",
                                  "Abe: a word nobody has used as a name yet."])
def test_one_plain_word_is_no_label(text: str) -> None:
    assert read_label(text, [], RECOGNISER) is None
    assert read_label(text, [], RECOGNISER, {"putin": "vladimir-putin"}) is None


# 3. A dash question in an interview introduced by narration is the interviewer's.

def test_a_dash_question_is_the_interviewer_s_and_the_next_paragraph_answers() -> None:
    turns = _turns("Konstantin Asmolov, a leading researcher, answered our questions.",
                   "– Konstantin, how do you assess the situation?",
                   "– It is difficult. The sides do not trust each other.",
                   "– And what will Pyongyang do next?",
                   "– I think it will wait.")
    for question in (1, 3):
        assert (turns[question].actor_id, turns[question].role) == (None, "interviewer")
    for answer in (2, 4):
        assert (turns[answer].actor_id, turns[answer].role) == ("konstantin-asmolov", "interviewee")


def test_where_questions_carry_labels_a_dash_question_is_rhetorical() -> None:
    outlet = OutletLabel("svobodnaya-pressa", "SP", None, None)
    paragraphs = _paragraphs("Konstantin Asmolov answered our questions.",
                             "SP: – So, are mercenaries already fighting?",
                             "– Not yet. But who will pay for them?",
                             "– I think Europe will.")
    turns = {t.paragraph: t for t in find_turns(paragraphs, RECOGNISER, [outlet])}
    assert turns[1].role == "interviewer"
    assert [(turns[i].actor_id, turns[i].role) for i in (2, 3)] == \
        [("konstantin-asmolov", "interviewee")] * 2


def test_a_labelled_answer_ends_a_question_of_several_paragraphs() -> None:
    turns = _turns("Question: Good afternoon, Mr President,",
                   "Can we say that a thaw has started?",
                   "And one more thing: the gas deal.",
                   "Vladimir Putin: Yes, I do believe it has started.")
    assert [turns[i].role for i in (1, 2)] == ["interviewer", "interviewer"]
    assert turns[3].actor_id == "vladimir-putin"


# 4. Name candidates: titles and nationalities trimmed until stable; clean, safe forms.

@pytest.mark.parametrize("text, name", [
    ("Russian Foreign Minister Sergey Lavrov said Moscow would respond.", "Sergey Lavrov"),
    ("Russian Deputy Foreign Minister Sergei Ryabkov added that talks were possible.",
     "Sergei Ryabkov"),
    ("Polish President Andrzej Duda disagreed.", "Andrzej Duda"),
])
def test_nationalities_and_titles_before_a_name_are_trimmed(text: str, name: str) -> None:
    names = [c.name for c in find_candidates(_paragraphs(text), RECOGNISER, [])]
    assert names == [name]


def test_candidate_forms_have_no_parentheses_and_no_short_surnames() -> None:
    texts = ("Prime Minister of Japan Shinzo Abe (retranslated): Thank you.",
             "Vladimir Putin: Welcome.", "Abe: Thank you.")
    paragraphs = _paragraphs(*texts)
    candidates = find_candidates(paragraphs, RECOGNISER, find_turns(paragraphs, RECOGNISER, []))
    assert [(c.name, c.speaker_turns) for c in candidates] == [("Shinzo Abe", 2)]
    assert all("(" not in form for form in candidates[0].forms)
    assert "Abe" not in candidates[0].forms  # three letters: too short to stand alone


def test_a_titled_surname_is_a_form_but_the_surname_alone_is_not() -> None:
    # "Duda" alone is resolved within the article (recognise.py), never a stub's alias
    paragraphs = _paragraphs("Polish President Andrzej Duda arrived.",
                             "President Duda said the talks went well.",
                             "Pedro Sanchez-Perez arrived too. Mr Sanchez-Perez spoke.")
    forms = {c.name: c.forms for c in find_candidates(paragraphs, RECOGNISER, [])}
    assert "President Duda" in forms["Andrzej Duda"] and "Duda" not in forms["Andrzej Duda"]
    assert "Sanchez-Perez" not in forms["Pedro Sanchez-Perez"]


# 5. The title may come before the date line; nothing above the date is dropped.

def test_a_title_above_the_date_line() -> None:
    seed = parse_seed("Lavrov says Russia will respond\nSep 6, 2022\n\nFirst.\n\nSecond.\n")
    assert (seed.date, seed.title, seed.title_line) == ("2022-09-06", "Lavrov says Russia will respond", 1)
    assert [p.text for p in seed.paragraphs] == ["First.", "Second."]


@pytest.mark.parametrize("text, title, first", [
    ("Politics\nLavrov says Russia will respond\nSep 6, 2022\n\nFirst.\n",
     "Lavrov says Russia will respond", "Politics"),
    ("Politics\n\nSep 6, 2022\nLavrov says Russia will respond\n\nFirst.\n",
     "Lavrov says Russia will respond", "Politics"),
])
def test_lines_above_the_date_are_kept_as_text(text: str, title: str, first: str) -> None:
    seed = parse_seed(text)
    assert seed.problems == [] and seed.title == title
    assert [p.text for p in seed.paragraphs] == [first, "First."]


# 6. Date banners with ISO times, dotted times and a named time zone.

@pytest.mark.parametrize("line, iso", [
    ("2022-09-06T07:01:00+03:00", "2022-09-06"),
    ("2022-09-06T07:01Z", "2022-09-06"),
    ("2022-09-06T07:01:00.250Z", "2022-09-06"),
    ("Mon 5 Sep 2022 12.30 BST", "2022-09-05"),
    ("Published: 6 September 2022 14:05 (Moscow time)", "2022-09-06"),
    ("Updated 6 September 2022 at 3.45pm", "2022-09-06"),
    ("Sep 6, 2022 GMT+3", "2022-09-06"),
])
def test_more_date_banners(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize("line", ["2022-09-06T07:01:00+03:00 talks resume",
                                  "Sep 6, 2022 1.5 million", "Sep 6, 2022 at the summit"])
def test_sentences_with_a_date_are_still_no_banner(line: str) -> None:
    assert parse_date_line(line) is None


# 7. A hyphen joins two names; it glues neither.

@pytest.mark.parametrize("text, expected", [
    ("the Russia-Ukraine war", ["russia", "ukraine"]),
    ("DPRK-Russia ties", ["north-korea", "russia"]),
    ("the Russia–Ukraine talks", ["russia", "ukraine"]),
    ("xRussia, 2Russia, l'Ukraine", []),
])
def test_hyphenated_pairs_name_both(text: str, expected: list[str]) -> None:
    assert [m.actor_ids[0] for m in RECOGNISER.find(text)] == expected


# 8. The publisher a dateline names; people quoted with a speech verb.

@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_registries(REPO, Report())


def _build(corpus: Corpus, text: str, publisher: str | None = None) -> dict[str, object]:
    """The front matter ingest would write, as data."""
    return front_matter_data(build_article(parse_seed(text), corpus, "seeds/x.txt", "0" * 64,
                                           publisher).meta)


def test_a_dateline_agency_is_the_publisher_not_a_cited_source(corpus: Corpus) -> None:
    meta = _build(corpus, "Sep 19, 2022\nKremlin dismisses reports\n\nMOSCOW, September 19. /TASS/. "
                  "The Kremlin dismissed the reports.\n\nTASS has learned more.\n")
    sources = meta["sources"]
    assert isinstance(sources, dict)
    assert (sources["publisher"]["id"], sources["publisher"]["inferred"]) == ("tass", "dateline")
    assert "cited" not in sources
    actors = meta["actors"]
    assert isinstance(actors, list)
    assert {"id": "tass", "roles": ["publisher"], "inferred": "dateline"} in actors


def test_a_given_publisher_wins_over_the_dateline(corpus: Corpus) -> None:
    meta = _build(corpus, "Sep 19, 2022\nKremlin dismisses reports\n\nMOSCOW, September 19. /TASS/. "
                  "The Kremlin dismissed the reports.\n", publisher="the-diplomat")
    sources = meta["sources"]
    assert isinstance(sources, dict)
    assert sources["publisher"]["id"] == "the-diplomat"
    assert [c["id"] for c in sources["cited"]] == ["tass"]


def test_people_quoted_with_a_speech_verb_are_quoted(corpus: Corpus) -> None:
    meta = _build(corpus, "Sep 6, 2022\nStatements\n\nArestovych said: “We need more weapons.”\n\n"
                  "“We will not negotiate,” Zelensky said.\n\nPutin stressed: Russia is open.\n\n"
                  "Moon Jae-in visited Seoul.\n")
    actors = meta["actors"]
    assert isinstance(actors, list)
    roles = {a["id"]: a["roles"] for a in actors}
    for person in ("oleksiy-arestovych", "volodymyr-zelensky", "vladimir-putin"):
        assert "quoted" in roles[person], person
    assert roles["moon-jae-in"] == ["mentioned"]


# 9. "Share this" lines at the end are boilerplate.

@pytest.mark.parametrize("line", ["You can share this story on social media:",
                                  "Share this article", "Please share this post with friends!"])
def test_share_this_lines_are_set_aside(line: str) -> None:
    seed = parse_seed(f"Sep 6, 2022\nTitle\n\nText.\n\n{line}\n")
    assert [p.text for p in seed.paragraphs] == ["Text."]
    assert [p.text for p in seed.boilerplate] == [line]
