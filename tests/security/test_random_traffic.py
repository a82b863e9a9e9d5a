"""Ten thousand seeded random messages against a game in progress, through the real ASGI router.

A host and a few players send a mix of valid answers, wrong indices, garbage, unknown types, host commands from
players, oversized frames, wrong field types, kicks of unknown ids and the rest. Afterwards the game must be
intact (every socket still answers, the phases went in order, the host can finish it), the scores must add up,
and nothing may have produced a traceback or a message the protocol does not define.
"""
from __future__ import annotations

import asyncio
import json
import logging
import random
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db.models import Count
from django.test import override_settings

from questions.services import bank_create_from_records
from quizgame.rooms import services
from quizgame.rooms.models import Answer, Game, Player
from tests.rooms.wsclient import RoomClient

from .conftest import ALL_TYPES_BANK, documented_error_codes, documented_message_types

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]

MESSAGES = 10_000
ROUND = 40
SEED = 20240607
NICKNAMES = ["Ana", "Ben", "Cy", "Dee"]
UNLIMITED = {"SOCKET_RATE": 1e9, "SOCKET_BURST": 10**9}
PLAYER_COMMANDS = ["join", "resume", "answer", "team"]
HOST_COMMANDS = ["start", "next", "skip", "end", "kick", "move", "lock"]


class Participant:
    def __init__(self, name: str, client: RoomClient) -> None:
        self.name, self.client = name, client
        self.closed_with: int | None = None

    async def read_arrived(self) -> None:
        """Read whatever has arrived, without waiting (a timed-out read would cancel the application)."""
        queue = self.client.communicator.output_queue
        while self.closed_with is None and not queue.empty():
            message = await self.client.next()
            if message["type"] == "__closed__":
                self.closed_with = message["code"]

    async def settle(self) -> None:
        """Wait until this socket's server side has handled everything sent to it so far (or closed it)."""
        if self.closed_with is not None:
            return
        await self.client.send({"type": "ping"})
        while True:
            message = await self.client.next(timeout=30)
            if message["type"] == "__closed__":
                self.closed_with = message["code"]
                return
            if message["type"] == "pong":
                return

    def last(self, *kinds: str) -> dict[str, Any] | None:
        return next((m for m in reversed(self.client.log) if m["type"] in kinds), None)

    async def send(self, frame: str | bytes) -> None:
        # Straight to the application, so that empty frames go too (send_to refuses them).
        key = "bytes" if isinstance(frame, bytes) else "text"
        await self.client.communicator.send_input({"type": "websocket.receive", key: frame})


async def arrived(participant: Participant, kind: str) -> dict[str, Any]:
    """The last `kind` this socket received, waiting for one if none came yet."""
    return participant.last(kind) or await participant.client.expect(kind, timeout=20)


def dumps(message: Any) -> str:
    return json.dumps(message)


def random_response(rng: random.Random, shown: dict[str, Any]) -> dict[str, Any]:
    """A well-formed response to `shown` (right or wrong, by chance), in its display keys."""
    question = shown["question"]
    kind = question["type"]
    if kind in ("single", "truefalse"):
        return {"choice": rng.randrange(len(question["choices"]))}
    if kind == "multiple":
        keys = list(range(len(question["choices"])))
        return {"choices": rng.sample(keys, rng.randint(1, len(keys)))}
    if kind == "typed":
        return {"text": rng.choice(["osteoblasts", "Osteoblast", "osteoblsts", "osteoclasts", "bone", " "])}
    if kind == "ordering":
        order = list(range(len(question["choices"])))
        rng.shuffle(order)
        return {"order": order}
    right = list(range(len(question["right"])))
    rng.shuffle(right)
    return {"pairs": [[left, r] for left, r in enumerate(right)]}


