"""Thin websocket consumers: authenticate, parse, call one service, relay. No game state lives here."""
from __future__ import annotations

import logging
import time
from typing import Any

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from . import clock, guesses, protocol, selectors, services
from .batching import batcher
from .errors import GameError
from .fanout import Member, hub
from .guesses import PinGuesses
from .limits import TokenBucket
from .models import Game, Player
from .wire import Writer, text_frame, writer_for

log = logging.getLogger(__name__)

CLOSE_UNKNOWN_GAME = 4404
CLOSE_FORBIDDEN = 4403
CLOSE_FATAL = 4400
CLOSE_FLOOD = 4429
FLOOD_DROPS_BEFORE_CLOSE = 200

_pin_guesses: PinGuesses | None = None


def pin_guesses() -> PinGuesses:
    """The record of who has been trying PINs that do not exist (shared by all processes when scaled)."""
    global _pin_guesses
    if _pin_guesses is None:
        limits = settings.QUIZGAME
        _pin_guesses = guesses.pin_guesses(redis_url=settings.REDIS_URL, rate=limits["PIN_GUESSES_PER_MINUTE"] / 60,
                                           burst=limits["PIN_GUESS_BURST"])
    return _pin_guesses


@database_sync_to_async
def _game(pin: str) -> Game:
    return selectors.game_by_pin(pin=pin)


def _snapshot(game_id: int, player: Player | None) -> list[dict[str, Any]]:
    game = Game.objects.get(pk=game_id)
    if game.phase == Game.Phase.QUESTION:
        # A question past its deadline closes before anyone is shown it as open.
        if services.question_close_if_due(game_id=game.pk, index=game.question_index):
            game.refresh_from_db()
    return selectors.game_snapshot(game=game, player=player)


@database_sync_to_async
def _entry(
    game_id: int, role: str, join: dict[str, Any] | None, token: Any
) -> tuple[Player | None, list[dict[str, Any]]]:
    """Join or resume (players), then read the game as it now stands, in one trip to the database thread."""
    player = None
    if role == "player":
        if join is not None:
            player = services.player_join(game_id=game_id, nickname=join.get("nickname"), team=join.get("team"))
        else:
            player = services.player_resume(game_id=game_id, token=token)
    return player, _snapshot(game_id, player)


class RoomConsumer(AsyncWebsocketConsumer):
    """What host and player sockets share: the room lookup, message parsing and error replies."""

    # Room events reach sockets through the process hub (fanout.py), so a socket needs no layer channel of its
    # own: naming no configured layer spares a channel, a queue and a receive loop per connection.
    channel_layer_alias = "rooms-use-the-hub"
    role = ""
    allowed: set[str] = set()

    game_id: int | None = None
    member: Member | None = None
    wire: Writer | None = None  # the short road to this socket (wire.py), when the server allows it

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        # With no layer channel, the socket is the only source of messages: read it in a plain loop. Channels'
        # general loop waits on several sources, which costs a new task and a wait set for every frame.
        self.scope = scope
        self.channel_layer = None
        self.base_send = send
        try:
            while True:
                await self.dispatch(await receive())
        except StopConsumer:
            pass

    async def connect(self) -> None:
        await self.accept()
        self.wire = writer_for(self.base_send)
        log.debug("%s socket open, direct writes %s", self.role, "on" if self.wire else "off")
        limits = settings.QUIZGAME
        self.bucket = TokenBucket(rate=limits["SOCKET_RATE"], burst=limits["SOCKET_BURST"])
        self.dropped = 0
        address = (self.scope.get("client") or ["?"])[0]
        try:
            if not await pin_guesses().available(address):
                raise GameError("too_many_attempts", "Too many wrong PINs from your network. Wait a minute.")
            try:
                game = await _game(self.scope["url_route"]["kwargs"]["pin"])
            except GameError:
                await pin_guesses().allow(address)
                raise
            self.game_id = game.pk
            await self.authorize(game)
        except GameError as error:
            await self.send_json(error.as_message())
            codes = {"unknown_pin": CLOSE_UNKNOWN_GAME, "too_many_attempts": CLOSE_FLOOD}
            await self.close(code=codes.get(error.code, CLOSE_FORBIDDEN))

    async def authorize(self, game: Game) -> None:
        raise NotImplementedError

    async def dispatch(self, message: dict[str, Any]) -> None:
        # Channels' own dispatch first closes stale database connections, a hop to the database thread for every
        # frame a phone sends. Here every database call goes through database_sync_to_async, which does that
        # itself on that thread, so the hop is skipped: it was the biggest cost of an answer burst.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def disconnect(self, code: int) -> None:
        if self.member and self.game_id:
            await hub().leave(self.game_id, self.member)
            self.member = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if self.game_id is None:
            return
        if not self.bucket.take(time.monotonic()):
            self.dropped += 1
            if self.dropped >= FLOOD_DROPS_BEFORE_CLOSE:
                await self.close(code=CLOSE_FLOOD)
            elif self.dropped == 1 or self.dropped % 20 == 0:
                await self.send_json(GameError("rate_limited", "Slow down: too many messages.").as_message())
            return
        self.dropped = 0
        try:
            message = protocol.parse(
                text_data, allowed=self.allowed, max_bytes=settings.QUIZGAME["MAX_MESSAGE_BYTES"]
            )
            await getattr(self, "on_" + message["type"])(message)
        except GameError as error:
            await self.send_json(error.as_message())
            if error.fatal:
                await self.close(code=CLOSE_FATAL)
        except Game.DoesNotExist:
            await self.send_json(GameError("unknown_game", "This game no longer exists.").as_message())
            await self.close(code=CLOSE_UNKNOWN_GAME)

    async def enter_room(self, *, join: dict[str, Any] | None = None, token: Any = None) -> Player | None:
        """Subscribe to the room, then read it: an event committed in between arrives twice, never not at all."""
        assert self.game_id is not None
        member = Member(consumer=self, role=self.role)
        await hub().join(self.game_id, member)
        try:
            player, messages = await _entry(self.game_id, self.role, join, token)
        except BaseException:
            await hub().leave(self.game_id, member)
            raise
        member.player_id = player.pk if player else None
        self.member = member
        if player:
            await self.send_json({"type": "joined", "player": protocol.player_entry(player), "token": player.token})
        for message in messages:
            if message["type"] == "question" and message.get("closes_at"):
                # Whoever opened this question may be gone (a restart, a crashed process): keep its clock here.
                hub().watch_deadline(self.game_id, message["index"], message["closes_at"])
            await self.send_json(message)
        return player

    async def send_json(self, message: dict[str, Any]) -> None:
        await self.send(text_data=protocol.dumps(message))

    async def send(self, text_data: str | None = None, bytes_data: bytes | None = None, close: bool = False) -> None:
        if text_data is not None and bytes_data is None and not close:
            await self.send_text(text_data)
        else:
            await super().send(text_data=text_data, bytes_data=bytes_data, close=close)

    async def send_text(self, text: str, frame: bytes | None = None) -> bool:
        """Send one text message, straight to the socket when it can be (wire.py): True then. `frame` is `text`
        already framed, when a broadcast built it once for many sockets."""
        if self.wire is not None and self.wire(frame or text_frame(text)):
            return True
        await self.base_send({"type": "websocket.send", "text": text})
        return False

    async def on_ping(self, message: dict[str, Any]) -> None:
        await self.send_json({"type": "pong", "server_now": protocol.now_ms()})


