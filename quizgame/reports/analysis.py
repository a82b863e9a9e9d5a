"""What a finished game says about its questions and players. Pure: plain data in, plain data out.

Per question: how many of the players present answered, how many got it right, how the answers spread over
the choices, and how long they took. Per player: score, rank, correct answers. Item analysis flags questions
where a wrong choice beat the right one, or that nearly everyone or nearly no one got right.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from quizgame.rooms.presentation import normalize_typed
from quizgame.scoring.rules import rank

EASY_AT = 0.9  # at least this share right: nearly everyone knew it
HARD_AT = 0.1  # at most this share right: nearly no one did
MOST_MISSED = 5
TYPED_SHOWN = 8


@dataclass(frozen=True)
class ChoiceInfo:
    id: int
    text: str
    is_correct: bool = False
    match_text: str = ""


@dataclass(frozen=True)
class QuestionInfo:
    index: int
    question_id: int
    type: str
    stem: str
    choices: tuple[ChoiceInfo, ...] = ()  # in the bank's order (for ordering: the correct order)
    opened_at: datetime | None = None  # when it opened, if known: players who joined later were not there


@dataclass(frozen=True)
class PlayerInfo:
    id: int
    nickname: str
    score: int
    joined_at: datetime | None = None


@dataclass(frozen=True)
class AnswerInfo:
    """One answer with the display keys already turned into choice ids (see quizgame.rooms.presentation)."""

    player_id: int
    question_index: int
    is_correct: bool
    elapsed_ms: int
    points: int = 0
    choice_ids: tuple[int, ...] = ()  # single/multiple/true-false: chosen; ordering: the order given
    pairs: tuple[tuple[int, int], ...] = ()  # matching: (left choice id, right choice id)
    text: str = ""  # typed
    readable: bool = True  # False when the stored keys no longer fit the question (it was edited)


@dataclass(frozen=True)
class OptionCount:
    text: str
    is_correct: bool
    count: int
    share: float  # of the answers to the question


@dataclass(frozen=True)
class Flag:
    code: str  # "distractor", "easy", "hard"
    message: str


@dataclass
class QuestionStats:
    number: int
    index: int
    question_id: int
    type: str
    stem: str
    players: int  # present while it was open
    answered: int
    correct: int
    average_seconds: float | None
    options: list[OptionCount] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def unanswered(self) -> int:
        return max(self.players - self.answered, 0)

    @property
    def correct_rate(self) -> float:
        """Right answers among the players present (no answer counts as not right)."""
        return self.correct / self.players if self.players else 0.0


@dataclass(frozen=True)
class PlayerStats:
    id: int
    nickname: str
    rank: int
    score: int
    correct: int
    answered: int
    average_seconds: float | None


@dataclass(frozen=True)
class AnswerRow:
    nickname: str
    number: int
    stem: str
    answer: str
    is_correct: bool
    points: int
    seconds: float


@dataclass
class Report:
    questions: list[QuestionStats]
    players: list[PlayerStats]
    answers: list[AnswerRow]
    most_missed: list[int]  # question ids, most missed first

    @property
    def flagged(self) -> list[QuestionStats]:
        return [q for q in self.questions if q.flags]


def _seconds(values: Sequence[int]) -> float | None:
    return round(sum(values) / len(values) / 1000, 1) if values else None


def answer_text(question: QuestionInfo, answer: AnswerInfo) -> str:
    """An answer in words, as the player gave it."""
    if not answer.readable:
        return "(the question has changed since the game)"
    texts = {c.id: c.text for c in question.choices}
    partners = {c.id: c.match_text for c in question.choices}
    if question.type == "typed":
        return answer.text
    if question.type == "ordering":
        return " → ".join(texts.get(i, "?") for i in answer.choice_ids)
    if question.type == "matching":
        return "; ".join(f"{texts.get(left, '?')} = {partners.get(right, '?')}" for left, right in answer.pairs)
    return "; ".join(texts.get(i, "?") for i in answer.choice_ids)


def _options(question: QuestionInfo, answers: Sequence[AnswerInfo]) -> list[OptionCount]:
    total = len(answers) or 1
    if question.type in ("single", "multiple", "truefalse"):
        counts = Counter(i for a in answers for i in a.choice_ids)
        return [OptionCount(c.text, c.is_correct, counts[c.id], counts[c.id] / total) for c in question.choices]
    if question.type == "typed":
        groups: dict[str, list[AnswerInfo]] = {}
        for answer in answers:
            # Grouped as the game compares them: case, accents, punctuation and spaces do not count.
            groups.setdefault(normalize_typed(answer.text).replace(" ", ""), []).append(answer)
        common = sorted(groups.values(), key=lambda group: -len(group))[:TYPED_SHOWN]
        return [
            OptionCount(group[0].text, sum(a.is_correct for a in group) * 2 > len(group), len(group),
                        len(group) / total)
            for group in common
        ]
    if question.type not in ("ordering", "matching"):
        return []
    right = sum(a.is_correct for a in answers)
    label = "Correct order" if question.type == "ordering" else "Every pair right"
    other = "Another order" if question.type == "ordering" else "Some pairs wrong"
    return [OptionCount(label, True, right, right / total), OptionCount(other, False, len(answers) - right,
                                                                     (len(answers) - right) / total)]


def item_flags(stats: QuestionStats) -> list[Flag]:
    """Why a question deserves a second look (nothing when no one answered it)."""
    if not stats.answered:
        return []
    flags = []
    right = [o for o in stats.options if o.is_correct]
    if right and stats.type in ("single", "multiple", "truefalse", "typed"):
        least_right = min(o.count for o in right) if stats.type != "typed" else sum(o.count for o in right)
        beaten = [o for o in stats.options if not o.is_correct and o.count > least_right]
        if beaten:
            worst = max(beaten, key=lambda o: o.count)
            flags.append(Flag("distractor", f"“{worst.text}” was chosen more often ({worst.count}) than the right "
                                            f"answer ({least_right}): is it misleading, or was the topic missed?"))
    share = stats.correct_rate
    if share >= EASY_AT:
        flags.append(Flag("easy", f"{share:.0%} got it right: nearly everyone knew it."))
    elif share <= HARD_AT:
        flags.append(Flag("hard", f"{share:.0%} got it right: nearly no one knew it."))
    return flags


def analyse(
    *, questions: Sequence[QuestionInfo], players: Sequence[PlayerInfo], answers: Sequence[AnswerInfo]
) -> Report:
    """The report of one game from its played questions, its players (in join order) and their answers."""
    by_question: dict[int, list[AnswerInfo]] = {}
    for answer in answers:
        by_question.setdefault(answer.question_index, []).append(answer)
    nicknames = {p.id: p.nickname for p in players}
    stats: list[QuestionStats] = []
    rows: list[AnswerRow] = []
    for number, question in enumerate(questions, start=1):
        given = [a for a in by_question.get(question.index, []) if a.player_id in nicknames]
        present = {a.player_id for a in given} | {
            p.id for p in players
            if question.opened_at is None or p.joined_at is None or p.joined_at <= question.opened_at
        }
        item = QuestionStats(
            number=number, index=question.index, question_id=question.question_id, type=question.type,
            stem=question.stem, players=len(present), answered=len(given), correct=sum(a.is_correct for a in given),
            average_seconds=_seconds([a.elapsed_ms for a in given]), options=_options(question, given),
        )
        item.flags = item_flags(item)
        stats.append(item)
        rows += [
            AnswerRow(nicknames[a.player_id], number, question.stem, answer_text(question, a), a.is_correct,
                      a.points, round(a.elapsed_ms / 1000, 1))
            for a in given
        ]
    per_player: dict[int, list[AnswerInfo]] = {}
    for answer in (a for group in by_question.values() for a in group):
        per_player.setdefault(answer.player_id, []).append(answer)
    player_stats = []
    for entry in rank((p.id, p.score) for p in players):
        player_id = cast(int, entry.key)
        mine = per_player.get(player_id, [])
        player_stats.append(PlayerStats(
            id=player_id, nickname=nicknames[player_id], rank=entry.rank, score=entry.score,
            correct=sum(a.is_correct for a in mine), answered=len(mine),
            average_seconds=_seconds([a.elapsed_ms for a in mine]),
        ))
    missed = [q for q in stats if q.answered and q.correct < q.players]
    missed.sort(key=lambda q: (q.correct_rate, q.number))
    return Report(questions=stats, players=player_stats, answers=rows,
                  most_missed=[q.question_id for q in missed[:MOST_MISSED]])
