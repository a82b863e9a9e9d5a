"""Answers that arrive together are written together.

Every database call of a process goes through one worker thread, so one INSERT per answer caps a process near a
few hundred answers a second. Here each socket hands its answer to the game's queue and waits; one drain task per
game writes everything queued so far in a single transaction (services.answers_submit), then wakes each socket
with its own receipt or refusal. While a batch is being written the next one gathers: no timer, no added delay.
"""
from __future__ import annotations

import asyncio
import logging
import time
import weakref

from channels.db import database_sync_to_async

from . import services
from .errors import GameError
from .services import AnswerAttempt, AnswerReceipt

MAX_BATCH = 2000
log = logging.getLogger(__name__)


class AnswerBatcher:
    def __init__(self) -> None:
        self._queued: dict[int, list[tuple[AnswerAttempt, asyncio.Future[AnswerReceipt]]]] = {}
        self._draining: dict[int, asyncio.Task[None]] = {}

    async def submit(self, game_id: int, attempt: AnswerAttempt) -> AnswerReceipt:
        future: asyncio.Future[AnswerReceipt] = asyncio.get_running_loop().create_future()
        self._queued.setdefault(game_id, []).append((attempt, future))
        if game_id not in self._draining:
            self._draining[game_id] = asyncio.get_running_loop().create_task(self._drain(game_id))
        return await future

    async def _drain(self, game_id: int) -> None:
        try:
            while self._queued.get(game_id):
                queued = self._queued[game_id]
                batch, self._queued[game_id] = queued[:MAX_BATCH], queued[MAX_BATCH:]
                started = time.perf_counter()
                try:
                    results = await database_sync_to_async(services.answers_submit)(
                        game_id=game_id, attempts=[attempt for attempt, _ in batch], close_when_complete=False
                    )
                except Exception as failure:  # the whole batch failed: every waiting socket hears why
                    for _, future in batch:
                        if not future.done():
                            future.set_exception(failure)
                    continue
                log.debug("game %s: %d answers written in %.1f ms", game_id, len(batch),
                          (time.perf_counter() - started) * 1000)
                accepted_index = None
                for (_, future), result in zip(batch, results, strict=True):
                    if not isinstance(result, GameError):
                        accepted_index = result.index
                    if future.done():
                        continue
                    if isinstance(result, GameError):
                        future.set_exception(result)
                    else:
                        future.set_result(result)
                if accepted_index is not None and not self._queued.get(game_id):
                    # Receipts first, then the close: scoring a whole room must not hold up anyone's receipt.
                    await asyncio.sleep(0)
                    try:
                        await database_sync_to_async(services.question_close_if_complete)(
                            game_id=game_id, index=accepted_index
                        )
                    except Exception:  # the clock or the host will close it; answering goes on
                        log.exception("closing a completed question of game %s failed", game_id)
        finally:
            self._draining.pop(game_id, None)
            if not self._queued.get(game_id):
                self._queued.pop(game_id, None)


_batchers: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AnswerBatcher] = weakref.WeakKeyDictionary()


def batcher() -> AnswerBatcher:
    loop = asyncio.get_running_loop()
    found = _batchers.get(loop)
    if found is None:
        found = _batchers[loop] = AnswerBatcher()
    return found
