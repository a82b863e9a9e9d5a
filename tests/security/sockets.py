"""Helpers for reading a RoomClient without ever timing out a read (which would cancel the application)."""
from __future__ import annotations

import asyncio
from typing import Any

from tests.rooms.wsclient import RoomClient

from .conftest import ALL_TYPES_BANK


async def read_arrived(client: RoomClient) -> None:
    """Read into the log whatever has already arrived, without waiting."""
    queue = client.communicator.output_queue
    while not queue.empty():
        if (await client.next())["type"] == "__closed__":
            return


async def settle(client: RoomClient) -> None:
    """Wait until the server has handled everything sent on this socket, then read what came with it.

    Room events travel through the hub and may trail a direct reply by a hop or two: hence the short pause.
    """
    await client.send({"type": "ping"})
    await client.expect("pong", timeout=10)
    await asyncio.sleep(0.02)
    await read_arrived(client)


async def resumed(pin: str, token: str) -> RoomClient:
    """A new socket for a player who dropped: what a phone does after a reload or a network change."""
    client = RoomClient(f"/ws/play/{pin}/")
    await client.open()
    await client.send({"type": "resume", "token": token})
    client.joined = await client.expect("joined")
    return client


def record_for(shown: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in ALL_TYPES_BANK if r["stem"] == shown["question"]["stem"])


def correct_response(shown: dict[str, Any]) -> dict[str, Any]:
    """The right answer to a question of ALL_TYPES_BANK, in the display keys this `question` message shows."""
    question, record = shown["question"], record_for(shown)
    key = {item["text"]: item["key"] for item in question.get("choices", [])}
    kind = question["type"]
    if kind in ("single", "truefalse"):
        return {"choice": next(key[c["text"]] for c in record["choices"] if c["is_correct"])}
    if kind == "multiple":
        return {"choices": sorted(key[c["text"]] for c in record["choices"] if c["is_correct"])}
    if kind == "typed":
        return {"text": record["accepted_answers"][0]}
    if kind == "ordering":
        return {"order": [key[c["text"]] for c in sorted(record["choices"], key=lambda c: c["position"])]}
    left = {item["text"]: item["key"] for item in question["left"]}
    right = {item["text"]: item["key"] for item in question["right"]}
    return {"pairs": [[left[c["text"]], right[c["match_text"]]] for c in record["choices"]]}
