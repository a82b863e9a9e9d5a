"""Writes for live games. Each action changes state in one transaction and decides who hears about it;
messages leave only after the commit (fanout.room_publish).
"""
from __future__ import annotations

import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q

from questions.models import Question, QuestionBank
from quizgame.scoring.rules import ScoringOptions, answer_outcome, smallest_team, team_question_points

from . import clock, protocol, selectors
from .errors import GameError
from .fanout import HOST, PLAYERS, room_publish
from .models import Answer, Game, Player, Team
from .nicknames import is_offensive
from .presentation import InvalidResponse

NICKNAME_MAX = 20
KICK_CLOSE_CODE = 4003
PIN_ATTEMPTS = 20
SMALL_BATCH = 50
TEAMS_MIN, TEAMS_MAX = 2, 10
TEAM_TALK_MAX = 60
DEFAULT_TEAMS = [
    ("Red Foxes", "#c8102e"),
    ("Blue Whales", "#1259b8"),
    ("Gold Lions", "#8a6100"),
    ("Green Turtles", "#1d6e0a"),
    ("Purple Owls", "#6a1b9a"),
    ("Teal Dolphins", "#00695c"),
    ("Orange Tigers", "#b34700"),
    ("Pink Flamingos", "#ad1457"),
    ("Grey Wolves", "#4a4a4a"),
    ("Navy Eagles", "#1a237e"),
]


def _pin() -> str:
    return f"{secrets.randbelow(900000) + 100000}"


@transaction.atomic
def game_create(
    *,
    host: Any,
    bank: QuestionBank,
    speed_scoring: bool = True,
    timer: bool = True,
    shuffle_choices: bool = True,
    team_count: int = 0,
    team_names: list[str] | None = None,
    teams_chosen_by_players: bool = False,
    team_talk_seconds: int = 0,
) -> Game:
    """Open a lobby for `bank` under a fresh 6-digit PIN that no open game uses.

    `team_count` of 2 to 10 makes it a team competition; names left blank get the defaults.
    """
    if team_count and not TEAMS_MIN <= team_count <= TEAMS_MAX:
        raise GameError("bad_teams", f"A team game has {TEAMS_MIN} to {TEAMS_MAX} teams.")
    if not 0 <= team_talk_seconds <= TEAM_TALK_MAX:
        raise GameError("bad_teams", f"Team talk lasts 0 to {TEAM_TALK_MAX} seconds.")
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
                game = Game.objects.create(
                    pin=_pin(),
                    bank=bank,
                    host=host,
                    question_ids=question_ids,
                    speed_scoring=speed_scoring,
                    timer=timer,
                    shuffle_choices=shuffle_choices,
                    seed=secrets.randbelow(2**31),
                    team_mode=bool(team_count),
                    teams_chosen_by_players=bool(team_count) and teams_chosen_by_players,
                    team_talk_seconds=team_talk_seconds if team_count else 0,
                )
                break
        except IntegrityError:
            continue  # that PIN belongs to an open game; draw another
    else:
        raise GameError("no_pin", "Could not find a free PIN; try again.")
    names = [" ".join(n.split())[:30] for n in (team_names or [])]
    Team.objects.bulk_create(
        Team(
            game=game,
            position=i,
            name=(names[i] if i < len(names) and names[i] else DEFAULT_TEAMS[i][0]),
            color=DEFAULT_TEAMS[i][1],
        )
        for i in range(team_count)
    )
    return game


