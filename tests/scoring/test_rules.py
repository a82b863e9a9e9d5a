"""The scoring rules, without a database."""
import pytest

from quizgame.scoring.rules import (
    ScoringOptions,
    answer_outcome,
    podium,
    rank,
    smallest_team,
    speed_points,
    streak_bonus,
    team_question_points,
)

ACCURACY = ScoringOptions(speed_scoring=False)
UNTIMED = ScoringOptions(timer=False)


@pytest.mark.parametrize(
    ("elapsed_ms", "expected"),
    [(0, 1000), (499, 1000), (500, 988), (10_000, 750), (19_999, 500), (20_000, 500), (25_000, 500)],
)
def test_speed_points_follow_the_formula(elapsed_ms, expected):
    assert speed_points(base=1000, elapsed_ms=elapsed_ms, limit_ms=20_000, options=ScoringOptions()) == expected


def test_double_points_question_doubles_the_base():
    assert speed_points(base=2000, elapsed_ms=5_000, limit_ms=20_000, options=ScoringOptions()) == 1750


@pytest.mark.parametrize(("streak", "bonus"), [(0, 0), (1, 0), (2, 100), (3, 200), (6, 500), (7, 500), (50, 500)])
def test_streak_bonus_grows_by_100_after_the_first_and_caps_at_500(streak, bonus):
    assert streak_bonus(streak) == bonus


def test_a_run_of_correct_answers_builds_the_streak_and_a_wrong_one_resets_it():
    streak, totals = 0, []
    for correct in [True, True, True, False, True]:
        outcome = answer_outcome(correct=correct, previous_streak=streak, multiplier=1, elapsed_ms=0, limit_ms=20_000)
        streak = outcome.streak
        totals.append(outcome.total)
    assert totals == [1000, 1100, 1200, 0, 1000]
    assert streak == 1


def test_a_missing_answer_resets_the_streak():
    outcome = answer_outcome(correct=None, previous_streak=4, multiplier=1)
    assert (outcome.points, outcome.streak_bonus, outcome.streak) == (0, 0, 0)


def test_no_points_question_neither_scores_nor_breaks_a_streak():
    assert answer_outcome(correct=True, previous_streak=3, multiplier=0).streak == 3
    assert answer_outcome(correct=False, previous_streak=3, multiplier=0).streak == 3
    assert answer_outcome(correct=True, previous_streak=3, multiplier=0).total == 0


def test_accuracy_only_ignores_time_and_streak():
    slow = answer_outcome(correct=True, previous_streak=5, multiplier=1, elapsed_ms=19_000, limit_ms=20_000,
                          options=ACCURACY)
    assert (slow.points, slow.streak_bonus, slow.streak) == (1000, 0, 6)


def test_untimed_games_give_full_points_whatever_the_time_but_keep_streaks():
    late = answer_outcome(correct=True, previous_streak=1, multiplier=2, elapsed_ms=90_000, limit_ms=20_000,
                          options=UNTIMED)
    assert (late.points, late.streak_bonus) == (2000, 100)


def test_invalid_multiplier_is_refused():
    with pytest.raises(ValueError):
        answer_outcome(correct=True, previous_streak=0, multiplier=3)


def test_ties_share_a_rank_and_the_next_rank_skips():
    ranked = rank([("a", 900), ("b", 1200), ("c", 900), ("d", 300), ("e", 1200)])
    assert [(r.key, r.rank) for r in ranked] == [("b", 1), ("e", 1), ("a", 3), ("c", 3), ("d", 5)]


def test_podium_takes_everyone_ranked_first_to_third():
    ranked = rank([("a", 10), ("b", 10), ("c", 10), ("d", 10), ("e", 5)])
    assert [r.key for r in podium(ranked)] == ["a", "b", "c", "d"]
    assert rank([]) == []


def test_team_points_are_the_mean_of_members_with_silence_counting_zero():
    assert team_question_points([1000, 500, 0]) == 500
    assert team_question_points([950, 0]) == 475
    assert team_question_points([333, 334]) == 334  # 333.5 rounds to the even neighbour
    assert team_question_points([]) == 0


def test_new_players_go_to_the_smallest_team_first_listed_among_equals():
    assert smallest_team([("red", 2), ("blue", 1), ("gold", 1)]) == "blue"
    assert smallest_team([("red", 0), ("blue", 0)]) == "red"
    with pytest.raises(ValueError):
        smallest_team([])
