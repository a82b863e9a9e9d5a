"""Under real Daphne, room events take the short road to the sockets (quizgame/rooms/wire.py), and what the
phones and the host screen receive is exactly what the standard ASGI path delivers."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from quizgame import servers

from .client import choice_key, host, player

pytestmark = pytest.mark.services

VARYING = {"opened_at", "shown_at", "closes_at", "server_now", "token", "id", "elapsed_ms", "pin", "player",
           "score", "points", "streak", "top", "standings", "podium", "rank", "teams", "you"}


def stable(message: dict[str, Any]) -> dict[str, Any]:
    """A message without what depends on the clock, on row ids or on the game's random order of the options:
    options are named by their text."""
    out = {k: v for k, v in message.items() if k not in VARYING}
    question = out.get("question")
    if isinstance(question, dict) and "choices" in question:
        texts = [c["text"] for c in question["choices"]]
        out["question"] = {**question, "choices": sorted(texts)}
        if "solution" in out:
            out["solution"] = sorted(texts[k] for k in out["solution"]["choices"])
        if "distribution" in out:
            counts = out["distribution"]["choices"]
            out["distribution"] = {**out["distribution"], "choices": {texts[k]: n for k, n in enumerate(counts)}}
    return out


async def play(url: str) -> dict[str, list[dict[str, Any]]]:
    pin, hosting = await host(url)
    ana = await player(url, pin, "Ana")
    ben = await player(url, pin, "Ben")
    await hosting.expect("player_joined")
    await hosting.expect("player_joined")
    await hosting.send({"type": "start"})
    seen: dict[str, list[dict[str, Any]]] = {"host": [], "ana": [], "ben": []}
    question = await hosting.expect("question")
    seen["host"].append(stable(question))
    for name, client in (("ana", ana), ("ben", ben)):
        seen[name].append(stable(await client.expect("question")))
    await ben.send({"type": "answer", "index": 0, "response": {"choice": choice_key(question, "Calcification")}})
    seen["ben"].append(await ben.expect("answer_accepted"))
    await ben.send({"type": "answer", "index": 0, "response": {"choice": 0}})
    seen["ben"].append(await ben.expect("error"))
    await ana.send({"type": "answer", "index": 0, "response": {"choice": choice_key(question, "Ossification")}})
    seen["ana"].append(await ana.expect("answer_accepted"))
    reveal = await hosting.expect("reveal")
    seen["host"].append(stable(reveal))
    for name, client in (("ana", ana), ("ben", ben)):
        mine = await client.expect("reveal")
        seen[name].append({**stable(mine), "correct": mine["you"]["correct"]})
    await hosting.send({"type": "next"})
    seen["host"].append(stable(await hosting.expect("leaderboard")))
    await hosting.send({"type": "end"})
    seen["host"].append(stable(await hosting.expect("finished")))
    for name, client in (("ana", ana), ("ben", ben)):
        seen[name].append(stable(await client.expect("finished")))
    for client in (hosting, ana, ben):
        await client.close()
    return seen


async def played_on_a_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, direct: str) -> dict[str, Any]:
    monkeypatch.setenv("QUIZGAME_DIRECT_WRITES", direct)
    monkeypatch.setenv("QUIZGAME_LOG_LEVEL", "DEBUG")
    running = servers.start(workers=1, data_dir=tmp_path / "data", log_dir=tmp_path)
    try:
        seen = await play(running.urls[0])
    finally:
        running.stop()
    log = "".join(p.read_text() for p in tmp_path.glob("daphne-*.log"))
    assert f"player socket open, direct writes {'on' if direct == '1' else 'off'}" in log
    written_directly = [int(n) for n in re.findall(r"local sockets \((\d+) direct\)", log)]
    assert written_directly, "the room's broadcasts are logged at DEBUG"
    if direct == "1":
        assert sum(written_directly) >= 6  # questions, reveals, leaderboard and podium reached both phones directly
    else:
        assert sum(written_directly) == 0
    assert "Traceback" not in log
    return seen


async def test_a_game_through_daphne_is_the_same_with_and_without_direct_writes(tmp_path, monkeypatch):
    direct = await played_on_a_server(tmp_path / "direct", monkeypatch, "1")
    standard = await played_on_a_server(tmp_path / "standard", monkeypatch, "0")
    assert direct == standard  # message for message, whichever road the frames took
    assert [m["type"] for m in direct["host"]] == ["question", "reveal", "leaderboard", "finished"]
    assert [m["type"] for m in direct["ben"]] == ["question", "answer_accepted", "error", "reveal", "finished"]
    assert direct["ben"][2]["code"] == "duplicate"
    assert direct["ana"][2]["correct"] is True and direct["ben"][3]["correct"] is False
