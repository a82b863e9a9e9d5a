"""Spaced repetition with Leitner boxes, and which questions a practice round asks. Pure: no ORM, no clock.

Every question starts in box 1. A right answer moves it up one box and it comes back after that box's longer
interval; a miss sends it back to box 1, due again within minutes. So what a learner misses comes back sooner
than what they know, and a round asks the questions that are due before anything else.
"""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

FIRST_BOX = 1
LAST_BOX = 5
INTERVALS: Mapping[int, timedelta] = {
    1: timedelta(minutes=10),
    2: timedelta(days=1),
    3: timedelta(days=3),
    4: timedelta(days=7),
    5: timedelta(days=21),
}


@dataclass(frozen=True)
class Card:
    """What the learner's history says about one question."""

    question_id: int
    box: int
    due_at: datetime


def next_review(*, box: int, correct: bool, now: datetime) -> tuple[int, datetime]:
    """The box a question moves to after an answer, and when it is due again.

    Right: up one box (the last box keeps it). Wrong, late or skipped: back to the first box.
    """
    if not FIRST_BOX <= box <= LAST_BOX:
        raise ValueError(f"box must be {FIRST_BOX} to {LAST_BOX}, not {box!r}")
    new_box = min(box + 1, LAST_BOX) if correct else FIRST_BOX
    return new_box, now + INTERVALS[new_box]


def is_due(card: Card, *, now: datetime) -> bool:
    return card.due_at <= now


def due_count(*, cards: Mapping[int, Card], question_ids: Sequence[int], now: datetime) -> int:
    """How many of `question_ids` are due for review now."""
    return sum(1 for qid in question_ids if qid in cards and is_due(cards[qid], now=now))


def round_pick(
    *,
    question_ids: Sequence[int],
    cards: Mapping[int, Card],
    size: int | None,
    now: datetime,
    rng: random.Random,
) -> list[int]:
    """The questions of a practice round of `size` (None: all), in the order they are asked.

    Due questions first (the longest overdue, then the lowest box), then questions never practised, then the
    rest by how soon they fall due. The chosen questions are then shuffled, so no two rounds run alike.
    """
    if size is not None and size < 1:
        raise ValueError("a round asks at least one question")
    candidates = list(dict.fromkeys(question_ids))
    rng.shuffle(candidates)  # ties in priority (e.g. new questions) are broken at random

    def priority(question_id: int) -> tuple[int, float, int]:
        card = cards.get(question_id)
        if card is None:
            return (1, 0.0, 0)
        if is_due(card, now=now):
            return (0, card.due_at.timestamp(), card.box)
        return (2, card.due_at.timestamp(), card.box)

    chosen = sorted(candidates, key=priority)[:size]
    rng.shuffle(chosen)
    return chosen
