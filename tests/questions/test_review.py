"""The teacher's review of a bank: the page, each action, auto-approve, and who may do what."""
from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from questions.bankgen import SourceFile
from questions.models import Question, QuestionBank
from questions.services import bank_generate, question_regenerate
from quizgame.rooms.services import game_create

from .documents import WATER_MD

pytestmark = pytest.mark.django_db


def detail(bank: QuestionBank) -> str:
    return reverse("bank-detail", args=[bank.pk])


def action(bank: QuestionBank, question: Question, name: str) -> str:
    return reverse(f"question-{name}", args=[bank.pk, question.pk])


@pytest.fixture
def owner_client(client, host_user):
    client.force_login(host_user)
    return client


def first(bank: QuestionBank, qtype: str | None = None) -> Question:
    questions = bank.questions.order_by("position", "id")
    return (questions.filter(type=qtype) if qtype else questions).first()


def test_the_page_shows_each_question_with_its_source_marked_in_context_and_escaped(owner_client, generated_bank):
    page = owner_client.get(detail(generated_bank)).content.decode()
    questions = list(generated_bank.questions.select_related("document"))
    assert questions
    for q in questions:
        assert f'id="q-{q.pk}"' in page
    typed = next(q for q in questions if q.type == "typed" and q.document.original_name == "water.md")
    before = typed.document.text[: typed.span_start]
    assert f"<mark>{typed.excerpt}</mark>" in page
    assert before.strip().splitlines()[-1][-30:] in page  # the passage around the span is shown too
    tides = next(q for q in questions if q.document.original_name == "tides.txt")
    assert "<high>" in tides.document.text  # shown around the tide question's span, escaped
    assert "Sailors write &lt;high&gt; and &lt;low&gt; on their charts." in page
    assert "<high>" not in page and "<low>" not in page


def test_the_page_escapes_markup_inside_the_marked_span(owner_client, host_user):
    text = "Tides\n\nA tide is the regular rise and fall of the sea, written <b>tide</b> on old charts.\n"
    bank = bank_generate(files=[SourceFile("t.txt", text.encode())], owner=host_user).bank
    document = bank.documents.get()
    start = document.text.index("A tide")
    end = document.text.index("charts.") + len("charts.")
    Question.objects.create(bank=bank, type="truefalse", stem="A tide is a rise and fall of the sea.",
                            document=document, excerpt=document.text[start:end], span_start=start, span_end=end)
    page = owner_client.get(detail(bank)).content.decode()
    marked = "A tide is the regular rise and fall of the sea, written &lt;b&gt;tide&lt;/b&gt; on old charts."
    assert f"<mark>{marked}</mark>" in page
    assert "<b>tide</b>" not in page


def test_approve_and_reject_one_question(owner_client, generated_bank):
    question = first(generated_bank)
    response = owner_client.post(action(generated_bank, question, "approve"), {"status": "pending"})
    assert response.status_code == 302
    assert response["Location"] == f"{detail(generated_bank)}?status=pending#q-{question.pk}"
    question.refresh_from_db()
    assert question.review_status == Question.Review.APPROVED
    owner_client.post(action(generated_bank, question, "reject"))
    question.refresh_from_db()
    assert question.review_status == Question.Review.REJECTED


def test_review_actions_only_accept_post(owner_client, generated_bank):
    question = first(generated_bank)
    for name in ("approve", "reject", "regenerate"):
        assert owner_client.get(action(generated_bank, question, name)).status_code == 405
    question.refresh_from_db()
    assert question.review_status == Question.Review.PENDING


def test_edit_a_single_choice_question(owner_client, host_user):
    bank = QuestionBank.objects.create(title="Edits", owner=host_user)
    question = Question.objects.create(bank=bank, type="single", stem="Old stem?")
    question.choices.create(text="A", is_correct=True, position=0)
    question.choices.create(text="B", position=1)
    url = action(bank, question, "edit")
    page = owner_client.get(url).content.decode()
    assert "Old stem?" in page and 'name="choices-0-text"' in page
    data = {
        "stem": "Which process turns liquid water into vapour?", "explanation": "It takes in heat.",
        "accepted_answers": "", "time_limit": "25", "points_multiplier": "2", "difficulty": "3",
        "choices-TOTAL_FORMS": "4", "choices-INITIAL_FORMS": "2", "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "12",
        "choices-0-text": "Condensation", "choices-1-text": "Evaporation", "choices-1-is_correct": "on",
        "choices-2-text": "Melting", "choices-3-text": "",
        "approve": "Save and approve",
    }
    response = owner_client.post(url, data)
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.stem == "Which process turns liquid water into vapour?"
    assert (question.time_limit, question.points_multiplier, question.difficulty) == (25, 2, 3)
    assert question.review_status == Question.Review.APPROVED
    assert [(c.text, c.is_correct) for c in question.choices.all()] == [
        ("Condensation", False), ("Evaporation", True), ("Melting", False)]


