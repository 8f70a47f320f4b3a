"""Shortcuts taken for speed give what the long way gives: a text without the character a
function looks for is returned as it is, and a cue key skips splitting a text whose only
whitespace is single spaces."""

from __future__ import annotations

import hashlib
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from build_tools.annotations import paragraph_key, scan_spans, strip_annotations
from build_tools.ingest.article import _cue_key
from build_tools.ingest.recognise import words
from build_tools.ingest.sources import UNNAMED_SOURCE_RE, unnamed_sources
from build_tools.markup import unescape_markdown

# characters that decide the shortcuts: every kind of whitespace, escapes, entities, span
# brackets, and letters whose lower case differs
_ALPHABET = st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u2028\u3000\u200b"
                                 "\\&;lt[]{}.corpus-quote’'AaÉéİẞ1"))
_TEXT = st.text(_ALPHABET, max_size=40) | st.text(max_size=40)


def _long_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).replace("&lt;", "<").replace("&amp;", "&")


def _long_cue_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).lower()


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("Kyiv’s  army")
@example(" the\u00a0Kremlin ")
@example("a\u3000b")
def test_cue_key_is_the_split_and_joined_lower_case_text(text: str) -> None:
    assert _cue_key(text) == _long_cue_key(text)


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    """What the cue key's shortcut relies on, for the Python that runs it."""
    assert [hex(c) for c in range(0x110000)
            if chr(c).isspace() and c != 0x20 and chr(c).isprintable()] == []


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("a \\* b &lt; c &amp; d")
@example("plain text")
@example("x &lt; y &amp; z")
def test_unescape_is_the_substitution(text: str) -> None:
    assert unescape_markdown(text) == _long_unescape(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("[Peskov]{.corpus-quote actor=dmitry-peskov} said")
@example("[a link] {not a span}")
def test_spans_are_found_only_where_a_bracket_meets_a_brace(text: str) -> None:
    if "]{" not in text:
        assert scan_spans(text) == [] and strip_annotations(text) == text
    plain = " ".join(_long_unescape(strip_annotations(text)).split())
    assert paragraph_key(text) == hashlib.sha256(plain.encode("utf-8")).hexdigest()[:8]


def test_a_span_is_still_stripped() -> None:
    text = "[Peskov]{.corpus-speaker actor=dmitry-peskov}: we \\*never\\* said so"
    assert strip_annotations(text) == "Peskov: we \\*never\\* said so"
    assert unescape_markdown(strip_annotations(text)) == "Peskov: we *never* said so"


_SOURCE_WORDS = st.sampled_from(["Some", "some", "Western", "media", "outlets", "sources", "experts",
                                 "analysts", "officials", "Informed", "local", "McCain", "NATOSome",
                                 "Über", "x", "_", "said", "mediasources", "Local"])
_SOURCE_GLUE = st.sampled_from([" ", "  ", "\n", "\u00a0", ", ", "-", "", "(", "\t"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_SOURCE_WORDS, _SOURCE_GLUE), max_size=12))
@example([("Local", " "), ("media", " "), ("experts", "")])
@example([("Some", "  "), ("media", " "), ("outlets", " "), ("said", "")])
def test_unnamed_sources_are_the_pattern_s_matches(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in parts)
    expected = [(m.start(), m.group(0)) for m in UNNAMED_SOURCE_RE.finditer(text)]
    assert [(m.start(), m.group(0)) for m in unnamed_sources(text)] == expected


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("Kim Jong-un's (DPRK) a_b 42x")
def test_words_are_those_the_word_pattern_finds(text: str) -> None:
    assert words(text) == re.findall(r"\w+", text)
