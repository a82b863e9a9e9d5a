"""The garbage-collection policy of a server holding big rooms (quizgame/rooms/memory.py)."""
from __future__ import annotations

import gc
import weakref

import pytest

from quizgame.rooms import memory


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def a_dead_cycle() -> weakref.ref[Node]:
    first, second = Node(), Node()
    first.other, second.other = second, first
    return weakref.ref(first)


@pytest.fixture(autouse=True)
def restore_gc():
    yield
    gc.unfreeze()
    memory._settled_since_recycle = 0


def test_garbage_frozen_while_a_question_is_open_is_freed_at_the_next_quiet_moment():
    dead = a_dead_cycle()
    memory.settle()  # a question opens: the cycle is frozen along with everything else
    gc.collect()
    assert dead() is not None and gc.get_freeze_count() > 0
    memory.recycle(quiet=False)  # another room still has a question open: nothing moves
    assert dead() is not None
    memory.recycle(quiet=True)  # nobody is answering: collect, then settle the survivors again
    assert dead() is None
    assert gc.get_freeze_count() > 0


def test_a_process_that_is_never_quiet_still_recycles():
    dead = a_dead_cycle()
    for _ in range(memory.RECYCLE_AFTER):
        memory.settle()
    memory.recycle(quiet=False)
    assert dead() is None