def garbage(rng: random.Random) -> str | bytes:
    """A frame that is not a valid message of any endpoint."""
    return rng.choice([
        lambda: "not json",
        lambda: "",
        lambda: "null",
        lambda: "[]",
        lambda: "{}",
        lambda: '{"type": 5}',
        lambda: '{"type": null}',
        lambda: '{"type": ["answer"]}',
        lambda: "{" * rng.randint(1, 50),
        lambda: "[" * 2000 + "]" * 2000,
        lambda: '{"type":"ping","x":NaN}',
        lambda: '{"type":"ping","x":"\\ud800"}',
        lambda: '{"type":"ping","x":"\\u0000"}',
        lambda: dumps({"type": "ping", "pad": "x" * rng.randint(4100, 9000)}),
        lambda: dumps({"type": rng.choice(["dance", "ANSWER", " ping", "admin", "", "__init__", "on_ping"])}),
        lambda: "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(1, 60))),
        lambda: bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 40))),
    ])()


def strange_value(rng: random.Random) -> Any:
    return rng.choice([None, True, False, "0", "x", 1.5, -1, 0, 10**30, -(10**30), 2**63, [], {}, [0], {"id": 1}])


def player_message(rng: random.Random, me: Participant, token: str) -> str | bytes:
    shown = me.last("question")
    index = shown["index"] if shown else 0
    roll = rng.random()
    if roll < 0.35 and shown:
        return dumps({"type": "answer", "index": index, "response": random_response(rng, shown)})
    if roll < 0.42:
        wrong_index = rng.choice([index - 1, index + 1, -1, 999])
        return dumps({"type": "answer", "index": wrong_index, "response": {"choice": 0}})
    if roll < 0.50:
        return dumps({"type": "answer", "index": rng.choice([index, strange_value(rng)]),
                      "response": strange_value(rng)})
    if roll < 0.55:
        return dumps({"type": "answer", "index": index,
                      "response": rng.choice([{"choice": "1"}, {"choices": [0, 0]}, {"order": [0]},
                                              {"pairs": [[0]]}, {"text": "x" * 101}, {"choice": 99}])})
    if roll < 0.62:
        return dumps({"type": rng.choice(HOST_COMMANDS), "player": rng.randint(1, 50), "locked": False})
    if roll < 0.67:
        return dumps(rng.choice([{"type": "join", "nickname": rng.choice(NICKNAMES + ["New", 5, None])},
                                 {"type": "resume", "token": rng.choice([token, "forged", 5])},
                                 {"type": "team", "team": strange_value(rng)}]))
    if roll < 0.75:
        return dumps({"type": "ping"})
    return garbage(rng)


def stranger_message(rng: random.Random, taken_tokens: list[str]) -> str | bytes:
    """Someone on the page who never manages to join: a taken or bad nickname, a forged token, out-of-turn acts."""
    roll = rng.random()
    if roll < 0.3:
        return dumps({"type": "join", "nickname": rng.choice(
            [*NICKNAMES, "ana", " BEN ", "", "   ", "x" * 21, 42, ["Ana"], None])})
    if roll < 0.5:
        forged = rng.choice(["", "nope", 7, None, taken_tokens[0][:-1] + "A", taken_tokens[0].upper()])
        return dumps({"type": "resume", "token": forged})
    if roll < 0.7:
        return dumps({"type": rng.choice(["answer", "team"]), "index": 0, "response": {"choice": 0}, "team": 1})
    if roll < 0.8:
        return dumps({"type": rng.choice(HOST_COMMANDS)})
    return garbage(rng)


class HostBudget:
    """How far the host's random next/skip may move the game: never to the podium during the run, whatever
    lag there is between what the host socket has read and where the game really is."""

    def __init__(self, total: int) -> None:
        self.steps_left = 3 * (total - 2)

    def take(self, steps: int) -> bool:
        if self.steps_left < steps:
            return False
        self.steps_left -= steps
        return True


