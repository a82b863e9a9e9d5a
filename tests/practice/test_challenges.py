"""Assigned challenges: a host's link, solo attempts under nicknames, the leaderboard, the report, the deadline."""
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizgame.practice import selectors, services
from quizgame.practice.errors import PracticeError
from quizgame.practice.models import Challenge, Round

from .conftest import get_question, play_round, post_answer, right_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(bank, host_user, practice_clock):
    return services.challenge_create(
        host=host_user, bank=bank, closes_at=practice_clock() + timedelta(days=2), shuffle=False, timer=False
    )


def join(challenge, nickname, client=None):
    client = client or Client()
    response = client.post(reverse("practice:challenge-start", args=[challenge.token]), {"nickname": nickname})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client, int(response["Location"].rstrip("/").split("/")[-1])


def test_a_host_creates_a_challenge_link_from_a_bank(client, host_user, bank, practice_clock):
    client.force_login(host_user)
    url = reverse("practice:challenge-new", args=[bank.pk])
    assert 'type="datetime-local"' in client.get(url).content.decode()
    closes = (timezone.localtime(practice_clock()) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"title": "Homework 1", "closes_at": closes, "shuffle": "on", "timer": "on"})
    challenge = Challenge.objects.get()
    assert response["Location"] == reverse("practice:challenge-report", args=[challenge.token])
    assert challenge.title == "Homework 1" and challenge.shuffle and challenge.timer and challenge.host == host_user
    assert challenge.question_ids == list(bank.questions.order_by("position").values_list("id", flat=True))
    report = client.get(response["Location"]).content.decode()
    assert f"/practice/c/{challenge.token}/" in report and "Nobody has played yet." in report
    assert challenge.title in client.get(reverse("practice:challenges")).content.decode()

    past = (timezone.localtime(practice_clock()) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    refused = client.post(url, {"closes_at": past})
    assert refused.status_code == 400 and "in the future" in refused.content.decode()


def test_only_a_signed_in_host_of_the_bank_assigns_it_and_sees_the_report(client, other_user, bank, challenge):
    url = reverse("practice:challenge-new", args=[bank.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    client.force_login(other_user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("practice:challenge-report", args=[challenge.token])).status_code == 403
    with pytest.raises(PracticeError):
        services.challenge_create(host=other_user, bank=bank, closes_at=timezone.now() + timedelta(days=1))


def test_several_attempts_make_the_leaderboard_and_the_report(bank, challenge, practice_clock):
    ana, ana_round = join(challenge, "Ana")
    ben, ben_round = join(challenge, "Ben")
    cy, cy_round = join(challenge, "Cy")
    dee, dee_round = join(challenge, "Dee")
    # Fixed order: everyone gets the bank's order (single, multiple, truefalse, typed).
    play_round(ana, ana_round, ["right", "right", "right", "wrong"], practice_clock, seconds=3)  # 4000 in 12 s
    play_round(ben, ben_round, ["right", "right", "right", "wrong"], practice_clock, seconds=2)  # 4000 in 8 s
    play_round(cy, cy_round, ["right", "wrong", "wrong", "right"], practice_clock, seconds=1)  # 2000 in 4 s
    play_round(dee, dee_round, ["wrong", "wrong"], practice_clock, seconds=1)  # 0, still playing

    order = list(bank.questions.order_by("position").values_list("id", flat=True))
    for round_id in (ana_round, ben_round, cy_round):
        assert list(Round.objects.get(pk=round_id).items.values_list("question_id", flat=True)) == order

    board = selectors.challenge_leaderboard(challenge=challenge)
    assert [(row.nickname, row.rank, row.score, row.correct, row.finished) for row in board] == [
        ("Ben", 1, 4000, 3, True), ("Ana", 2, 4000, 3, True), ("Cy", 3, 2000, 2, True), ("Dee", 4, 0, 0, False)
    ]
    page = Client().get(reverse("practice:challenge", args=[challenge.token])).content.decode()
    table = page[page.index('<table class="board">'):]  # the link's random token must not match a name
    assert table.index(">Ben<") < table.index(">Ana<") < table.index(">Cy<") < table.index(">Dee ")

    report = selectors.challenge_report(challenge=challenge)
    assert (report.started, report.finished) == (4, 3)
    assert [(q.answered, q.correct, q.percent) for q in report.questions] == [
        (4, 3, 75), (4, 2, 50), (3, 2, 67), (3, 1, 33)
    ]
    host = Client()
    host.force_login(challenge.host)
    html = host.get(reverse("practice:challenge-report", args=[challenge.token])).content.decode()
    assert "75%" in html and "33%" in html and "8.0 s" in html and "12.0 s" in html


def test_one_attempt_per_player_and_one_player_per_nickname(challenge):
    ana, first = join(challenge, "Ana")
    _, again = join(challenge, "Someone else", client=ana)
    assert again == first and Round.objects.get().nickname == "Ana"
    taken = Client().post(reverse("practice:challenge-start", args=[challenge.token]), {"nickname": " ana "})
    assert taken.status_code == 409 and "already plays" in taken.content.decode()
    page = ana.get(reverse("practice:challenge", args=[challenge.token])).content.decode()
    assert "Carry on" in page


def test_shuffled_challenges_still_ask_every_question_once(bank, host_user, practice_clock):
    shuffled = services.challenge_create(host=host_user, bank=bank, closes_at=practice_clock() + timedelta(hours=1))
    orders = set()
    for n in range(6):
        _, round_id = join(shuffled, f"P{n}")
        orders.add(tuple(Round.objects.get(pk=round_id).items.values_list("question_id", flat=True)))
    assert all(sorted(order) == sorted(shuffled.question_ids) for order in orders)
    assert len(orders) > 1


def test_starting_or_answering_after_the_deadline_is_refused_with_the_closing_date(challenge, practice_clock):
    ana, round_id = join(challenge, "Ana")
    served = get_question(ana, round_id)
    practice_clock.advance(2 * 24 * 3600 + 1)
    closed_on = "This challenge closed on " + timezone.localtime(challenge.closes_at).strftime("%-d %B %Y, %H:%M")

    answer = post_answer(ana, round_id, served["index"], right_response(served["question"]))
    assert answer.status_code == 410 and answer.json()["message"].startswith(closed_on)
    question = ana.get(reverse("practice:question", args=[round_id]))
    assert question.status_code == 410 and closed_on in question.json()["message"]
    start = Client().post(reverse("practice:challenge-start", args=[challenge.token]), {"nickname": "Late"})
    assert start.status_code == 410 and closed_on in start.content.decode()
    round_page = ana.get(reverse("practice:round", args=[round_id]))
    assert round_page.status_code == 410 and closed_on in round_page.content.decode()
    assert not Round.objects.filter(nickname="Late").exists()
    assert Round.objects.get(pk=round_id).answered_count == 0

    page = Client().get(reverse("practice:challenge", args=[challenge.token])).content.decode()
    assert closed_on in page and "Start the challenge" not in page


def test_answers_just_before_the_deadline_still_count(challenge, practice_clock):
    ana, round_id = join(challenge, "Ana")
    served = get_question(ana, round_id)
    practice_clock.advance(2 * 24 * 3600 - 1)
    assert post_answer(ana, round_id, served["index"], right_response(served["question"])).status_code == 200


def test_an_unknown_challenge_link_says_so(client):
    response = client.get(reverse("practice:challenge", args=["nope"]))
    assert response.status_code == 404 and "No challenge has that link" in response.content.decode()


def test_the_bank_page_links_to_practice_and_to_a_new_challenge(client, host_user, bank):
    client.force_login(host_user)
    page = client.get(reverse("bank-detail", args=[bank.pk])).content.decode()
    assert reverse("practice:bank", args=[bank.pk]) in page
    assert reverse("practice:challenge-new", args=[bank.pk]) in page
