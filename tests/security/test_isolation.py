"""Isolation: a game's traffic stays in that game, a player acts only as themselves, and only the game's host (or
staff) controls it."""
from __future__ import annotations

import json

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model

from quizgame.rooms import services
from quizgame.rooms.errors import GameError
from quizgame.rooms.models import Answer, Game, Player, Team
from tests.conftest import TEST_BANK
from tests.rooms.wsclient import RoomClient, key_of

from .conftest import ALL_TYPES_BANK, session_cookie
from .sockets import correct_response, resumed, settle

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]

NAMES_A, NAMES_B = ("Ana", "Ben"), ("Xia", "Yul")


async def create_user(username: str, *, is_staff: bool = False):
    return await sync_to_async(get_user_model().objects.create_user)(
        username=username, password=f"pw-{username}-123", is_staff=is_staff
    )


async def test_two_games_at_once_never_hear_each_other(bank, all_types_bank, host_user, host_cookie, game_clock):
    """Two rooms interleaved step by step, each moving on at its own pace, with kicks, locks and reconnects."""
    other_host = await create_user("other-host")
    game_a = await sync_to_async(services.game_create)(host=host_user, bank=bank)
    game_b = await sync_to_async(services.game_create)(host=other_host, bank=all_types_bank, team_count=2)
    host_a = await RoomClient.host(game_a.pin, host_cookie)
    host_b = await RoomClient.host(game_b.pin, await sync_to_async(session_cookie)(other_host))
    ana, xia, ben, yul = [await RoomClient.player(pin, name) for pin, name in
                          [(game_a.pin, "Ana"), (game_b.pin, "Xia"), (game_a.pin, "Ben"), (game_b.pin, "Yul")]]
    extra_b = await RoomClient.player(game_b.pin, "Zed")

    await host_a.send({"type": "start"})
    q_a = await ana.expect("question")
    await host_b.send({"type": "lock", "locked": True})
    await host_b.expect("locked")
    await host_b.send({"type": "start"})
    q_b = await xia.expect("question")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q_a, "Ossification")}})
    await ana.expect("answer_accepted")
    await host_b.send({"type": "kick", "player": extra_b.player_id})
    assert await extra_b.closed() == 4003
    await xia.send({"type": "answer", "index": 0, "response": correct_response(q_b)})
    await xia.expect("answer_accepted")
    await ben.send({"type": "answer", "index": 0, "response": {"choice": key_of(q_a, "Erosion")}})
    await host_a.expect("reveal")  # everyone in game A answered
    await host_a.send({"type": "next"})
    await host_a.expect("leaderboard")
    await host_a.send({"type": "next"})
    await host_a.expect("question")
    yul_back = await resumed(game_b.pin, yul.joined["token"])
    await yul.close()
    await host_b.send({"type": "next"})
    await host_b.expect("reveal")
    await host_a.send({"type": "skip"})
    await host_a.send({"type": "end"})
    await host_a.expect("finished")
    for client in (host_a, host_b, ana, ben, xia, yul_back):
        await settle(client)

    sockets_a, sockets_b = [host_a, ana, ben], [host_b, xia, yul, yul_back, extra_b]
    stems_a = {q["stem"] for q in TEST_BANK}
    stems_b = {r["stem"] for r in ALL_TYPES_BANK}
    for mine, my_names, their_names, their_stems in [
        (sockets_a, NAMES_A, NAMES_B + ("Zed",), stems_b - stems_a),
        (sockets_b, NAMES_B + ("Zed",), NAMES_A, stems_a - stems_b),
    ]:
        assert all(f'"{name}"' in json.dumps(mine[0].log) for name in my_names)  # the host heard its own
        for client in mine:
            text = json.dumps(client.log, ensure_ascii=False)
            assert not any(f'"{name}"' in text for name in their_names), text[:500]
            assert not any(stem in text for stem in their_stems)
    # Game B moved slower: nothing of game A's later questions or its podium reached it.
    for client in sockets_b:
        assert all(m.get("index", 0) == 0 for m in client.log), client.log
        assert not any(m["type"] in ("finished", "leaderboard") for m in client.log)
    # Game A's host only ever counted its own players.
    assert {m["players"] for m in host_a.log if m["type"] == "answers"} == {2}
    assert {m["player"]["nickname"] for m in host_b.log if m["type"] == "player_joined"} == {"Xia", "Yul", "Zed"}


async def test_a_player_answers_only_as_themselves(game, host_cookie, game_clock):
    """Ids come from the server: naming another player, or carrying their token, changes nothing."""
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    cy = await RoomClient.player(game.pin, "Cy")
    await host.send({"type": "start"})
    shown = await ana.expect("question")
    right = key_of(shown, "Ossification")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": right}, "player": ben.player_id,
                    "player_id": ben.player_id, "token": ben.joined["token"], "id": ben.player_id})
    await ana.expect("answer_accepted")
    # Ben's turn is still his own, and Ana's second try is hers, not his.
    await ana.send({"type": "answer", "index": 0, "response": {"choice": right}, "player": cy.player_id})
    assert (await ana.expect("error"))["code"] == "duplicate"
    await ben.send({"type": "answer", "index": 0, "response": {"choice": key_of(shown, "Erosion")}})
    await ben.expect("answer_accepted")
    stored = await sync_to_async(lambda: sorted(Answer.objects.values_list("player__nickname", "is_correct")))()
    assert stored == [("Ana", True), ("Ben", False)]
    # A join cannot choose its id or claim an existing one.
    newcomer = RoomClient(f"/ws/play/{game.pin}/")
    await newcomer.open()
    await newcomer.send({"type": "join", "nickname": "Dee", "id": ana.player_id, "player": {"id": ana.player_id}})
    joined = await newcomer.expect("joined")
    assert joined["player"]["id"] not in (ana.player_id, ben.player_id, cy.player_id)
    assert joined["token"] not in (ana.joined["token"], ben.joined["token"])


