"""Spaced repetition as pure functions: Leitner boxes, due dates, and which questions a round asks."""
import random
from datetime import UTC, datetime, timedelta

import pytest

from quizgame.practice.scheduling import (
    FIRST_BOX,
    INTERVALS,
    LAST_BOX,
    Card,
    due_count,
    next_review,
    round_pick,
)

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_a_new_question_answered_right_moves_to_box_2_and_waits_a_day():
    assert next_review(box=FIRST_BOX, correct=True, now=NOW) == (2, NOW + timedelta(days=1))


def test_a_new_question_missed_stays_in_box_1_and_comes_back_within_minutes():
    assert next_review(box=FIRST_BOX, correct=False, now=NOW) == (1, NOW + timedelta(minutes=10))


def test_right_answers_climb_one_box_at_a_time_with_growing_intervals_and_the_last_box_keeps_it():
    box, due_dates = FIRST_BOX, []
    for _ in range(6):
        box, due_at = next_review(box=box, correct=True, now=NOW)
        due_dates.append((box, due_at - NOW))
    assert [b for b, _ in due_dates] == [2, 3, 4, 5, 5, 5]
    gaps = [gap for _, gap in due_dates]
    assert gaps[:4] == sorted(gaps[:4]) and len(set(gaps[:4])) == 4
    assert gaps[-1] == INTERVALS[LAST_BOX] == timedelta(days=21)


@pytest.mark.parametrize("box", [1, 2, 3, 4, 5])
def test_a_miss_from_any_box_goes_back_to_box_1_and_comes_back_sooner_than_a_right_answer(box):
    missed_box, missed_due = next_review(box=box, correct=False, now=NOW)
    _, known_due = next_review(box=box, correct=True, now=NOW)
    assert missed_box == 1
    assert missed_due == NOW + INTERVALS[1]
    assert missed_due < known_due


@pytest.mark.parametrize("box", [0, 6, -1])
def test_boxes_outside_the_range_are_refused(box):
    with pytest.raises(ValueError):
        next_review(box=box, correct=True, now=NOW)


def card(qid, box, due_in):
    return Card(question_id=qid, box=box, due_at=NOW + due_in)


def test_due_count_counts_only_cards_due_by_now_among_the_questions_asked():
    cards = {1: card(1, 1, timedelta(minutes=-1)), 2: card(2, 3, timedelta(days=2)), 3: card(3, 2, timedelta(0))}
    assert due_count(cards=cards, question_ids=[1, 2, 3, 4], now=NOW) == 2
    assert due_count(cards=cards, question_ids=[2, 4], now=NOW) == 0


def test_a_round_asks_due_questions_first_then_new_ones_then_the_soonest_due():
    cards = {
        1: card(1, 1, timedelta(minutes=-5)),  # due
        2: card(2, 4, timedelta(days=6)),  # known, far off
        3: card(3, 2, timedelta(hours=-1)),  # due
        4: card(4, 2, timedelta(hours=5)),  # not due, soonest
    }
    questions = [1, 2, 3, 4, 5, 6]  # 5 and 6 never practised
    for seed in range(20):
        rng = random.Random(seed)
        assert set(round_pick(question_ids=questions, cards=cards, size=2, now=NOW, rng=rng)) == {1, 3}
        rng = random.Random(seed)
        assert set(round_pick(question_ids=questions, cards=cards, size=4, now=NOW, rng=rng)) == {1, 3, 5, 6}
        rng = random.Random(seed)
        assert set(round_pick(question_ids=questions, cards=cards, size=5, now=NOW, rng=rng)) == {1, 3, 4, 5, 6}


def test_a_missed_question_comes_back_in_the_next_round_before_those_answered_right():
    cards = {}
    for qid, correct in [(1, True), (2, False), (3, True)]:
        box, due_at = next_review(box=FIRST_BOX, correct=correct, now=NOW)
        cards[qid] = Card(question_id=qid, box=box, due_at=due_at)
    later = NOW + timedelta(minutes=15)
    assert round_pick(question_ids=[1, 2, 3], cards=cards, size=1, now=later, rng=random.Random(0)) == [2]


def test_all_questions_are_asked_once_each_in_an_order_that_changes_between_rounds():
    questions = list(range(1, 21))
    orders = {tuple(round_pick(question_ids=questions, cards={}, size=None, now=NOW, rng=random.Random(s)))
              for s in range(5)}
    assert all(sorted(order) == questions for order in orders)
    assert len(orders) > 1


def test_a_round_larger_than_the_bank_asks_every_question_and_an_empty_size_is_refused():
    assert sorted(round_pick(question_ids=[3, 1, 2], cards={}, size=10, now=NOW, rng=random.Random(1))) == [1, 2, 3]
    with pytest.raises(ValueError):
        round_pick(question_ids=[1], cards={}, size=0, now=NOW, rng=random.Random(1))
