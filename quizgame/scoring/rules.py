"""Pure scoring rules: points for one answer, streaks, ranking. No database, no clock.

Kahoot-style speed scoring: a correct answer is worth round(P * (1 - (t / T) / 2)) where P is the question's
base points (0, 1000 or 2000), t the time taken and T the time limit; answers under half a second get the full P.
Consecutive correct answers add +100 each after the first, capped at +500; a wrong or missing answer resets it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

BASE_POINTS = 1000
FULL_POINTS_UNDER_MS = 500
STREAK_STEP = 100
STREAK_CAP = 500


@dataclass(frozen=True)
class ScoringOptions:
    speed_scoring: bool = True  # False: accuracy only, every correct answer is worth P
    timer: bool = True  # False: untimed, the host advances; time cannot count


@dataclass(frozen=True)
class AnswerOutcome:
    points: int  # base points earned, streak bonus excluded
    streak_bonus: int
    streak: int  # the streak after this question

    @property
    def total(self) -> int:
        return self.points + self.streak_bonus


def base_points(multiplier: int) -> int:
    if multiplier not in (0, 1, 2):
        raise ValueError(f"points multiplier must be 0, 1 or 2, not {multiplier!r}")
    return BASE_POINTS * multiplier


def speed_points(*, base: int, elapsed_ms: int, limit_ms: int | None, options: ScoringOptions) -> int:
    """Points for a correct answer given how long it took."""
    if base == 0:
        return 0
    if not options.speed_scoring or not options.timer or not limit_ms:
        return base
    if elapsed_ms < FULL_POINTS_UNDER_MS:
        return base
    fraction = min(max(elapsed_ms, 0), limit_ms) / limit_ms
    return round(base * (1 - fraction / 2))


def streak_bonus(streak: int) -> int:
    """Bonus for the `streak`-th consecutive correct answer (the first earns nothing)."""
    return min(STREAK_STEP * max(streak - 1, 0), STREAK_CAP)


def answer_outcome(
    *,
    correct: bool | None,
    previous_streak: int,
    multiplier: int,
    elapsed_ms: int = 0,
    limit_ms: int | None = None,
    options: ScoringOptions = ScoringOptions(),
) -> AnswerOutcome:
    """Score one player's result on one question. `correct=None` means no answer was given.

    A no-points question (multiplier 0) neither earns nor breaks a streak. In accuracy-only mode every correct
    answer is worth the same: no speed and no streak bonus, though the streak is still counted for display.
    """
    base = base_points(multiplier)
    if base == 0:
        return AnswerOutcome(points=0, streak_bonus=0, streak=previous_streak)
    if not correct:
        return AnswerOutcome(points=0, streak_bonus=0, streak=0)
    streak = previous_streak + 1
    points = speed_points(base=base, elapsed_ms=elapsed_ms, limit_ms=limit_ms, options=options)
    bonus = streak_bonus(streak) if options.speed_scoring else 0
    return AnswerOutcome(points=points, streak_bonus=bonus, streak=streak)


@dataclass(frozen=True)
class Ranked:
    key: Any
    score: int
    rank: int


def rank(scores: Iterable[tuple[object, int]]) -> list[Ranked]:
    """Standard competition ranking: equal scores share a rank and the next rank skips (1, 1, 3).

    The order among equal scores follows the input order, so callers pass a stable order (e.g. join time).
    """
    ordered = sorted(scores, key=lambda item: -item[1])
    ranked: list[Ranked] = []
    for position, (key, score) in enumerate(ordered, start=1):
        shared = ranked and ranked[-1].score == score
        ranked.append(Ranked(key=key, score=score, rank=ranked[-1].rank if shared else position))
    return ranked


def podium(ranked: Sequence[Ranked]) -> list[Ranked]:
    """Everyone placed 1st to 3rd (ties can put more than three people on the podium)."""
    return [entry for entry in ranked if entry.rank <= 3]


def team_question_points(member_points: Sequence[int]) -> int:
    """A team's points for one question: the mean over its members, a silent member counting 0.

    The mean keeps teams of different sizes on equal terms; an empty team scores nothing.
    """
    if not member_points:
        return 0
    return round(sum(member_points) / len(member_points))


def smallest_team(sizes: Sequence[tuple[object, int]]) -> object:
    """The team a new player joins: the one with the fewest members, the first listed among equals."""
    if not sizes:
        raise ValueError("no teams to choose from")
    return min(enumerate(sizes), key=lambda item: (item[1][1], item[0]))[1][0]
