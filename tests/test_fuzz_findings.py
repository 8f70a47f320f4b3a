"""What the fuzzer (tests/fuzzing.py, `make fuzz`) found, shrunk to the minimal inputs, kept
as plain tests so each fix stays fixed whatever the random inputs of a run."""

from __future__ import annotations

import pytest

from build_tools.annotations import format_span, parse_annotations
from build_tools.exchange.brat import read_ann
from build_tools.exchange.ptc import parse_ptc_labels
from build_tools.files.yamlsafe import dump_yaml, load_yaml
from build_tools.invisible import strip_invisible


@pytest.mark.parametrize("data", [{"\x85": None}, {"note": "a\x85b"}, ["x\u2028y\u2029"]])
def test_yaml_with_a_next_line_character_reads_back_as_written(data: object) -> None:
    assert load_yaml(dump_yaml(data)).data == data


@pytest.mark.parametrize("attrs", [{"about": "{"}, {"note": "the {sic} label"}, {"about": "\\"},
                                   {"note": 'a "quoted" \\ value}'}])
def test_a_span_ingest_writes_is_read_back_whatever_its_values(attrs: dict[str, str]) -> None:
    body = "Before " + format_span("0", ["claim"], attrs) + " after."
    parsed = parse_annotations(body)
    assert parsed.problems == [] and [a.attrs for a in parsed.annotations] == [attrs]


def test_a_lone_quote_in_attributes_is_still_reported() -> None:
    parsed = parse_annotations('[x]{.quote actor=a note="abc}')
    assert [p.code for p in parsed.problems] == ["annotation-syntax"]


@pytest.mark.parametrize("row", ["0\tX\t0\t²", "0\tX\t٣\t5", "0\tX\t0\t" + "1" * 5000])
def test_ptc_offsets_that_are_not_plain_numbers_are_a_located_error(row: str) -> None:
    parsed = parse_ptc_labels("1\tLoaded_Language\t1\t2\n" + row + "\n")
    assert len(parsed.rows) == 1 and [(p.line, p.code) for p in parsed.problems] == [(2, "malformed-row")]


def test_brat_offsets_too_long_for_a_number_are_a_located_error() -> None:
    parsed = read_ann("T1\tLoaded_Language 0 " + "1" * 5000 + "\tx\n")
    assert [(p.line, p.code) for p in parsed.problems] == [(1, "malformed-row")]


@pytest.mark.parametrize("text", ["\x1b\U000e0100", "a\ufe0f\u200d\U0001f600", "x\x0c\ufe0f"])
def test_cleaning_twice_changes_nothing(text: str) -> None:
    """A variation selector was judged by the control character before it, which the same
    pass removed: the next cleaning removed the selector too."""
    clean = strip_invisible(text)
    assert strip_invisible(clean) == clean
