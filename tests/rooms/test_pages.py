"""The pages around the live game, through Django's test client."""
import pytest
from django.urls import reverse

from questions.models import Question
from quizgame.rooms import services
from quizgame.rooms.errors import GameError
from quizgame.rooms.models import Game

pytestmark = pytest.mark.django_db


def test_home_and_join_pages_are_public(client):
    assert b"Game PIN" in client.get("/").content
    page = client.get("/join/?pin=123456").content.decode()
    assert 'value="123456"' in page and "js/play.js" in page
    assert 'value="<' not in client.get('/join/?pin="><script>').content.decode()


def test_hosting_needs_a_sign_in(client):
    response = client.get(reverse("host-dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_host_opens_a_game_and_sees_pin_join_url_and_qr(client, host_user, bank):
    client.force_login(host_user)
    assert b"Bones" in client.get(reverse("host-dashboard")).content
    response = client.post(reverse("game-new"), {"bank": bank.pk, "timer": "on"})
    game = Game.objects.get()
    assert response["Location"] == reverse("host-game", args=[game.pin])
    assert len(game.pin) == 6 and game.pin.isdigit()
    assert game.timer is True and game.speed_scoring is False
    assert game.question_ids == list(bank.questions.order_by("position").values_list("id", flat=True))
    page = client.get(response["Location"]).content.decode()
    assert game.pin in page and f"/join/?pin={game.pin}" in page and "<svg" in page


def test_only_the_host_sees_the_host_screen(client, other_user, game):
    client.force_login(other_user)
    assert client.get(reverse("host-game", args=[game.pin])).status_code == 403


def test_pins_never_collide_with_open_games(host_user, bank, monkeypatch):
    pins = iter(["111111", "111111", "222222"])
    monkeypatch.setattr(services, "_pin", lambda: next(pins))
    first = services.game_create(host=host_user, bank=bank)
    second = services.game_create(host=host_user, bank=bank)
    assert (first.pin, second.pin) == ("111111", "222222")


def test_a_finished_game_frees_its_pin(host_user, bank, monkeypatch):
    monkeypatch.setattr(services, "_pin", lambda: "333333")
    first = services.game_create(host=host_user, bank=bank)
    Game.objects.filter(pk=first.pk).update(phase=Game.Phase.FINISHED)
    assert services.game_create(host=host_user, bank=bank).pin == "333333"


def test_only_approved_questions_are_played(host_user, bank):
    bank.questions.exclude(position=0).update(review_status=Question.Review.PENDING)
    assert len(services.game_create(host=host_user, bank=bank).question_ids) == 1
    bank.questions.update(review_status=Question.Review.REJECTED)
    with pytest.raises(GameError) as refused:
        services.game_create(host=host_user, bank=bank)
    assert refused.value.code == "empty_bank"


def test_static_files_are_served_by_the_app(client):
    response = client.get("/static/js/play.js")
    assert response.status_code == 200


def test_a_host_opens_a_team_game_from_the_dashboard_form(client, host_user, bank):
    client.force_login(host_user)
    client.post(
        reverse("game-new"),
        {"bank": bank.pk, "timer": "on", "team_mode": "on", "team_count": "3", "team_names": "Owls, Bats,",
         "team_talk_seconds": "5"},
    )
    game = Game.objects.get()
    assert game.team_mode and game.team_talk_seconds == 5 and not game.teams_chosen_by_players
    assert list(game.teams.values_list("name", flat=True)) == ["Owls", "Bats", "Gold Lions"]


def test_bad_team_settings_come_back_as_a_message(client, host_user, bank):
    client.force_login(host_user)
    response = client.post(reverse("game-new"), {"bank": bank.pk, "team_mode": "on", "team_count": "12"}, follow=True)
    assert b"2 to 10 teams" in response.content
    response = client.post(reverse("game-new"), {"bank": bank.pk, "team_mode": "on", "team_count": "x"}, follow=True)
    assert b"not a whole number" in response.content
    assert not Game.objects.exists()


def test_the_dashboard_links_to_reports_imports_and_practice(client, host_user, game):
    Game.objects.filter(pk=game.pk).update(phase=Game.Phase.FINISHED, finished_at=game.created_at)
    client.force_login(host_user)
    page = client.get(reverse("host-dashboard")).content.decode()
    assert reverse("reports:game", args=[game.pk]) in page
    assert reverse("bank-import") in page and reverse("bank-upload") in page
    assert reverse("practice:bank", args=[game.bank_id]) in page
    host_page = client.get(reverse("host-game", args=[game.pin])).content.decode()
    assert f'data-report="{reverse("reports:game", args=[game.pk])}"' in host_page
