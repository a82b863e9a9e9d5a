"""The sample banks that ship with quizgame: the hand-written one and the one the generator makes."""
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from questions.models import Document, Question, QuestionBank
from questions.samples import GENERATED_TITLE, SAMPLE_BANK, sample_bank_load, sample_generated_bank_load

pytestmark = pytest.mark.django_db


def test_setup_demo_loads_both_sample_banks_and_a_host_once(capsys):
    call_command("setup_demo")
    counts = (QuestionBank.objects.count(), Question.objects.count(), Document.objects.count())
    call_command("setup_demo")
    out = capsys.readouterr().out
    assert "username teacher" in out
    assert counts[0] == 2
    assert (QuestionBank.objects.count(), Question.objects.count(), Document.objects.count()) == counts
    generated = QuestionBank.objects.get(title=GENERATED_TITLE)
    assert generated.owner == get_user_model().objects.get(username="teacher")


def test_sample_bank_covers_the_types_and_keeps_exact_excerpts():
    bank = sample_bank_load()
    questions = list(bank.questions.select_related("document").prefetch_related("choices"))
    assert len(questions) >= 15
    types = {q.type for q in questions}
    assert {"single", "truefalse", "multiple", "typed"} <= types
    for q in questions:
        assert q.review_status == Question.Review.APPROVED
        assert q.document is not None and q.excerpt
        assert q.document.text[q.span_start : q.span_end] == q.excerpt, q.stem
        if q.type in ("single", "truefalse"):
            assert sum(c.is_correct for c in q.choices.all()) == 1, q.stem
        if q.type == "multiple":
            assert sum(c.is_correct for c in q.choices.all()) >= 2, q.stem
        if q.type == "typed":
            assert q.accepted_answers, q.stem


def test_the_hand_written_bank_is_exactly_its_json_file():
    data = json.loads(SAMPLE_BANK.read_text("utf-8"))
    bank = sample_bank_load()
    assert bank.title == data["title"]
    assert [d.original_name for d in bank.documents.all()] == [d["name"] for d in data["documents"]]
    stored = [(q.type, q.stem, [c.text for c in q.choices.all()]) for q in bank.questions.all()]
    assert stored == [(r["type"], r["stem"], [c["text"] for c in r.get("choices", [])]) for r in data["questions"]]


def test_the_generated_sample_bank_plays_at_once_with_its_best_questions(settings):
    bank = sample_generated_bank_load()
    assert bank.auto_approve and bank.documents.count() >= 3
    questions = list(bank.questions.select_related("document"))
    assert len(questions) >= 30
    assert {q.type for q in questions} == {"single", "multiple", "truefalse", "typed", "ordering", "matching"}
    approved = [q for q in questions if q.review_status == Question.Review.APPROVED]
    assert len(approved) == settings.QUIZGAME["AUTO_APPROVE_TOP"]
    assert min(q.rank_score for q in approved) >= max(q.rank_score for q in questions if q not in approved)
    for q in questions:
        assert q.document.text[q.span_start : q.span_end] == q.excerpt, q.stem
        assert q.fact_key and q.miner