def host_message(rng: random.Random, budget: HostBudget) -> str | bytes:
    roll = rng.random()
    if roll < 0.045 and budget.take(1):
        return dumps({"type": "next"})
    if roll < 0.05 and budget.take(3):  # a skip moves on past the reveal and the leaderboard
        return dumps({"type": "skip"})
    if roll < 0.25:
        return dumps({"type": "kick", "player": rng.choice(
            [rng.randint(10_000, 10**9), -1, 0, strange_value(rng)])})
    if roll < 0.30:
        return dumps({"type": "move", "player": rng.randint(1, 100), "team": strange_value(rng)})
    if roll < 0.37:
        return dumps({"type": "lock", "locked": rng.choice([True, False, "yes", None, 1])})
    if roll < 0.42:
        return dumps({"type": "start"})
    if roll < 0.50:
        return dumps({"type": rng.choice(PLAYER_COMMANDS), "index": 0, "response": {"choice": 0}, "nickname": "H"})
    if roll < 0.65:
        return dumps({"type": "ping"})
    return garbage(rng)


def assert_phases_in_order(events: list[tuple[str, int, bool]], total: int) -> None:
    """question i → reveal i → [leaderboard i] → question i+1 … → finished; a skipped question has no
    leaderboard, and the host may skip any leaderboard."""
    allowed_after = {
        "question": lambda i, skipped: [("reveal", i)],
        "reveal": lambda i, skipped: [("question", i + 1), ("finished", i)] + ([] if skipped else [("leaderboard", i)]),
        "leaderboard": lambda i, skipped: [("question", i + 1), ("finished", i)],
    }
    assert events and events[0][:2] == ("question", 0), events[:3]
    for (kind, index, skipped), (next_kind, next_index, _) in zip(events, events[1:], strict=False):
        assert kind != "finished", "nothing follows the podium"
        assert (next_kind, next_index) in allowed_after[kind](index, skipped), (
            f"{kind} {index} then {next_kind} {next_index}"
        )
        assert 0 <= next_index < total
    assert events[-1][0] == "finished"


def phase_events(participant: Participant) -> list[tuple[str, int, bool]]:
    """The phase changes a socket saw, without the duplicate a (re)connect snapshot may add."""
    events: list[tuple[str, int, bool]] = []
    current = -1
    for message in participant.client.log:
        if message["type"] in ("question", "reveal", "leaderboard"):
            current = message["index"]
        if message["type"] in ("question", "reveal", "leaderboard", "finished"):
            event = (message["type"], current, bool(message.get("skipped")))
            if not events or events[-1][:2] != event[:2]:
                events.append(event)
    return events


