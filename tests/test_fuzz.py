"""The fuzz targets of tests/fuzzing.py at CI size; `make fuzz` runs them for minutes."""

from __future__ import annotations

import pytest
from fuzzing import TARGETS, Target, run_target


@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_fuzz_target(target: Target) -> None:
    assert run_target(target, target.ci_examples) >= target.ci_examples // 2