def test_an_edit_that_could_not_be_played_is_refused_and_changes_nothing(owner_client, host_user):
    bank = QuestionBank.objects.create(title="Edits", owner=host_user)
    question = Question.objects.create(bank=bank, type="single", stem="Keep me?")
    question.choices.create(text="A", is_correct=True, position=0)
    question.choices.create(text="B", position=1)
    data = {
        "stem": "Two right answers?", "explanation": "", "accepted_answers": "", "time_limit": "20",
        "points_multiplier": "1", "difficulty": "2",
        "choices-TOTAL_FORMS": "2", "choices-INITIAL_FORMS": "2", "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "12",
        "choices-0-text": "A", "choices-0-is_correct": "on", "choices-1-text": "B", "choices-1-is_correct": "on",
    }
    response = owner_client.post(action(bank, question, "edit"), data)
    assert response.status_code == 400
    assert "exactly one correct option" in response.content.decode()
    question.refresh_from_db()
    assert question.stem == "Keep me?"
    assert [c.is_correct for c in question.choices.all()] == [True, False]


def test_edit_the_accepted_answers_of_a_typed_question(owner_client, generated_bank):
    question = first(generated_bank, "typed")
    data = {
        "stem": question.stem, "explanation": "", "accepted_answers": "evaporation\n  Evaporating \n\nevaporation",
        "time_limit": "30", "points_multiplier": "0", "difficulty": "2",
        "choices-TOTAL_FORMS": "0", "choices-INITIAL_FORMS": "0", "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "12",
    }
    assert owner_client.post(action(generated_bank, question, "edit"), data).status_code == 302
    question.refresh_from_db()
    assert question.accepted_answers == ["evaporation", "Evaporating"]
    assert question.points_multiplier == 0 and question.review_status == Question.Review.PENDING


def test_regenerate_replaces_a_question_with_another_on_the_same_source_until_none_is_left(owner_client,
                                                                                          generated_bank):
    question = generated_bank.questions.get(
        stem="Condensation is the process in which water vapour turns back into liquid droplets.")
    stems = set(generated_bank.questions.values_list("stem", flat=True))
    response = owner_client.post(action(generated_bank, question, "regenerate"))
    replacement = generated_bank.questions.exclude(stem__in=stems).get()
    assert response["Location"].endswith(f"#q-{replacement.pk}")
    question.refresh_from_db()
    assert question.review_status == Question.Review.REJECTED
    assert replacement.review_status == Question.Review.PENDING
    assert replacement.position == question.position and replacement.document_id == question.document_id
    assert replacement.fact_key == question.fact_key or (
        replacement.span_start < question.span_end and question.span_start < replacement.span_end)
    assert replacement.document.text[replacement.span_start : replacement.span_end] == replacement.excerpt

    count = generated_bank.questions.count()
    response = owner_client.post(action(generated_bank, replacement, "regenerate"), follow=True)
    assert "No other question is left for this passage" in response.content.decode()
    assert generated_bank.questions.count() == count
    replacement.refresh_from_db()
    assert replacement.review_status == Question.Review.PENDING


def test_regenerate_works_on_a_bank_whose_documents_were_stored_without_structure(host_user):
    from questions.samples import sample_bank_load

    bank = sample_bank_load(owner=host_user)
    question = bank.questions.get(stem="Which process forms new bone tissue?")
    replacement = question_regenerate(question=question)
    assert replacement is not None
    assert replacement.document.text[replacement.span_start : replacement.span_end] == replacement.excerpt
    assert replacement.span_start < question.span_end and question.span_start < replacement.span_end


def test_bulk_approve_the_ticked_questions_then_every_waiting_one(owner_client, generated_bank):
    ticked = list(generated_bank.questions.order_by("position")[:2])
    url = reverse("bank-approve", args=[generated_bank.pk])
    owner_client.post(url, {"scope": "selected", "question": [q.pk for q in ticked]})
    approved = set(generated_bank.questions.filter(review_status="approved").values_list("pk", flat=True))
    assert approved == {q.pk for q in ticked}

    rejected = generated_bank.questions.filter(review_status="pending").first()
    rejected.review_status = Question.Review.REJECTED
    rejected.save()
    response = owner_client.post(url, {"scope": "pending"}, follow=True)
    assert not generated_bank.questions.filter(review_status="pending").exists()
    rejected.refresh_from_db()
    assert rejected.review_status == Question.Review.REJECTED
    total = generated_bank.questions.count()
    assert f"{total - 2 - 1} questions approved." in response.content.decode()


