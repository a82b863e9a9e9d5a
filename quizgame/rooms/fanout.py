"""How one event reaches every socket of a room, whatever process each socket lives in.

Each process subscribes once per room (one hub channel in the room's group) and fans the already-serialised text
out to its own sockets. Sending through the channel layer to every socket instead costs a dispatch per player,
which is quadratic with the in-memory layer. The hub also keeps the room's clock: every process that hears a
question open schedules its close, and the close itself is idempotent, so the question closes on time even
when the host's browser or the process that opened it is gone.
"""
from __future__ import annotations

import asyncio
import logging
import time
import weakref
from dataclasses import dataclass
from typing import Any

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import transaction

from . import memory
from .protocol import dumps, now_ms
from .wire import text_frame

log = logging.getLogger(__name__)

HOST, PLAYERS, ALL = "host", "players", "all"


def group_name(game_id: int) -> str:
    return f"room.{game_id}"


@dataclass(eq=False)
class Member:
    consumer: Any
    role: str  # "host" or "player"
    player_id: int | None = None


class Room:
    """The sockets of one room in this process, hosts apart from players: a host-only event (every join sends
    one) must not walk thousands of player sockets."""

    def __init__(self) -> None:
        self.hosts: set[Member] = set()
        self.players: set[Member] = set()

    def __len__(self) -> int:
        return len(self.hosts) + len(self.players)

    def add(self, member: Member) -> None:
        (self.hosts if member.role == "host" else self.players).add(member)

    def discard(self, member: Member) -> None:
        (self.hosts if member.role == "host" else self.players).discard(member)

    def addressed(self, audience: str) -> list[Member]:
        """A snapshot of the members an audience names: sockets may come and go while it is being sent."""
        if audience == HOST:
            return list(self.hosts)
        if audience == PLAYERS:
            return list(self.players)
        if audience == ALL:
            return [*self.hosts, *self.players]
        return [m for m in self.players if audience == f"player:{m.player_id}"]


