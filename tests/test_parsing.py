"""Unit tests for the parsers: date lines, seed layout, escaping, recognition, turns, grammar."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.annotations import format_span, parse_annotations, strip_annotations, turns_of
from build_tools.ingest.dates import parse_date_line
from build_tools.ingest.recognise import Recogniser
from build_tools.ingest.seed import parse_seed
from build_tools.markup import escape_markdown, slugify, unescape_markdown
from build_tools.model import Actor, ActorMeta


@pytest.mark.parametrize("line, iso", [
    ("Sep 6, 2022", "2022-09-06"),
    ("September 6, 2022", "2022-09-06"),
    ("Sept. 6, 2022", "2022-09-06"),
    ("6 September 2022", "2022-09-06"),
    ("06.09.2022", "2022-09-06"),
    ("2022-09-06", "2022-09-06"),
    ("Jun 28, 2024 07:01", "2024-06-28"),
    ("07:36 GMT 19.09.2022", "2022-09-19"),
    ("November 01, 2016, 13:00 UTC+3 MOSCOW", "2016-11-01"),
    ("Tuesday, 6 September 2022, 10:15", "2022-09-06"),
    ("6 сентября 2022", "2022-09-06"),
    ("6 сентября 2022 года", "2022-09-06"),
    ("\ufeffSep 6, 2022", "2022-09-06"),
])
def test_date_lines(line: str, iso: str) -> None:
    assert parse_date_line(line) == iso


@pytest.mark.parametrize("line", ["Announcement, June 22, 2018", "Army of Pyongyang",
                                  "31.02.2022", "On May 26 this year, Russia vetoed", ""])
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_seed_layout_with_photo_credit() -> None:
    seed = parse_seed("Sep 6, 2022\nA title\n\nPhoto: ZumaTASS\n\nFirst.\n\nSecond\nwrapped.\n")
    assert (seed.date, seed.title, seed.photo_credit) == ("2022-09-06", "A title", "ZumaTASS")
    assert [(p.text, p.line) for p in seed.paragraphs] == [("First.", 6), ("Second wrapped.", 8)]


@pytest.mark.parametrize("third, field, value", [
    ("© Valery Sharifulin/TASS", "photo_credit", "Valery Sharifulin/TASS"),
    ("(AP Photo/Jae C. Hong)", "photo_credit", "AP Photo/Jae C. Hong"),
    ("Russky Island, Vladivostok", "place", "Russky Island, Vladivostok"),
    ("Announcement, June 22, 2018", "place", "Announcement, June 22, 2018"),
])
def test_third_line_kinds(third: str, field: str, value: str) -> None:
    seed = parse_seed(f"April 25, 2019\nTitle\n\n{third}\n\nText of the article.\n")
    assert getattr(seed, field) == value
    assert seed.paragraphs[0].text == "Text of the article."


def test_dateline_inside_first_paragraph_is_recorded_and_kept() -> None:
    seed = parse_seed("Dec 29, 2021\nTitle\n\nMOSCOW, December 29 – RIA Novosti. The text goes on.\n")
    assert seed.dateline == "MOSCOW, December 29 – RIA Novosti."
    assert seed.paragraphs[0].text.startswith("MOSCOW")


def test_trailing_boilerplate_is_set_aside() -> None:
    seed = parse_seed("Sep 6, 2022\nTitle\n\nText.\n\nRead in Google News!\n")
    assert [p.text for p in seed.paragraphs] == ["Text."]
    assert [p.text for p in seed.boilerplate] == ["Read in Google News!"]


@pytest.mark.parametrize("text, code, line", [
    ("", "empty-seed", 1),
    ("   \n\n", "empty-seed", 1),
    ("Army of Pyongyang\nSome text.\n", "no-date", 1),
    ("Sep 6, 2022\n", "no-title", 2),
    ("Sep 6, 2022\nTitle only\n", "no-text", 2),
])
def test_seed_problems_are_located(text: str, code: str, line: int) -> None:
    problems = parse_seed(text).problems
    assert [(p.code, p.line) for p in problems] == [(code, line)]


def test_a_seed_without_a_date_line_takes_the_default_date_and_starts_with_its_title() -> None:
    """SemEval PTC articles: title line, blank line, paragraphs."""
    seed = parse_seed("A “title” here\n\nFirst sentence.\n\nSecond.\n", default_date="2019-05-27")
    assert (seed.problems, seed.date, seed.date_line, seed.title) == ([], "2019-05-27", None,
                                                                      "A “title” here")
    assert [(p.text, p.line) for p in seed.paragraphs] == [("First sentence.", 3), ("Second.", 5)]


def test_a_seed_with_its_own_date_line_keeps_its_date() -> None:
    seed = parse_seed("Sep 6, 2022\nTitle\n\nText.\n", default_date="2019-05-27")
    assert (seed.date, seed.title) == ("2022-09-06", "Title")
    seed = parse_seed("Title first\nSep 6, 2022\n\nText.\n", default_date="2019-05-27")
    assert (seed.date, seed.title) == ("2022-09-06", "Title first")


@given(st.text())
def test_escape_round_trips(text: str) -> None:
    para = " ".join(text.split())
    assert unescape_markdown(escape_markdown(para)) == para.strip()


@pytest.mark.parametrize("raw", ["<script>alert(1)</script>", "[x](javascript:alert(1))", "# heading",
                                 "1. list", "- item", "`code`", "*bold*", "{.speaker actor=x}",
                                 "!!! note", "&lt;", "> quote", "===", "[[wiki]]"])
def test_escaped_text_renders_literally(raw: str) -> None:
    import markdown

    html = markdown.markdown(escape_markdown(raw), extensions=["attr_list", "footnotes",
                                                               "admonition", "tables"])
    assert html.startswith("<p>") and "<script" not in html and "<a " not in html
    assert "<h1" not in html and "<li" not in html and "<code" not in html


@pytest.mark.parametrize("title, slug", [
    ("Army of Pyongyang Kyiv is not going to take", "army-of-pyongyang-kyiv-is-not-going-to-take"),
    ("../../etc/passwd", "etc-passwd"),
    ("Путин и Ким", ""),
    ("Zelensky’s «plan»: 10 points", "zelenskys-plan-10-points"),
])
def test_slugs_stay_in_their_folder(title: str, slug: str) -> None:
    assert slugify(title) == slug


def _actor(actor_id: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id=actor_id, path="", body="", body_line=1,
                 meta=ActorMeta(name=name, kind=kind, aliases=list(aliases)))


RECOGNISER = Recogniser([
    _actor("north-korea", "North Korea", "state", "North Korean", "DPRK", "Pyongyang"),
    _actor("south-korea", "South Korea", "state", "South Korean"),
    _actor("united-states", "United States", "state", "US", "U.S."),
    _actor("volodymyr-zelensky", "Volodymyr Zelensky", "person", "Zelensky"),
    _actor("oleksiy-arestovych", "Oleksiy Arestovych", "person", "Arestovich"),
])


@pytest.mark.parametrize("text, expected", [
    ("North Korean forces", ["north-korea"]),
    ("the South Korean parliament", ["south-korea"]),
    ("let us go", []),
    ("the US and the U.S. army", ["united-states", "united-states"]),
    ("Zelensky’s side and Zelensky's plan", ["volodymyr-zelensky", "volodymyr-zelensky"]),
    ("the DPRK’s program", ["north-korea"]),
    ("NorthKorea, xDPRK, DPRKs", []),
    ("President Volodymyr Zelensky", ["volodymyr-zelensky"]),
])
def test_recognition(text: str, expected: list[str]) -> None:
    assert [m.actor_ids[0] for m in RECOGNISER.find(text)] == expected


def test_glued_names_are_found() -> None:
    found = RECOGNISER.find_glued("Colonel Arestovichrumors began; Russians and Koreans")
    assert [(m.actor_ids[0], m.surface) for m in found] == [("oleksiy-arestovych", "Arestovich")]


def test_annotation_grammar_round_trip() -> None:
    span = format_span("joint venture»:", ["speaker", "tn"],
                       {"actor": "svobodnaya-pressa", "note": 'a "quoted" note', "line": "18"})
    body = f"{span} – So after all.\n\n[]{{.speaker actor=konstantin-asmolov}}Answer."
    parsed = parse_annotations(body)
    assert parsed.problems == []
    first, second = parsed.annotations
    assert first.kinds == ("speaker", "tn") and first.attrs["note"] == 'a "quoted" note'
    assert first.text == "joint venture»:" and second.text == ""
    assert [t.actor for t in turns_of(body, parsed.annotations)] == ["svobodnaya-pressa",
                                                                     "konstantin-asmolov"]
    assert strip_annotations(body).startswith("joint venture»: – So")


@pytest.mark.parametrize("body, code", [
    ("[x]{.speech actor=a}", "annotation-kind"),
    ("[x]{.speaker}", "annotation-attribute"),
    ("[x]{.speaker actor=Not_An_Id}", "annotation-actor"),
    ("[x]{.speaker actor=ghost}", "unknown-actor"),
    ("[x]{.claim colour=red}", "annotation-attribute"),
    ('[x]{.tn note="unclosed}', "annotation-syntax"),
])
def test_annotation_problems(body: str, code: str) -> None:
    parsed = parse_annotations("Line one.\n\n" + body, known_actor=lambda a: a == "a")
    assert [(p.code, p.line) for p in parsed.problems] == [(code, 3)]


def test_annotation_text_is_unescaped_like_the_page_shows_it() -> None:
    """Seed text is escaped on ingest (``<`` as ``&lt;``, ``*`` as ``\\*``); the annotation's text,
    as open data shows it, is the text a reader sees, not the escapes."""
    body = escape_markdown("Rates <5% & *falling*")
    (ann,) = parse_annotations(f"[{body}]{{.claim}}").annotations
    assert ann.text == "Rates <5% & *falling*"


def test_annotations_in_code_are_ignored() -> None:
    assert parse_annotations("`[x]{.speaker actor=a}`").annotations == []


def test_upper_case_and_titled_labels_resolve_to_the_registry_actor() -> None:
    from build_tools.ingest.labels import read_label

    recogniser = Recogniser([_actor("vladimir-putin", "Vladimir Putin", "person", "Putin")])
    for text in ("VLADIMIR PUTIN: Good afternoon.", "President of Russia Vladimir Putin: Hello.",
                 "Putin (retranslated): Yes."):
        label = read_label(text, [], recogniser)
        assert label is not None and label.actor_id == "vladimir-putin", text
    for text in ("Please note: the Legion.", "Regarding Russian speakers: we do.", "Finally: done."):
        assert read_label(text, [], recogniser) is None, text


def test_a_question_opened_by_an_outlet_is_that_outlet_s_turn() -> None:
    from build_tools.ingest.seed import Paragraph
    from build_tools.ingest.turns import find_turns

    recogniser = Recogniser([_actor("vladimir-putin", "Vladimir Putin", "person"),
                             _actor("ria-novosti", "RIA Novosti", "media")])
    paragraphs = [Paragraph(t, n) for n, t in enumerate([
        "Question: RIA Novosti. Will the talks go on?",
        "Vladimir Putin: They will.",
        "Question (retranslated): Deutsche Presse-Agentur. And the gas deal?",
        "Question: Mr President, one more thing?"], start=1)]
    turns = find_turns(paragraphs, recogniser, [])
    assert [(t.actor_id, t.unresolved, t.role) for t in turns] == [
        ("ria-novosti", None, "interviewer"), ("vladimir-putin", None, None),
        (None, "Deutsche Presse-Agentur", "interviewer"), (None, None, "interviewer")]
