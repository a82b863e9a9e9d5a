"""Pure rules of solo rounds: lateness, ranking with time as the tie-break, answers in words."""
from datetime import UTC, datetime, timedelta

import pytest

from quizgame.practice.rules import (
    accuracy,
    elapsed_ms,
    format_duration,
    is_late,
    rank_by_score_then_time,
    response_text,
    solution_text,
)
from quizgame.rooms.presentation import ChoiceData, QuestionData, present

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_elapsed_time_is_measured_on_the_server_and_never_negative():
    assert elapsed_ms(served_at=T0, answered_at=T0 + timedelta(seconds=3.25)) == 3250
    assert elapsed_ms(served_at=T0, answered_at=T0 - timedelta(seconds=1)) == 0


@pytest.mark.parametrize(
    ("elapsed", "timed", "late"),
    [(10_000, True, False), (10_250, True, False), (10_251, True, True), (60_000, False, False)],
)
def test_an_answer_is_late_only_past_the_limit_plus_the_grace_in_a_timed_round(elapsed, timed, late):
    assert is_late(elapsed=elapsed, limit_s=10, timed=timed, grace_ms=250) is late


def test_leaderboard_ranks_by_score_then_by_time_and_only_full_ties_share_a_rank():
    rows = [("slow", 3000, 9000), ("fast", 3000, 4000), ("low", 1000, 100), ("twin", 3000, 4000)]
    ranked = rank_by_score_then_time(rows)
    assert [(r.key, r.rank) for r in ranked] == [("fast", 1), ("twin", 1), ("slow", 3), ("low", 4)]


def test_accuracy_and_durations_read_well():
    assert accuracy(correct=2, total=3) == 67
    assert accuracy(correct=0, total=0) == 0
    assert format_duration(8400) == "8.4 s"
    assert format_duration(125_000) == "2 min 05 s"
    assert format_duration(3_720_000) == "1 h 02 min"


def test_answers_and_solutions_read_in_words_for_every_question_type():
    ordering = QuestionData(
        id=1, type="ordering", stem="Order",
        choices=(ChoiceData(id=10, text="first", position=0), ChoiceData(id=11, text="second", position=1),
                 ChoiceData(id=12, text="third", position=2)),
    )
    shown = present(ordering, seed=1, index=0)
    assert solution_text(shown) == "first → second → third"
    reversed_keys = sorted(range(3), key=lambda k: -shown.shown[k].position)
    assert response_text(shown, {"order": reversed_keys}) == "third → second → first"

    matching = QuestionData(
        id=2, type="matching", stem="Match",
        choices=(
            ChoiceData(id=20, text="Paris", match_text="France"),
            ChoiceData(id=21, text="Rome", match_text="Italy"),
        ),
    )
    shown = present(matching, seed=1, index=0)
    assert set(solution_text(shown).split("; ")) == {"Paris → France", "Rome → Italy"}
    pairs = [[left, next(k for k, c in enumerate(shown.right) if c.id != shown.shown[left].id)] for left in range(2)]
    assert set(response_text(shown, {"pairs": pairs}).split("; ")) == {"Paris → Italy", "Rome → France"}

    typed = QuestionData(id=3, type="typed", stem="Cells?", accepted_answers=("osteoblasts", "osteoblast"))
    shown = present(typed, seed=1, index=0)
    assert solution_text(shown) == "osteoblasts / osteoblast"
    assert response_text(shown, {"text": "osteoblsts"}) == "osteoblsts"
    assert response_text(shown, None) == ""
