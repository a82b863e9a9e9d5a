"""A solo practice round through Django's test client: hidden answers, feedback, summary, mistakes, timer."""
import json

import pytest
from django.test import Client
from django.urls import reverse

from questions.models import Question
from quizgame.practice.models import ReviewCard, Round, RoundItem

from .conftest import (
    get_question,
    numbered_bank,
    play_round,
    post_answer,
    right_response,
    start_round,
    wrong_response,
)

pytestmark = pytest.mark.django_db

LEAKS = ("is_correct", "correct", "accepted", "solution", "explanation", "excerpt", "answer", "osteoblast")


def test_the_practice_page_is_public_and_offers_round_sizes_and_a_timer(client, bank):
    page = client.get(reverse("practice:bank", args=[bank.pk])).content.decode()
    assert "Practise: Bones" in page and "4 questions to practise" in page
    for size in ('value="5"', 'value="10"', 'value="20"', 'value="all"'):
        assert size in page
    assert 'name="timer"' in page and "css/practice.css" in page


def test_an_anonymous_learner_needs_a_nickname_of_1_to_20_characters(client, bank):
    url = reverse("practice:start", args=[bank.pk])
    empty = client.post(url, {"size": "5", "nickname": "   "})
    assert empty.status_code == 400 and "Choose a nickname." in empty.content.decode()
    too_long = client.post(url, {"size": "5", "nickname": "x" * 21})
    assert too_long.status_code == 400 and not Round.objects.exists()
    escaped = client.post(url, {"size": "5", "nickname": "  <b>Bo</b>  "})
    assert escaped.status_code == 302 and Round.objects.get().nickname == "<b>Bo</b>"


def test_a_round_asks_the_chosen_number_of_approved_questions(client, host_user):
    bank = numbered_bank(host_user, 12)
    bank.questions.filter(position__in=[0, 1]).update(review_status=Question.Review.PENDING)
    five = Round.objects.get(pk=start_round(client, bank, size="5"))
    everything = Round.objects.get(pk=start_round(client, bank, size="all"))
    assert five.size == 5 and everything.size == 10
    approved = set(bank.questions.filter(review_status=Question.Review.APPROVED).values_list("id", flat=True))
    assert set(everything.items.values_list("question_id", flat=True)) == approved
    assert client.post(reverse("practice:start", args=[bank.pk]), {"size": "7", "nickname": "A"}).status_code == 400


def test_the_question_payload_never_holds_the_answer_and_the_answer_reply_does(client, bank):
    round_id = start_round(client, bank)
    for _ in range(4):
        served = client.get(reverse("practice:question", args=[round_id]))
        text = served.content.decode().lower()
        for leak in LEAKS:
            assert leak not in text, f"{leak!r} leaked in {text}"
        payload = served.json()
        assert set(payload) == {"finished", "index", "total", "score", "time_limit", "remaining_ms", "question"}
        question = payload["question"]
        assert set(question) <= {"type", "stem", "points", "choices", "select"}
        for choice in question.get("choices", []):
            assert set(choice) == {"key", "text"}
        reply = post_answer(client, round_id, payload["index"], right_response(question)).json()
        assert reply["correct"] is True and "solution" in reply and reply["explanation"]
    # The round page itself carries no answers either.
    page = client.get(reverse("practice:round", args=[round_id]))
    assert page.status_code == 302  # finished: on to the summary


def test_feedback_says_right_or_wrong_with_the_answer_the_explanation_and_the_source(client, sourced_bank):
    round_id = start_round(client, sourced_bank)
    served = get_question(client, round_id)
    question = served["question"]
    if question["type"] == "typed":
        wrong = post_answer(client, round_id, served["index"], {"text": "chondrocytes"}).json()
        assert wrong["answer_text"] == "osteoblasts"
        assert wrong["excerpt"] == "Osteoblasts lay down new bone matrix"
    else:
        wrong = post_answer(client, round_id, served["index"], wrong_response(question)).json()
        right_key = next(c["key"] for c in question["choices"] if c["text"] == "Osteoclasts")
        assert wrong["solution"] == {"choices": [right_key]} and wrong["answer_text"] == "Osteoclasts"
        assert wrong["excerpt"] == "osteoclasts resorb it"
    assert wrong["correct"] is False and wrong["points"] == 0 and wrong["status"] == "wrong"
    assert wrong["source"] == "Bone biology notes"

    served = get_question(client, round_id)
    right = post_answer(client, round_id, served["index"], right_response(served["question"])).json()
    assert right["correct"] is True and right["points"] == 1000 and right["score"] == 1000
    assert right["explanation"] and right["source"] == "Bone biology notes"
    assert right["finished"] is True and right["summary_url"] == reverse("practice:summary", args=[round_id])