async def test_ten_thousand_random_messages_leave_the_game_intact_and_the_scores_consistent(
    host_user, host_cookie, game_clock, caplog
):
    caplog.set_level(logging.WARNING)
    rng = random.Random(SEED)
    bank = await sync_to_async(bank_create_from_records)(
        title="Every type, five times", records=ALL_TYPES_BANK * 5, owner=host_user
    )
    game = await sync_to_async(services.game_create)(host=host_user, bank=bank)
    total = len(ALL_TYPES_BANK) * 5

    with override_settings(QUIZGAME={**settings.QUIZGAME, **UNLIMITED}):
        host = Participant("host", await RoomClient.host(game.pin, host_cookie))
        players = [Participant(n, await RoomClient.player(game.pin, n)) for n in NICKNAMES]
        victim = Participant("Eve", await RoomClient.player(game.pin, "Eve"))
        tokens = {p.name: p.client.joined["token"] for p in [*players, victim]}
        stranger = Participant("stranger", RoomClient(f"/ws/play/{game.pin}/"))
        await stranger.client.open()
        strangers = [stranger]
        await host.client.send({"type": "start"})
        for p in [host, *players, victim]:
            await p.client.expect("question")
        kick_at = rng.randrange(MESSAGES // 4, MESSAGES // 2)
        budget = HostBudget(total)

        for sent in range(MESSAGES):
            if sent == kick_at:
                await host.send(dumps({"type": "kick", "player": victim.client.player_id}))
                continue
            roll = rng.random()
            if roll < 0.15:
                await host.send(host_message(rng, budget))
            elif roll < 0.23:
                if stranger.closed_with is not None:  # refused for good (a locked game): another one tries
                    stranger = Participant("stranger", RoomClient(f"/ws/play/{game.pin}/"))
                    await stranger.client.open()
                    strangers.append(stranger)
                await stranger.send(stranger_message(rng, list(tokens.values())))
            else:
                speaker = rng.choice([*players, victim])
                if speaker.closed_with is None:
                    await speaker.send(player_message(rng, speaker, tokens[speaker.name]))
            if sent % ROUND == ROUND - 1:
                for p in [host, *players, victim, stranger]:
                    await p.settle()
                await asyncio.sleep(0.005)  # room events trail the direct replies by a hop or two
                for p in [host, *players, victim, stranger]:
                    await p.read_arrived()
                game_clock.advance(rng.choice([0, 0, 0.5, 2, 7]))

        # Every socket still answers, in order, after everything it was sent.
        for p in [host, *players, stranger, victim]:
            await p.settle()
            await p.read_arrived()
        assert [p.closed_with for p in [host, *players]] == [None] * (1 + len(players))
        assert victim.closed_with == 4003 and victim.last("kicked")

        # The host can still take the game to the podium.
        for _ in range(3 * total + 3):
            if host.last("finished"):
                break
            await host.client.send({"type": "next"})
            await host.settle()
            await asyncio.sleep(0.01)  # the room event may trail the direct reply
            await host.read_arrived()
        final = await arrived(host, "finished")
        for p in players:
            await arrived(p, "finished")

    # Nothing outside the protocol reached anyone, and every refusal carried a documented code.
    kinds, codes = documented_message_types(), documented_error_codes()
    everyone = [host, *players, victim, *strangers]
    received = [m for p in everyone for m in p.client.log if m["type"] != "__closed__"]
    assert len(received) > MESSAGES / 2
    assert {m["type"] for m in received} <= kinds
    seen_codes = {m["code"] for m in received if m["type"] == "error"}
    assert seen_codes <= codes, seen_codes - codes
    # The mix reached deep into the server, not just the parser.
    assert {"bad_message", "too_large", "unknown_type", "invalid_answer", "duplicate", "wrong_question",
            "unknown_player", "wrong_phase", "already_joined", "not_joined", "bad_token"} <= seen_codes
    assert sum(m["type"] == "answer_accepted" for m in received) > 50
    server_trouble = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not server_trouble, [r.getMessage() for r in server_trouble]

    # The phases went in order, the same for the host and every player who stayed.
    host_events = phase_events(host)
    assert_phases_in_order(host_events, total)
    assert sum(kind == "question" for kind, _, _ in host_events) > 10
    for p in players:
        assert phase_events(p) == host_events

    # Scores add up: one answer per player per question, each score the sum of its answers' points.
    @sync_to_async
    def database() -> tuple[Game, list[Player], list[dict[str, Any]]]:
        doubles = list(
            Answer.objects.values("player", "question_index").annotate(n=Count("id")).filter(n__gt=1)
        )
        return Game.objects.get(pk=game.pk), list(Player.objects.filter(game=game).order_by("id")), doubles

    stored_game, stored_players, doubles = await database()
    assert stored_game.phase == Game.Phase.FINISHED and not doubles
    for player in stored_players:
        answers = await sync_to_async(list)(Answer.objects.filter(player=player))
        assert player.score == sum(a.points + a.streak_bonus for a in answers), player.nickname
        if not player.kicked:  # a kicked player's answer to the open question stays stored, but is never scored
            assert player.correct_count == sum(a.is_correct for a in answers), player.nickname
        assert all(a.question_index <= stored_game.question_index for a in answers)
    active = sorted((p for p in stored_players if not p.kicked), key=lambda p: (-p.score, p.joined_at, p.pk))
    assert [p.nickname for p in stored_players if p.kicked] == ["Eve"]
    assert [(row["nickname"], row["score"], row["correct"]) for row in final["standings"]] == [
        (p.nickname, p.score, p.correct_count) for p in active
    ]
    scores = [row["score"] for row in final["standings"]]
    assert [row["rank"] for row in final["standings"]] == [1 + sum(s > score for s in scores) for score in scores]
    for p in players:
        mine = next(x for x in active if x.nickname == p.name)
        assert p.last("finished")["you"]["score"] == mine.score
