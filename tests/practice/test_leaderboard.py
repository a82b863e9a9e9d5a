"""The per-bank practice leaderboard and personal bests."""
import pytest
from django.test import Client
from django.urls import reverse

from quizgame.practice import selectors

from .conftest import numbered_bank, play_round, start_round

pytestmark = pytest.mark.django_db


def play(bank, nickname, moves, clock, seconds, client=None):
    client = client or Client()
    round_id = start_round(client, bank, size="5", nickname=nickname)
    play_round(client, round_id, moves, clock, seconds=seconds)
    return client


def test_best_score_wins_and_equal_scores_go_to_the_faster_round(host_user, practice_clock):
    bank = numbered_bank(host_user, 5)
    play(bank, "Slow", ["right"] * 5, practice_clock, seconds=6)
    play(bank, "Fast", ["right"] * 5, practice_clock, seconds=2)
    play(bank, "Careless", ["right", "wrong", "right", "right", "right"], practice_clock, seconds=1)
    play(bank, "Twin", ["right"] * 5, practice_clock, seconds=2)

    board = selectors.practice_leaderboard(bank=bank)
    assert [(row.nickname, row.rank, row.score) for row in board] == [
        ("Fast", 1, 5000), ("Twin", 1, 5000), ("Slow", 3, 5000), ("Careless", 4, 4000)
    ]
    page = Client().get(reverse("practice:bank", args=[bank.pk])).content.decode()
    assert page.index("Fast") < page.index("Twin") < page.index("Slow") < page.index("Careless")
    assert "10.0 s" in page and "30.0 s" in page


def test_a_learner_appears_once_with_their_best_round_and_sees_personal_bests(host_user, practice_clock):
    bank = numbered_bank(host_user, 5)
    ada = play(bank, "Ada", ["right", "right", "wrong", "wrong", "wrong"], practice_clock, seconds=1)
    play(bank, "Ada", ["right"] * 4 + ["wrong"], practice_clock, seconds=3, client=ada)
    play(bank, "Ada", ["wrong"] * 5, practice_clock, seconds=1, client=ada)
    play(bank, "Bea", ["right"] * 3 + ["wrong"] * 2, practice_clock, seconds=1)

    board = selectors.practice_leaderboard(bank=bank)
    assert [(row.nickname, row.score, row.time_ms) for row in board] == [("Ada", 4000, 15000), ("Bea", 3000, 5000)]
    page = ada.get(reverse("practice:bank", args=[bank.pk])).content.decode()
    assert "Your bests" in page and "4000" in page and "80%" in page
    assert 'class="mine"' in page
    assert "Your bests" not in Client().get(reverse("practice:bank", args=[bank.pk])).content.decode()


def test_unfinished_and_mistakes_rounds_stay_off_the_leaderboard(host_user, practice_clock):
    bank = numbered_bank(host_user, 5)
    quitter = Client()
    round_id = start_round(quitter, bank, size="5", nickname="Quitter")
    play_round(quitter, round_id, ["right"] * 4)
    learner = play(bank, "Ada", ["wrong"] * 5, practice_clock, seconds=1)
    first = selectors.practice_leaderboard(bank=bank)
    mistakes = learner.post(reverse("practice:mistakes", args=[first[0].round_id]))
    play_round(learner, int(mistakes["Location"].rstrip("/").split("/")[-1]), ["right"] * 5)
    assert [(row.nickname, row.score) for row in selectors.practice_leaderboard(bank=bank)] == [("Ada", 0)]
