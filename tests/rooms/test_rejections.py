"""Answers and actions the server refuses, each with its defined error."""
import pytest
from asgiref.sync import sync_to_async

from quizgame.rooms import services
from quizgame.rooms.errors import GameError
from quizgame.rooms.models import Answer, Game, Player

from .conftest import session_cookie
from .wsclient import RoomClient, key_of

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.websocket, pytest.mark.usefixtures("room_hub")]


async def started(game, host_cookie, *nicknames):
    host = await RoomClient.host(game.pin, host_cookie)
    players = [await RoomClient.player(game.pin, n) for n in nicknames]
    await host.send({"type": "start"})
    question = await host.expect("question")
    for p in players:
        await p.expect("question")
    return host, players, question


async def answer_error(player, index, response):
    await player.send({"type": "answer", "index": index, "response": response})
    return await player.expect("error")


async def test_a_second_answer_is_refused_and_the_first_one_counts(game, host_cookie, game_clock):
    host, (ana, ben), q = await started(game, host_cookie, "Ana", "Ben")
    right, wrong = key_of(q, "Ossification"), key_of(q, "Calcification")
    await ana.send({"type": "answer", "index": 0, "response": {"choice": wrong}})
    await ana.expect("answer_accepted")
    error = await answer_error(ana, 0, {"choice": right})
    assert error["code"] == "duplicate"
    stored = await sync_to_async(lambda: list(Answer.objects.values_list("response", "is_correct")))()
    assert stored == [({"choice": wrong}, False)]


async def test_an_answer_after_the_deadline_is_too_late(game, host_cookie, game_clock):
    host, (ana, ben), q = await started(game, host_cookie, "Ana", "Ben")
    game_clock.advance(20.3)  # past the 20 s limit and the 250 ms grace
    error = await answer_error(ana, 0, {"choice": key_of(q, "Ossification")})
    assert error["code"] == "too_late"
    # Within the grace period an answer still counts.
    game_clock.advance(-0.2)
    await ben.send({"type": "answer", "index": 0, "response": {"choice": key_of(q, "Ossification")}})
    await ben.expect("answer_accepted")


async def test_the_clock_closes_the_question_without_the_host(game, host_cookie, game_clock):
    host, (ana,), q = await started(game, host_cookie, "Ana")
    await host.close()
    game_clock.advance(25)
    closed = await sync_to_async(services.question_close_if_due)(game_id=game.pk, index=0)
    assert closed is True
    reveal = await ana.expect("reveal")
    assert reveal["you"]["answered"] is False
    # A second close (another process, a late timer) changes nothing.
    assert await sync_to_async(services.question_close_if_due)(game_id=game.pk, index=0) is False


async def test_answers_for_another_question_are_refused(game, host_cookie, game_clock):
    host, (ana, ben), q = await started(game, host_cookie, "Ana", "Ben")
    for index in (1, -1, 99):
        assert (await answer_error(ana, index, {"choice": 0}))["code"] == "wrong_question"
    assert (await answer_error(ana, "0", {"choice": 0}))["code"] == "bad_message"


@pytest.mark.parametrize("response", [{"choice": 4}, {"choice": -1}, {"choice": "1"}, {"choices": [0]}, "x", None])
async def test_an_invalid_choice_is_refused_and_the_player_can_still_answer(game, host_cookie, game_clock, response):
    host, (ana, ben), q = await started(game, host_cookie, "Ana", "Ben")
    error = await answer_error(ana, 0, response)
    assert error["code"] == "invalid_answer"
    await ana.send({"type": "answer", "index": 0, "response": {"choice": key_of(q, "Ossification")}})
    await ana.expect("answer_accepted")


async def test_a_kicked_player_is_told_disconnected_and_cannot_come_back(game, host_cookie, game_clock):
    host = await RoomClient.host(game.pin, host_cookie)
    ana = await RoomClient.player(game.pin, "Ana")
    ben = await RoomClient.player(game.pin, "Ben")
    await host.send({"type": "kick", "player": ben.player_id})
    left = await host.expect("player_left")
    assert left["player"]["id"] == ben.player_id
    assert (await ben.expect("kicked"))["message"]
    assert await ben.closed() == 4003
    token = ben.joined["token"]
    back = RoomClient(f"/ws/play/{game.pin}/")
    await back.open()
    await back.send({"type": "resume", "token": token})
    assert (await back.expect("error"))["code"] == "kicked"
    # Even straight through the service, a kicked player's answer is refused.
    await host.send({"type": "start"})
    await ana.expect("question")
    with pytest.raises(GameError) as refused:
        await sync_to_async(services.answer_submit)(
            game_id=game.pk, player_id=ben.player_id, index=0, response={"choice": 0}
        )
    assert refused.value.code == "kicked"


