"""Writes for solo practice and challenges: learners, starting rounds, serving questions, checking answers.

The server stamps when each question is served and when its answer arrives; the solution leaves only in the
answer's result, after the answer is recorded.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from questions.models import QuestionBank
from questions.selectors import bank_viewable_by
from quizgame.rooms.errors import GameError
from quizgame.rooms.presentation import InvalidResponse, Presentation
from quizgame.rooms.services import NICKNAME_MAX, clean_nickname
from quizgame.scoring.rules import ScoringOptions, answer_outcome

from . import clock, rules, scheduling, selectors
from .errors import PracticeError
from .models import Challenge, Learner, ReviewCard, Round, RoundItem


def learner_resolve(*, user: Any, token: str | None) -> Learner:
    """The learner behind a request, made on first need: one per signed-in user, else one per cookie token."""
    found = selectors.learner_find(user=user, token=token)
    if found is not None:
        return found
    if user is not None and user.is_authenticated:
        learner, _created = Learner.objects.get_or_create(user=user)
        return learner
    return Learner.objects.create(token=secrets.token_urlsafe(32))


def nickname_clean(*, raw: Any) -> str:
    """A leaderboard nickname: 1 to 20 characters once spaces are trimmed and collapsed (the live game's rule)."""
    try:
        return clean_nickname(raw)
    except GameError as error:
        raise PracticeError(error.code, error.message) from None


def _nickname_for(*, learner: Learner, raw: Any) -> str:
    """Signed-in learners appear under their username; anonymous ones under the nickname they give."""
    if learner.user is not None:
        return learner.user.get_username()[:NICKNAME_MAX]
    nickname = nickname_clean(raw=raw)
    if learner.nickname != nickname:
        learner.nickname = nickname
        learner.save(update_fields=["nickname"])
    return nickname


def _round_create(
    *,
    learner: Learner,
    bank: QuestionBank,
    question_ids: list[int],
    mode: str,
    nickname: str,
    timer: bool,
    shuffle: bool,
    seed: int,
    challenge: Challenge | None = None,
) -> Round:
    created = Round.objects.create(
        learner=learner,
        bank=bank,
        challenge=challenge,
        mode=mode,
        nickname=nickname,
        timer=timer,
        shuffle=shuffle,
        seed=seed,
        size=len(question_ids),
        started_at=clock.now(),
    )
    RoundItem.objects.bulk_create(
        RoundItem(round=created, index=index, question_id=qid) for index, qid in enumerate(question_ids)
    )
    return created


@transaction.atomic
def round_start(
    *, learner: Learner, bank: QuestionBank, size: int | None, timer: bool, nickname: Any = ""
) -> Round:
    """A practice round of `size` approved questions (None: all), due ones first, in a fresh shuffled order."""
    if size not in rules.ROUND_SIZES:
        raise PracticeError("bad_size", "Choose a round of 5, 10 or 20 questions, or all of them.")
    nickname = _nickname_for(learner=learner, raw=nickname)
    question_ids = selectors.approved_question_ids(bank=bank)
    if not question_ids:
        raise PracticeError("empty_bank", "This bank has no approved questions to practise yet.")
    seed = secrets.randbelow(2**31)
    picked = scheduling.round_pick(
        question_ids=question_ids,
        cards=selectors.learner_cards(learner=learner, question_ids=question_ids),
        size=size,
        now=clock.now(),
        rng=random.Random(seed),
    )
    return _round_create(
        learner=learner,
        bank=bank,
        question_ids=picked,
        mode=Round.Mode.PRACTICE,
        nickname=nickname,
        timer=timer,
        shuffle=True,
        seed=seed,
    )


def _round_reshuffled(
    *, learner: Learner, bank: QuestionBank, question_ids: list[int], nickname: str, timer: bool
) -> Round:
    """A round of exactly these questions in a fresh order: the learner's own mistakes, or a class's."""
    seed = secrets.randbelow(2**31)
    question_ids = list(question_ids)
    random.Random(seed).shuffle(question_ids)
    return _round_create(
        learner=learner,
        bank=bank,
        question_ids=question_ids,
        mode=Round.Mode.MISTAKES,
        nickname=nickname,
        timer=timer,
        shuffle=True,
        seed=seed,
    )


@transaction.atomic
def round_start_questions(
    *, learner: Learner, bank: QuestionBank, question_ids: list[int], timer: bool = False, nickname: Any = ""
) -> Round:
    """A round of chosen questions of a bank (say, a game's most-missed ones), still approved, reshuffled."""
    nickname = _nickname_for(learner=learner, raw=nickname)
    approved = set(selectors.approved_question_ids(bank=bank))
    chosen = [qid for qid in dict.fromkeys(question_ids) if qid in approved]
    if not chosen:
        raise PracticeError("empty_bank", "None of those questions can be practised any more.")
    return _round_reshuffled(learner=learner, bank=bank, question_ids=chosen, nickname=nickname, timer=timer)


@transaction.atomic
def round_start_mistakes(*, learner: Learner | None, round_id: int) -> Round:
    """A new round of exactly the questions missed in a finished round (wrong, late or skipped), reshuffled."""
    previous = selectors.round_for_learner(round_id=round_id, learner=learner)
    if not previous.is_finished:
        raise PracticeError("round_unfinished", "Finish this round first.", status=409)
    missed = selectors.missed_question_ids(round=previous)
    if not missed:
        raise PracticeError("no_mistakes", "No mistakes in that round: nothing to practise again.", status=409)
    return _round_reshuffled(
        learner=previous.learner, bank=previous.bank, question_ids=missed, nickname=previous.nickname,
        timer=previous.timer,
    )


def _require_open(challenge: Challenge, now: datetime) -> None:
    if not selectors.challenge_is_open(challenge=challenge, now=now):
        raise PracticeError("challenge_closed", selectors.closed_message(challenge=challenge), status=410)


def challenge_create(
    *,
    host: Any,
    bank: QuestionBank,
    closes_at: datetime,
    title: str = "",
    shuffle: bool = True,
    timer: bool = True,
) -> Challenge:
    """A challenge link for `bank`'s approved questions (frozen now), open until `closes_at`."""
    if not bank_viewable_by(bank=bank, user=host):
        raise PracticeError("not_allowed", "You can only assign your own banks.", status=403)
    if closes_at <= clock.now():
        raise PracticeError("closes_in_past", "Choose an end date and time in the future.")
    question_ids = selectors.approved_question_ids(bank=bank)
    if not question_ids:
        raise PracticeError("empty_bank", "This bank has no approved questions to assign yet.")
    return Challenge.objects.create(
        token=secrets.token_urlsafe(9),
        bank=bank,
        host=host,
        title=(title or "").strip()[:200] or bank.title,
        question_ids=question_ids,
        closes_at=closes_at,
        shuffle=shuffle,
        timer=timer,
    )


@transaction.atomic
def challenge_start(*, learner: Learner, challenge: Challenge, nickname: Any) -> Round:
    """The learner's one attempt at a challenge; starting again resumes it. Refused once the challenge closed."""
    _require_open(challenge, clock.now())
    existing = selectors.challenge_attempt(challenge=challenge, learner=learner)
    if existing is not None:
        return existing
    nickname = nickname_clean(raw=nickname)
    if challenge.attempts.filter(nickname__iexact=nickname).exists():
        raise PracticeError("nickname_taken", "Someone already plays this challenge under that nickname.", status=409)
    existing_ids = set(challenge.bank.questions.filter(pk__in=challenge.question_ids).values_list("id", flat=True))
    question_ids = [qid for qid in challenge.question_ids if qid in existing_ids]
    if not question_ids:
        raise PracticeError("empty_bank", "This challenge has no questions left.", status=410)
    seed = secrets.randbelow(2**31)
    if challenge.shuffle:
        random.Random(seed).shuffle(question_ids)
    if learner.nickname != nickname and learner.user_id is None:
        learner.nickname = nickname
        learner.save(update_fields=["nickname"])
    try:
        with transaction.atomic():
            return _round_create(
                learner=learner,
                bank=challenge.bank,
                question_ids=question_ids,
                mode=Round.Mode.CHALLENGE,
                nickname=nickname,
                timer=challenge.timer,
                shuffle=challenge.shuffle,
                seed=seed,
                challenge=challenge,
            )
    except IntegrityError:
        # Two requests at once: one attempt per learner and one player per nickname, whichever came first.
        raise PracticeError(
            "nickname_taken", "Someone already plays this challenge under that nickname.", status=409
        ) from None


@dataclass(frozen=True)
class ServedQuestion:
    round: Round
    item: RoundItem
    presentation: Presentation
    remaining_ms: int | None  # None: untimed

    def payload(self) -> dict[str, Any]:
        """What the learner may see before answering: presentation.public() and the round's progress, no more."""
        return {
            "finished": False,
            "index": self.item.index,
            "total": self.round.size,
            "score": self.round.score,
            "time_limit": self.presentation.question.time_limit if self.round.timer else None,
            "remaining_ms": self.remaining_ms,
            "question": self.presentation.public(),
        }


def _lock_round(round_id: int, learner: Learner | None) -> Round:
    selectors.round_for_learner(round_id=round_id, learner=learner)  # 404 for anyone else's
    return Round.objects.select_for_update().select_related("challenge", "bank").get(pk=round_id)


@transaction.atomic
def question_serve(*, round_id: int, learner: Learner | None) -> ServedQuestion | None:
    """The round's current question, stamped as served the first time (reloading does not restart its clock).

    None when every question is answered.
    """
    now = clock.now()
    locked = _lock_round(round_id, learner)
    if locked.challenge is not None:
        _require_open(locked.challenge, now)
    item = selectors.current_item(round=locked)
    if item is None:
        return None
    if item.served_at is None:
        item.served_at = now
        item.save(update_fields=["served_at"])
    presentation = selectors.presentation_for_item(round=locked, item=item)
    remaining = None
    if locked.timer:
        spent = rules.elapsed_ms(served_at=item.served_at, answered_at=now)
        remaining = max(0, presentation.question.time_limit * 1000 - spent)
    return ServedQuestion(round=locked, item=item, presentation=presentation, remaining_ms=remaining)


@dataclass(frozen=True)
class AnswerResult:
    round: Round
    item: RoundItem
    presentation: Presentation

    def payload(self) -> dict[str, Any]:
        """The feedback after answering: right or wrong, the solution, the explanation and the source excerpt."""
        question = self.presentation.question
        return {
            "index": self.item.index,
            "correct": self.item.is_correct,
            "late": self.item.late,
            "status": selectors.item_status(self.item),
            "points": self.item.points,
            "score": self.round.score,
            "streak": self.round.streak,
            "solution": self.presentation.solution(),
            "answer_text": rules.solution_text(self.presentation),
            "explanation": question.explanation,
            "excerpt": question.excerpt,
            "source": question.source,
            "finished": self.round.is_finished,
        }


@transaction.atomic
def answer_submit(*, round_id: int, learner: Learner | None, index: Any, response: Any) -> AnswerResult:
    """Check and record the answer to the question served last. `response=None` skips it (or time ran out).

    An answer later than the question's limit plus the grace counts as wrong; points follow the live game's rules
    (speed and streak in timed rounds, the question's points in untimed ones).
    """
    now = clock.now()
    locked = _lock_round(round_id, learner)
    if locked.challenge is not None:
        _require_open(locked.challenge, now)
    if locked.is_finished:
        raise PracticeError("round_finished", "This round is over.", status=409)
    if isinstance(index, bool) or not isinstance(index, int):
        raise PracticeError("bad_request", "Send the question's 'index' (a number).")
    item = selectors.current_item(round=locked)
    if item is None or item.index != index or item.served_at is None:
        if locked.items.filter(index=index, answered_at__isnull=False).exists():
            raise PracticeError("already_answered", "You already answered this question.", status=409)
        raise PracticeError("wrong_question", "That is not the question you were shown.", status=409)
    presentation = selectors.presentation_for_item(round=locked, item=item)
    question = presentation.question
    correct: bool | None = None
    if response is not None:
        try:
            correct = presentation.check(response)
        except InvalidResponse as invalid:
            raise PracticeError("invalid_answer", str(invalid).capitalize() + ".") from None
    elapsed = rules.elapsed_ms(served_at=item.served_at, answered_at=now)
    late = rules.is_late(
        elapsed=elapsed,
        limit_s=question.time_limit,
        timed=locked.timer,
        grace_ms=settings.QUIZGAME["ANSWER_GRACE_MS"],
    )
    counted = bool(correct) and not late
    outcome = answer_outcome(
        correct=counted if response is not None else None,
        previous_streak=locked.streak,
        multiplier=question.points_multiplier,
        elapsed_ms=elapsed,
        limit_ms=question.time_limit * 1000,
        options=ScoringOptions(speed_scoring=locked.timer, timer=locked.timer),
    )
    item.answered_at = now
    item.response = response
    item.is_correct = counted
    item.late = late
    item.elapsed_ms = elapsed
    item.points = outcome.total
    item.save(update_fields=["answered_at", "response", "is_correct", "late", "elapsed_ms", "points"])

    locked.score += outcome.total
    locked.streak = outcome.streak
    locked.correct_count += int(counted)
    locked.answered_count += 1
    locked.time_ms += elapsed
    if locked.answered_count >= locked.size:
        locked.finished_at = now
    locked.save(update_fields=["score", "streak", "correct_count", "answered_count", "time_ms", "finished_at"])
    card_review(learner_id=locked.learner_id, question_id=question.id, correct=counted, now=now)
    return AnswerResult(round=locked, item=item, presentation=presentation)


def card_review(*, learner_id: int, question_id: int, correct: bool, now: datetime) -> ReviewCard:
    """Move the learner's card for a question to its next Leitner box (practice.scheduling.next_review)."""
    card = ReviewCard.objects.select_for_update().filter(learner_id=learner_id, question_id=question_id).first()
    box, due_at = scheduling.next_review(
        box=card.box if card else scheduling.FIRST_BOX, correct=correct, now=now
    )
    if card is None:
        return ReviewCard.objects.create(
            learner_id=learner_id,
            question_id=question_id,
            box=box,
            due_at=due_at,
            reviewed_at=now,
            reviews=1,
            lapses=int(not correct),
        )
    card.box, card.due_at, card.reviewed_at = box, due_at, now
    card.reviews += 1
    card.lapses += int(not correct)
    card.save(update_fields=["box", "due_at", "reviewed_at", "reviews", "lapses"])
    return card
