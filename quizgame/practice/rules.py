"""Pure rules of solo rounds: answer timing, standings with time as tie-break, plain-text answers for reviews.

Points come from quizgame.scoring.rules and what a question looks like from quizgame.rooms.presentation;
this module holds only what solo play adds to them.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from quizgame.rooms.presentation import MATCHING, MULTIPLE, ORDERING, TYPED, Presentation
from quizgame.scoring.rules import Ranked

ROUND_SIZES: tuple[int | None, ...] = (5, 10, 20, None)  # None: every approved question


def elapsed_ms(*, served_at: datetime, answered_at: datetime) -> int:
    """Time from the server serving a question to the server receiving its answer (the client is not trusted)."""
    return max(0, int((answered_at - served_at).total_seconds() * 1000))


def is_late(*, elapsed: int, limit_s: int, timed: bool, grace_ms: int) -> bool:
    """Whether an answer missed a timed question's limit, allowing `grace_ms` of network delay."""
    return timed and elapsed > limit_s * 1000 + grace_ms


def accuracy(*, correct: int, total: int) -> int:
    """Percentage of right answers, rounded; 0 for an empty round."""
    return round(100 * correct / total) if total else 0


def format_duration(ms: int) -> str:
    """A time for people: "8.4 s", "2 min 05 s", "1 h 02 min"."""
    seconds = max(ms, 0) / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, whole = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {whole:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def rank_by_score_then_time(rows: Iterable[tuple[object, int, int]]) -> list[Ranked]:
    """Rank (key, score, time_ms) rows: higher score first, then less time; only equal score and time share a rank.

    Unlike scoring.rules.rank (live games, where equal scores tie), a solo leaderboard breaks ties by time.
    """
    ordered = sorted(rows, key=lambda row: (-row[1], row[2]))
    ranked: list[Ranked] = []
    previous: tuple[int, int] | None = None
    for position, (key, score, time_ms) in enumerate(ordered, start=1):
        shared = previous == (score, time_ms)
        ranked.append(Ranked(key=key, score=score, rank=ranked[-1].rank if shared else position))
        previous = (score, time_ms)
    return ranked


def response_text(presentation: Presentation, response: Any) -> str:
    """A checked response in words, for the review ("" when the learner gave none)."""
    if response is None:
        return ""
    q = presentation.question
    shown = presentation.shown
    if q.type == TYPED:
        return str(response["text"])
    if q.type == MULTIPLE:
        return ", ".join(shown[k].text for k in sorted(response["choices"]))
    if q.type == ORDERING:
        return " → ".join(shown[k].text for k in response["order"])
    if q.type == MATCHING:
        right = presentation.right
        return "; ".join(f"{shown[a].text} → {right[b].match_text}" for a, b in sorted(response["pairs"]))
    return shown[response["choice"]].text


def solution_text(presentation: Presentation) -> str:
    """The correct answer in words, for the feedback after answering and the review."""
    q = presentation.question
    solution = presentation.solution()
    if q.type == TYPED:
        return " / ".join(solution["accepted"])
    if q.type == ORDERING:
        return " → ".join(presentation.shown[k].text for k in solution["order"])
    if q.type == MATCHING:
        return "; ".join(f"{c.text} → {c.match_text}" for c in presentation.shown)
    return ", ".join(presentation.shown[k].text for k in solution["choices"])
