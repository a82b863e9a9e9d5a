"""The pages around a game, in a real browser against Daphne: static files, joining errors, sign-in."""
from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from .steps import PHONE, join, open_game, sign_in

pytestmark = pytest.mark.e2e


def test_daphne_serves_the_static_files_and_the_page_runs_them(browsing, server):
    expected = {"/static/js/play.js": "javascript", "/static/css/app.css": "css", "/static/favicon.svg": "svg"}
    for path, kind in expected.items():
        with urllib.request.urlopen(server.url + path, timeout=5) as response:
            assert response.status == 200, path
            assert kind in response.headers["Content-Type"], (path, response.headers["Content-Type"])
            assert response.read(), path
    phone = browsing.page("phone", viewport=PHONE)
    loaded = []
    phone.on("response", lambda r: loaded.append((r.url, r.status)) if "/static/" in r.url else None)
    phone.goto("/join/")
    # The module ran: it put the focus in the PIN field and validates the form itself.
    expect(phone.get_by_label("Game PIN")).to_be_focused()
    assert any(url.endswith("/static/js/play.js") and status == 200 for url, status in loaded), loaded
    assert any(url.endswith("/static/js/socket.js") and status == 200 for url, status in loaded), loaded
    assert phone.evaluate("() => getComputedStyle(document.body).backgroundColor") == "rgb(246, 245, 251)"


def test_a_player_is_told_what_is_wrong_with_a_pin_or_a_nickname(browsing):
    browsing.prefix = "join-errors"
    phone = browsing.page("phone", viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto("/")
    browsing.shot(phone, "home")
    phone.get_by_label("Game PIN").fill("000000")
    phone.get_by_role("button", name="Enter").click()
    expect(phone).to_have_url(re.compile(r"/join/\?pin=000000$"))
    expect(phone.get_by_label("Nickname")).to_be_focused()
    phone.get_by_label("Game PIN").fill("12")
    phone.get_by_label("Nickname").fill("Zoe")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_role("alert")).to_have_text("The game PIN has 6 digits.")
    phone.get_by_label("Game PIN").fill("000000")
    phone.get_by_role("button", name="Join").click()
    expect(phone.get_by_role("alert")).to_contain_text("No game is open with that PIN")
    expect(phone.locator("#screen-join")).to_be_visible()
    browsing.shot(phone, "join-unknown-pin")


def test_the_lobby_refuses_a_taken_nickname_and_the_host_can_remove_a_player_and_lock_the_game(browsing):
    browsing.prefix = "lobby"
    host = browsing.page("host")
    sign_in(host)
    pin = open_game(host, timer=True)
    first = browsing.page("first", viewport=PHONE)
    first.goto(f"/join/?pin={pin}")
    join(first, "Sam")
    second = browsing.page("second", viewport=PHONE)
    second.goto(f"/join/?pin={pin}")
    second.get_by_label("Nickname").fill("sam")
    second.get_by_role("button", name="Join").click()
    expect(second.get_by_role("alert")).to_contain_text("Someone already has that nickname")
    browsing.shot(second, "nickname-taken")
    join(second, "Sam 2")
    expect(host.locator("#player-count")).to_have_text("2 players")

    host.get_by_role("button", name="Remove Sam 2").click()
    expect(host.locator("#player-count")).to_have_text("1 player")
    expect(second.get_by_role("alert")).to_have_text("The host removed you from this game.")
    expect(second.get_by_label("Nickname")).to_be_visible()

    lock = host.get_by_role("button", name="Lock joining")
    lock.click()
    expect(lock).to_have_attribute("aria-pressed", "true")
    expect(host.locator(".qr")).to_be_hidden()
    browsing.shot(host, "host-locked")
    late = browsing.page("late", viewport=PHONE)
    late.goto(f"/join/?pin={pin}")
    late.get_by_label("Nickname").fill("Late")
    late.get_by_role("button", name="Join").click()
    expect(late.get_by_role("alert")).to_have_text("The host has locked this game: no new players.")
    # Someone already in the game still comes back after a reload.
    first.reload()
    expect(first.get_by_role("heading", name="You're in!")).to_be_visible()


def test_teacher_sign_in_refuses_a_wrong_password(browsing):
    browsing.prefix = "sign-in"
    page = browsing.page("teacher")
    page.goto("/host/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/host/$"))
    page.get_by_label("Username").fill("teacher")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("That username and password do not match.")
    browsing.shot(page, "login-refused")
    sign_in(page)
    browsing.shot(page, "dashboard")
