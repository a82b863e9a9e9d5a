"""A websocket test client over the real ASGI application, keeping every message it receives."""
from __future__ import annotations

import json
from typing import Any

from channels.testing import WebsocketCommunicator

from quizgame.asgi import application

ORIGIN = (b"origin", b"http://127.0.0.1:8000")


class RoomClient:
    opened: list[RoomClient] = []  # closed by the room_hub fixture so no handler outlives its test

    def __init__(self, path: str, cookie: str | None = None, origin: tuple[bytes, bytes] | None = ORIGIN) -> None:
        headers = [origin] if origin else []
        if cookie:
            headers.append((b"cookie", cookie.encode()))
        self.communicator = WebsocketCommunicator(application, path, headers=headers)
        self.log: list[dict[str, Any]] = []
        self.raw: list[str] = []
        # Read but not yet expected: a room event may overtake the direct reply it follows on the server.
        self.unread: list[dict[str, Any]] = []

    @classmethod
    async def host(cls, pin: str, cookie: str) -> RoomClient:
        client = cls(f"/ws/host/{pin}/", cookie)
        await client.open()
        return client

    @classmethod
    async def player(cls, pin: str, nickname: str) -> RoomClient:
        client = cls(f"/ws/play/{pin}/")
        await client.open()
        await client.send({"type": "join", "nickname": nickname})
        client.joined = await client.expect("joined")
        await client.expect("welcome")
        return client

    async def open(self) -> None:
        connected, _ = await self.communicator.connect(timeout=5)
        RoomClient.opened.append(self)
        assert connected

    async def send(self, message: dict[str, Any]) -> None:
        await self.communicator.send_to(text_data=json.dumps(message))

    async def send_text(self, text: str) -> None:
        await self.communicator.send_to(text_data=text)

    async def next(self, timeout: float = 5) -> dict[str, Any]:
        output = await self.communicator.receive_output(timeout)
        if output["type"] == "websocket.close":
            message = {"type": "__closed__", "code": output.get("code")}
        else:
            self.raw.append(output["text"])
            message = json.loads(output["text"])
        self.log.append(message)
        return message

    async def expect(self, kind: str, timeout: float = 5) -> dict[str, Any]:
        """The first unexpected message of `kind`; others read on the way wait in `unread` for their turn."""
        for position, message in enumerate(self.unread):
            if message["type"] == kind:
                return self.unread.pop(position)
        while True:
            try:
                message = await self.next(timeout)
            except TimeoutError:
                raise AssertionError(f"no {kind} within {timeout}s; last messages: {self.log[-4:]}") from None
            if message["type"] == kind:
                return message
            self.unread.append(message)
            if message["type"] == "__closed__":
                raise AssertionError(f"closed ({message['code']}) while waiting for {kind}; log: {self.log[-5:]}")

    async def closed(self, timeout: float = 5) -> int | None:
        message = await self.expect("__closed__", timeout)
        return message["code"]

    async def silent(self, timeout: float = 0.2) -> bool:
        return await self.communicator.receive_nothing(timeout)

    async def close(self) -> None:
        await self.communicator.disconnect()

    @property
    def player_id(self) -> int:
        return self.joined["player"]["id"]


def key_of(question: dict[str, Any], text: str) -> int:
    """The display key of the choice showing `text` (the test knows the answers by their wording)."""
    return next(c["key"] for c in question["question"]["choices"] if c["text"] == text)