def clean_nickname(raw: Any) -> str:
    if not isinstance(raw, str):
        raise GameError("nickname_invalid", "Choose a nickname.")
    # Invisible characters (bidi overrides, zero-width spaces, control codes) would let a name show differently on
    # the projector than it is checked here, or copy another player's name: they go before any check.
    visible = "".join(ch for ch in raw if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf"))
    nickname = " ".join(visible.split())
    if not nickname:
        raise GameError("nickname_empty", "Choose a nickname.")
    if len(nickname) > NICKNAME_MAX:
        raise GameError("nickname_too_long", f"Nicknames are at most {NICKNAME_MAX} characters.")
    if is_offensive(nickname):
        raise GameError("nickname_refused", "That nickname is not allowed here. Pick another.")
    return nickname


@transaction.atomic
def player_join(*, game_id: int, nickname: Any, team: Any = None) -> Player:
    """Add a player under a nickname unique in that game (case does not count).

    Players may join late, until the host locks the game; a late joiner starts from zero. In a team game the
    player goes to the smallest team, or to the team they pick when the host lets players choose.
    """
    nickname = clean_nickname(nickname)
    game = Game.objects.select_for_update().get(pk=game_id)
    if game.phase == Game.Phase.FINISHED:
        raise GameError("game_finished", "This game has finished.", fatal=True)
    if game.locked:
        raise GameError("game_locked", "The host has locked this game: no new players.", fatal=True)
    if game.players.filter(kicked=False).count() >= settings.QUIZGAME["MAX_PLAYERS_PER_GAME"]:
        raise GameError("game_full", "This game is full.", fatal=True)
    chosen = None
    if game.team_mode:
        if team is not None and game.teams_chosen_by_players and game.phase == Game.Phase.LOBBY:
            chosen = _team_of(game, team)
        elif not (game.teams_chosen_by_players and game.phase == Game.Phase.LOBBY):
            chosen = _smallest_team(game)
    try:
        # The unique index on (lower(nickname), game) decides: no scan of the room for a look-alike first.
        with transaction.atomic():
            player = Player.objects.create(game=game, nickname=nickname, team=chosen, token=secrets.token_urlsafe(32))
    except IntegrityError:
        raise GameError("nickname_taken", "Someone already has that nickname. Pick another.") from None
    room_publish(game.pk, {"type": "player_joined", "player": protocol.player_entry(player)}, audience=HOST)
    return player


def _team_of(game: Game, team_id: Any) -> Team:
    if isinstance(team_id, bool) or not isinstance(team_id, int):
        raise GameError("bad_message", "'team' must be a team id (int).")
    team = Team.objects.filter(pk=team_id, game=game).first()
    if team is None:
        raise GameError("unknown_team", "No such team in this game.")
    return team


def _smallest_team(game: Game) -> Team:
    teams = list(game.teams.annotate(size=Count("players", filter=Q(players__kicked=False))).order_by("position"))
    return smallest_team([(team, team.size) for team in teams])  # type: ignore[attr-defined,return-value]


@transaction.atomic
def player_team_choose(*, game_id: int, player_id: int, team: Any) -> Team:
    """A player picks their team in the lobby, when the host lets players choose."""
    game = Game.objects.select_for_update().get(pk=game_id)
    if not (game.team_mode and game.teams_chosen_by_players):
        raise GameError("teams_assigned", "Teams are assigned by the host in this game.")
    if game.phase != Game.Phase.LOBBY:
        raise GameError("wrong_phase", "Teams are fixed once the game starts.")
    chosen = _team_of(game, team)
    Player.objects.filter(pk=player_id, game=game).update(team=chosen)
    _publish_team_change(game, player_id, chosen)
    return chosen


@transaction.atomic
def player_move(*, game_id: int, player_id: Any, team: Any, actor: Any) -> None:
    """The host moves a player to another team, in the lobby."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if not game.team_mode:
        raise GameError("no_teams", "This is not a team game.")
    if game.phase != Game.Phase.LOBBY:
        raise GameError("wrong_phase", "Teams are fixed once the game starts.")
    chosen = _team_of(game, team)
    if isinstance(player_id, bool) or not isinstance(player_id, int):
        raise GameError("bad_message", "'move' needs 'player' (int).")
    if not Player.objects.filter(pk=player_id, game=game, kicked=False).update(team=chosen):
        raise GameError("unknown_player", "No such player in this game.")
    _publish_team_change(game, player_id, chosen)


def _publish_team_change(game: Game, player_id: int, team: Team) -> None:
    room_publish(game.pk, {"type": "player_moved", "player": {"id": player_id}, "team": team.pk}, audience=HOST)
    room_publish(game.pk, {"type": "team", "team": protocol.team_entry(team)}, audience=f"player:{player_id}")


@transaction.atomic
def game_lock(*, game_id: int, locked: Any, actor: Any) -> None:
    """Stop (or allow again) new players joining."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if not isinstance(locked, bool):
        raise GameError("bad_message", "'lock' needs 'locked' (true or false).")
    game.locked = locked
    game.save(update_fields=["locked"])
    room_publish(game.pk, {"type": "locked", "locked": locked}, audience=HOST)


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
    _game_begin(game)


def _game_begin(game: Game) -> None:
    game.started_at = clock.now()
    if game.team_mode:
        # Whoever has not picked a team by the start goes where there is room.
        for player in game.players.filter(team__isnull=True, kicked=False).order_by("joined_at", "id"):
            player.team = _smallest_team(game)
            player.save(update_fields=["team"])
            _publish_team_change(game, player.pk, player.team)
    _question_open(game, 0)


@transaction.atomic
def game_next(*, game_id: int, actor: Any) -> None:
    """The host's one button: close the question, show the leaderboard, open the next question, finish."""
    game = Game.objects.select_for_update().get(pk=game_id)
    _require_host(game, actor)
    if game.phase == Game.Phase.LOBBY:
        _game_begin(game)
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
    shown = clock.now()
    opened = shown + timedelta(seconds=game.team_talk_seconds)
    game.phase = Game.Phase.QUESTION
    game.question_index = index
    game.question_shown_at = shown
    game.question_opened_at = opened
    limit = presentation.question.time_limit
    game.question_deadline = opened + timedelta(seconds=limit) if game.timer else None
    game.save()
    message = protocol.question_message(game=game, public=presentation.public(), time_limit=limit)
    deadline = {"index": index, "closes_at": protocol.ms(game.question_deadline)} if game.timer else None
    room_publish(game.pk, message, clock=deadline, opens=True)


@dataclass(frozen=True)
class AnswerReceipt:
    index: int
    elapsed_ms: int


@dataclass(frozen=True)
class AnswerAttempt:
    """One answer as it arrived: who sent it, for which question, what they chose, and when (server time)."""

    player_id: int
    index: Any
    response: Any
    received_at: datetime


def answer_submit(
    *, game_id: int, player_id: int, index: Any, response: Any, received_at: datetime | None = None
) -> AnswerReceipt:
    """Record a player's answer to the open question. The first answer wins; nothing about it is revealed yet."""
    attempt = AnswerAttempt(player_id, index, response, received_at or clock.now())
    (result,) = answers_submit(game_id=game_id, attempts=[attempt])
    if isinstance(result, GameError):
        raise result
    return result


def answers_submit(
    *, game_id: int, attempts: list[AnswerAttempt], close_when_complete: bool = True
) -> list[AnswerReceipt | GameError]:
    """Record a batch of answers to one game in one transaction; each gets its own receipt or refusal.

    Answers arriving together are written together: a handful of queries per batch instead of per answer, which
    is what lets a room of thousands answer within a second or two. Every answer is durable before its receipt
    is sent and before the question can close.
    """
    with transaction.atomic():
        game = Game.objects.select_for_update().get(pk=game_id)
        player_ids = {a.player_id for a in attempts}
        index = game.question_index
        players_of_game = Player.objects.filter(game=game)
        answers_so_far = Answer.objects.filter(game=game, question_index=index)
        if len(player_ids) <= SMALL_BATCH:
            players_of_game = players_of_game.filter(pk__in=player_ids)
            answers_so_far = answers_so_far.filter(player_id__in=player_ids)
        # A big batch reads the whole room once: cheaper than binding thousands of ids into two IN lists.
        kicked_by_player: dict[int, bool] = dict(players_of_game.values_list("id", "kicked"))
        already = set(answers_so_far.values_list("player_id", flat=True))
        presentation = selectors.presentation_for(game=game, index=index) if index >= 0 else None
        grace = timedelta(milliseconds=settings.QUIZGAME["ANSWER_GRACE_MS"])
        results: list[AnswerReceipt | GameError] = []
        accepted: list[Answer] = []
        for attempt in attempts:
            try:
                answer = _answer_checked(
                    game, kicked_by_player.get(attempt.player_id), attempt, presentation, grace, already
                )
            except GameError as refused:
                results.append(refused)
                continue
            already.add(attempt.player_id)
            accepted.append(answer)
            results.append(AnswerReceipt(index=index, elapsed_ms=answer.elapsed_ms))
        if not accepted:
            return results
        _answers_insert(accepted)
        answered = Answer.objects.filter(game=game, question_index=index, player__kicked=False).count()
        total = game.players.filter(kicked=False).count()
        progress = {"type": "answers", "index": index, "answered": answered, "players": total}
        room_publish(game.pk, progress, audience=HOST)
        if answered >= total and close_when_complete:
            _question_close(game)
    return results


@transaction.atomic
def question_close_if_complete(*, game_id: int, index: int) -> bool:
    """Close question `index` if it is still open and every active player has answered it."""
    game = Game.objects.select_for_update().filter(pk=game_id).first()
    if game is None or game.phase != Game.Phase.QUESTION or game.question_index != index:
        return False
    answered = Answer.objects.filter(game=game, question_index=index, player__kicked=False).count()
    if answered < game.players.filter(kicked=False).count():
        return False
    _question_close(game)
    return True


def _answer_checked(
    game: Game,
    kicked: bool | None,
    attempt: AnswerAttempt,
    presentation: Any,
    grace: timedelta,
    already: set[int],
) -> Answer:
    """The Answer row for an attempt, or the GameError that refuses it. `kicked` is None for a stranger."""
    index = attempt.index
    if isinstance(index, bool) or not isinstance(index, int):
        raise GameError("bad_message", "'answer' needs 'index' (int).")
    if kicked is None:
        raise GameError("not_in_game", "You are not a player of this game.", fatal=True)
    if kicked:
        raise GameError("kicked", "The host removed you from this game.", fatal=True)
    if game.phase != Game.Phase.QUESTION or index != game.question_index:
        if index == game.question_index and game.phase != Game.Phase.LOBBY:
            raise GameError("too_late", "Time is up for this question.")
        raise GameError("wrong_question", "That question is not open.")
    assert game.question_opened_at is not None
    if attempt.received_at < game.question_opened_at:
        raise GameError("answers_locked", "Talk it over with your team: answers open in a moment.")
    if game.question_deadline and attempt.received_at > game.question_deadline + grace:
        raise GameError("too_late", "Time is up for this question.")
    if attempt.player_id in already:
        raise GameError("duplicate", "You already answered this question; your first answer counts.")
    try:
        correct = presentation.check(attempt.response)
    except InvalidResponse as invalid:
        raise GameError("invalid_answer", str(invalid).capitalize() + ".") from None
    return Answer(
        game=game,
        player_id=attempt.player_id,
        question_id=presentation.question.id,
        question_index=index,
        response=attempt.response,
        elapsed_ms=max(0, int((attempt.received_at - game.question_opened_at).total_seconds() * 1000)),
        is_correct=correct,
        received_at=attempt.received_at,
    )


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
    earned: dict[int, int] = {}
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
            earned[player.pk] = outcome.total
            if answer:
                player.correct_count += int(answer.is_correct)
                answer.points, answer.streak_bonus = outcome.points, outcome.streak_bonus
                changed_answers.append(answer)
        _rows_update(Player, ["score", "streak", "correct_count"], players)
        _rows_update(Answer, ["points", "streak_bonus"], changed_answers)
    team_points = _teams_score(game, players, earned) if game.team_mode and not skipped else {}
    game.phase = Game.Phase.REVEAL
    game.save(update_fields=["phase"])

    active = {p.pk for p in players}
    valid = [a for a in answers.values() if a.player_id in active]
    message = protocol.reveal_message(
        game=game,
        public=presentation.public(),
        solution=presentation.solution(),
        distribution=presentation.distribution([a.response for a in valid], [a.is_correct for a in valid]),
        question=question,
        skipped=skipped,
    )
    if game.team_mode:
        message["teams"] = selectors.team_standings(game=game, points=team_points)
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
            "team": player.team_id,
        }
    room_publish(game.pk, message, audience=PLAYERS, personal=personal)
    room_publish(game.pk, message, audience=HOST, over=True)