def test_answers_are_checked_in_turn_once_each_and_must_fit_the_question(client, bank):
    round_id = start_round(client, bank)
    assert post_answer(client, round_id, 0, {"choice": 0}).status_code == 409  # not served yet
    served = get_question(client, round_id)
    assert post_answer(client, round_id, served["index"] + 1, {"choice": 0}).status_code == 409
    invalid = post_answer(client, round_id, served["index"], {"choice": 99, "text": 5, "choices": "x", "order": 1})
    assert invalid.status_code == 400 and invalid.json()["error"] == "invalid_answer"
    assert not RoundItem.objects.filter(answered_at__isnull=False).exists()
    assert post_answer(client, round_id, served["index"], right_response(served["question"])).status_code == 200
    again = post_answer(client, round_id, served["index"], right_response(served["question"]))
    assert again.status_code == 409 and again.json()["error"] == "already_answered"
    bad_json = client.post(reverse("practice:answer", args=[round_id]), data="{", content_type="application/json")
    assert bad_json.status_code == 400


def test_end_of_round_summary_shows_score_accuracy_time_and_reviews_every_question(client, bank, practice_clock):
    round_id = start_round(client, bank)
    results = play_round(client, round_id, ["right", "wrong", "right", "skip"], practice_clock, seconds=2.5)
    finished = Round.objects.get(pk=round_id)
    assert finished.is_finished and finished.correct_count == 2 and finished.time_ms == 10_000
    assert finished.score == sum(r["points"] for r in results) > 0
    page = client.get(reverse("practice:summary", args=[round_id])).content.decode()
    assert f'class="score">{finished.score}<' in page
    assert "50%" in page and "(2 of 4)" in page and "10.0 s" in page
    for stem in bank.questions.values_list("stem", flat=True):
        assert stem in page
    for explanation in ("Ossification forms bone.", "Dystrophic and metastatic.", "Soft tissues calcify too."):
        assert explanation in page
    assert page.count("✓ Correct") == 2 and "✗ Wrong" in page and "✗ No answer" in page
    assert "Practise my mistakes (2)" in page


def test_practise_my_mistakes_asks_exactly_the_missed_questions(client, bank):
    round_id = start_round(client, bank)
    moves = {"single": "right", "multiple": "wrong", "truefalse": "skip", "typed": "right"}
    for _ in range(4):
        served = get_question(client, round_id)
        question = served["question"]
        move = moves[question["type"]]
        response = {"right": right_response, "wrong": wrong_response}.get(move, lambda q: None)(question)
        assert post_answer(client, round_id, served["index"], response).status_code == 200
    missed = set(bank.questions.filter(type__in=["multiple", "truefalse"]).values_list("id", flat=True))

    response = client.post(reverse("practice:mistakes", args=[round_id]))
    assert response.status_code == 302
    mistakes = Round.objects.exclude(pk=round_id).get()
    assert mistakes.mode == Round.Mode.MISTAKES and mistakes.size == 2
    assert set(mistakes.items.values_list("question_id", flat=True)) == missed

    play_round(client, mistakes.pk, ["right", "right"])
    summary = client.get(reverse("practice:summary", args=[mistakes.pk])).content.decode()
    assert "Practise my mistakes" not in summary
    assert client.post(reverse("practice:mistakes", args=[mistakes.pk])).status_code == 409


def test_a_timed_answer_after_the_limit_and_grace_counts_as_wrong_and_late(client, bank, practice_clock):
    round_id = start_round(client, bank, timer=True)
    served = get_question(client, round_id)
    limit = served["time_limit"]
    assert limit in (10, 20) and served["remaining_ms"] == limit * 1000
    practice_clock.advance(limit + 0.25)  # exactly at the limit plus grace: still counts
    on_time = post_answer(client, round_id, served["index"], right_response(served["question"])).json()
    assert on_time["correct"] is True and on_time["late"] is False and on_time["points"] > 0

    served = get_question(client, round_id)
    practice_clock.advance(served["time_limit"] + 0.3)
    late = post_answer(client, round_id, served["index"], right_response(served["question"])).json()
    assert late["correct"] is False and late["late"] is True and late["points"] == 0 and late["status"] == "late"
    assert "solution" in late
    assert RoundItem.objects.get(round_id=round_id, index=served["index"]).late is True


