"""Reads for live games: lookups, the frozen questions of a game, standings."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.db.models import Count, Q

from questions.models import Question
from quizgame.scoring.rules import Ranked, podium, rank

from . import protocol
from .errors import GameError
from .models import Game, Player
from .presentation import ChoiceData, Presentation, QuestionData, present


def game_by_pin(*, pin: str) -> Game:
    """The open game with this PIN, or a GameError a player can read."""
    game = Game.objects.filter(pin=pin).exclude(phase=Game.Phase.FINISHED).select_related("bank").first()
    if game is None:
        raise GameError("unknown_pin", "No game is open with that PIN. Check the number on the big screen.")
    return game


def question_data(*, question_id: int) -> QuestionData:
    question = Question.objects.select_related("document").prefetch_related("choices").get(pk=question_id)
    return QuestionData(
        id=question.pk,
        type=question.type,
        stem=question.stem,
        choices=tuple(
            ChoiceData(id=c.pk, text=c.text, is_correct=c.is_correct, position=c.position, match_text=c.match_text)
            for c in question.choices.all()
        ),
        accepted_answers=tuple(question.accepted_answers or ()),
        time_limit=question.time_limit,
        points_multiplier=question.points_multiplier,
        explanation=question.explanation,
        excerpt=question.excerpt,
        source=question.document.title if question.document else "",
    )


@lru_cache(maxsize=512)
def _presentation(question_id: int, seed: int, index: int, shuffle: bool, game_stamp: float) -> Presentation:
    # game_stamp keeps a cached entry from outliving its game when ids are reused (a fresh test database).
    return present(question_data(question_id=question_id), seed=seed, index=index, shuffle=shuffle)


def presentation_for(*, game: Game, index: int) -> Presentation:
    """How the `index`-th question of `game` looks on screen; cached because every answer needs it."""
    return _presentation(
        game.question_ids[index], game.seed, index, game.shuffle_choices, game.created_at.timestamp()
    )


def active_players(*, game: Game) -> list[Player]:
    return list(game.players.filter(kicked=False).order_by("joined_at", "id"))


def standings(*, game: Game) -> list[Ranked]:
    """Every active player ranked by score; ties share a rank, earlier joiners listed first among equals."""
    rows = game.players.filter(kicked=False).order_by("joined_at", "id").values_list("id", "score")
    return rank(rows)


def player_entries(*, game: Game) -> dict[Any, dict[str, Any]]:
    """Nickname, score, streak and correct count of each active player, keyed by player id."""
    rows = game.players.filter(kicked=False).values("id", "nickname", "score", "streak", "correct_count")
    return {row["id"]: dict(row) for row in rows}


def leaderboard_top(
    *, game: Game, size: int = protocol.LEADERBOARD_SIZE
) -> tuple[list[dict[str, Any]], dict[int, Ranked]]:
    """The top `size` rows for the big screen, and every player's ranking by id."""
    entries = player_entries(game=game)
    ranked = standings(game=game)
    top = [
        {"rank": r.rank, "nickname": entries[r.key]["nickname"], "score": r.score, "streak": entries[r.key]["streak"]}
        for r in ranked[:size]
    ]
    return top, {r.key: r for r in ranked}


def final_results(*, game: Game) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[int, Any]]:
    entries = player_entries(game=game)
    ranked = standings(game=game)
    rows = [
        {
            "rank": r.rank,
            "nickname": entries[r.key]["nickname"],
            "score": r.score,
            "correct": entries[r.key]["correct_count"],
        }
        for r in ranked
    ]
    on_podium = len(podium(ranked))
    return rows[:on_podium], rows, {r.key: r for r in ranked}


def team_standings(*, game: Game, points: dict[int, int] | None = None) -> list[dict[str, Any]]:
    """Teams ranked by score (ties share a rank), with their size and, after a question, what it earned them."""
    teams = list(game.teams.annotate(members=Count("players", filter=Q(players__kicked=False))))
    ranked = {r.key: r.rank for r in rank((t.pk, t.score) for t in teams)}
    rows = [
        {**protocol.team_entry(t), "score": t.score, "rank": ranked[t.pk], "members": t.members}  # type: ignore[attr-defined]
        for t in teams
    ]
    if points is not None:
        for row in rows:
            row["points"] = points.get(row["id"], 0)
    return sorted(rows, key=lambda row: (row["rank"], row["id"]))