ANSWER_COLUMNS = ["game_id", "player_id", "question_id", "question_index", "response", "elapsed_ms", "is_correct",
                  "points", "streak_bonus", "received_at"]


def _answers_insert(answers: list[Answer]) -> None:
    """Insert a batch of answers with one prepared INSERT run for each row.

    bulk_create compiles every field of every row through the ORM, which was most of the cost of writing an
    answer burst; the values here are adapted once, the way the ORM would.
    """
    ops = connection.ops
    quote = ops.quote_name
    columns = [Answer._meta.get_field(name).column for name in ANSWER_COLUMNS]
    sql = (f"INSERT INTO {quote(Answer._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    rows = [
        [a.game_id, a.player_id, a.question_id, a.question_index, ops.adapt_json_value(a.response, None),
         a.elapsed_ms, a.is_correct, a.points, a.streak_bonus, ops.adapt_datetimefield_value(a.received_at)]
        for a in answers
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _rows_update(model: Any, fields: list[str], objects: list[Any]) -> None:
    """Write `fields` of many rows with one prepared UPDATE run for each row.

    Django's bulk_update builds one CASE expression per field over the whole batch, which grows too slow to
    compile for the thousands of players a question close touches.
    """
    if not objects:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(model._meta.get_field(f).column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE {quote(model._meta.pk.column)} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[getattr(obj, f) for f in fields] + [obj.pk] for obj in objects])


