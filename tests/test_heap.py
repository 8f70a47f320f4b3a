"""``heap.settled``: the heap is frozen for the block only, and a frozen heap is left alone."""

from __future__ import annotations

import gc

import pytest

from build_tools import heap


def test_the_heap_is_frozen_in_the_block_and_given_back_after_it() -> None:
    assert gc.get_freeze_count() == 0
    with heap.settled():
        assert gc.get_freeze_count() > 0
        with heap.settled():  # nested: the outer block's freeze stays until it ends
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_an_error_in_the_block_still_gives_the_heap_back() -> None:
    with pytest.raises(KeyError), heap.settled():
        raise KeyError("x")
    assert gc.get_freeze_count() == 0


def test_cycles_made_in_the_block_are_still_collected() -> None:
    class Node:
        pass

    with heap.settled():
        gc.collect()
        node = Node()
        node.self = node  # type: ignore[attr-defined]
        del node
        assert gc.collect() >= 1