def test_bulk_approve_ignores_questions_of_other_banks(owner_client, generated_bank, bank):
    other = bank.questions.first()
    other.review_status = Question.Review.PENDING
    other.save()
    owner_client.post(reverse("bank-approve", args=[generated_bank.pk]), {"scope": "selected", "question": [other.pk]})
    other.refresh_from_db()
    assert other.review_status == Question.Review.PENDING


def test_turning_auto_approve_on_approves_the_top_ranked_questions(owner_client, generated_bank, quizgame_limits):
    quizgame_limits(AUTO_APPROVE_TOP=4)
    url = reverse("bank-settings", args=[generated_bank.pk])
    owner_client.post(url, {"title": "Renamed", "description": "", "auto_approve": "on"})
    generated_bank.refresh_from_db()
    assert generated_bank.auto_approve and generated_bank.title == "Renamed"
    ranked = list(generated_bank.questions.order_by("-rank_score", "position", "id"))
    assert [q.review_status for q in ranked[:4]] == ["approved"] * 4
    assert {q.review_status for q in ranked[4:]} == {"pending"}


def test_an_auto_approving_bank_plays_at_once_and_only_approved_questions_are_played(host_user, quizgame_limits):
    quizgame_limits(AUTO_APPROVE_TOP=3)
    report = bank_generate(files=[SourceFile("water.md", WATER_MD.encode())], owner=host_user, auto_approve=True)
    bank = report.bank
    approved = list(bank.questions.filter(review_status="approved").order_by("position", "id")
                    .values_list("pk", flat=True))
    assert len(approved) == 3 < bank.questions.count()
    game = game_create(host=host_user, bank=bank)
    assert game.question_ids == approved


def test_filters_show_questions_by_status(owner_client, generated_bank):
    question = first(generated_bank)
    owner_client.post(action(generated_bank, question, "reject"))
    page = owner_client.get(detail(generated_bank) + "?status=rejected").content.decode()
    assert page.count('class="question-item ') == 1 and f'id="q-{question.pk}"' in page


REVIEW_ACTIONS = ["approve", "reject", "regenerate", "edit"]


@pytest.mark.parametrize("name", REVIEW_ACTIONS)
def test_someone_else_is_refused_every_action(client, other_user, generated_bank, name):
    client.force_login(other_user)
    question = first(generated_bank)
    assert client.post(action(generated_bank, question, name), {"stem": "Hijacked"}).status_code == 403
    question.refresh_from_db()
    assert question.review_status == Question.Review.PENDING and question.stem != "Hijacked"


def test_someone_else_cannot_see_bulk_approve_or_change_settings(client, other_user, generated_bank):
    client.force_login(other_user)
    assert client.get(detail(generated_bank)).status_code == 403
    assert client.post(reverse("bank-approve", args=[generated_bank.pk]), {"scope": "pending"}).status_code == 403
    assert client.post(reverse("bank-settings", args=[generated_bank.pk]),
                       {"title": "Mine", "auto_approve": "on"}).status_code == 403
    generated_bank.refresh_from_db()
    assert generated_bank.title == "Water and tides" and not generated_bank.auto_approve
    assert not generated_bank.questions.filter(review_status="approved").exists()


def test_a_question_of_another_bank_is_not_found_through_yours(owner_client, generated_bank, bank):
    other = bank.questions.first()
    assert owner_client.post(action(generated_bank, other, "reject")).status_code == 404


def test_a_shared_bank_is_visible_but_only_staff_review_it(client, other_user, staff_user):
    from questions.samples import sample_bank_load

    bank = sample_bank_load()
    question = first(bank)
    client.force_login(other_user)
    page = client.get(detail(bank)).content.decode()
    assert question.stem in page and "Regenerate" not in page
    assert client.post(action(bank, question, "reject")).status_code == 403
    staff = Client()
    staff.force_login(staff_user)
    assert staff.post(action(bank, question, "reject")).status_code == 302
    question.refresh_from_db()
    assert question.review_status == Question.Review.REJECTED


def test_signed_out_visitors_are_sent_to_sign_in(client, generated_bank):
    question = first(generated_bank)
    response = client.post(action(generated_bank, question, "approve"))
    assert response.status_code == 302 and "/login/" in response["Location"]
    question.refresh_from_db()
    assert question.review_status == Question.Review.PENDING
