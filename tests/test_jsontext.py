"""``files.jsontext.dumps`` writes what ``json.dumps(value, ensure_ascii=False, indent=n)`` writes,
byte for byte, for any value the open data can hold, and leaves anything else to it."""

from __future__ import annotations

import enum
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.files import jsontext

_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text()
_keys = st.text() | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
_values = st.recursive(_scalars, lambda inner: st.lists(inner) | st.tuples(inner, inner)
                       | st.dictionaries(_keys, inner), max_leaves=40)


@settings(max_examples=600, deadline=None)
@given(_values, st.integers(min_value=0, max_value=3))
def test_the_same_text_as_the_standard_library(value: Any, indent: int) -> None:
    assert jsontext.dumps(value, indent) == json.dumps(value, ensure_ascii=False, indent=indent)


class _Kind(enum.StrEnum):
    QUOTE = "quote"


class _Level(enum.IntEnum):
    HIGH = 3


def test_subclasses_specials_and_unicode_as_the_standard_library_writes_them() -> None:
    value = {"kind": _Kind.QUOTE, "level": _Level.HIGH, "x": [math.inf, -math.inf, math.nan, 1e300],
             "text": "«Кремль» \u2028 \x00 \"q\" \\", 1.5: [], True: {}, None: (), 2: [[[]]]}
    assert jsontext.dumps(value) == json.dumps(value, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("value", [{"a": {1, 2}}, [object()], {(1, 2): "tuple key"}])
def test_what_json_cannot_write_fails_as_json_fails(value: Any) -> None:
    with pytest.raises(TypeError) as ours:
        jsontext.dumps(value)
    with pytest.raises(TypeError) as theirs:
        json.dumps(value, ensure_ascii=False, indent=1)
    assert str(ours.value) == str(theirs.value)


def test_a_circular_value_fails_as_json_fails() -> None:
    loop: list[Any] = []
    loop.append({"again": loop})
    with pytest.raises(ValueError, match="Circular reference"):
        jsontext.dumps(loop)


@settings(max_examples=200, deadline=None)
@given(_values)
def test_a_margin_starts_every_line(value: Any) -> None:
    plain = json.dumps(value, ensure_ascii=False, indent=1)
    assert jsontext.dumps(value, margin=" ") == "\n".join(" " + line for line in plain.split("\n"))
