"""Team competitions through the real router: unequal teams, a late joiner, a move, team talk, choosing."""
import pytest
from asgiref.sync import sync_to_async

from quizgame.rooms import services
from quizgame.rooms.models import Player, Team

from .wsclient import RoomClient, key_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]


async def team_game(host_user, bank, **options):
    return await sync_to_async(services.game_create)(host=host_user, bank=bank, **options)


async def answer(player, clock, seconds, index, response):
    clock.advance(seconds)
    await player.send({"type": "answer", "index": index, "response": response})
    await player.expect("answer_accepted")
    clock.advance(-seconds)


async def test_unequal_teams_score_the_mean_of_their_members(host_user, bank, host_cookie, game_clock):
    game = await team_game(host_user, bank, team_count=2, team_names=["Otters", ""])
    teams = await sync_to_async(lambda: list(Team.objects.filter(game=game).order_by("position")))()
    red, blue = teams
    assert (red.name, blue.name) == ("Otters", "Blue Whales")
    host = await RoomClient.host(game.pin, host_cookie)
    lobby = await host.expect("lobby")
    assert [t["name"] for t in lobby["teams"]] == ["Otters", "Blue Whales"]
    ana, ben, cy, dee = [await RoomClient.player(game.pin, n) for n in ("Ana", "Ben", "Cy", "Dee")]
    # Auto-balanced on join: the smallest team, the first listed among equals.
    assert [p.joined["player"]["team"] for p in (ana, ben, cy, dee)] == [red.pk, blue.pk, red.pk, blue.pk]

    await host.send({"type": "move", "player": dee.player_id, "team": red.pk})
    moved = await host.expect("player_moved")
    assert moved == {"type": "player_moved", "player": {"id": dee.player_id}, "team": red.pk}
    assert (await dee.expect("team"))["team"]["name"] == "Otters"

    await host.send({"type": "start"})
    q1 = await host.expect("question")
    right = key_of(q1, "Ossification")
    await answer(ana, game_clock, 0.3, 0, {"choice": right})  # 1000
    await answer(cy, game_clock, 10, 0, {"choice": right})  # 750
    await answer(dee, game_clock, 4, 0, {"choice": key_of(q1, "Erosion")})  # 0
    await answer(ben, game_clock, 2, 0, {"choice": right})  # 950
    reveal = await host.expect("reveal")
    assert [(t["name"], t["points"], t["score"], t["rank"], t["members"]) for t in reveal["teams"]] == [
        ("Blue Whales", 950, 950, 1, 1), ("Otters", 583, 583, 2, 3)]
    assert (await ana.expect("reveal"))["you"]["team"] == red.pk

    await host.send({"type": "next"})
    board = await host.expect("leaderboard")
    assert [t["score"] for t in board["teams"]] == [950, 583]
    # A late joiner goes to the smallest team.
    eve = await RoomClient.player(game.pin, "Eve")
    assert eve.joined["player"]["team"] == blue.pk

    await host.send({"type": "next"})
    q2 = await host.expect("question")
    both = sorted([key_of(q2, "Dystrophic"), key_of(q2, "Metastatic")])
    await answer(ana, game_clock, 5, 1, {"choices": both})  # 1750 + 100 streak
    await answer(cy, game_clock, 5, 1, {"choices": both[:1]})  # 0
    await answer(ben, game_clock, 4, 1, {"choices": both})  # 1800 + 100 streak
    await host.send({"type": "next"})  # Dee and Eve stay silent: 0 each
    reveal = await host.expect("reveal")
    assert [(t["name"], t["points"], t["score"]) for t in reveal["teams"]] == [
        ("Blue Whales", 950, 1900), ("Otters", 617, 1200)]

    await host.send({"type": "end"})
    final = await host.expect("finished")
    assert [(t["name"], t["rank"], t["score"], t["best_player"]) for t in final["teams"]] == [
        ("Blue Whales", 1, 1900, {"nickname": "Ben", "score": 2850}),
        ("Otters", 2, 1200, {"nickname": "Ana", "score": 2850}),
    ]
    assert [r["nickname"] for r in final["standings"]][:2] == ["Ana", "Ben"]  # individual standings stay
    assert (await eve.expect("finished"))["teams"][0]["name"] == "Blue Whales"


async def test_a_team_emptied_by_kicks_stays_on_the_board(host_user, bank, host_cookie, game_clock):
    game = await team_game(host_user, bank, team_count=3)
    host = await RoomClient.host(game.pin, host_cookie)
    ana, ben = [await RoomClient.player(game.pin, n) for n in ("Ana", "Ben")]
    await host.send({"type": "kick", "player": ben.player_id})
    await host.expect("player_left")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    reveal = await host.expect("reveal")
    assert [(t["name"], t["members"], t["score"]) for t in reveal["teams"]] == [
        ("Red Foxes", 1, 1000), ("Blue Whales", 0, 0), ("Gold Lions", 0, 0)]


async def test_team_talk_locks_answers_until_they_open(host_user, bank, host_cookie, game_clock):
    game = await team_game(host_user, bank, team_count=2, team_talk_seconds=5)
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    await host.send({"type": "start"})
    q1 = await ana.expect("question")
    assert q1["opened_at"] - q1["shown_at"] == 5000
    assert q1["closes_at"] - q1["opened_at"] == 20_000
    game_clock.advance(1)
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    assert (await ana.expect("error"))["code"] == "answers_locked"
    game_clock.advance(5)  # one second after answers open
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q1, "Ossification")}})
    await ana.expect("answer_accepted")
    assert (await ana.expect("reveal"))["you"]["points"] == 975


async def test_players_choose_their_team_and_stragglers_are_placed_at_the_start(host_user, bank, host_cookie):
    game = await team_game(host_user, bank, team_count=2, teams_chosen_by_players=True)
    red, blue = await sync_to_async(lambda: list(Team.objects.filter(game=game).order_by("position")))()
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    assert ana.joined["player"]["team"] is None
    await ana.send({"type": "team", "team": blue.pk})
    assert (await ana.expect("team"))["team"]["id"] == blue.pk
    await ana.send({"type": "team", "team": 999_999})
    assert (await ana.expect("error"))["code"] == "unknown_team"
    ben = RoomClient(f"/ws/play/{game.pin}/")
    await ben.open()
    await ben.send({"type": "join", "nickname": "Ben", "team": blue.pk})
    assert (await ben.expect("joined"))["player"]["team"] == blue.pk
    cy = await RoomClient.player(game.pin, "Cy")
    await host.send({"type": "start"})
    assert (await cy.expect("team"))["team"]["id"] == red.pk
    teams = await sync_to_async(lambda: dict(Player.objects.values_list("nickname", "team__name")))()
    assert teams == {"Ana": "Blue Whales", "Ben": "Blue Whales", "Cy": "Red Foxes"}
    await ana.send({"type": "team", "team": red.pk})
    assert (await ana.expect("error"))["code"] == "wrong_phase"


def test_team_counts_outside_two_to_ten_are_refused(host_user, bank):
    from quizgame.rooms.errors import GameError

    for count in (1, 11):
        with pytest.raises(GameError) as refused:
            services.game_create(host=host_user, bank=bank, team_count=count)
        assert refused.value.code == "bad_teams"
