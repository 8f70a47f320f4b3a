"""``relative_posix`` answers as the Path-based rule does, with or without its string fast path."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.diagnostics import relative_posix

PART = st.sampled_from(["a", "b", "corpus", "x.md", ".", "..", "", "é"])
PATHS = st.lists(PART, min_size=0, max_size=5).map(lambda parts: "/".join(parts))


def by_paths(path: str, base: str) -> str:
    """The rule as it was written before the fast path."""
    p, b = Path(path), Path(base)
    for inner, outer in ((p.absolute(), b.absolute()), (p.resolve(), b.resolve())):
        try:
            return inner.relative_to(outer).as_posix()
        except ValueError:
            continue
    return p.as_posix()


@settings(max_examples=500, deadline=None)
@given(PATHS, PATHS, st.booleans())
def test_same_answer_as_the_path_rule(base: str, rest: str, absolute: bool) -> None:
    if absolute:
        base = "/" + base
    path = f"{base}/{rest}" if base else rest
    assert relative_posix(path, base) == by_paths(path, base)
    assert relative_posix(Path(path), Path(base)) == by_paths(path, base)


def test_the_common_case_and_outside_paths(tmp_path: Path) -> None:
    root = tmp_path / "project"
    assert relative_posix(root / "corpus" / "actors" / "x.md", root) == "corpus/actors/x.md"
    assert relative_posix(f"{root}{os.sep}seeds{os.sep}a.txt", str(root)) == "seeds/a.txt"
    assert relative_posix("/elsewhere/file.md", root) == "/elsewhere/file.md"
