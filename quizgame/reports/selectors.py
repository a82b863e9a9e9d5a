"""Reads for game reports: who may see one, and a game's questions, players and answers as plain data for
`analysis.analyse`. Stored answers are in display keys; `rooms.selectors.presentation_for` recreates the
order each question was shown in, so a key maps back to the choice the player saw.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from questions.models import Question
from quizgame.rooms import selectors as room_selectors
from quizgame.rooms.models import Game
from quizgame.rooms.presentation import Presentation

from .analysis import AnswerInfo, ChoiceInfo, PlayerInfo, QuestionInfo, Report, analyse


def report_viewable_by(*, game: Game, user: Any) -> bool:
    """The game's host and staff."""
    return bool(user.is_authenticated and (user.is_staff or game.host_id == user.pk))


def played_indexes(*, game: Game) -> range:
    """The questions that have been closed: an open question is still taking answers."""
    if game.phase == Game.Phase.LOBBY or game.question_index < 0:
        return range(0)
    if game.phase == Game.Phase.QUESTION:
        return range(game.question_index)
    return range(min(game.question_index + 1, game.question_count))


def _response_ids(presentation: Presentation, response: Any) -> dict[str, Any]:
    """A stored response with its display keys turned into choice ids; `readable` False when they no longer
    fit (the question was edited after the game)."""
    shown, right = presentation.shown, presentation.right
    qtype = presentation.question.type
    try:
        if qtype == "typed":
            return {"text": str(response.get("text", ""))}
        if qtype in ("single", "truefalse"):
            return {"choice_ids": (shown[response["choice"]].id,)}
        if qtype == "multiple":
            return {"choice_ids": tuple(shown[k].id for k in response["choices"])}
        if qtype == "ordering":
            return {"choice_ids": tuple(shown[k].id for k in response["order"])}
        if qtype == "matching":
            return {"pairs": tuple((shown[left].id, right[r].id) for left, r in response["pairs"])}
    except (AttributeError, IndexError, KeyError, TypeError, ValueError):
        pass
    return {"readable": False}


def game_report(*, game: Game) -> Report:
    """Everything the report page and its downloads show about one game."""
    indexes = played_indexes(game=game)
    players = [
        PlayerInfo(id=p.pk, nickname=p.nickname, score=p.score, joined_at=p.joined_at)
        for p in game.players.filter(kicked=False).order_by("joined_at", "id")
    ]
    stored = list(
        game.answers.filter(question_index__in=list(indexes), player__kicked=False).order_by("question_index", "id")
    )
    questions: list[QuestionInfo] = []
    answers: list[AnswerInfo] = []
    for index in indexes:
        given = [a for a in stored if a.question_index == index]
        try:
            presentation = room_selectors.presentation_for(game=game, index=index)
        except Question.DoesNotExist:
            questions.append(QuestionInfo(index=index, question_id=game.question_ids[index], type="deleted",
                                          stem="(this question has been deleted)"))
            continue
        data = presentation.question
        # Each answer knows how long after the opening it came, so the opening is known whenever anyone answered.
        openings = [a.received_at - timedelta(milliseconds=a.elapsed_ms) for a in given]
        questions.append(QuestionInfo(
            index=index, question_id=data.id, type=data.type, stem=data.stem,
            choices=tuple(ChoiceInfo(c.id, c.text, c.is_correct, c.match_text)
                          for c in sorted(data.choices, key=lambda c: (c.position, c.id))),
            opened_at=min(openings) if openings else None,
        ))
        answers += [
            AnswerInfo(player_id=a.player_id, question_index=index, is_correct=a.is_correct, elapsed_ms=a.elapsed_ms,
                       points=a.points + a.streak_bonus, **_response_ids(presentation, a.response))
            for a in given
        ]
    return analyse(questions=questions, players=players, answers=answers)
