"""The sample bank that ships with quizgame."""
import pytest
from django.core.management import call_command

from questions.models import Question, QuestionBank
from questions.samples import sample_bank_load

pytestmark = pytest.mark.django_db


def test_setup_demo_loads_the_sample_bank_and_a_host_once(capsys):
    call_command("setup_demo")
    call_command("setup_demo")
    out = capsys.readouterr().out
    assert "username teacher" in out
    assert QuestionBank.objects.count() == 1


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
