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


def test_settle_freezes_what_was_made_since_only_in_a_run_frozen_here() -> None:
    made = [[i] for i in range(1000)]
    heap.settle()  # nothing of ours frozen: nothing happens
    assert gc.get_freeze_count() == 0
    with heap.settled():
        before = gc.get_freeze_count()
        made += [[i] for i in range(1000)]
        heap.settle()
        assert gc.get_freeze_count() >= before + 1000
    assert gc.get_freeze_count() == 0


def test_a_heap_frozen_by_someone_else_is_left_frozen() -> None:
    gc.freeze()
    try:
        freeze = heap.Freeze()
        freeze.freeze()
        assert not freeze.frozen
        freeze.thaw()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
