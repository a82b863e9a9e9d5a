"""The record of wrong PIN guesses: shared through this machine's Redis by every process of the scaled mode, kept
per process when embedded or when Redis does not answer."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import uuid

import pytest
from redis.asyncio import Redis
from websockets.exceptions import ConnectionClosed

from quizgame.rooms.guesses import LocalGuesses, SharedGuesses, forget, pin_guesses

from .client import LiveClient, host
from .conftest import REDIS, reachable

PER_MINUTE = 1 / 60  # practically no refill during a test


@pytest.fixture
async def prefix():
    """A key prefix of this test's own, removed afterwards."""
    if not reachable("127.0.0.1", 6379):
        if os.environ.get("QUIZGAME_REQUIRE_SERVICES") == "1":
            pytest.fail("QUIZGAME_REQUIRE_SERVICES=1 but Redis is not running on 127.0.0.1")
        pytest.skip("Redis not running on 127.0.0.1")
    name = f"quizgame:test-guesses:{uuid.uuid4().hex[:8]}:"
    yield name
    await forget(f"{REDIS}/7", name)


async def test_two_processes_share_one_budget(prefix):
    a = SharedGuesses(f"{REDIS}/7", rate=PER_MINUTE, burst=3, prefix=prefix)
    b = SharedGuesses(f"{REDIS}/7", rate=PER_MINUTE, burst=3, prefix=prefix)
    assert [await a.allow("10.0.0.1"), await b.allow("10.0.0.1"), await a.allow("10.0.0.1")] == [True] * 3
    assert await b.available("10.0.0.1") is False
    assert await b.allow("10.0.0.1") is False
    assert await a.available("10.0.0.2") is True  # another address has its own budget


async def test_looking_does_not_use_an_attempt(prefix):
    shared = SharedGuesses(f"{REDIS}/7", rate=PER_MINUTE, burst=1, prefix=prefix)
    for _ in range(5):
        assert await shared.available("10.0.0.3") is True
    assert await shared.allow("10.0.0.3") is True
    assert await shared.available("10.0.0.3") is False


async def test_attempts_come_back_and_the_record_expires(prefix):
    shared = SharedGuesses(f"{REDIS}/7", rate=20, burst=1, prefix=prefix)  # one attempt back every 50 ms
    assert await shared.allow("10.0.0.4") is True
    assert await shared.allow("10.0.0.4") is False
    await asyncio.sleep(0.2)
    assert await shared.allow("10.0.0.4") is True
    client = Redis.from_url(f"{REDIS}/7")
    ttl = await client.ttl(prefix + "10.0.0.4")
    await client.aclose()
    assert 0 < ttl <= shared.expiry  # a full bucket is the same as none, so Redis forgets it


async def test_without_redis_each_process_counts_its_own(caplog):
    shared = SharedGuesses("redis://127.0.0.1:1/0", rate=PER_MINUTE, burst=2)  # nothing listens on port 1
    with caplog.at_level(logging.WARNING, logger="quizgame.rooms.guesses"):
        assert [await shared.allow("10.0.0.5") for _ in range(3)] == [True, True, False]
        assert await shared.available("10.0.0.5") is False
    assert "Redis did not answer" in caplog.text


async def test_embedded_mode_keeps_the_record_in_the_process():
    local = pin_guesses(redis_url="", rate=PER_MINUTE, burst=2)
    assert isinstance(local, LocalGuesses)
    assert [await local.allow("10.0.0.6") for _ in range(3)] == [True, True, False]
    assert await local.available("10.0.0.7") is True


@pytest.mark.services
async def test_guesses_on_two_servers_add_up(scaled):
    """Wrong PINs spread over both processes count together; then even the right PIN is refused on either."""
    a, b = scaled.urls
    pin, hosting = await host(a)
    wrong = f"{(int(pin) - 100000 + 1) % 900000 + 100000}"  # the next six-digit PIN, no game's
    try:
        assert await first_error(a, pin) == "no_error"  # the right PIN lets a player in before the guessing
        for attempt in range(10):  # the default budget: 10 at once, then 10 a minute
            assert await first_error(a if attempt % 2 else b, wrong) == "unknown_pin"
        assert await first_error(a, pin) == "too_many_attempts"
        assert await first_error(b, pin) == "too_many_attempts"
    finally:
        await hosting.close()
        await forget(scaled.env["REDIS_URL"])  # the next test's players come from the same address


async def first_error(base: str, pin: str) -> str:
    """The code of the error a phone opening the PIN's socket gets first, or "no_error" if it may join."""
    client = await LiveClient(base, f"/ws/play/{pin}/").open()
    try:
        with contextlib.suppress(ConnectionClosed):  # a refused socket is closed after its error, which stays readable
            await client.send({"type": "join", "nickname": f"P{uuid.uuid4().hex[:6]}"})
        while True:
            message = json.loads(await asyncio.wait_for(client.ws.recv(), 20))
            if message["type"] == "error":
                return message["code"]
            if message["type"] == "joined":
                return "no_error"
    finally:
        await client.close()
