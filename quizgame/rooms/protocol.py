"""Every websocket message of a live game, both directions. docs/PROTOCOL.md describes them for people.

Incoming text is parsed here into (type, fields) or refused with a GameError; outgoing messages are built here
so that the broadcast and the snapshot sent on reconnect are the same thing.
"""
from __future__ import annotations

import json
import time
from typing import Any

from .errors import GameError

PLAYER_TYPES = {"join", "resume", "answer", "team", "ping"}
HOST_TYPES = {"start", "next", "skip", "end", "kick", "move", "lock", "ping"}
LEADERBOARD_SIZE = 5


def parse(text: str | None, *, allowed: set[str], max_bytes: int) -> dict[str, Any]:
    """Decode one client frame, refusing anything that is not a known message of the expected shape."""
    if text is None:
        raise GameError("bad_message", "Messages must be JSON text.")
    if len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        raise GameError("too_large", f"Messages are limited to {max_bytes} bytes.")
    try:
        message = loads_strict(text)
    except ValueError:
        raise GameError("bad_message", "Messages must be JSON text without NUL characters.") from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise GameError("bad_message", "A message is a JSON object with a string 'type'.")
    if message["type"] not in allowed:
        raise GameError("unknown_type", f"Unknown message type {message['type'][:40]!r}.")
    return message


def loads_strict(text: str | bytes) -> Any:
    """JSON that can be stored and echoed as it came: no NaN or Infinity, no lone surrogates, no NUL.

    json.loads accepts all of those, but UTF-8 and PostgreSQL refuse them, and one such answer written in a
    batch would fail the whole batch. Nesting deeper than the decoder allows is refused too. Raises ValueError.
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8")  # UnicodeDecodeError is a ValueError
    if "\\u0000" in text or "\x00" in text:
        raise ValueError("NUL character")
    try:
        value = json.loads(text)
        json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except RecursionError:
        raise ValueError("nested too deeply") from None
    except UnicodeEncodeError as error:
        raise ValueError(str(error)) from None
    return value


# One encoder for every message: json.dumps with options builds a new encoder per call, which showed in a
# 5,000-player burst (a receipt and a personal reveal for each player).
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


def dumps(message: dict[str, Any]) -> str:
    return _ENCODER.encode(message)


def now_ms() -> int:
    return int(time.time() * 1000)


def ms(moment: Any) -> int | None:
    return int(moment.timestamp() * 1000) if moment else None


def question_message(*, game: Any, public: dict[str, Any], time_limit: int) -> dict[str, Any]:
    return {
        "type": "question",
        "index": game.question_index,
        "total": game.question_count,
        "question": public,
        "time_limit": time_limit if game.timer else None,
        "shown_at": ms(game.question_shown_at),
        "opened_at": ms(game.question_opened_at),
        "closes_at": ms(game.question_deadline),
        "server_now": now_ms(),
    }


def reveal_message(
    *,
    game: Any,
    public: dict[str, Any],
    solution: dict[str, Any],
    distribution: dict[str, Any],
    question: Any,
    skipped: bool = False,
) -> dict[str, Any]:
    """The answer, once the question has closed; it repeats the question so a screen that reloads can label it."""
    return {
        "type": "reveal",
        "index": game.question_index,
        "total": game.question_count,
        "question_type": question.type,
        "question": public,
        "solution": solution,
        "distribution": distribution,
        "explanation": question.explanation,
        "excerpt": question.excerpt,
        "source": question.source,
        "skipped": skipped,
    }


def leaderboard_message(*, game: Any, top: list[dict[str, Any]], players: int) -> dict[str, Any]:
    return {
        "type": "leaderboard",
        "index": game.question_index,
        "total": game.question_count,
        "top": top,
        "players": players,
    }


def finished_message(
    *,
    podium: list[dict[str, Any]],
    standings: list[dict[str, Any]] | None,
    teams: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    message: dict[str, Any] = {"type": "finished", "podium": podium}
    if standings is not None:
        message["standings"] = standings
    if teams is not None:
        message["teams"] = teams
    return message


def player_entry(player: Any) -> dict[str, Any]:
    return {"id": player.pk, "nickname": player.nickname, "team": player.team_id}


def team_entry(team: Any) -> dict[str, Any]:
    return {"id": team.pk, "name": team.name, "color": team.color}
