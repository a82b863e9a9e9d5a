"""Frames that json.loads accepts but the rest of the stack cannot carry: deep nesting, NaN and Infinity, lone
surrogates, NUL characters. Each must come back as `bad_message` on a connection that stays open, and must never
cost another player the answer that happened to share its database batch.

The in-process tests run on the test database (SQLite); the last test runs a real Daphne on PostgreSQL, whose
text and jsonb columns refuse NUL characters that SQLite stores without complaint.
"""
from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings
from django.test import override_settings

from quizgame import servers
from quizgame.rooms.models import Answer, Player
from tests.live.client import LiveClient, choice_key, host, player
from tests.live.conftest import POSTGRES, require_services
from tests.rooms.wsclient import RoomClient, key_of

HOSTILE = {
    "deep nesting": "[" * 2000 + "]" * 2000,
    "deep nesting in a field": '{"type":"join","nickname":' + "[" * 1500 + "]" * 1500 + "}",
    "lone surrogate nickname": '{"type":"join","nickname":"Ana\\ud800"}',
    "NUL nickname": '{"type":"join","nickname":"Ana\\u0000"}',
    "NaN team": '{"type":"join","nickname":"Ana","team":NaN}',
}


def answer_frame(index: int, response_json: str) -> str:
    return f'{{"type":"answer","index":{index},"response":{response_json}}}'


@pytest.mark.django_db(transaction=True)
@pytest.mark.websocket
@pytest.mark.usefixtures("room_hub")
@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
async def test_a_frame_the_stack_cannot_carry_is_refused_and_the_socket_stays(game, text):
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send_text(text)
    assert (await client.expect("error"))["code"] == "bad_message"
    await client.send({"type": "join", "nickname": "Ana"})
    assert (await client.expect("joined"))["player"]["nickname"] == "Ana"
    assert await sync_to_async(list)(Player.objects.values_list("nickname", flat=True)) == ["Ana"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.websocket
@pytest.mark.usefixtures("room_hub")
@pytest.mark.parametrize(
    "junk", ["NaN", "Infinity", "-Infinity", "1e999", '"\\ud83d"', '"\\u0000"'],
)
async def test_a_poisoned_answer_is_refused_without_voiding_the_answers_batched_with_it(
    game, host_cookie, game_clock, junk
):
    hosting = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    players = [await RoomClient.player(game.pin, name) for name in ("Ben", "Cy", "Dee")]
    await hosting.send({"type": "start"})
    question = await ana.expect("question")
    right = key_of(question, "Ossification")
    # Sent together, these reach the answer batcher together and are written in one transaction.
    with override_settings(QUIZGAME={**settings.QUIZGAME, "SOCKET_RATE": 1e9, "SOCKET_BURST": 10**9}):
        await asyncio.gather(
            ana.send_text(answer_frame(0, f'{{"choice":{right},"note":{junk}}}')),
            *(p.send({"type": "answer", "index": 0, "response": {"choice": right}}) for p in players),
        )
    assert (await ana.expect("error"))["code"] == "bad_message"
    for p in players:
        await p.expect("answer_accepted")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": right}})
    await ana.expect("answer_accepted")
    reveal = await ana.expect("reveal")  # everyone answered
    assert reveal["distribution"]["answered"] == 4 and reveal["you"]["correct"] is True
    assert await sync_to_async(Answer.objects.filter(is_correct=True).count)() == 4


@pytest.fixture
def postgres_server(tmp_path):
    require_services()
    database = f"{POSTGRES}/quizgame_security_{uuid.uuid4().hex[:8]}"
    running = servers.start(workers=1, data_dir=tmp_path / "data", database_url=database, log_dir=tmp_path)
    yield running, tmp_path
    running.stop()
    servers.drop_postgres_database(database)


async def raw(client: LiveClient, text: str) -> None:
    await client.ws.send(text)


@pytest.mark.services
async def test_on_postgresql_nul_characters_are_refused_not_crashed_on(postgres_server):
    running, logs = postgres_server
    (base,) = running.urls
    pin, hosting = await host(base)
    newcomer = await LiveClient(base, f"/ws/play/{pin}/").open()
    await raw(newcomer, json.dumps({"type": "join", "nickname": "Nul\u0000"}))
    assert (await newcomer.expect("error"))["code"] == "bad_message"
    await newcomer.send({"type": "join", "nickname": "Ana"})
    await newcomer.expect("joined")
    ben = await player(base, pin, "Ben")
    await hosting.send({"type": "start"})
    shown = await hosting.expect("question")
    right = choice_key(shown, "Ossification")
    await asyncio.gather(
        raw(newcomer, json.dumps({"type": "answer", "index": 0, "response": {"choice": right, "x": "\u0000"}})),
        ben.send({"type": "answer", "index": 0, "response": {"choice": right}}),
    )
    assert (await newcomer.expect("error"))["code"] == "bad_message"
    await ben.expect("answer_accepted")
    await newcomer.send({"type": "answer", "index": 0, "response": {"choice": right}})
    await newcomer.expect("answer_accepted")
    assert (await hosting.expect("reveal"))["distribution"]["answered"] == 2
    for client in (hosting, newcomer, ben):
        await client.close()
    server_log = "".join(path.read_text(errors="replace") for path in logs.glob("daphne-*.log"))
    assert "Traceback" not in server_log, server_log[-3000:]