class RoomHub:
    """This process's (this event loop's) subscriptions and local sockets, by game."""

    def __init__(self) -> None:
        self.layer = get_channel_layer()
        self.channel: str | None = None
        self.rooms: dict[int, Room] = {}
        self._task: asyncio.Task[None] | None = None
        self._start_lock = asyncio.Lock()
        self._clocks: dict[tuple[int, int], asyncio.TimerHandle] = {}
        # Rooms with a question open in this process: while there is one, no full garbage collection (memory.py).
        self._open: set[int] = set()
        # Events committed by services wait here and leave one at a time, in commit order.
        self._outbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._sender: asyncio.Task[None] | None = None

    def post(self, event: dict[str, Any]) -> None:
        """Queue an event for the channel layer; called on this hub's loop (see room_publish)."""
        if self._sender is None:
            self._sender = asyncio.get_running_loop().create_task(self._send_all())
        self._outbox.put_nowait(event)

    async def _send_all(self) -> None:
        while True:
            event = await self._outbox.get()
            try:
                await self.layer.group_send(group_name(event["game"]), event)
            except Exception:
                log.exception("room event could not be sent")

    async def join(self, game_id: int, member: Member) -> None:
        await self._start()
        room = self.rooms.get(game_id)
        if room is None:
            room = self.rooms[game_id] = Room()
        first = not room
        room.add(member)
        if first:
            assert self.channel is not None
            await self.layer.group_add(group_name(game_id), self.channel)

    async def leave(self, game_id: int, member: Member) -> None:
        room = self.rooms.get(game_id)
        if not room:
            return
        room.discard(member)
        if not room:
            del self.rooms[game_id]
            self._open.discard(game_id)
            memory.recycle(quiet=not self._open)
            if self.channel:
                await self.layer.group_discard(group_name(game_id), self.channel)

    async def stop(self) -> None:
        for handle in self._clocks.values():
            handle.cancel()
        self._clocks.clear()
        for task in (self._task, self._sender):
            if task:
                task.cancel()
                try:
                    await task
                except (asyncio.CancelledError, Exception):
                    pass
        self._task = self._sender = None

    async def _start(self) -> None:
        if self._task is not None:
            return
        async with self._start_lock:
            if self._task is None:
                self.channel = await self.layer.new_channel("hub.")
                self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        assert self.channel is not None
        while True:
            event = await self.layer.receive(self.channel)
            try:
                await self.deliver(event)
            except Exception:  # one bad event must not stop the room for everybody
                log.exception("room event delivery failed")

    async def deliver(self, event: dict[str, Any]) -> None:
        game_id = event["game"]
        clock = event.get("clock")
        if clock:
            self._schedule_close(game_id, clock["index"], clock["closes_at"])
        if event.get("opens"):
            self._open.add(game_id)
            memory.settle()
        room = self.rooms.get(game_id)
        if not room:
            return
        audience: str = event["audience"]
        members = room.addressed(audience)
        text: str = event["text"]
        personal: dict[str, Any] = event.get("personal") or {}
        close_code = event.get("close")
        started = time.perf_counter()
        shared_frame: bytes | None = None
        direct = 0
        for member in members:
            out = text
            if member.role == "player" and personal:
                mine = personal.get(str(member.player_id))
                if mine is not None:
                    out = f'{text[:-1]},"you":{dumps(mine)}}}'
            try:
                if out is text and member.consumer.wire is not None:
                    shared_frame = shared_frame or text_frame(text)
                    direct += await member.consumer.send_text(out, shared_frame)
                else:
                    direct += await member.consumer.send_text(out)
                if close_code:
                    await member.consumer.close(code=close_code)
            except Exception:
                log.warning("could not send to a socket of game %s", game_id, exc_info=True)
        log.debug(
            "game %s: %s to %d local sockets (%d direct) in %.1f ms",
            game_id, text[9:30], len(members), direct, (time.perf_counter() - started) * 1000,
        )
        if event.get("over"):  # the question is over for the room: perhaps a quiet moment to collect garbage
            self._open.discard(game_id)
            memory.recycle(quiet=not self._open)

    def watch_deadline(self, game_id: int, index: int, closes_at_ms: int | None) -> None:
        """Keep the clock of a question this process learnt of from the database (after a restart, say)."""
        self._schedule_close(game_id, index, closes_at_ms)

    def _schedule_close(self, game_id: int, index: int, closes_at_ms: int | None) -> None:
        if closes_at_ms is None or (game_id, index) in self._clocks:
            return
        grace = settings.QUIZGAME["ANSWER_GRACE_MS"]
        delay = max(0.0, (closes_at_ms + grace - now_ms()) / 1000)
        loop = asyncio.get_running_loop()
        self._clocks[(game_id, index)] = loop.call_later(
            delay, lambda: loop.create_task(self._close(game_id, index))
        )

    async def _close(self, game_id: int, index: int) -> None:
        from . import services  # services publish through this module

        self._clocks.pop((game_id, index), None)
        try:
            await database_sync_to_async(services.question_close_if_due)(game_id=game_id, index=index)
        except Exception:
            log.exception("closing question %s of game %s failed", index, game_id)


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, RoomHub] = weakref.WeakKeyDictionary()
# The loop serving sockets in this process; services running in worker threads post their events to it.
_server_loop: asyncio.AbstractEventLoop | None = None


def hub() -> RoomHub:
    """The hub of the running event loop (one per process in production, one per test loop in tests)."""
    global _server_loop
    loop = asyncio.get_running_loop()
    found = _hubs.get(loop)
    if found is None:
        found = _hubs[loop] = RoomHub()
    _server_loop = loop
    return found


def room_event(
    game_id: int,
    message: dict[str, Any],
    *,
    audience: str = ALL,
    personal: dict[str, Any] | None = None,
    clock: dict[str, Any] | None = None,
    close: int | None = None,
    opens: bool = False,
    over: bool = False,
) -> dict[str, Any]:
    """One message for the sockets of one room, serialised once; `personal` adds a per-player 'you'."""
    event: dict[str, Any] = {
        "type": "room.event",
        "game": game_id,
        "audience": audience,
        "text": dumps(message),
    }
    if personal:
        event["personal"] = personal
    if clock:
        event["clock"] = clock
    if close:
        event["close"] = close
    if opens:  # a question opens: the room's sockets are long-lived (memory.py)
        event["opens"] = True
    if over:  # the last event of a question (its reveal) or of the game
        event["over"] = True
    return event


def room_publish(game_id: int, message: dict[str, Any], **options: Any) -> None:
    """From a service: send once the surrounding transaction commits, so nobody hears of a change that failed.

    The worker thread hands the event to the server loop without waiting for it: a service never blocks on
    the network, and events leave in the order they were committed.
    """
    transaction.on_commit(lambda: _dispatch(room_event(game_id, message, **options)))


def _dispatch(event: dict[str, Any]) -> None:
    loop = _server_loop
    if loop is not None and loop.is_running():
        target = _hubs.get(loop)
        if target is not None:
            loop.call_soon_threadsafe(target.post, event)
            return
    # No socket server in this process (a management command, a plain script): publish directly.
    async_to_sync(get_channel_layer().group_send)(group_name(event["game"]), event)
