"""Real websocket clients against real Daphne processes (not the in-process test router)."""
from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets

from bench.live_room import open_game


class LiveClient:
    def __init__(self, base: str, path: str, cookie: str | None = None) -> None:
        self.base = base
        self.url = base.replace("http://", "ws://") + path
        self.cookie = cookie
        self.ws: Any = None
        self.unread: list[dict[str, Any]] = []

    async def open(self) -> LiveClient:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self.ws = await websockets.connect(self.url, origin=self.base, additional_headers=headers, open_timeout=20)
        return self

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def expect(self, kind: str, timeout: float = 20) -> dict[str, Any]:
        for position, message in enumerate(self.unread):
            if message["type"] == kind:
                return self.unread.pop(position)
        while True:
            message = json.loads(await asyncio.wait_for(self.ws.recv(), timeout))
            if message["type"] == kind:
                return message
            self.unread.append(message)

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


async def host(base: str) -> tuple[str, LiveClient]:
    pin, cookie = await asyncio.to_thread(open_game, base, username="teacher", password="quizgame-demo", timer=True)
    client = await LiveClient(base, f"/ws/host/{pin}/", cookie).open()
    await client.expect("lobby")
    return pin, client


async def player(base: str, pin: str, nickname: str) -> LiveClient:
    client = await LiveClient(base, f"/ws/play/{pin}/").open()
    await client.send({"type": "join", "nickname": nickname})
    client.joined = await client.expect("joined")  # type: ignore[attr-defined]
    return client


async def resume(base: str, pin: str, token: str) -> LiveClient:
    client = await LiveClient(base, f"/ws/play/{pin}/").open()
    await client.send({"type": "resume", "token": token})
    client.joined = await client.expect("joined")  # type: ignore[attr-defined]
    return client


def choice_key(question: dict[str, Any], text: str) -> int:
    return next(c["key"] for c in question["question"]["choices"] if c["text"] == text)