def team_results(*, game: Game) -> list[dict[str, Any]]:
    """The final team standings, each team with its best player (an empty team has none)."""
    rows = team_standings(game=game)
    best: dict[int, Player] = {}
    for player in game.players.filter(kicked=False, team__isnull=False).order_by("-score", "joined_at", "id"):
        best.setdefault(player.team_id, player)  # type: ignore[arg-type]
    for row in rows:
        star = best.get(row["id"])
        row["best_player"] = {"nickname": star.nickname, "score": star.score} if star else None
    return rows


def game_snapshot(*, game: Game, player: Player | None = None) -> list[dict[str, Any]]:
    """The messages that bring a (re)connecting host, or `player`, to where the game is now.

    Built from the database alone, so a reload, a reconnect or another process gets the same screen.
    Nothing here reveals an answer before the reveal phase.
    """
    host = player is None
    messages: list[dict[str, Any]] = []
    if host:
        players = active_players(game=game)
        messages.append(
            {
                "type": "lobby",
                "pin": game.pin,
                "phase": game.phase,
                "players": [protocol.player_entry(p) for p in players],
                "total": game.question_count,
                "locked": game.locked,
                "options": {
                    "speed_scoring": game.speed_scoring,
                    "timer": game.timer,
                    "team_talk_seconds": game.team_talk_seconds,
                    "teams_chosen_by_players": game.teams_chosen_by_players,
                },
            }
        )
    else:
        assert player is not None
        messages.append(
            {
                "type": "welcome",
                "phase": game.phase,
                "player": protocol.player_entry(player),
                "score": player.score,
                "streak": player.streak,
                "players": game.players.filter(kicked=False).count(),
                "total": game.question_count,
            }
        )
    if game.team_mode:
        messages[0]["teams"] = team_standings(game=game)
        messages[0]["team_mode"] = True
        messages[0]["teams_chosen_by_players"] = game.teams_chosen_by_players
    if game.phase == Game.Phase.LOBBY:
        return messages
    if game.phase == Game.Phase.FINISHED:
        on_podium, rows, ranked = final_results(game=game)
        teams = team_results(game=game) if game.team_mode else None
        if host:
            messages.append(protocol.finished_message(podium=on_podium, standings=rows, teams=teams))
        else:
            assert player is not None
            mine = ranked.get(player.pk)
            message = protocol.finished_message(podium=on_podium, standings=None, teams=teams)
            message["you"] = {"rank": mine.rank if mine else None, "score": player.score, "players": len(ranked)}
            messages.append(message)
        return messages

    presentation = presentation_for(game=game, index=game.question_index)
    question = presentation.question
    current = game.answers.filter(question_index=game.question_index, player__kicked=False)
    if game.phase == Game.Phase.QUESTION:
        message = protocol.question_message(game=game, public=presentation.public(), time_limit=question.time_limit)
        if host:
            messages.append(message)
            progress = {"answered": current.count(), "players": len(players)}
            messages.append({"type": "answers", "index": game.question_index, **progress})
        else:
            message["answered"] = current.filter(player=player).exists()
            messages.append(message)
        return messages

    answers = list(current)

    reveal = protocol.reveal_message(
        game=game,
        public=presentation.public(),
        solution=presentation.solution(),
        distribution=presentation.distribution([a.response for a in answers], [a.is_correct for a in answers]),
        question=question,
    )
    if game.team_mode:
        reveal["teams"] = team_standings(game=game)
    top, ranked = leaderboard_top(game=game)
    if player is not None:
        mine_answer = next((a for a in answers if a.player_id == player.pk), None)
        reveal["you"] = {
            "answered": mine_answer is not None,
            "correct": bool(mine_answer and mine_answer.is_correct),
            "points": (mine_answer.points + mine_answer.streak_bonus) if mine_answer else 0,
            "streak_bonus": mine_answer.streak_bonus if mine_answer else 0,
            "streak": player.streak,
            "score": player.score,
            "rank": ranked[player.pk].rank if player.pk in ranked else None,
            "team": player.team_id,
        }
    messages.append(reveal)
    if game.phase == Game.Phase.LEADERBOARD:
        board = protocol.leaderboard_message(game=game, top=top, players=len(ranked))
        if game.team_mode:
            board["teams"] = team_standings(game=game)
        if player is not None and player.pk in ranked:
            board["you"] = {"rank": ranked[player.pk].rank, "score": ranked[player.pk].score}
        messages.append(board)
    return messages
