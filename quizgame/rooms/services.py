"""Writes for live games. Each action changes state in one transaction and decides who hears about it;
messages leave only after the commit (fanout.room_publish).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from questions.models import Question, QuestionBank
from quizgame.scoring.rules import ScoringOptions, answer_outcome

from . import clock, protocol, selectors
from .errors import GameError
from .fanout import HOST, PLAYERS, room_publish
from .models import Answer, Game, Player
from .presentation import InvalidResponse

NICKNAME_MAX = 20
KICK_CLOSE_CODE = 4003
PIN_ATTEMPTS = 20


def _pin() -> str:
    return f"{secrets.randbelow(900000) + 100000}"


@transaction.atomic
def game_create(
    *, host: Any, bank: QuestionBank, speed_scoring: bool = True, timer: bool = True, shuffle_choices: bool = True
) -> Game:
    """Open a lobby for `bank` under a fresh 6-digit PIN that no open game uses."""
    question_ids = list(
        bank.questions.filter(review_status=Question.Review.APPROVED)
        .order_by("position", "id")
        .values_list("id", flat=True)
    )
    if not question_ids:
        raise GameError("empty_bank", "This bank has no approved questions to play yet.")
    for _attempt in range(PIN_ATTEMPTS):
        try:
            with transaction.atomic():
                return Game.objects.create(
                    pin=_pin(),
                    bank=bank,
                    host=host,
                    question_ids=question_ids,
                    speed_scoring=speed_scoring,
                    timer=timer,
                    shuffle_choices=shuffle_choices,
                    seed=secrets.randbelow(2**31),
                )
        except IntegrityError:
            continue  # that PIN belongs to an open game; draw another
    raise GameError("no_pin", "Could not find a free PIN; try again.")


def clean_nickname(raw: Any) -> str:
    if not isinstance(raw, str):
        raise GameError("nickname_invalid", "Choose a nickname.")
    nickname = " ".join(raw.split())
    if not nickname:
        raise GameError("nickname_empty", "Choose a nickname.")
    if len(nickname) > NICKNAME_MAX:
        raise GameError("nickname_too_long", f"Nicknames are at most {NICKNAME_MAX} characters.")
    return nickname


@transaction.atomic
def player_join(*, game_id: int, nickname: Any) -> Player:
    """Add a player to a game's lobby under a nickname unique in that game (case does not count)."""
    nickname = clean_nickname(nickname)
    game = Game.objects.select_for_update().get(pk=game_id)
    if game.phase == Game.Phase.FINISHED:
        raise GameError("game_finished", "This game has finished.", fatal=True)
    if game.phase != Game.Phase.LOBBY:
        raise GameError("game_started", "This game has already started.", fatal=True)
    if game.players.filter(kicked=False).count() >= settings.QUIZGAME["MAX_PLAYERS_PER_GAME"]:
        raise GameError("game_full", "This game is full.", fatal=True)
    if game.players.filter(nickname__iexact=nickname).exists():
        raise GameError("nickname_taken", "Someone already has that nickname. Pick another.")
    player = Player.objects.create(game=game, nickname=nickname, token=secrets.token_urlsafe(32))
    room_publish(
        game.pk,
        {"type": "player_joined", "player": {"id": player.pk, "nickname": player.nickname}},
        audience=HOST,
    )
    return player


def player_resume(*, game_id: int, token: Any) -> Player:
    if not isinstance(token, str) or not token:
        raise GameError("bad_token", "That session is not valid here; join again.")
    player = Player.objects.filter(game_id=game_id, token=token).first()
    if player is None:
        raise GameError("bad_token", "That session is not valid here; join again.")
    if player.kicked:
        raise GameError("kicked", "The host removed you from this game.", fatal=True)
    return player


def _require_host(game: Game, actor: Any) -> None:
    if not (actor and actor.is_authenticated and (actor.pk == game.host_id or actor.is_staff)):
        raise GameError("not_host", "Only the host can control this game.", fatal=True)


@transaction.atomic
def player_kick(*, game_id: int, player_id: Any, actor: Any) -> None:
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if isinstance(player_id, bool) or not isinstance(player_id, int):
        raise GameError("bad_message", "'kick' needs 'player' (int).")
    updated = Player.objects.filter(pk=player_id, game=game, kicked=False).update(kicked=True)
    if not updated:
        raise GameError("unknown_player", "No such player in this game.")
    room_publish(game.pk, {"type": "player_left", "player": {"id": player_id}, "kicked": True}, audience=HOST)
    room_publish(
        game.pk,
        {"type": "kicked", "message": "The host removed you from this game."},
        audience=f"player:{player_id}",
        close=KICK_CLOSE_CODE,
    )
    if game.phase == Game.Phase.QUESTION:
        _close_if_everyone_answered(game)


