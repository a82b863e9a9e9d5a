"""Reads for solo practice and challenges: learners, what a round looks like, summaries, leaderboards, reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format

from questions.models import Question, QuestionBank
from quizgame.rooms.presentation import Presentation, present
from quizgame.rooms.selectors import question_data

from . import rules, scheduling
from .errors import PracticeError
from .models import Challenge, Learner, ReviewCard, Round, RoundItem

LEADERBOARD_SIZE = 10


def learner_find(*, user: Any, token: str | None) -> Learner | None:
    """The learner behind a request: the signed-in user's, else the one the cookie's token names."""
    if user is not None and user.is_authenticated:
        return Learner.objects.filter(user=user).select_related("user").first()
    if token:
        return Learner.objects.filter(token=token, user__isnull=True).first()
    return None


def approved_question_ids(*, bank: QuestionBank) -> list[int]:
    return list(
        bank.questions.filter(review_status=Question.Review.APPROVED)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )


def learner_cards(*, learner: Learner | None, question_ids: list[int]) -> dict[int, scheduling.Card]:
    """The learner's Leitner boxes for these questions, as plain data for the scheduler."""
    if learner is None:
        return {}
    rows = ReviewCard.objects.filter(learner=learner, question_id__in=question_ids)
    return {c.question_id: scheduling.Card(question_id=c.question_id, box=c.box, due_at=c.due_at) for c in rows}


def round_for_learner(*, round_id: int, learner: Learner | None) -> Round:
    """A round its own learner may see; anyone else is told it does not exist."""
    found = None
    if learner is not None:
        found = (
            Round.objects.filter(pk=round_id, learner=learner).select_related("bank", "challenge", "learner").first()
        )
    if found is None:
        raise PracticeError("unknown_round", "That round does not exist, or it is not yours.", status=404)
    return found


def presentation_for_item(*, round: Round, item: RoundItem) -> Presentation:
    """How the item looks to its learner: the round's seed fixes the tile order across reloads."""
    data = question_data(question_id=item.question_id)
    return present(data, seed=round.seed, index=item.index, shuffle=round.shuffle)


def current_item(*, round: Round) -> RoundItem | None:
    """The first question of the round not answered yet; None once the round is over."""
    return round.items.filter(answered_at__isnull=True).order_by("index").first()


def closed_message(*, challenge: Challenge) -> str:
    when = date_format(timezone.localtime(challenge.closes_at), "j F Y, H:i T")
    return f"This challenge closed on {when}."


def challenge_is_open(*, challenge: Challenge, now: datetime) -> bool:
    return now < challenge.closes_at


def challenge_by_token(*, token: str) -> Challenge:
    challenge = Challenge.objects.filter(token=token).select_related("bank", "host").first()
    if challenge is None:
        raise PracticeError("unknown_challenge", "No challenge has that link. Check it with your teacher.", status=404)
    return challenge


def challenge_attempt(*, challenge: Challenge, learner: Learner | None) -> Round | None:
    if learner is None:
        return None
    return Round.objects.filter(challenge=challenge, learner=learner).first()


@dataclass(frozen=True)
class ReviewRow:
    index: int
    stem: str
    status: str  # "correct", "wrong", "late" or "skipped"
    given: str
    answer: str
    explanation: str
    excerpt: str
    source: str
    points: int
    elapsed_ms: int


@dataclass(frozen=True)
class RoundSummary:
    round: Round
    total: int
    correct: int
    accuracy: int
    time_ms: int
    rows: list[ReviewRow] = field(default_factory=list)

    @property
    def missed(self) -> int:
        return sum(1 for row in self.rows if row.status != "correct")


def item_status(item: RoundItem) -> str:
    if item.is_correct:
        return "correct"
    if item.late:
        return "late"
    return "skipped" if item.response is None else "wrong"


def round_summary(*, round: Round) -> RoundSummary:
    """Score, accuracy, time and a review of every answered question, with the right answer and its source."""
    rows = []
    for item in round.items.filter(answered_at__isnull=False).order_by("index"):
        presentation = presentation_for_item(round=round, item=item)
        question = presentation.question
        rows.append(
            ReviewRow(
                index=item.index,
                stem=question.stem,
                status=item_status(item),
                given=rules.response_text(presentation, item.response),
                answer=rules.solution_text(presentation),
                explanation=question.explanation,
                excerpt=question.excerpt,
                source=question.source,
                points=item.points,
                elapsed_ms=item.elapsed_ms,
            )
        )
    return RoundSummary(
        round=round,
        total=round.size,
        correct=round.correct_count,
        accuracy=rules.accuracy(correct=round.correct_count, total=round.size),
        time_ms=round.time_ms,
        rows=rows,
    )


def missed_question_ids(*, round: Round) -> list[int]:
    """The questions of a finished round the learner did not get right, in the order they were asked."""
    return list(
        round.items.filter(answered_at__isnull=False, is_correct=False).order_by("index").values_list(
            "question_id", flat=True
        )
    )


