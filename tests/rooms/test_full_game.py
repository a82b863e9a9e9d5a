"""A whole live game through the real ASGI router: a host and three players through every phase."""
import json

import pytest
from asgiref.sync import sync_to_async

from quizgame.rooms.models import Answer, Game, Player

from .wsclient import RoomClient, key_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]

# Words and keys that would give an answer away if a player saw them before the reveal.
SECRET_KEYS = {"solution", "is_correct", "correct", "accepted", "accepted_answers", "match_text", "position", "pairs"}
SECRET_WORDS = ["osteoblast"]


def walk_keys(value):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield key
            yield from walk_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from walk_keys(inner)


async def answer(player, clock, seconds, question, response):
    clock.advance(seconds)
    await player.send({"type": "answer", "index": question["index"], "response": response})
    accepted = await player.expect("answer_accepted")
    assert accepted == {"type": "answer_accepted", "index": question["index"]}
    clock.advance(-seconds)


async def test_a_full_game_scores_ranks_and_keeps_answers_secret(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    lobby = await host.expect("lobby")
    assert lobby["phase"] == "lobby" and lobby["players"] == []

    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    cy = await RoomClient.player(game.pin, "<b>Cy</b>")
    for player in (ana, ben, cy):
        joined = await host.expect("player_joined")
        assert joined["player"]["id"] == player.player_id
    assert cy.joined["player"]["nickname"] == "<b>Cy</b>"  # kept as typed; pages insert it as text
    players = (ana, ben, cy)
    sent_before_reveal = {p: [] for p in players}

    def mark_reveal(p):
        """File what `p` received up to this reveal; what came after it belongs to the next round."""
        cut = next(i for i, text in enumerate(p.raw) if json.loads(text)["type"] == "reveal")
        sent_before_reveal[p].extend(p.raw[:cut])
        del p.raw[: cut + 1]

    await host.send({"type": "start"})

    # Q1, single choice, 1000 points, 20 s: Ana right in 0.3 s, Ben right in 10 s, Cy wrong.
    q1 = await host.expect("question")
    assert q1["index"] == 0 and q1["total"] == 4 and q1["time_limit"] == 20
    assert q1["closes_at"] - q1["opened_at"] == 20_000
    for p in players:
        assert (await p.expect("question"))["question"] == q1["question"]
    await answer(ana, game_clock, 0.3, q1, {"choice": key_of(q1, "Ossification")})
    await answer(ben, game_clock, 10, q1, {"choice": key_of(q1, "Ossification")})
    await answer(cy, game_clock, 4, q1, {"choice": key_of(q1, "Calcification")})
    reveal = await host.expect("reveal")  # everyone answered: it closes without waiting for the timer
    assert reveal["solution"] == {"choices": [key_of(q1, "Ossification")]}
    assert reveal["distribution"]["choices"][key_of(q1, "Ossification")] == 2
    assert reveal["distribution"]["choices"][key_of(q1, "Calcification")] == 1
    assert reveal["explanation"] == "Ossification forms bone."
    mine = {}
    for p in players:
        mine[p] = (await p.expect("reveal"))["you"]
        mark_reveal(p)
    assert [mine[p]["points"] for p in players] == [1000, 750, 0]
    assert [mine[p]["correct"] for p in players] == [True, True, False]
    assert [mine[p]["rank"] for p in players] == [1, 2, 3]

    await host.send({"type": "next"})
    board = await host.expect("leaderboard")
    assert [(r["nickname"], r["score"], r["rank"]) for r in board["top"]] == [
        ("Ana", 1000, 1), ("Ben", 750, 2), ("<b>Cy</b>", 0, 3)]
    assert (await ben.expect("leaderboard"))["you"] == {"rank": 2, "score": 750}

    # Q2, multi-select, double points: Ana right in 5 s (+streak 100), Ben half right, Cy right in 16 s.
    await host.send({"type": "next"})
    q2 = await host.expect("question")
    assert q2["question"]["type"] == "multiple" and q2["question"]["select"] == 2
    for p in players:
        await p.expect("question")
    both = sorted([key_of(q2, "Dystrophic"), key_of(q2, "Metastatic")])
    await answer(ana, game_clock, 5, q2, {"choices": both})
    await answer(ben, game_clock, 3, q2, {"choices": [key_of(q2, "Dystrophic")]})
    await answer(cy, game_clock, 16, q2, {"choices": both})
    await host.expect("reveal")
    for p in players:
        mine[p] = (await p.expect("reveal"))["you"]
        mark_reveal(p)
    assert [mine[p]["points"] for p in players] == [1850, 0, 1200]
    assert [mine[p]["streak_bonus"] for p in players] == [100, 0, 0]
    assert [mine[p]["streak"] for p in players] == [2, 0, 1]

    await host.send({"type": "next"})
    await host.expect("leaderboard")
    await host.send({"type": "next"})

    # Q3, true/false, 10 s: Ana right in 2 s, Ben silent (the host closes it), Cy right in 1 s.
    q3 = await host.expect("question")
    assert [c["text"] for c in q3["question"]["choices"]] == ["True", "False"]
    for p in players:
        await p.expect("question")
    await answer(ana, game_clock, 2, q3, {"choice": key_of(q3, "False")})
    await answer(cy, game_clock, 1, q3, {"choice": key_of(q3, "False")})
    progress = await host.expect("answers")
    while progress["answered"] < 2:
        progress = await host.expect("answers")
    assert progress["players"] == 3
    await host.send({"type": "next"})
    await host.expect("reveal")
    for p in players:
        mine[p] = (await p.expect("reveal"))["you"]
        mark_reveal(p)
    assert [mine[p]["points"] for p in players] == [1100, 0, 1050]
    assert mine[ben]["answered"] is False and mine[ben]["streak"] == 0

    await host.send({"type": "next"})
    await host.expect("leaderboard")
    await host.send({"type": "next"})

    # Q4, typed: Ana types a variant in 4 s, Ben the canonical answer in 4 s, Cy the wrong cells.
    q4 = await host.expect("question")
    assert "choices" not in q4["question"]
    for p in players:
        await p.expect("question")
    await answer(ana, game_clock, 4, q4, {"text": "Osteoblast"})
    await answer(ben, game_clock, 4, q4, {"text": "osteoblasts"})
    await answer(cy, game_clock, 4, q4, {"text": "osteoclasts"})
    reveal = await host.expect("reveal")
    assert reveal["solution"] == {"accepted": ["osteoblasts", "osteoblast"]}
    assert reveal["distribution"]["correct"] == 2
    for p in players:
        mine[p] = (await p.expect("reveal"))["you"]
        mark_reveal(p)
    assert [mine[p]["points"] for p in players] == [1200, 900, 0]
    assert [mine[p]["score"] for p in players] == [5150, 1650, 2250]

    await host.send({"type": "next"})
    await host.expect("leaderboard")
    await host.send({"type": "next"})
    final = await host.expect("finished")
    assert [(r["nickname"], r["score"], r["rank"], r["correct"]) for r in final["standings"]] == [
        ("Ana", 5150, 1, 4), ("<b>Cy</b>", 2250, 2, 2), ("Ben", 1650, 3, 2)]
    assert [r["nickname"] for r in final["podium"]] == ["Ana", "<b>Cy</b>", "Ben"]
    for p, rank in [(ana, 1), (ben, 3), (cy, 2)]:
        done = await p.expect("finished")
        assert done["you"]["rank"] == rank
        assert "standings" not in done

    # Every message a player received before each reveal: no correctness of any kind.
    for p in players:
        assert sent_before_reveal[p], "the players did receive messages"
        for text in sent_before_reveal[p]:
            message = json.loads(text)
            assert not SECRET_KEYS & set(walk_keys(message)), message
            assert not any(word in text.lower() for word in SECRET_WORDS), text

    stored = await sync_to_async(lambda: sorted(Player.objects.values_list("nickname", "score", "streak")))()
    assert stored == [("<b>Cy</b>", 2250, 0), ("Ana", 5150, 4), ("Ben", 1650, 1)]
    assert await sync_to_async(Answer.objects.count)() == 11
    assert (await sync_to_async(Game.objects.get)(pk=game.pk)).phase == Game.Phase.FINISHED
    for client in (host, *players):
        await client.close()