@transaction.atomic
def game_start(*, game_id: int, actor: Any) -> None:
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if game.phase != Game.Phase.LOBBY:
        raise GameError("wrong_phase", "The game has already started.")
    game.started_at = clock.now()
    _question_open(game, 0)


@transaction.atomic
def game_next(*, game_id: int, actor: Any) -> None:
    """The host's one button: close the question, show the leaderboard, open the next question, finish."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if game.phase == Game.Phase.LOBBY:
        game.started_at = clock.now()
        _question_open(game, 0)
    elif game.phase == Game.Phase.QUESTION:
        _question_close(game)
    elif game.phase == Game.Phase.REVEAL:
        _leaderboard_show(game)
    elif game.phase == Game.Phase.LEADERBOARD:
        _advance(game)
    else:
        raise GameError("wrong_phase", "The game has finished.")


@transaction.atomic
def game_skip(*, game_id: int, actor: Any) -> None:
    """Drop the current question unscored (answers void, streaks untouched) and move on."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if game.phase == Game.Phase.LOBBY:
        raise GameError("wrong_phase", "Start the game first.")
    if game.phase == Game.Phase.FINISHED:
        raise GameError("wrong_phase", "The game has finished.")
    if game.phase == Game.Phase.QUESTION:
        Answer.objects.filter(game=game, question_index=game.question_index).delete()
        _question_close(game, skipped=True)
    _advance(game)


@transaction.atomic
def game_end(*, game_id: int, actor: Any) -> None:
    """End early: an open question is scored with the answers in so far, then the podium."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if game.phase == Game.Phase.FINISHED:
        raise GameError("wrong_phase", "The game has finished.")
    if game.phase == Game.Phase.QUESTION:
        _question_close(game)
    _finish(game)


def _advance(game: Game) -> None:
    if game.question_index + 1 < game.question_count:
        _question_open(game, game.question_index + 1)
    else:
        _finish(game)


def _question_open(game: Game, index: int) -> None:
    presentation = selectors.presentation_for(game=game, index=index)
    opened = clock.now()
    game.phase = Game.Phase.QUESTION
    game.question_index = index
    game.question_opened_at = opened
    limit = presentation.question.time_limit
    game.question_deadline = opened + timedelta(seconds=limit) if game.timer else None
    game.save()
    message = protocol.question_message(game=game, public=presentation.public(), time_limit=limit)
    deadline = {"index": index, "closes_at": protocol.ms(game.question_deadline)} if game.timer else None
    room_publish(game.pk, message, clock=deadline)


@dataclass(frozen=True)
class AnswerReceipt:
    index: int
    elapsed_ms: int


def answer_submit(
    *, game_id: int, player_id: int, index: Any, response: Any, received_at: datetime | None = None
) -> AnswerReceipt:
    """Record a player's answer to the open question. The first answer wins; nothing about it is revealed yet."""
    received_at = received_at or clock.now()
    if isinstance(index, bool) or not isinstance(index, int):
        raise GameError("bad_message", "'answer' needs 'index' (int).")
    with transaction.atomic():
        game = Game.objects.select_for_update().get(pk=game_id)
        player = Player.objects.filter(pk=player_id, game=game).first()
        if player is None:
            raise GameError("not_in_game", "You are not a player of this game.", fatal=True)
        if player.kicked:
            raise GameError("kicked", "The host removed you from this game.", fatal=True)
        if game.phase != Game.Phase.QUESTION or index != game.question_index:
            if index == game.question_index and game.phase != Game.Phase.LOBBY:
                raise GameError("too_late", "Time is up for this question.")
            raise GameError("wrong_question", "That question is not open.")
        grace = timedelta(milliseconds=settings.QUIZGAME["ANSWER_GRACE_MS"])
        if game.question_deadline and received_at > game.question_deadline + grace:
            raise GameError("too_late", "Time is up for this question.")
        presentation = selectors.presentation_for(game=game, index=index)
        try:
            correct = presentation.check(response)
        except InvalidResponse as invalid:
            raise GameError("invalid_answer", str(invalid).capitalize() + ".") from None
        assert game.question_opened_at is not None
        elapsed = max(0, int((received_at - game.question_opened_at).total_seconds() * 1000))
        try:
            with transaction.atomic():
                Answer.objects.create(
                    game=game,
                    player=player,
                    question_id=presentation.question.id,
                    question_index=index,
                    response=response,
                    elapsed_ms=elapsed,
                    is_correct=correct,
                    received_at=received_at,
                )
        except IntegrityError:
            raise GameError("duplicate", "You already answered this question; your first answer counts.") from None
        answered = Answer.objects.filter(game=game, question_index=index).count()
        total = game.players.filter(kicked=False).count()
        progress = {"type": "answers", "index": index, "answered": answered, "players": total}
        room_publish(game.pk, progress, audience=HOST)
        if answered >= total:
            _question_close(game)
    return AnswerReceipt(index=index, elapsed_ms=elapsed)


