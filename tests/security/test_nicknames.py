"""Nicknames end up on the projector: what a player types must be what the room sees, within the limits.

Invisible characters are the way around both the blocked words and the uniqueness of names: a right-to-left
override shows "\u202ekcuf" reversed, and a zero-width space makes "A\u200bna" a second Ana on the leaderboard.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizgame.rooms.errors import GameError
from quizgame.rooms.services import NICKNAME_MAX, clean_nickname
from tests.rooms.wsclient import RoomClient

NICKNAME_CODES = {"nickname_empty", "nickname_too_long", "nickname_invalid", "nickname_refused"}
INVISIBLE = ["\u202e", "\u202d", "\u2066", "\u200b", "\u200d", "\u2060", "\ufeff", "\x07", "\x1b", "\x7f"]


def invisible(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf")]


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(st.sampled_from([*INVISIBLE, "a", "B", " ", "\t"]), max_size=30)
                 .map("".join)))
def test_a_nickname_is_cleaned_to_what_the_room_will_see_or_refused(raw):
    try:
        nickname = clean_nickname(raw)
    except GameError as refused:
        assert refused.code in NICKNAME_CODES
        return
    assert 1 <= len(nickname) <= NICKNAME_MAX
    assert nickname == nickname.strip() and "  " not in nickname
    assert not invisible(nickname), [hex(ord(ch)) for ch in invisible(nickname)]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("\u202ekcuf", "kcuf"), ("Ana\x07", "Ana"), ("Bo\u200bb", "Bob"), ("Cy\t\u2066Lee", "Cy Lee")],
)
def test_invisible_characters_are_dropped_before_any_check(typed, shown):
    assert clean_nickname(typed) == shown


def test_a_nickname_of_invisible_characters_is_empty():
    with pytest.raises(GameError) as refused:
        clean_nickname("\u200b\u202e \u2060")
    assert refused.value.code == "nickname_empty"


def test_blocked_words_are_caught_through_invisible_characters():
    for disguised in ("f\u200bu\u200bc\u200bk", "\u2066fuck\u2069", "sh\u00adit"):
        with pytest.raises(GameError) as refused:
            clean_nickname(disguised)
        assert refused.value.code == "nickname_refused", disguised


@pytest.mark.django_db(transaction=True)
@pytest.mark.websocket
@pytest.mark.usefixtures("room_hub")
async def test_nobody_joins_as_an_invisible_copy_of_another_player(game, host_cookie):
    host = await RoomClient.host(game.pin, host_cookie)
    await RoomClient.player(game.pin, "Ana")
    for copy in ("A\u200bna", "Ana\u2060", "\u202dAna", "Ana\ufeff"):
        client = RoomClient(f"/ws/play/{game.pin}/")
        await client.open()
        await client.send({"type": "join", "nickname": copy})
        assert (await client.expect("error"))["code"] == "nickname_taken", repr(copy)
    joined = [(await host.expect("player_joined"))["player"]["nickname"]]
    assert joined == ["Ana"]
