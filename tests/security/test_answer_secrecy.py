"""No message anyone receives before the reveal gives the answer away, for every question type.

Every socket of the game is watched while each question is open: the players who answer, a player who drops and
resumes, a late joiner who arrives mid-question, and the host screen (on a projector, so as public as a phone),
which reloads mid-question too. In a plain game and in a team game.
"""
from __future__ import annotations

import json
from typing import Any

import pytest
from asgiref.sync import sync_to_async

from quizgame.rooms import services
from quizgame.rooms.presentation import ChoiceData, QuestionData, present
from tests.rooms.wsclient import RoomClient

from .conftest import ALL_TYPES_BANK
from .sockets import correct_response, record_for, resumed, settle

# Keys that only the reveal may carry (or nobody at all).
SECRET_KEYS = {
    "is_correct", "correct", "solution", "accepted", "accepted_answers", "position", "match_text", "pairs", "order",
    "explanation", "excerpt", "distribution", "source", "points_earned", "you",
}
QUESTION_KEYS = {"type", "stem", "points", "choices", "select", "left", "right"}
# Every field a message may have while a question is open. A new field fails here until someone has checked
# that it gives nothing away and added it.
OPEN_QUESTION_FIELDS = {
    "question": {"type", "index", "total", "question", "time_limit", "shown_at", "opened_at", "closes_at",
                 "server_now", "answered"},
    "answer_accepted": {"type", "index"},
    "answers": {"type", "index", "answered", "players"},
    "joined": {"type", "player", "token"},
    "welcome": {"type", "phase", "player", "score", "streak", "players", "total", "teams", "team_mode",
                "teams_chosen_by_players"},
    "lobby": {"type", "pin", "phase", "players", "total", "locked", "options", "teams", "team_mode",
              "teams_chosen_by_players"},
    "player_joined": {"type", "player"},
    "team": {"type", "team"},
    "pong": {"type", "server_now"},
}


def keys_anywhere(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_anywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_anywhere(v)}
    return set()


def assert_items_are_display_keys_only(items: list[dict[str, Any]]) -> None:
    """Each item shows its on-screen position and its text: no choice id, no flag."""
    assert [set(item) for item in items] == [{"key", "text"}] * len(items)
    assert [item["key"] for item in items] == list(range(len(items)))


def assert_question_gives_nothing_away(shown: dict[str, Any]) -> None:
    question, record = shown["question"], record_for(shown)
    assert set(question) <= QUESTION_KEYS, set(question) - QUESTION_KEYS
    kind = question["type"]
    if kind == "typed":
        assert "choices" not in question
    elif kind == "matching":
        assert_items_are_display_keys_only(question["left"])
        assert_items_are_display_keys_only(question["right"])
        partner = {c["text"]: c["match_text"] for c in record["choices"]}
        on_screen = [(left["text"], right["text"]) for left, right in zip(question["left"], question["right"],
                                                                           strict=True)]
        # Two columns side by side on the big screen: aligned rows would show every pair.
        assert any(partner[left] != right for left, right in on_screen), on_screen
    else:
        assert_items_are_display_keys_only(question["choices"])
    if kind == "ordering":
        correct = [c["text"] for c in sorted(record["choices"], key=lambda c: c["position"])]
        assert [item["text"] for item in question["choices"]] != correct
    if kind == "multiple":
        assert question["select"] == sum(c["is_correct"] for c in record["choices"])


def assert_window_keeps_the_secret(messages: list[dict[str, Any]], index: int) -> None:
    """Everything one socket received while question `index` was open."""
    kinds = {m["type"] for m in messages}
    assert not kinds & {"reveal", "leaderboard", "finished"}, kinds
    for message in messages:
        assert set(message) <= OPEN_QUESTION_FIELDS[message["type"]], message
        leaked = keys_anywhere(message) & SECRET_KEYS
        assert not leaked, (leaked, message)
        if message["type"] == "question":
            assert message["index"] == index
            assert_question_gives_nothing_away(message)
    record = ALL_TYPES_BANK[index % len(ALL_TYPES_BANK)]
    text = json.dumps(messages, ensure_ascii=False).casefold()
    for accepted in record.get("accepted_answers", []):
        assert accepted.casefold() not in text


@pytest.mark.django_db(transaction=True)
@pytest.mark.websocket
@pytest.mark.usefixtures("room_hub")
@pytest.mark.parametrize("team_count", [0, 2], ids=["solo", "teams"])
async def test_no_socket_learns_an_answer_before_the_reveal(
    all_types_bank, host_user, host_cookie, game_clock, team_count
):
    game = await sync_to_async(services.game_create)(host=host_user, bank=all_types_bank, team_count=team_count)
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "start"})
    late_joiners: list[RoomClient] = []
    for index in range(len(ALL_TYPES_BANK)):
        marks = {}
        for client in (host, ana, ben, *late_joiners):
            shown = await client.expect("question")
            assert shown["index"] == index
            marks[client] = client.log.index(shown)
        # Ana answers right; her receipt must not say so.
        await ana.send({"type": "answer", "index": index, "response": correct_response(shown)})
        assert (await ana.expect("answer_accepted")) == {"type": "answer_accepted", "index": index}
        # Ana and Ben drop and come back, the host screen reloads, and someone new joins.
        watched: list[tuple[RoomClient, int]] = [(c, marks[c]) for c in (host, ana, ben, *late_joiners)]
        ana_back = await resumed(game.pin, ana.joined["token"])
        ben_back = await resumed(game.pin, ben.joined["token"])
        host_back = await RoomClient.host(game.pin, host_cookie)
        late = await RoomClient.player(game.pin, f"Late {index}")
        snapshots = [await client.expect("question") for client in (ana_back, ben_back, host_back, late)]
        assert all(snapshot["question"] == shown["question"] for snapshot in snapshots)  # one screen for all
        assert [snapshot.get("answered") for snapshot in snapshots] == [True, False, None, False]
        watched += [(client, 0) for client in (ana_back, ben_back, host_back, late)]

        for client, start in watched:
            await settle(client)
            assert_window_keeps_the_secret(client.log[start:], index)
        for client in (ana, ben, host):
            await client.close()

        ana, ben, host = ana_back, ben_back, host_back
        late_joiners.append(late)
        await host.send({"type": "next"})
        reveal = await ana.expect("reveal")
        # The secret was there to leak: Ana's answer was right, and the reveal now says what it was.
        assert reveal["you"]["correct"] is True and reveal["solution"]
        for client in (host, ben, *late_joiners):
            await client.expect("reveal")
        if index + 1 < len(ALL_TYPES_BANK):
            await host.send({"type": "next"})
            await host.expect("leaderboard")
            await host.send({"type": "next"})


@pytest.mark.parametrize("size", [2, 3, 4])
def test_matching_columns_never_line_up_on_screen(size):
    pairs = tuple(ChoiceData(id=40 + i, text=f"L{i}", match_text=f"R{i}", position=i) for i in range(size))
    question = QuestionData(id=9, type="matching", stem="?", choices=pairs)
    for seed in range(300):
        presentation = present(question, seed=seed, index=0)
        assert [c.id for c in presentation.right] != [c.id for c in presentation.shown], seed
        assert presentation.check({"pairs": presentation.solution()["pairs"]}) is True