class HostConsumer(RoomConsumer):
    role = "host"
    allowed = protocol.HOST_TYPES

    async def authorize(self, game: Game) -> None:
        user = self.scope.get("user")
        if not (user and user.is_authenticated and (user.pk == game.host_id or user.is_staff)):
            raise GameError("not_host", "Only the host of this game can open its host screen.")
        await self.enter_room()

    def _actor(self) -> Any:
        return self.scope.get("user")

    async def on_start(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.game_start)(game_id=self.game_id, actor=self._actor())

    async def on_next(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.game_next)(game_id=self.game_id, actor=self._actor())

    async def on_skip(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.game_skip)(game_id=self.game_id, actor=self._actor())

    async def on_end(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.game_end)(game_id=self.game_id, actor=self._actor())

    async def on_kick(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.player_kick)(
            game_id=self.game_id, player_id=message.get("player"), actor=self._actor()
        )

    async def on_move(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.player_move)(
            game_id=self.game_id, player_id=message.get("player"), team=message.get("team"), actor=self._actor()
        )

    async def on_lock(self, message: dict[str, Any]) -> None:
        await database_sync_to_async(services.game_lock)(
            game_id=self.game_id, locked=message.get("locked"), actor=self._actor()
        )


class PlayerConsumer(RoomConsumer):
    role = "player"
    allowed = protocol.PLAYER_TYPES
    player_id: int | None = None

    async def authorize(self, game: Game) -> None:
        if game.phase == Game.Phase.FINISHED:
            raise GameError("game_finished", "This game has finished.")

    async def on_join(self, message: dict[str, Any]) -> None:
        if self.player_id:
            raise GameError("already_joined", "You have already joined this game.")
        player = await self.enter_room(join=message)
        self.player_id = player.pk if player else None

    async def on_resume(self, message: dict[str, Any]) -> None:
        if self.player_id:
            raise GameError("already_joined", "You have already joined this game.")
        player = await self.enter_room(token=message.get("token"))
        self.player_id = player.pk if player else None

    async def on_team(self, message: dict[str, Any]) -> None:
        if not self.player_id:
            raise GameError("not_joined", "Join the game before choosing a team.")
        await database_sync_to_async(services.player_team_choose)(
            game_id=self.game_id, player_id=self.player_id, team=message.get("team")
        )

    async def on_answer(self, message: dict[str, Any]) -> None:
        if not self.player_id:
            raise GameError("not_joined", "Join the game before answering.")
        attempt = services.AnswerAttempt(
            player_id=self.player_id, index=message.get("index"), response=message.get("response"),
            received_at=clock.now(),
        )
        assert self.game_id is not None
        receipt = await batcher().submit(self.game_id, attempt)
        await self.send_json({"type": "answer_accepted", "index": receipt.index})