@dataclass(frozen=True)
class BoardRow:
    rank: int
    nickname: str
    score: int
    correct: int
    total: int
    time_ms: int
    finished: bool
    round_id: int
    learner_id: int


def _board(rounds: list[Round]) -> list[BoardRow]:
    rows = []
    for entry in rules.rank_by_score_then_time((r, r.score, r.time_ms) for r in rounds):
        attempt = cast(Round, entry.key)
        rows.append(
            BoardRow(
                rank=entry.rank,
                nickname=attempt.nickname,
                score=attempt.score,
                correct=attempt.correct_count,
                total=attempt.size,
                time_ms=attempt.time_ms,
                finished=attempt.is_finished,
                round_id=attempt.pk,
                learner_id=attempt.learner_id,
            )
        )
    return rows


def practice_leaderboard(*, bank: QuestionBank, size: int = LEADERBOARD_SIZE) -> list[BoardRow]:
    """Each learner's best finished practice round of the bank: best score first, ties to the faster round."""
    rounds = (
        Round.objects.filter(bank=bank, mode=Round.Mode.PRACTICE, finished_at__isnull=False)
        .order_by("-score", "time_ms", "finished_at", "id")
        .only("id", "learner_id", "nickname", "score", "time_ms", "correct_count", "size", "finished_at")
    )
    best: dict[int, Round] = {}
    for candidate in rounds.iterator():
        if candidate.learner_id in best:
            continue  # rounds come best first: the learner's first is their best
        if len(best) >= size:
            break
        best[candidate.learner_id] = candidate
    return _board(list(best.values()))[:size]


@dataclass(frozen=True)
class PersonalBests:
    rounds: int
    best_score: int
    best_score_time_ms: int
    best_accuracy: int


def personal_bests(*, learner: Learner | None, bank: QuestionBank) -> PersonalBests | None:
    """The learner's records on this bank over finished practice rounds; None before the first one."""
    if learner is None:
        return None
    finished = list(
        Round.objects.filter(learner=learner, bank=bank, finished_at__isnull=False)
        .exclude(mode=Round.Mode.CHALLENGE)
        .values("mode", "score", "time_ms", "correct_count", "size")
    )
    if not finished:
        return None
    scored = [r for r in finished if r["mode"] == Round.Mode.PRACTICE] or finished
    top = min(scored, key=lambda r: (-r["score"], r["time_ms"]))
    return PersonalBests(
        rounds=len(finished),
        best_score=top["score"],
        best_score_time_ms=top["time_ms"],
        best_accuracy=max(rules.accuracy(correct=r["correct_count"], total=r["size"]) for r in finished),
    )


def due_now(*, learner: Learner | None, bank: QuestionBank, now: datetime) -> int:
    question_ids = approved_question_ids(bank=bank)
    return scheduling.due_count(
        cards=learner_cards(learner=learner, question_ids=question_ids), question_ids=question_ids, now=now
    )


def challenge_leaderboard(*, challenge: Challenge) -> list[BoardRow]:
    """Every attempt that has answered at least once, best score first, ties to the faster player."""
    return _board(list(challenge.attempts.filter(answered_count__gt=0)))


@dataclass(frozen=True)
class QuestionStat:
    position: int
    question_id: int
    stem: str
    answered: int
    correct: int

    @property
    def percent(self) -> int:
        return rules.accuracy(correct=self.correct, total=self.answered)


@dataclass(frozen=True)
class ChallengeReport:
    challenge: Challenge
    players: list[BoardRow]
    questions: list[QuestionStat]
    started: int
    finished: int


def challenge_report(*, challenge: Challenge) -> ChallengeReport:
    """Per player score, correct answers and time; per question how many of those who answered got it right."""
    stats = {
        row["question_id"]: row
        for row in RoundItem.objects.filter(round__challenge=challenge, answered_at__isnull=False)
        .values("question_id")
        .annotate(answered=Count("id"), correct=Count("id", filter=Q(is_correct=True)))
    }
    stems = dict(Question.objects.filter(pk__in=challenge.question_ids).values_list("id", "stem"))
    questions = [
        QuestionStat(
            position=position,
            question_id=qid,
            stem=stems[qid],
            answered=stats.get(qid, {}).get("answered", 0),
            correct=stats.get(qid, {}).get("correct", 0),
        )
        for position, qid in enumerate((q for q in challenge.question_ids if q in stems), start=1)
    ]
    attempts = challenge.attempts.all()
    return ChallengeReport(
        challenge=challenge,
        players=challenge_leaderboard(challenge=challenge),
        questions=questions,
        started=attempts.count(),
        finished=attempts.filter(finished_at__isnull=False).count(),
    )


def challenges_for_host(*, host: Any) -> list[Challenge]:
    return list(
        Challenge.objects.filter(host=host)
        .select_related("bank")
        .annotate(players=Count("attempts"))
        .order_by("-created_at")
    )
