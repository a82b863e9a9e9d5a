"""Rate limits and nickname moderation."""
import pytest
from django.conf import settings
from django.test import override_settings

from quizgame.rooms.limits import AddressLimiter, TokenBucket
from quizgame.rooms.nicknames import is_offensive

from .wsclient import RoomClient


def test_a_bucket_allows_its_burst_then_its_rate():
    bucket = TokenBucket(rate=2, burst=3)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.take(0.4) is False  # 0.8 of a token back
    assert bucket.take(0.5) is True
    assert [bucket.take(10.0) for _ in range(4)] == [True, True, True, False]  # never more than the burst


def test_each_address_has_its_own_bucket_and_old_ones_are_forgotten():
    limiter = AddressLimiter(rate=1 / 60, burst=2, size=2)
    assert limiter.allow("a", 0) and limiter.allow("a", 1)
    assert not limiter.available("a", 2) and not limiter.allow("a", 2)
    assert limiter.allow("b", 2)
    assert limiter.available("a", 65)  # a minute later one attempt is back
    limiter.allow("c", 3)
    assert list(limiter.buckets) == ["b", "c"] or list(limiter.buckets) == ["a", "c"]


@pytest.mark.parametrize("name", ["fuck", "F u c k", "sh1t happens", "NAZI", "b1tch", "xXwankerXx", "mother_fucker"])
def test_offensive_nicknames_are_caught(name):
    assert is_offensive(name)


@pytest.mark.parametrize("name", ["Ana", "Scunthorpe", "Dickens", "Cockburn", "Essex", "Therapist", "Hancock"])
def test_innocent_nicknames_pass(name):
    assert not is_offensive(name)


def test_a_school_can_use_its_own_word_list(tmp_path):
    custom = tmp_path / "words.txt"
    custom.write_text("# ours\nbanana\n")
    with override_settings(QUIZGAME={**settings.QUIZGAME, "BLOCKED_WORDS_FILE": str(custom)}):
        assert is_offensive("Banana Split")
        assert not is_offensive("fuck")  # the default list is replaced, not extended


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("room_hub")
async def test_an_offensive_nickname_is_refused_over_the_socket(game):
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    await client.send({"type": "join", "nickname": "Sh!t head"})
    assert (await client.expect("error"))["code"] == "nickname_refused"


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("room_hub")
async def test_a_flooding_socket_is_told_to_slow_down_then_closed(game):
    client = RoomClient(f"/ws/play/{game.pin}/")
    await client.open()
    for _ in range(25):
        await client.send({"type": "ping"})
    error = await client.expect("error")
    assert error["code"] == "rate_limited"
    pongs = sum(1 for m in client.log if m["type"] == "pong")
    assert pongs <= 20
    for _ in range(250):
        await client.send({"type": "ping"})
    assert await client.closed() == 4429


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("room_hub")
async def test_guessing_pins_from_one_address_is_stopped(game):
    for attempt in range(10):
        wrong = RoomClient(f"/ws/play/{100000 + attempt}/")
        await wrong.open()
        assert (await wrong.expect("error"))["code"] == "unknown_pin"
    # Now even the right PIN is refused from this address for a while: a lucky guess must not get through.
    blocked = RoomClient(f"/ws/play/{game.pin}/")
    await blocked.open()
    assert (await blocked.expect("error"))["code"] == "too_many_attempts"
    assert await blocked.closed() == 4429