async def test_a_player_of_another_game_cannot_answer_here(game, bank, host_user, host_cookie, game_clock):
    other = await sync_to_async(services.game_create)(host=host_user, bank=bank)
    assert other.pin != game.pin
    stranger = await RoomClient.player(other.pin, "Stranger")
    host, (ana,), q = await started(game, host_cookie, "Ana")
    with pytest.raises(GameError) as refused:
        await sync_to_async(services.answer_submit)(
            game_id=game.pk, player_id=stranger.player_id, index=0, response={"choice": 0}
        )
    assert refused.value.code == "not_in_game"
    # The stranger's socket belongs to its own game: nothing of this game reaches it.
    assert await stranger.silent(0.3)
    assert await sync_to_async(Answer.objects.count)() == 0


async def test_players_cannot_send_host_commands(game, host_cookie):
    ana = await RoomClient.player(game.pin, "Ana")
    for command in ("start", "next", "skip", "end", "kick"):
        await ana.send({"type": command, "player": ana.player_id})
        assert (await ana.expect("error"))["code"] == "unknown_type"
    assert (await sync_to_async(Game.objects.get)(pk=game.pk)).phase == Game.Phase.LOBBY


async def test_only_the_games_host_may_open_the_host_socket(game, other_user):
    intruder = RoomClient(f"/ws/host/{game.pin}/", await sync_to_async(session_cookie)(other_user))
    await intruder.open()
    assert (await intruder.expect("error"))["code"] == "not_host"
    assert await intruder.closed() == 4403
    anonymous = RoomClient(f"/ws/host/{game.pin}/")
    await anonymous.open()
    assert (await anonymous.expect("error"))["code"] == "not_host"


async def test_unknown_pin_is_a_readable_error(db):
    client = RoomClient("/ws/play/000000/")
    await client.open()
    error = await client.expect("error")
    assert error["code"] == "unknown_pin" and "PIN" in error["message"]
    assert await client.closed() == 4404


async def test_a_foreign_origin_is_refused_at_the_handshake(game):
    client = RoomClient(f"/ws/play/{game.pin}/", origin=(b"origin", b"https://evil.example"))
    connected, _ = await client.communicator.connect(timeout=5)
    assert not connected


@pytest.mark.parametrize(
    ("nickname", "code"),
    [("", "nickname_empty"), ("   ", "nickname_empty"), ("x" * 21, "nickname_too_long"), (42, "nickname_invalid"),
     ("ana", "nickname_taken"), (" ANA ", "nickname_taken")],
)
async def test_bad_nicknames_are_refused(game, nickname, code):
    await RoomClient.player(game.pin, "Ana")
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send({"type": "join", "nickname": nickname})
    assert (await client.expect("error"))["code"] == code
    # The same socket can try again with a good name.
    await client.send({"type": "join", "nickname": "Bo"})
    assert (await client.expect("joined"))["player"]["nickname"] == "Bo"


async def test_a_late_joiner_plays_from_the_current_question_until_the_host_locks(game, host_cookie, game_clock):
    host, (ana,), q = await started(game, host_cookie, "Ana")
    late = await RoomClient.player(game.pin, "Late")
    assert (await late.expect("question"))["index"] == 0
    await late.send({"type": "answer", "index": 0, "response": {"choice": key_of(q, "Ossification")}})
    await late.expect("answer_accepted")
    await host.send({"type": "lock", "locked": True})
    assert (await host.expect("locked"))["locked"] is True
    refused = RoomClient(f"/ws/play/{game.pin}/")
    await refused.open()
    await refused.send({"type": "join", "nickname": "Later"})
    assert (await refused.expect("error"))["code"] == "game_locked"
    assert await sync_to_async(Player.objects.filter(nickname="Later").exists)() is False
    # A locked game still lets its own players back in.
    await ana.close()
    back = RoomClient(f"/ws/play/{game.pin}/")
    await back.open()
    await back.send({"type": "resume", "token": ana.joined["token"]})
    assert (await back.expect("joined"))["player"]["nickname"] == "Ana"


@pytest.mark.parametrize(
    ("text", "code"),
    [("not json", "bad_message"), ("[1,2]", "bad_message"), ('{"type": 5}', "bad_message"),
     ('{"type": "dance"}', "unknown_type"), ('{"type":"join","nickname":"' + "x" * 5000 + '"}', "too_large")],
)
async def test_malformed_messages_get_an_error_and_the_connection_survives(game, text, code):
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send_text(text)
    assert (await client.expect("error"))["code"] == code
    await client.send({"type": "ping"})
    assert (await client.expect("pong"))["server_now"] > 0


async def test_answering_before_joining_is_refused(game):
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send({"type": "answer", "index": 0, "response": {"choice": 0}})
    assert (await client.expect("error"))["code"] == "not_joined"


@pytest.mark.parametrize(
    "message", [{"type": "resume"}, {"type": "resume", "token": ""}, {"type": "resume", "token": 5}]
)
async def test_a_resume_without_a_valid_token_reveals_nothing(game, message):
    await RoomClient.player(game.pin, "Ana")
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send(message)
    assert (await client.expect("error"))["code"] == "bad_token"
    assert await client.silent(0.2)
    assert not any(m["type"] in ("lobby", "welcome") for m in client.log)
