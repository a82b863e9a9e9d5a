"""Banks to files and back through the database: the commands, the import page and the export downloads."""
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from questions.formats import FORMATS, parse_bank
from questions.models import Question, QuestionBank
from questions.samples import SAMPLE_BANK, sample_bank_load
from questions.services import bank_create_from_records
from questions.transfer import bank_data, bank_export, bank_import

from .samples import RAW, kept

pytestmark = pytest.mark.django_db

GIFT = """// A quiz written in Moodle
::Q1:: Which process builds bone? {=Ossification ~Calcification ~Erosion}

Write about bone. {}

Bone is living tissue. {T}

Broken { =a

Match them. {=cat -> meow =dog -> woof}
"""


def questions_of(bank: QuestionBank) -> list[dict]:
    """A bank's questions as records, for comparing banks."""
    return bank_data(bank=bank).records


@pytest.fixture
def every_type_bank(host_user):
    return bank_create_from_records(title="Every type", records=list(RAW.values()), owner=host_user)


def test_import_command_reports_counts_skips_and_errors(tmp_path, capsys):
    path = tmp_path / "week1.gift"
    path.write_text(GIFT, encoding="utf-8")
    call_command("import_bank", str(path), "--format", "gift", "--title", "Week 1")
    out = capsys.readouterr().out
    bank = QuestionBank.objects.get(title="Week 1")
    assert [q.type for q in bank.questions.all()] == ["single", "truefalse", "matching"]
    assert all(q.review_status == Question.Review.APPROVED for q in bank.questions.all())
    assert "3 questions imported" in out and "  single: 1" in out and "  matching: 1" in out
    assert "Skipped 1 question:\n  week1.gift, line 4: an essay question" in out
    assert "1 error:\n  week1.gift, line 8: '{' is not closed" in out


def test_import_command_fails_when_nothing_can_be_imported(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("Only a description.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No question in empty.txt could be imported"):
        call_command("import_bank", str(path), "--format", "gift")
    assert not QuestionBank.objects.exists()
    (tmp_path / "x.doc").write_bytes(b"binary")
    with pytest.raises(CommandError, match="Cannot tell the format of x.doc"):
        call_command("import_bank", str(tmp_path / "x.doc"))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_bank", str(tmp_path / "missing.gift"))


def test_import_command_finds_the_documents_a_bank_json_names_beside_it(capsys):
    call_command("import_bank", str(SAMPLE_BANK))
    bank = QuestionBank.objects.get()
    data = json.loads(SAMPLE_BANK.read_text("utf-8"))
    assert bank.title == data["title"] and bank.questions.count() == len(data["questions"])
    for question in bank.questions.select_related("document"):
        assert question.document is not None
        assert question.document.text[question.span_start : question.span_end] == question.excerpt


def test_export_command_writes_to_standard_output_or_a_file(bank, tmp_path):
    out = io.StringIO()
    err = io.StringIO()
    call_command("export_bank", str(bank.pk), "--format", "aiken", stdout=out, stderr=err)
    assert out.getvalue().startswith("Which process builds new bone tissue?\nA. Ossification")
    assert "Exported 2 of 4 questions" in err.getvalue() and "skipped bones-aiken.txt, question 2" in err.getvalue()
    target = tmp_path / "bones.xlsx"
    call_command("export_bank", str(bank.pk), "--format", "kahoot", "-o", str(target), stderr=err)
    assert [r["type"] for r in parse_bank(target.read_bytes(), format="kahoot", filename="b.xlsx").records] == [
        "single", "multiple", "truefalse"]
    with pytest.raises(CommandError, match="give -o FILE"):
        call_command("export_bank", str(bank.pk), "--format", "kahoot")
    with pytest.raises(CommandError, match="No bank with id"):
        call_command("export_bank", "999999", "--format", "gift")


@pytest.mark.parametrize("format_", list(FORMATS))
def test_a_bank_exported_and_imported_again_has_the_same_questions(every_type_bank, host_user, format_):
    download = bank_export(bank=every_type_bank, format=format_)
    outcome = bank_import(data=download.content, filename=download.filename, format=format_, owner=host_user)
    assert not outcome.result.errors and not outcome.result.skipped
    expressible = [r for r in questions_of(every_type_bank) if r["type"] in FORMATS[format_].types]
    assert [kept(r, format_) for r in questions_of(outcome.bank)] == [kept(r, format_) for r in expressible]
    assert len(download.result.skipped) == len(RAW) - len(expressible)


def test_quizgame_json_keeps_everything_including_documents_spans_and_review_status(host_user):
    sample = sample_bank_load(owner=host_user)
    first = sample.questions.order_by("position").first()
    first.review_status = Question.Review.REJECTED
    first.save()
    download = bank_export(bank=sample, format="json")
    copy = bank_import(data=download.content, filename=download.filename, format="json", owner=host_user).bank
    assert questions_of(copy) == questions_of(sample)
    assert copy.title == sample.title and copy.description == sample.description
    originals = {d.title: d.text for d in sample.documents.all()}
    assert {d.title: d.text for d in copy.documents.all()} == originals
    assert copy.questions.order_by("position").first().review_status == Question.Review.REJECTED


def test_only_approved_questions_go_to_formats_without_a_review_status(bank):
    bank.questions.filter(position=0).update(review_status=Question.Review.PENDING)
    download = bank_export(bank=bank, format="csv")
    assert download.result.exported == 3
    assert str(download.result.skipped[0]) == "bones.csv, question 1: not approved yet (waiting for review)"


# ---- pages ----

def upload(client, name: str, content: bytes, **fields):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("bank-import"), {"file": file, "format": "auto", **fields})


