"""Anonymous learners are remembered by a signed, HttpOnly, SameSite=Lax cookie; signed-in ones by their user."""
import pytest
from django.test import Client
from django.urls import reverse

from quizgame.practice.models import Learner, ReviewCard, Round
from quizgame.practice.views import LEARNER_COOKIE

from .conftest import play_round, start_round

pytestmark = pytest.mark.django_db


def test_an_anonymous_learner_gets_a_signed_httponly_lax_cookie_and_stays_the_same_learner(client, bank):
    assert LEARNER_COOKIE not in client.get(reverse("practice:bank", args=[bank.pk])).cookies  # none until needed
    first = start_round(client, bank, nickname="Ada")
    cookie = client.cookies[LEARNER_COOKIE]
    learner = Learner.objects.get()
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) >= 300 * 24 * 3600
    assert cookie.value != learner.token and learner.token in cookie.value  # signed, not the bare token
    assert learner.user is None and learner.nickname == "Ada"

    play_round(client, first, ["right", "wrong", "right", "right"])
    second = start_round(client, bank, nickname="Ada")
    assert Learner.objects.count() == 1
    assert set(Round.objects.values_list("learner_id", flat=True)) == {learner.pk}
    assert ReviewCard.objects.filter(learner=learner).count() == 4
    page = client.get(reverse("practice:bank", args=[bank.pk])).content.decode()
    assert 'value="Ada"' in page and "Your bests" in page
    assert client.get(reverse("practice:round", args=[second])).status_code == 200


def test_a_forged_or_foreign_cookie_is_a_stranger(client, bank):
    round_id = start_round(client, bank, nickname="Ada")
    token = Learner.objects.get().token

    forged = Client()
    forged.cookies[LEARNER_COOKIE] = token  # the bare token, unsigned
    assert forged.get(reverse("practice:question", args=[round_id])).status_code == 404

    copied = Client()
    copied.cookies[LEARNER_COOKIE] = client.cookies[LEARNER_COOKIE].value
    assert copied.get(reverse("practice:question", args=[round_id])).status_code == 200


def test_a_signed_in_learner_is_kept_by_account_across_devices_under_their_username(bank, host_user):
    laptop, phone = Client(), Client()
    laptop.force_login(host_user)
    phone.force_login(host_user)
    round_id = start_round(laptop, bank, nickname="ignored")
    assert LEARNER_COOKIE not in laptop.cookies
    learner = Learner.objects.get()
    assert learner.user == host_user and learner.token is None
    assert Round.objects.get().nickname == "host"
    assert phone.get(reverse("practice:question", args=[round_id])).status_code == 200
