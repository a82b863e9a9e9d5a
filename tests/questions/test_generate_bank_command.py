"""`manage.py generate_bank`: a bank in the database, or (--dry-run --json) the bank JSON without the database."""
from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from questions.models import Document, Question, QuestionBank
from questions.samples import SAMPLE_BANK

from .documents import BROKEN_PDF, TIDES_TXT, WATER_MD

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
QUESTION_FIELDS = ["type", "stem", "choices", "accepted_answers", "explanation", "source", "excerpt", "span_start",
                   "span_end", "difficulty", "time_limit", "points_multiplier", "review_status", "rank_score"]
CHOICE_FIELDS = ["text", "is_correct", "position", "match_text"]


@pytest.fixture
def files(tmp_path):
    paths = {"water.md": WATER_MD.encode(), "tides.txt": TIDES_TXT.encode(), "broken.pdf": BROKEN_PDF}
    for name, data in paths.items():
        (tmp_path / name).write_bytes(data)
    return [tmp_path / name for name in paths]


def run(*args: object) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_bank", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def keys_used(records: list[dict]) -> set[str]:
    return {key for record in records for key in record}


@pytest.mark.django_db
def test_dry_run_json_has_the_sample_bank_shape_and_touches_no_database(files, django_assert_num_queries):
    with django_assert_num_queries(0):
        out, err = run(*files, "--dry-run", "--json", "--title", "Water")
    data = json.loads(out)
    sample = json.loads(SAMPLE_BANK.read_text("utf-8"))
    assert set(sample) <= set(data) and data["format"] == "quizgame-bank" and data["version"] == 1
    assert data["title"] == "Water"
    assert data["documents"] == [
        {"name": "water.md", "title": "The water cycle"}, {"name": "tides.txt", "title": "Tides"}]
    assert keys_used(sample["questions"]) <= set(QUESTION_FIELDS)
    assert keys_used([c for q in sample["questions"] for c in q.get("choices", [])]) <= set(CHOICE_FIELDS)
    assert data["questions"]
    for question in data["questions"]:
        assert list(question) == QUESTION_FIELDS
        assert all(list(choice) == CHOICE_FIELDS for choice in question["choices"])
        assert question["source"] in {"water.md", "tides.txt"} and question["review_status"] == "pending"
    assert "broken.pdf: not used (corrupt)" in err and "Would make" in err
    assert not QuestionBank.objects.exists() and not Document.objects.exists()


@pytest.mark.django_db
def test_dry_run_without_json_prints_the_counts(files):
    out, err = run(*files, "--dry-run")
    assert "Would make" in out and "  truefalse: " in out and "  matching: " in out
    assert "water.md: " in out and "broken.pdf: not used (corrupt): The PDF could not be read" in out
    assert not QuestionBank.objects.exists()


@pytest.mark.django_db
def test_the_command_creates_a_bank_and_reports_counts_and_refused_files(files, host_user):
    out, _ = run(*files, "--title", "Water and tides", "--owner", "host")
    bank = QuestionBank.objects.get()
    assert bank.title == "Water and tides" and bank.owner == host_user
    assert sorted(d.original_name for d in bank.documents.all()) == ["tides.txt", "water.md"]
    counts = Counter(bank.questions.values_list("type", flat=True))
    for qtype in ("single", "multiple", "truefalse", "typed", "ordering", "matching"):
        assert f"  {qtype}: {counts.get(qtype, 0)}\n" in out
    assert "broken.pdf: not used (corrupt)" in out
    assert f"Bank {bank.pk}: {sum(counts.values())} questions added, 0 approved." in out
    assert not bank.questions.exclude(review_status=Question.Review.PENDING).exists()


@pytest.mark.django_db
def test_the_command_refuses_when_no_file_can_be_used(tmp_path):
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    with pytest.raises(CommandError, match="No file could be used"):
        run(bad)
    with pytest.raises(CommandError, match="No file could be used"):
        run(bad, "--dry-run", "--json")
    with pytest.raises(CommandError, match="--json goes with --dry-run"):
        run(bad, "--json")
    assert not QuestionBank.objects.exists()


@pytest.mark.django_db
def test_the_seeds_through_the_command_make_a_full_bank():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip(f"seed documents not found at {SEEDS}")
    run(*seeds, "--title", "Seeds")
    bank = QuestionBank.objects.get(title="Seeds")
    questions = list(bank.questions.select_related("document").prefetch_related("choices"))
    assert len(questions) >= 50
    assert {q.type for q in questions} == {"single", "multiple", "truefalse", "typed", "ordering", "matching"}
    for q in questions:
        assert q.excerpt and q.document.text[q.span_start : q.span_end] == q.excerpt, q.stem
        if q.type in {"single", "truefalse"}:
            assert sum(c.is_correct for c in q.choices.all()) == 1, q.stem
