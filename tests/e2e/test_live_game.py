"""Whole live games in real browsers: a host on the projector and players on phones, against a real Daphne.

Tiles are shuffled per game, so every answer is picked by the text on it. The sample bank's questions come in
bank order: 1 single, 2 single, 3 true/false, 4 multiple, ... 7 and 8 typed, ... 18 ordering, 19 matching.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .steps import (
    BIG_PHONE,
    MIN_CONTRAST,
    PHONE,
    PROJECTOR,
    SAMPLE_BANK,
    TABLET,
    SocketSwitch,
    contrast,
    expect_heading,
    expect_question,
    host_press,
    host_skip_to,
    join,
    no_horizontal_scroll,
    open_game,
    sign_in,
    tab_to,
    tile,
)

pytestmark = pytest.mark.e2e

# At most 20 characters, the nickname limit, and it runs script if anything inserts it as HTML.
HOSTILE = "<svg onload=alert()>"


def expect_text_only(locator) -> None:
    """The nickname is on screen as the literal text, with no element made out of it."""
    expect(locator).to_have_text(HOSTILE)
    assert locator.evaluate("node => node.children.length") == 0


def test_a_timed_game_with_three_players_from_lobby_to_podium(browsing):
    browsing.prefix = "timed"
    host = browsing.page("host", viewport=PROJECTOR)
    sign_in(host)
    pin = open_game(host, timer=True)
    expect(host.locator("#player-count")).to_have_text("0 players")
    expect(host.locator(".qr svg")).to_be_visible()
    expect(host.get_by_text("Timed questions · faster answers score more · 19 questions")).to_be_visible()
    join_link = host.locator(".join-direct a")
    expect(join_link).to_have_attribute("href", re.compile(rf"/join/\?pin={pin}$"))
    expect(host.get_by_role("button", name="Start")).to_be_disabled()
    browsing.shot(host, "host-lobby-empty")

    # Ana follows the QR code's link, Ben types the PIN on the home page, the third player types both on /join/.
    ana = browsing.page("ana", viewport=BIG_PHONE, is_mobile=True, has_touch=True)
    ana.goto(join_link.get_attribute("href"))
    expect(ana.get_by_label("Game PIN")).to_have_value(pin)
    join(ana, "Ana")
    expect(host.locator("#player-count")).to_have_text("1 player")

    ben = browsing.page("ben", viewport=PHONE, is_mobile=True, has_touch=True)
    ben.goto("/")
    ben.get_by_label("Game PIN").fill(pin)
    ben.get_by_role("button", name="Enter").click()
    join(ben, "Ben")
    expect(host.locator("#player-count")).to_have_text("2 players")

    odd = browsing.page("odd", viewport=TABLET)
    odd.goto("/join/")
    join(odd, HOSTILE, pin=pin)
    expect(host.locator("#player-count")).to_have_text("3 players")
    expect_text_only(odd.locator("#me-name"))
    expect(host.locator(".lobby-players li")).to_have_count(3)
    expect_text_only(host.locator(".lobby-players .nick").nth(2))
    browsing.shot(host, "host-lobby-three-players")
    browsing.shot(ben, "phone-lobby")
    assert no_horizontal_scroll(ben)

    # The host starts from the keyboard: Start has the focus as soon as someone has joined.
    start = host.get_by_role("button", name="Start")
    expect(start).to_be_focused()
    host.keyboard.press("Enter")

    # Question 1, single choice, on the clock.
    stem = "Which process forms new bone tissue?"
    for page in (host, ana, ben, odd):
        expect_question(page, 1, stem)
    expect(host.get_by_role("timer")).to_have_attribute("aria-label", re.compile(r"^(1\d|20|\d) seconds left$"))
    expect(ben.get_by_role("timer")).to_have_attribute("aria-label", re.compile(r"^\d+ seconds left$"))
    expect(ben.locator("#announce")).to_have_text(re.compile(r"^\d+ seconds to answer\.$"))
    expect(ben.locator("#stage .tile")).to_have_count(4)
    shapes = ben.locator("#stage .tile").evaluate_all("tiles => tiles.map(t => t.dataset.shape)")
    assert len(set(shapes)) == 4, shapes  # a shape per tile, not only a colour
    boxes = [ben.locator("#stage .tile").nth(i).bounding_box() for i in range(4)]
    assert all(b["height"] >= 56 and b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes), boxes
    weak = [c for c in contrast(ben.locator("#stage .tile .tile-text")) if c["ratio"] < MIN_CONTRAST]
    assert not weak, weak
    assert no_horizontal_scroll(ben)
    browsing.shot(host, "host-question-single")
    browsing.shot(ben, "phone-question-single")

    tile(ana, "Ossification").click()
    expect_heading(ana, "Answer received")
    expect(ana.locator(".chosen")).to_have_text("Ossification")
    expect(host.locator("#answered")).to_have_text("1 / 3 answered")
    tile(ben, "Calcification").click()
    expect_heading(ben, "Answer received")
    browsing.shot(ben, "phone-answer-received")
    expect(host.locator("#answered")).to_have_text("2 / 3 answered")
    # The third player answers with the keyboard only.
    tab_to(odd, tile(odd, "Ossification"))
    odd.keyboard.press("Enter")

    # Everyone answered: the question closes by itself and the reveal shows the room's answers.
    expect_heading(ana, "Correct!")
    expect_heading(odd, "Correct!")
    expect_heading(ben, "Not this time")
    expect(ben.locator(".answer-box")).to_contain_text("Ossification")
    expect(ana.locator("#announce")).to_contain_text("Correct!")
    expect(ana.locator(".points")).to_have_text(re.compile(r"^\+(1,000|\d{3}) points$"))
    right = host.locator(".bar-col.is-correct")
    expect(right).to_have_count(1)
    expect(right.locator(".bar-label")).to_contain_text("Ossification")
    expect(right.locator(".bar-count")).to_have_text("2")
    expect(host.locator(".bar-col").filter(has_text="Calcification").locator(".bar-count")).to_have_text("1")
    expect(host.locator(".excerpt")).to_be_visible()
    texts = ben.locator(".panel h2, .panel p, .answer-box, .explanation")
    weak = [c for c in contrast(texts) if c["ratio"] < MIN_CONTRAST]
    assert not weak, weak
    browsing.shot(host, "host-reveal-chart")
    browsing.shot(ben, "phone-reveal-wrong", full_page=True)
    browsing.shot(ana, "phone-reveal-right")

    # A reload of the projector mid-game brings the same reveal back.
    host.reload()
    expect(host.locator(".bar-col.is-correct .bar-label")).to_contain_text("Ossification")

    host_press(host, "Leaderboard")
    board = host.locator(".leaderboard li")
    expect(board).to_have_count(3)
    expect(board.nth(2).locator(".name")).to_have_text("Ben")
    expect(board.nth(2).locator(".score")).to_have_text("0")
    expect(board.locator(".name").filter(has_text="<svg")).to_have_count(1)
    expect_text_only(board.locator(".name").filter(has_text="<svg"))
    expect_heading(ben, "You're 3rd")
    browsing.shot(host, "host-leaderboard")
    browsing.shot(ben, "phone-leaderboard")

    # Question 2 is skipped; question 3 is true/false.
    host_press(host, "Next question")
    expect_question(host, 2)
    host_press(host, "Skip question")
    stem = "Calcification can only happen in bone."
    for page in (host, ana, ben, odd):
        expect_question(page, 3, stem)
    expect(ben.locator("#stage .tile")).to_have_count(2)
    tile(ana, "False").click()
    tile(odd, "False").click()
    tile(ben, "True").click()
    expect_heading(ana, "Correct!")
    expect_heading(ben, "Not this time")
    expect(host.locator(".bar-col.is-correct .bar-label")).to_contain_text("False")
    expect(ana.locator(".streak")).to_have_text(re.compile(r"2 in a row"))

    # Question 4 asks for two answers.
    host_press(host, "Leaderboard")
    host_press(host, "Next question")
    for page in (host, ana, ben, odd):
        expect_question(page, 4, "Which are the two main types of calcification?")
    expect(ana.get_by_text("Pick 2 answers, then submit.")).to_be_visible()
    for page, picks in (
        (ana, ["Dystrophic", "Metastatic"]),
        (ben, ["Dystrophic", "Intramembranous"]),
        (odd, ["Metastatic"]),
    ):
        for text in picks:
            tile(page, text).click()
            expect(tile(page, text)).to_have_attribute("aria-pressed", "true")
        if page is ana:
            browsing.shot(ana, "phone-question-multiple")
        page.get_by_role("button", name=re.compile(r"^Submit \d answers?$")).click()
    expect_heading(ana, "Correct!")
    expect_heading(ben, "Not this time")
    expect_heading(odd, "Not this time")
    for name, expected in (("Dystrophic", "2"), ("Metastatic", "2"), ("Intramembranous", "1"), ("Endochondral", "0")):
        expect(host.locator(".bar-col").filter(has_text=name).locator(".bar-count")).to_have_text(expected)
    expect(host.locator(".bar-col.is-correct")).to_have_count(2)
    browsing.shot(host, "host-reveal-multiple")

    # The host ends the game during question 5 (and confirms): straight to the podium.
    host_press(host, "Leaderboard")
    host_press(host, "Next question")
    expect_question(ben, 5)
    host_press(host, "End game")
    assert any("confirm: End the game now?" in d for d in browsing.dialogs), browsing.dialogs
    places = host.locator(".podium .place")
    expect(places).to_have_count(3)
    expect(host.locator(".place-first .place-name")).to_have_text("Ana")
    expect_text_only(host.locator(".place-second .place-name"))
    expect(host.locator(".place-third .place-name")).to_have_text("Ben")
    expect(host.locator(".standings tbody tr")).to_have_count(3)
    expect_heading(ana, "Game over")
    expect(ana.locator(".big-rank")).to_have_text("1st")
    expect(odd.locator(".big-rank")).to_have_text("2nd")
    expect(ben.locator(".big-rank")).to_have_text("3rd")
    expect(ben.locator(".lead")).to_contain_text("of 3 players")
    browsing.shot(host, "host-podium", full_page=True)
    browsing.shot(ana, "phone-game-over")
    assert not host.evaluate("() => document.querySelector('.podium svg:not(.icon)')")


ORDER = [
    "Cartilage model is built",
    "Central chondrocytes swell",
    "Blood vessels bring in osteoblasts",
    "Primary centre forms in the shaft",
    "Secondary centres form in the ends",
]
MATCHES = {
    "Calcification": "Calcium salts build up in a tissue",
    "Ossification": "New bone tissue is formed",
    "Heterotopic ossification": "Bone forms outside the skeleton",
}


def test_an_untimed_game_with_typed_ordering_and_matching_survives_a_reload_and_a_dropped_connection(browsing):
    browsing.prefix = "untimed"
    host = browsing.page("host", viewport=PROJECTOR, reduced_motion="reduce")
    sign_in(host)
    pin = open_game(host, timer=False, speed_scoring=False)
    expect(host.get_by_text("No time limit · every right answer scores the same · 19 questions")).to_be_visible()

    dana = browsing.page("dana", viewport=PHONE, is_mobile=True, has_touch=True)
    dana.goto("/join/")
    join(dana, "Dana", pin=pin)
    # The PIN goes into the address, so that a reload comes back to this game.
    expect(dana).to_have_url(re.compile(rf"/join/\?pin={pin}$"))
    eli = browsing.page("eli", viewport=BIG_PHONE, is_mobile=True, has_touch=True)
    network = SocketSwitch(eli)
    eli.goto(f"/join/?pin={pin}")
    join(eli, "Eli")
    expect(host.locator("#player-count")).to_have_text("2 players")

    host_press(host, "Start")
    expect_question(dana, 1)
    expect(dana.get_by_role("timer")).to_have_attribute("aria-label", "No time limit")
    expect(host.get_by_role("timer")).to_have_attribute("aria-label", "No time limit")
    browsing.shot(dana, "phone-untimed-question")
    host_skip_to(host, 7)

    # Question 7, typed. Dana answers with the Enter key; Eli's network drops before he answers.
    stem = "What are the bone-forming cells that lay down new bone material called?"
    expect_question(dana, 7, stem)
    expect_question(eli, 7, stem)
    expect(dana.get_by_label("Your answer")).to_be_focused()
    dana.get_by_label("Your answer").fill("Osteoblasts")
    dana.keyboard.press("Enter")
    expect_heading(dana, "Answer received")
    expect(dana.locator(".chosen")).to_have_text("Osteoblasts")
    browsing.shot(host, "host-question-typed")

    network.cut()
    expect(eli.locator("#conn")).to_have_text("Connection lost. Reconnecting…")
    expect(eli.locator("body")).to_have_attribute("data-connection", "lost")
    browsing.shot(eli, "phone-reconnecting")
    network.restore()
    expect(eli.locator("#conn")).to_be_hidden()
    expect(eli.locator("body")).to_have_attribute("data-connection", "ok")
    expect_question(eli, 7, stem)
    eli.get_by_label("Your answer").fill("osteoclasts")
    eli.get_by_role("button", name="Submit").click()

    expect_heading(dana, "Correct!")
    expect(dana.locator(".points")).to_have_text("+1,000 points")  # no speed scoring: every right answer is worth P
    expect_heading(eli, "Not this time")
    expect(eli.locator(".answer-box")).to_contain_text("osteoblasts")
    expect(host.locator(".solution-line")).to_have_text("osteoblasts · osteoblast")
    expect(host.locator(".typed-top li")).to_have_count(2)
    expect(host.locator(".bar-col.is-correct .bar-count")).to_have_text("1")
    browsing.shot(host, "host-reveal-typed")

    host_press(host, "Leaderboard")
    rows = host.locator(".leaderboard li")
    expect(rows).to_have_count(2)
    expect(rows.first.locator(".score")).to_have_text("1,000")
    # Reduced motion: the rows neither slide nor count up.
    assert rows.first.evaluate("li => li.getAnimations().length") == 0
    host_press(host, "Next question")

    # Question 8: Dana's phone reloads before she answers and she is back as herself, with her score.
    expect_question(dana, 8)
    dana.reload()
    expect_question(dana, 8, "Which cells break bone down during remodelling?")
    expect(dana.locator("#me-name")).to_have_text("Dana")
    expect(dana.locator("#me-score")).to_have_text("1,000 pts")
    dana.get_by_label("Your answer").fill("osteoclast")
    dana.get_by_role("button", name="Submit").click()
    expect_heading(dana, "Answer received")
    eli.get_by_label("Your answer").fill("osteoblast")
    eli.keyboard.press("Enter")
    expect_heading(dana, "Correct!")
    expect(dana.locator("#me-score")).to_have_text("2,000 pts")

    host_press(host, "Leaderboard")
    host_press(host, "Next question")
    host_skip_to(host, 18)

    # Question 18, ordering: Dana sorts it with the keyboard alone; Eli sends the order he was shown.
    expect_question(dana, 18, "Put the stages of endochondral ossification in order.")
    browsing.shot(dana, "phone-question-ordering")
    texts = dana.locator(".ordering .order-text")
    for place, text in enumerate(ORDER):
        steps_up = texts.all_inner_texts().index(text) - place
        if steps_up <= 0:
            continue
        tab_to(dana, dana.get_by_role("button", name=f"Move {text} up"))
        for _ in range(steps_up):
            dana.keyboard.press("Enter")  # the focus stays on the item as it moves
    expect(texts).to_have_text(ORDER)
    tab_to(dana, dana.get_by_role("button", name="Submit order"))
    dana.keyboard.press("Enter")
    expect_heading(dana, "Answer received")
    eli.get_by_role("button", name="Submit order").click()
    expect_heading(dana, "Correct!")
    expect_heading(eli, "Not this time")
    expect(host.locator(".solution-list li")).to_have_text(ORDER)
    browsing.shot(host, "host-reveal-ordering")

    # Question 19, matching: Dana matches every item; Eli gets them all the wrong way round.
    host_press(host, "Leaderboard")
    host_press(host, "Next question")
    expect_question(dana, 19, "Match each process to what it does.")
    for left, right in MATCHES.items():
        dana.get_by_label(left, exact=True).select_option(label=right)
    browsing.shot(dana, "phone-question-matching")
    dana.get_by_role("button", name="Submit matches").click()
    rights = list(MATCHES.values())
    for i, left in enumerate(MATCHES):
        eli.get_by_label(left, exact=True).select_option(label=rights[(i + 1) % len(rights)])
    eli.get_by_role("button", name="Submit matches").click()
    expect_heading(dana, "Correct!")
    expect_heading(eli, "Not this time")
    pairs = host.locator(".solution-list li")
    expect(pairs).to_have_count(3)
    assert sorted(pairs.all_inner_texts()) == sorted(f"{left} → {right}" for left, right in MATCHES.items())
    browsing.shot(eli, "phone-reveal-matching", full_page=True)

    # The last leaderboard leads to the podium.
    host_press(host, "Leaderboard")
    host_press(host, "Podium")
    expect(host.locator(".place-first .place-name")).to_have_text("Dana")
    expect(host.locator(".place-second .place-name")).to_have_text("Eli")
    assert host.locator(".place-first").evaluate("node => getComputedStyle(node).animationName") == "none"
    expect_heading(dana, "Game over")
    expect(dana.locator(".big-rank")).to_have_text("1st")
    expect(eli.locator(".big-rank")).to_have_text("2nd")
    browsing.shot(host, "host-podium")
    # The game is over, so the phone forgets it: a reload offers the join form again.
    dana.reload()
    expect(dana.get_by_label("Nickname")).to_be_visible()


def test_a_team_game_with_chosen_teams_a_host_move_and_team_talk(browsing):
    browsing.prefix = "teams"
    host = browsing.page("host", viewport=PROJECTOR)
    sign_in(host)
    form = host.locator("form.bank-row").filter(has_text=SAMPLE_BANK)
    form.get_by_label("Timer").uncheck()
    form.get_by_text("Team game").click()
    form.get_by_label("Play in teams").check()
    form.get_by_label("Teams", exact=True).fill("2")
    form.get_by_label("Team names").fill("Otters, Herons")
    form.get_by_label("Team talk").fill("2")
    form.get_by_label("Players choose their team").check()
    browsing.shot(host, "dashboard-team-options")
    form.get_by_role("button", name="Open a game").click()
    expect(host).to_have_url(re.compile(r"/host/game/\d{6}/$"))
    pin = host.locator("#pin").inner_text().strip()
    expect(host.get_by_text("2 teams · No time limit")).to_be_visible()

    phones = {}
    for nickname, team, viewport in (("Ana", "Otters", BIG_PHONE), ("Ben", "Herons", PHONE), ("Cy", "Otters", PHONE)):
        phone = phones[nickname] = browsing.page(nickname.lower(), viewport=viewport, is_mobile=True, has_touch=True)
        phone.goto(f"/join/?pin={pin}")
        join(phone, nickname)
        expect(phone.get_by_role("heading", name="Pick your team")).to_be_visible()
        phone.get_by_role("button", name=team).click()
        expect(phone.locator("#me-team")).to_have_text(team)
        expect(phone.get_by_role("button", name=team)).to_have_attribute("aria-pressed", "true")
    browsing.shot(phones["Ben"], "phone-team-chosen")
    otters = host.get_by_role("region", name=re.compile(r"^Otters: 2 players$"))
    expect(otters).to_be_visible()
    # The host moves Cy to the Herons; Cy's phone hears of it.
    host.get_by_label("Team for Cy").select_option(label="Herons")
    expect(host.get_by_role("region", name=re.compile(r"^Herons: 2 players$"))).to_be_visible()
    expect(phones["Cy"].locator("#me-team")).to_have_text("Herons")
    browsing.shot(host, "host-lobby-teams")

    host_press(host, "Start")
    ana, ben, cy = phones["Ana"], phones["Ben"], phones["Cy"]
    # Team talk: the question shows, the tiles wait two seconds, then open.
    expect_question(ana, 1, "Which process forms new bone tissue?")
    expect(ana.locator(".talk-note")).to_be_visible()
    expect(tile(ana, "Ossification")).to_be_disabled()
    expect(ana.get_by_role("timer")).to_have_attribute("aria-label", re.compile(r"^Answers open in \d seconds$"))
    browsing.shot(ana, "phone-team-talk")
    expect(tile(ana, "Ossification")).to_be_enabled(timeout=5000)
    expect(ana.locator(".talk-note")).to_have_count(0)
    tile(ana, "Ossification").click()
    tile(ben, "Ossification").click()
    tile(cy, "Calcification").click()
    expect_heading(ana, "Correct!")
    expect(ana.locator(".team-line")).to_contain_text("Your team is 1st of 2")
    expect(cy.locator(".team-line")).to_contain_text("Your team is 2nd of 2")
    strip = host.locator(".team-strip li")
    expect(strip).to_have_count(2)
    expect(strip.first).to_contain_text("Otters")
    browsing.shot(host, "host-reveal-teams")

    host_press(host, "Leaderboard")
    expect(host.get_by_role("list", name="Teams").locator(".name")).to_have_text(["Otters", "Herons"])
    expect(host.get_by_role("list", name="Top players").locator("li")).to_have_count(3)
    browsing.shot(host, "host-leaderboard-teams")
    host_press(host, "End game")
    expect(host.get_by_role("heading", name="Team podium")).to_be_visible()
    expect(host.locator(".podium").first.locator(".place-first .place-name")).to_have_text("Otters")
    expect(host.locator(".podium").first.locator(".place-first .place-best")).to_have_text("Best: Ana")
    expect(ben.locator(".team-line")).to_contain_text("Your team finished 2nd of 2")
    browsing.shot(host, "host-team-podium", full_page=True)