def test_reloading_a_question_does_not_restart_its_clock(client, bank, practice_clock):
    round_id = start_round(client, bank, timer=True)
    first = get_question(client, round_id)
    practice_clock.advance(4)
    again = get_question(client, round_id)
    assert again["index"] == first["index"] and again["question"] == first["question"]
    assert again["remaining_ms"] == first["remaining_ms"] - 4000


def test_untimed_rounds_have_no_limit_and_score_every_right_answer_in_full(client, bank, practice_clock):
    round_id = start_round(client, bank)
    served = get_question(client, round_id)
    assert served["time_limit"] is None and served["remaining_ms"] is None
    practice_clock.advance(600)
    reply = post_answer(client, round_id, served["index"], right_response(served["question"])).json()
    base = {"single": 1000, "multiple": 2000, "truefalse": 1000, "typed": 1000}[served["question"]["type"]]
    assert reply["correct"] is True and reply["late"] is False and reply["points"] == base


def test_a_round_prefers_questions_due_for_review(client, host_user, practice_clock):
    bank = numbered_bank(host_user, 12)
    first = start_round(client, bank, size="5")
    results = play_round(client, first, ["wrong", "wrong", "right", "right", "right"])
    stems = {q.stem: q.pk for q in bank.questions.all()}
    missed = {stems[r["question"]["stem"]] for r in results if not r["correct"]}
    known = {stems[r["question"]["stem"]] for r in results if r["correct"]}
    assert ReviewCard.objects.filter(question_id__in=missed, box=1).count() == 2
    assert ReviewCard.objects.filter(question_id__in=known, box=2).count() == 3

    practice_clock.advance(11 * 60)  # the misses are due again; the right answers wait a day
    page = client.get(reverse("practice:bank", args=[bank.pk])).content.decode()
    assert "2 due for review" in page
    second = Round.objects.get(pk=start_round(client, bank, size="5"))
    asked = set(second.items.values_list("question_id", flat=True))
    assert missed <= asked and not asked & known


def test_nobody_else_can_see_or_answer_a_learners_round(client, bank):
    round_id = start_round(client, bank)
    served = get_question(client, round_id)
    stranger = Client()
    assert stranger.get(reverse("practice:question", args=[round_id])).status_code == 404  # nobody at all
    start_round(stranger, bank, nickname="Eve")  # another learner, with a cookie of her own
    assert stranger.get(reverse("practice:question", args=[round_id])).status_code == 404
    answer = stranger.post(
        reverse("practice:answer", args=[round_id]),
        data=json.dumps({"index": served["index"], "response": right_response(served["question"])}),
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert stranger.get(reverse("practice:summary", args=[round_id])).status_code == 404
    assert stranger.get(reverse("practice:round", args=[round_id])).status_code == 404


def test_the_round_page_loads_the_practice_module_and_no_answer(client, bank):
    round_id = start_round(client, bank)
    page = client.get(reverse("practice:round", args=[round_id])).content.decode()
    assert "js/practice.js" in page and reverse("practice:answer", args=[round_id]) in page
    assert "Ossification" not in page and "osteoblast" not in page
    assert client.get("/static/js/practice.js").status_code == 200


@pytest.mark.parametrize(
    "body", ['{"index": 0, "response": {"choice": NaN}}', '{"index": 0, "response": {"text": "a\\u0000b"}}',
             "[" * 2000 + "]" * 2000, '{"index": 0, "response": {"text": "\\ud800"}}']
)
def test_hostile_answer_bodies_get_a_clear_400(client, bank, body):
    client.post(reverse("practice:start", args=[bank.pk]), {"size": "all", "nickname": "Eve"})
    practice = Round.objects.get()
    client.get(reverse("practice:question", args=[practice.pk]))
    response = client.post(reverse("practice:answer", args=[practice.pk]), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