def _close_if_everyone_answered(game: Game) -> None:
    answered = Answer.objects.filter(game=game, question_index=game.question_index, player__kicked=False).count()
    if answered >= game.players.filter(kicked=False).count():
        _question_close(game)


@transaction.atomic
def question_close_if_due(*, game_id: int, index: int) -> bool:
    """Close question `index` if it is still open and its time is up.

    Safe to call from any process, any number of times: only the first call past the deadline closes it.
    """
    game = Game.objects.select_for_update().filter(pk=game_id).first()
    if game is None or game.phase != Game.Phase.QUESTION or game.question_index != index:
        return False
    if game.question_deadline is None or clock.now() < game.question_deadline:
        return False
    _question_close(game)
    return True


def _question_close(game: Game, *, skipped: bool = False) -> None:
    """Score every active player on the open question, then reveal: one pass, one bulk update."""
    index = game.question_index
    presentation = selectors.presentation_for(game=game, index=index)
    question = presentation.question
    options = ScoringOptions(speed_scoring=game.speed_scoring, timer=game.timer)
    answers = {a.player_id: a for a in Answer.objects.filter(game=game, question_index=index)}
    players = selectors.active_players(game=game)
    changed_answers: list[Answer] = []
    if not skipped:
        for player in players:
            answer = answers.get(player.pk)
            outcome = answer_outcome(
                correct=answer.is_correct if answer else None,
                previous_streak=player.streak,
                multiplier=question.points_multiplier,
                elapsed_ms=answer.elapsed_ms if answer else 0,
                limit_ms=question.time_limit * 1000,
                options=options,
            )
            player.streak = outcome.streak
            player.score += outcome.total
            if answer:
                player.correct_count += int(answer.is_correct)
                answer.points, answer.streak_bonus = outcome.points, outcome.streak_bonus
                changed_answers.append(answer)
        Player.objects.bulk_update(players, ["score", "streak", "correct_count"], batch_size=500)
        Answer.objects.bulk_update(changed_answers, ["points", "streak_bonus"], batch_size=500)
    game.phase = Game.Phase.REVEAL
    game.save(update_fields=["phase"])

    valid = [a for a in answers.values() if a.player_id in {p.pk for p in players}]
    message = protocol.reveal_message(
        game=game,
        solution=presentation.solution(),
        distribution=presentation.distribution([a.response for a in valid], [a.is_correct for a in valid]),
        question=question,
        skipped=skipped,
    )
    ranks = {entry.key: entry.rank for entry in selectors.standings(game=game)}
    personal = {}
    for player in players:
        answer = answers.get(player.pk)
        personal[str(player.pk)] = {
            "answered": answer is not None,
            "correct": bool(answer and answer.is_correct) and not skipped,
            "points": (answer.points + answer.streak_bonus) if answer and not skipped else 0,
            "streak_bonus": answer.streak_bonus if answer and not skipped else 0,
            "streak": player.streak,
            "score": player.score,
            "rank": ranks.get(player.pk),
        }
    room_publish(game.pk, message, audience=PLAYERS, personal=personal)
    room_publish(game.pk, message, audience=HOST)


def _leaderboard_show(game: Game) -> None:
    game.phase = Game.Phase.LEADERBOARD
    game.save(update_fields=["phase"])
    top, ranked = selectors.leaderboard_top(game=game)
    message = protocol.leaderboard_message(game=game, top=top, players=len(ranked))
    personal = {str(pid): {"rank": r.rank, "score": r.score} for pid, r in ranked.items()}
    room_publish(game.pk, message, audience=PLAYERS, personal=personal)
    room_publish(game.pk, message, audience=HOST)


def _finish(game: Game) -> None:
    game.phase = Game.Phase.FINISHED
    game.finished_at = clock.now()
    game.save(update_fields=["phase", "finished_at"])
    on_podium, rows, ranked = selectors.final_results(game=game)
    personal = {
        str(pid): {"rank": r.rank, "score": r.score, "players": len(ranked)} for pid, r in ranked.items()
    }
    room_publish(game.pk, protocol.finished_message(podium=on_podium, standings=rows), audience=HOST)
    room_publish(
        game.pk, protocol.finished_message(podium=on_podium, standings=None), audience=PLAYERS, personal=personal
    )
