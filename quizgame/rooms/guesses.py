"""Who has been guessing PINs: one record for the whole deployment.

Embedded, the record is this process's `AddressLimiter`. Scaled (REDIS_URL set), every Daphne process behind the
same address must count the same wrong guesses, or N processes would let a guesser try N times as many PINs: the
token bucket of each address then lives in Redis and a short Lua script reads and updates it in one step, on
Redis's clock. If Redis cannot be reached the process falls back to its own record (and logs it), so a player
can still join and guessing is still limited per process.
"""
from __future__ import annotations

import asyncio
import logging
import math
import time
import weakref
from typing import Protocol

from redis.asyncio import Redis
from redis.commands.core import AsyncScript
from redis.exceptions import RedisError

from .limits import AddressLimiter

log = logging.getLogger(__name__)
PREFIX = "quizgame:pin-guesses:"

# KEYS[1]: the address's bucket. ARGV: rate per second, burst, 1 to use an attempt or 0 to look only.
# Returns 1 when an attempt is (or was) available. A bucket left alone refills completely, so it expires then.
BUCKET = """
local rate, burst, take = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3] == '1'
local clock = redis.call('TIME')
local now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(saved[1]) or burst
local stamp = tonumber(saved[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate)
local ok = tokens >= 1
if take then
  if ok then tokens = tokens - 1 end
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[4]))
end
return ok and 1 or 0
"""


class PinGuesses(Protocol):
    async def available(self, address: str) -> bool:
        """Whether `address` may try a PIN now, without using an attempt."""

    async def allow(self, address: str) -> bool:
        """Use one of `address`'s attempts (a wrong PIN); False if none was left."""


class LocalGuesses:
    """This process's own record."""

    def __init__(self, *, rate: float, burst: float) -> None:
        self.limiter = AddressLimiter(rate=rate, burst=burst)

    async def available(self, address: str) -> bool:
        return self.limiter.available(address, time.monotonic())

    async def allow(self, address: str) -> bool:
        return self.limiter.allow(address, time.monotonic())


class SharedGuesses:
    """The record in Redis, shared by every process that uses the same server."""

    def __init__(self, url: str, *, rate: float, burst: float, prefix: str = PREFIX) -> None:
        self.url, self.rate, self.burst, self.prefix = url, rate, burst, prefix
        self.expiry = math.ceil(burst / rate) + 1
        self.fallback = LocalGuesses(rate=rate, burst=burst)
        # One client per event loop: a client's connections belong to the loop that opened them. The script is
        # sent once, then called by its digest.
        self._scripts: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncScript] = weakref.WeakKeyDictionary()

    def _script(self) -> AsyncScript:
        loop = asyncio.get_running_loop()
        script = self._scripts.get(loop)
        if script is None:
            client = Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=1)
            script = self._scripts[loop] = client.register_script(BUCKET)
        return script

    async def _bucket(self, address: str, take: bool) -> bool:
        try:
            found = await self._script()(
                keys=[self.prefix + address], args=[self.rate, self.burst, "1" if take else "0", self.expiry])
        except (RedisError, OSError) as error:
            log.warning("PIN guesses counted in this process only: Redis did not answer (%s)", error)
            local = self.fallback
            return await (local.allow(address) if take else local.available(address))
        return found == 1

    async def available(self, address: str) -> bool:
        return await self._bucket(address, take=False)

    async def allow(self, address: str) -> bool:
        return await self._bucket(address, take=True)


async def forget(url: str, prefix: str = PREFIX) -> None:
    """Forget every address's record in Redis: lifts a lock-out (the tests start each game from a clean record)."""
    client = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        keys = [key async for key in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()


def pin_guesses(*, redis_url: str, rate: float, burst: float) -> PinGuesses:
    if redis_url:
        return SharedGuesses(redis_url, rate=rate, burst=burst)
    return LocalGuesses(rate=rate, burst=burst)
