"""Real Daphne processes: one room across two processes (PostgreSQL + Redis), and surviving a killed server."""
from __future__ import annotations

import pytest

from .client import choice_key, host, player, resume

pytestmark = pytest.mark.services


async def test_one_room_spans_two_processes(scaled):
    a, b = scaled.urls
    pin, hosting = await host(a)
    ana = await player(a, pin, "Ana")
    ben = await player(b, pin, "Ben")
    cy = await player(b, pin, "Cy")
    for _ in range(3):
        await hosting.expect("player_joined")
    await hosting.send({"type": "start"})
    shown = await hosting.expect("question")
    seen = [await p.expect("question") for p in (ana, ben, cy)]
    assert {q["closes_at"] for q in seen} == {shown["closes_at"]}  # one clock for the whole room
    assert all(q["question"] == shown["question"] for q in seen)
    await ana.send({"type": "answer", "index": 0, "response": {"choice": choice_key(shown, "Ossification")}})
    await ben.send({"type": "answer", "index": 0, "response": {"choice": choice_key(shown, "Calcification")}})
    await cy.send({"type": "answer", "index": 0, "response": {"choice": choice_key(shown, "Ossification")}})
    reveal = await hosting.expect("reveal")
    assert reveal["distribution"]["answered"] == 3
    mine = {name: (await p.expect("reveal"))["you"] for name, p in (("Ana", ana), ("Ben", ben), ("Cy", cy))}
    assert mine["Ana"]["correct"] and mine["Cy"]["correct"] and not mine["Ben"]["correct"]
    assert mine["Ben"]["rank"] == 3 and mine["Ben"]["score"] == 0
    await hosting.send({"type": "next"})
    board = await hosting.expect("leaderboard")
    assert (await ben.expect("leaderboard"))["top"] == board["top"]
    await hosting.send({"type": "end"})
    final = await hosting.expect("finished")
    assert [row["nickname"] for row in final["standings"]][-1] == "Ben"
    assert (await cy.expect("finished"))["you"]["rank"] in (1, 2)
    for client in (hosting, ana, ben, cy):
        await client.close()


async def test_a_killed_server_comes_back_and_the_game_carries_on(embedded):
    (url,) = embedded.urls
    pin, hosting = await host(url)
    ana = await player(url, pin, "Ana")
    ben = await player(url, pin, "Ben")
    await hosting.send({"type": "start"})
    q = await ana.expect("question")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": choice_key(q, "Ossification")}})
    await ana.expect("answer_accepted")

    embedded.kill(0)
    embedded.restart(0)

    # Everyone comes back: the host screen from the server, the players with the token their phone kept.
    from .client import LiveClient

    hosting = await LiveClient(url, f"/ws/host/{pin}/", hosting.cookie).open()
    lobby = await hosting.expect("lobby")
    assert lobby["phase"] == "question" and len(lobby["players"]) == 2
    assert (await hosting.expect("answers"))["answered"] == 1  # the accepted answer survived the crash
    ana = await resume(url, pin, ana.joined["token"])
    again = await ana.expect("question")
    assert again["index"] == 0 and again["answered"] is True and again["closes_at"] == q["closes_at"]
    ben = await resume(url, pin, ben.joined["token"])
    await ben.expect("question")
    await ben.send({"type": "answer", "index": 0, "response": {"choice": choice_key(q, "Calcification")}})
    reveal = await ana.expect("reveal")
    assert reveal["distribution"]["answered"] == 2 and reveal["you"]["correct"] is True
    assert reveal["you"]["score"] > 0
    for client in (hosting, ana, ben):
        await client.close()


async def test_the_question_closes_on_time_when_the_host_and_its_process_are_gone_and_it_comes_back(scaled):
    a, b = scaled.urls
    pin, hosting = await host(a)
    ana = await player(b, pin, "Ana")
    await hosting.send({"type": "start"})
    q = await ana.expect("question", timeout=20)
    scaled.kill(0)  # the process that opened the question, with the host's socket on it
    reveal = await ana.expect("reveal", timeout=q["time_limit"] + 10)
    assert reveal["you"]["answered"] is False
    # The host comes back on the surviving process and carries on.
    from .client import LiveClient

    hosting = await LiveClient(b, f"/ws/host/{pin}/", hosting.cookie).open()
    await hosting.expect("reveal")
    await hosting.send({"type": "next"})
    assert (await ana.expect("leaderboard"))["you"]["rank"] == 1
    # The killed process starts again; the host moves back to it and the room still spans both.
    scaled.restart(0)
    await hosting.close()
    hosting = await LiveClient(a, f"/ws/host/{pin}/", hosting.cookie).open()
    assert (await hosting.expect("reveal"))["index"] == 0  # the screen is rebuilt: last reveal, then the board
    await hosting.expect("leaderboard")
    await hosting.send({"type": "next"})
    second = await ana.expect("question")
    assert second["index"] == 1
    await ana.send({"type": "answer", "index": 1, "response": {"choice": choice_key(second, "Calcium salts")}})
    reveal = await hosting.expect("reveal")
    assert reveal["index"] == 1 and reveal["distribution"]["answered"] == 1
    assert (await ana.expect("reveal"))["you"]["correct"] is True
    await ana.close()
    await hosting.close()
