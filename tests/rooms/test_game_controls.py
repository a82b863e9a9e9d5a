"""Host controls, game options and coming back after a dropped connection."""
import pytest
from asgiref.sync import sync_to_async

from quizgame.rooms import services
from quizgame.rooms.models import Answer, Game, Player

from .wsclient import RoomClient, key_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]


async def test_a_player_who_drops_comes_back_with_score_streak_and_answered_state(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    for p in (ana, ben):
        await p.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await ana.expect("reveal")
    await host.send({"type": "next"})
    await host.send({"type": "next"})
    q2 = await ana.expect("question")
    both = sorted([key_of(q2, "Dystrophic"), key_of(q2, "Metastatic")])
    await ana.send({"type": "answer", "index": 1, "response": {"choices": both}})
    await ana.expect("answer_accepted")
    token = ana.joined["token"]
    await ana.close()

    back = RoomClient(f"/ws/play/{game.pin}/")
    await back.open()
    await back.send({"type": "resume", "token": token})
    assert (await back.expect("joined"))["player"]["nickname"] == "Ana"
    welcome = await back.expect("welcome")
    assert welcome["score"] == 1000 and welcome["streak"] == 1 and welcome["phase"] == "question"
    question = await back.expect("question")
    assert question["index"] == 1 and question["answered"] is True
    assert "solution" not in question
    # Answering again after the reload is still a duplicate.
    await back.send({"type": "answer", "index": 1, "response": {"choices": both}})
    assert (await back.expect("error"))["code"] == "duplicate"
    await ben.send({"type": "answer", "index": 1, "response": {"choices": both}})
    reveal = await back.expect("reveal")
    assert reveal["you"]["streak"] == 2 and reveal["you"]["score"] == 1000 + 2000 + 100


async def test_reloading_the_host_page_restores_the_screen_from_the_server(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    await host.send({"type": "start"})
    q1 = await host.expect("question")
    await host.close()
    again = await RoomClient.host(game.pin, host_cookie)
    lobby = await again.expect("lobby")
    assert lobby["phase"] == "question" and [p["nickname"] for p in lobby["players"]] == ["Ana"]
    restored = await again.expect("question")
    assert restored["question"] == q1["question"] and restored["closes_at"] == q1["closes_at"]
    progress = await again.expect("answers")
    assert progress == {"type": "answers", "index": 0, "answered": 0, "players": 1}
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await again.expect("reveal")
    await again.send({"type": "next"})
    await again.expect("leaderboard")
    await again.close()
    third = await RoomClient.host(game.pin, host_cookie)
    await third.expect("reveal")
    board = await third.expect("leaderboard")
    assert board["top"][0]["nickname"] == "Ana"


async def test_skip_voids_the_question_and_end_finishes_with_a_podium(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await ana.expect("answer_accepted")
    await host.send({"type": "skip"})
    skipped = await ana.expect("reveal")
    assert skipped["skipped"] is True and skipped["you"]["points"] == 0
    q2 = await ana.expect("question")
    assert q2["index"] == 1
    assert await sync_to_async(Answer.objects.filter(question_index=0).count)() == 0
    await ana.send({"type": "answer", "index": 1, "response": {"choices": [key_of(q2, "Dystrophic")]}})
    await ana.expect("answer_accepted")
    await host.send({"type": "end"})
    final = await host.expect("finished")
    assert [r["nickname"] for r in final["standings"]] == ["Ana", "Ben"]  # tied on 0: join order, shared rank
    assert [r["rank"] for r in final["standings"]] == [1, 1]
    assert (await ana.expect("finished"))["you"]["rank"] == 1
    assert (await sync_to_async(Game.objects.get)(pk=game.pk)).phase == Game.Phase.FINISHED
    await host.send({"type": "next"})
    assert (await host.expect("error"))["code"] == "wrong_phase"


async def test_untimed_accuracy_only_game_waits_for_the_host_and_ignores_speed(
    bank, host_user, host_cookie, game_clock
):
    game = await sync_to_async(services.game_create)(host=host_user, bank=bank, speed_scoring=False, timer=False)
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    assert q1["closes_at"] is None and q1["time_limit"] is None
    game_clock.advance(600)  # ten minutes later, still open
    assert await sync_to_async(services.question_close_if_due)(game_id=game.pk, index=0) is False
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await ana.expect("answer_accepted")
    await host.send({"type": "next"})
    assert (await ana.expect("reveal"))["you"]["points"] == 1000
    await host.send({"type": "next"})
    await host.send({"type": "next"})
    q2 = await ana.expect("question")
    both = sorted([key_of(q2, "Dystrophic"), key_of(q2, "Metastatic")])
    game_clock.advance(30)
    for p in (ana, ben):
        await p.send({"type": "answer", "index": 1, "response": {"choices": both}})
    reveal = await ana.expect("reveal")
    assert reveal["you"]["points"] == 2000 and reveal["you"]["streak_bonus"] == 0 and reveal["you"]["streak"] == 2


async def test_kicking_the_last_silent_player_closes_the_question(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await ana.expect("answer_accepted")
    await host.send({"type": "kick", "player": ben.player_id})
    reveal = await host.expect("reveal")
    assert reveal["distribution"]["answered"] == 1
    assert await sync_to_async(Player.objects.filter(kicked=True).count)() == 1