async def test_a_token_from_another_game_resumes_nothing(game, bank, host_user):
    other = await sync_to_async(services.game_create)(host=host_user, bank=bank)
    stranger = await RoomClient.player(other.pin, "Stranger")
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send({"type": "resume", "token": stranger.joined["token"]})
    assert (await client.expect("error"))["code"] == "bad_token"
    await client.send({"type": "answer", "index": 0, "response": {"choice": 0}})
    assert (await client.expect("error"))["code"] == "not_joined"


async def test_a_player_picks_only_their_own_team(host_user, bank):
    game = await sync_to_async(services.game_create)(
        host=host_user, bank=bank, team_count=2, teams_chosen_by_players=True
    )
    red, blue = await sync_to_async(lambda: list(Team.objects.filter(game=game).order_by("position")))()
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await ana.send({"type": "team", "team": red.pk, "player": ben.player_id})
    assert (await ana.expect("team"))["team"]["id"] == red.pk
    await settle(ben)
    assert not any(m["type"] == "team" for m in ben.log)
    teams = await sync_to_async(lambda: dict(Player.objects.values_list("nickname", "team_id")))()
    assert teams == {"Ana": red.pk, "Ben": None}
    # Another game's team is no team here.
    other = await sync_to_async(services.game_create)(host=host_user, bank=bank, team_count=2)
    foreign = await sync_to_async(lambda: Team.objects.filter(game=other).first().pk)()
    await ben.send({"type": "team", "team": foreign})
    assert (await ben.expect("error"))["code"] == "unknown_team"


async def test_a_player_socket_cannot_use_host_commands(host_user, bank, host_cookie):
    game = await sync_to_async(services.game_create)(host=host_user, bank=bank, team_count=2)
    red = await sync_to_async(lambda: Team.objects.filter(game=game).order_by("position").first())()
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    # Even with the host's own session cookie on the player endpoint.
    sneaky = RoomClient(f"/ws/play/{game.pin}/", host_cookie)
    await sneaky.open()
    for client in (ana, sneaky):
        for command in ({"type": "start"}, {"type": "next"}, {"type": "skip"}, {"type": "end"},
                        {"type": "lock", "locked": True}, {"type": "kick", "player": ben.player_id},
                        {"type": "move", "player": ben.player_id, "team": red.pk}):
            await client.send(command)
            assert (await client.expect("error"))["code"] == "unknown_type"
    stored = await sync_to_async(Game.objects.get)(pk=game.pk)
    assert (stored.phase, stored.locked) == (Game.Phase.LOBBY, False)
    ben_row = await sync_to_async(Player.objects.get)(pk=ben.player_id)
    assert not ben_row.kicked
    await settle(ben)
    assert not any(m["type"] in ("kicked", "__closed__") for m in ben.log)


async def test_a_signed_in_user_who_is_not_the_host_cannot_control_the_game(game, other_user, host_user):
    """Refused at the socket, and refused by every service should a socket ever let the call through."""
    intruder = RoomClient(f"/ws/host/{game.pin}/", await sync_to_async(session_cookie)(other_user))
    await intruder.open()
    assert (await intruder.expect("error"))["code"] == "not_host"
    assert await intruder.closed() == 4403
    assert not any(m["type"] == "lobby" for m in intruder.log)
    ana = await RoomClient.player(game.pin, "Ana")
    calls = [
        (services.game_start, {}), (services.game_next, {}), (services.game_skip, {}), (services.game_end, {}),
        (services.game_lock, {"locked": True}), (services.player_kick, {"player_id": ana.player_id}),
        (services.player_move, {"player_id": ana.player_id, "team": 1}),
    ]
    for call, extra in calls:
        with pytest.raises(GameError) as refused:
            await sync_to_async(call)(game_id=game.pk, actor=other_user, **extra)
        assert refused.value.code == "not_host", call.__name__
    stored = await sync_to_async(Game.objects.get)(pk=game.pk)
    assert (stored.phase, stored.locked) == (Game.Phase.LOBBY, False)
    # The host of another game is just another user here.
    other_game = await sync_to_async(services.game_create)(host=other_user, bank=game.bank)
    host_elsewhere = RoomClient(f"/ws/host/{other_game.pin}/", await sync_to_async(session_cookie)(host_user))
    await host_elsewhere.open()
    assert (await host_elsewhere.expect("error"))["code"] == "not_host"


async def test_staff_can_run_any_game(game, game_clock):
    staff = await create_user("staff", is_staff=True)
    control = await RoomClient.host(game.pin, await sync_to_async(session_cookie)(staff))
    assert (await control.expect("lobby"))["pin"] == game.pin
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await control.send({"type": "kick", "player": ben.player_id})
    assert await ben.closed() == 4003
    await control.send({"type": "start"})
    await ana.expect("question")
    await control.send({"type": "end"})
    assert (await ana.expect("finished"))["you"]["rank"] == 1