def _teams_score(game: Game, players: list[Player], earned: dict[int, int]) -> dict[int, int]:
    """Add each team's mean member points for this question to its score; members who stayed silent count 0."""
    members: dict[int, list[int]] = {}
    for player in players:
        if player.team_id:
            members.setdefault(player.team_id, []).append(earned.get(player.pk, 0))
    teams = list(game.teams.all())
    points = {team.pk: team_question_points(members.get(team.pk, [])) for team in teams}
    for team in teams:
        team.score += points[team.pk]
    _rows_update(Team, ["score"], teams)
    return points


def _leaderboard_show(game: Game) -> None:
    game.phase = Game.Phase.LEADERBOARD
    game.save(update_fields=["phase"])
    top, ranked = selectors.leaderboard_top(game=game)
    message = protocol.leaderboard_message(game=game, top=top, players=len(ranked))
    if game.team_mode:
        message["teams"] = selectors.team_standings(game=game)
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
    teams = selectors.team_results(game=game) if game.team_mode else None
    room_publish(game.pk, protocol.finished_message(podium=on_podium, standings=rows, teams=teams), audience=HOST)
    room_publish(
        game.pk,
        protocol.finished_message(podium=on_podium, standings=None, teams=teams),
        audience=PLAYERS,
        personal=personal,
        over=True,
    )
