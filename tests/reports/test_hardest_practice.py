"""From a finished game's report to a practice round of the questions the class missed most."""
import pytest
from django.urls import reverse

from quizgame.practice.models import Round
from quizgame.reports.selectors import game_report

pytestmark = pytest.mark.django_db


def test_the_report_links_to_a_round_of_the_most_missed_questions(client, host_user, played):
    game = played.state
    missed = game_report(game=game).most_missed
    assert missed, "the played game has missed questions"
    client.force_login(host_user)
    report = client.get(reverse("reports:game", args=[game.pk])).content.decode()
    link = reverse("practice:game-hardest", args=[game.pk])
    assert link in report

    client.logout()  # a student opening the shared link
    page = client.get(link)
    assert page.status_code == 200 and f"{len(missed)} question" in page.content.decode()
    started = client.post(link, {"nickname": "Dana"})
    practice = Round.objects.get()
    assert started["Location"] == reverse("practice:round", args=[practice.pk])
    assert sorted(practice.items.values_list("question_id", flat=True)) == sorted(missed)
    assert practice.nickname == "Dana"


def test_an_unfinished_game_has_no_hardest_questions_yet(client, play):
    assert client.get(reverse("practice:game-hardest", args=[play.game.pk])).status_code == 404