def test_importing_needs_a_sign_in(client):
    response = client.get(reverse("bank-import"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_teacher_imports_a_file_and_sees_what_was_left_out(client, host_user):
    client.force_login(host_user)
    assert b"Import questions from a file" in client.get(reverse("bank-import")).content
    response = upload(client, "week1.gift", GIFT.encode(), title="Week 1")
    bank = QuestionBank.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("bank-detail", args=[bank.pk])
    assert (bank.title, bank.owner) == ("Week 1", host_user)
    page = client.get(response["Location"]).content.decode()
    assert "3 questions imported" in page
    assert "Skipped: week1.gift, line 4: an essay question" in page
    assert "Not imported: week1.gift, line 8:" in page


def test_an_import_with_nothing_usable_shows_why_and_creates_nothing(client, host_user):
    client.force_login(host_user)
    response = upload(client, "quiz.txt", b"What?\nA. This\nB. That\nANSWER: Q\n")
    assert response.status_code == 400
    assert "quiz.txt, line 4: &#x27;ANSWER: Q&#x27; must name one of the options" in response.content.decode()
    assert not QuestionBank.objects.exists()
    response = upload(client, "quiz.doc", b"x")
    assert response.status_code == 400 and b"Cannot tell the format of quiz.doc" in response.content


def test_an_import_over_the_size_limit_is_refused_with_a_readable_page(client, host_user, monkeypatch):
    monkeypatch.setattr("questions.transfer_views.MAX_IMPORT_BYTES", 100)
    client.force_login(host_user)
    response = upload(client, "big.gift", b"Q? {T}\n\n" * 40)
    assert response.status_code == 413 and b"at most 100" in response.content
    assert not QuestionBank.objects.exists()


def test_the_owner_downloads_every_format_and_others_cannot(client, bank, host_user, other_user):
    client.force_login(host_user)
    for name, chosen in FORMATS.items():
        response = client.get(reverse("bank-export-download", args=[bank.pk, name]))
        assert response.status_code == 200 and response["Content-Type"] == chosen.media_type
        assert response["Content-Disposition"] == f'attachment; filename="bones{"-aiken" if name == "aiken" else ""}' \
                                                  f'{chosen.extension}"'
        assert parse_bank(response.content, format=name, filename="x" + chosen.extension).records
    assert client.get(reverse("bank-export-download", args=[bank.pk, "pdf"])).status_code == 404
    page = client.get(reverse("bank-export", args=[bank.pk])).content.decode()
    assert "Aiken has only single-choice questions, not multiple" in page
    assert reverse("bank-export-download", args=[bank.pk, "gift"]) in client.get(
        reverse("bank-detail", args=[bank.pk])).content.decode()
    client.force_login(other_user)
    assert client.get(reverse("bank-export-download", args=[bank.pk, "json"])).status_code == 403
    assert client.get(reverse("bank-export", args=[bank.pk])).status_code == 403
