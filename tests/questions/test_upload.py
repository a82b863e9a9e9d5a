"""Uploading documents on /banks/new/: per-file outcomes, limits, ownership and CSRF."""
from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from questions.ingest import ingest
from questions.models import Document, Question, QuestionBank

from .documents import BROKEN_PDF, ROCKS_HTML, TIDES_TXT, WATER_MD, docx_bytes

pytestmark = pytest.mark.django_db
URL = reverse("bank-upload")


@pytest.fixture
def client_host(client, host_user):
    client.force_login(host_user)
    return client


def test_the_upload_page_needs_a_signed_in_user(client, upload):
    assert client.get(URL).status_code == 302
    response = client.post(URL, {"documents": [upload("water.md", WATER_MD)]})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not QuestionBank.objects.exists()


def test_the_upload_page_says_what_it_accepts(client_host):
    page = client_host.get(URL).content.decode()
    assert 'type="file"' in page and "multiple" in page and ".docx" in page
    assert 'enctype="multipart/form-data"' in page


def test_a_broken_file_is_refused_with_its_reason_and_the_others_make_the_bank(client_host, host_user, upload):
    files = [upload("water.md", WATER_MD), upload("broken.pdf", BROKEN_PDF), upload("rocks.html", ROCKS_HTML),
             upload("tides.txt", TIDES_TXT)]
    response = client_host.post(URL, {"documents": files, "title": "Earth science"}, follow=True)

    bank = QuestionBank.objects.get()
    assert response.redirect_chain[-1][0] == reverse("bank-detail", args=[bank.pk])
    assert bank.title == "Earth science" and bank.owner == host_user and not bank.auto_approve
    documents = {d.original_name: d for d in bank.documents.all()}
    assert set(documents) == {"water.md", "rocks.html", "tides.txt"}
    water = documents["water.md"]
    assert water.title == "The water cycle" and water.owner == host_user
    assert water.content_hash == hashlib.sha256(WATER_MD.encode()).hexdigest()
    assert water.text == ingest(WATER_MD.encode(), "water.md").text
    assert "Share this page" not in documents["rocks.html"].text
    questions = list(bank.questions.select_related("document"))
    assert questions and all(q.review_status == Question.Review.PENDING for q in questions)
    for q in questions:
        assert q.document.text[q.span_start : q.span_end] == q.excerpt, q.stem
    page = response.content.decode()
    assert "broken.pdf was not used: The PDF could not be read" in page
    assert "water.md: " in page and "tides.txt: " in page
    assert f"{len(questions)} new questions in “Earth science”" in page


def test_a_word_document_is_read(client_host, upload):
    data = docx_bytes("Volcanoes", "Magma is molten rock found beneath the surface of the Earth.",
                      "Lava is the name given to magma once it reaches the surface.")
    client_host.post(URL, {"documents": [upload("volcanoes.docx", data)]})
    document = Document.objects.get()
    assert document.title == "Volcanoes" and "molten rock" in document.text


def test_only_unusable_files_make_no_bank_and_the_page_lists_each_reason(client_host, upload):
    response = client_host.post(URL, {"documents": [upload("game.exe", b"MZ\x90\x00"), upload("empty.txt", "   ")]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "game.exe" in page and "are not supported" in page and ".docx" in page
    assert "empty.txt" in page and "The file is empty." in page
    assert not QuestionBank.objects.exists() and not Document.objects.exists()


def test_no_file_at_all_is_a_form_error(client_host):
    response = client_host.post(URL, {"title": "Nothing"})
    assert response.status_code == 400 and "Choose at least one file." in response.content.decode()


def test_a_file_over_the_size_limit_is_refused_and_the_rest_are_used(client_host, upload, quizgame_limits):
    quizgame_limits(UPLOAD_MAX_BYTES=2_000)
    big = "Padding words for a file that is far too large. " * 60
    response = client_host.post(URL, {"documents": [upload("big.txt", big), upload("water.md", WATER_MD)]}, follow=True)
    page = response.content.decode()
    assert "big.txt was not used: The file is 3 KB; the limit is 2 KB per file." in page
    assert [d.original_name for d in QuestionBank.objects.get().documents.all()] == ["water.md"]


def test_an_upload_larger_than_all_limits_together_gets_a_readable_refusal(client_host, upload, quizgame_limits):
    quizgame_limits(UPLOAD_MAX_BYTES=1_000, UPLOAD_MAX_FILES=1)
    huge = "x" * 400_000
    response = client_host.post(URL, {"documents": [upload("huge.txt", huge)]})
    assert response.status_code == 413
    assert "This upload is 391 KB: at most 1 files of up to 1000 bytes each can be sent at once." in \
        response.content.decode()
    assert not QuestionBank.objects.exists()


def test_too_many_files_get_a_readable_refusal(client_host, upload, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    settings.QUIZGAME = {**settings.QUIZGAME, "UPLOAD_MAX_FILES": 2}
    files = [upload(f"water{i}.md", WATER_MD + f"\nCopy {i}.\n") for i in range(3)]
    response = client_host.post(URL, {"documents": files})
    assert response.status_code == 413
    assert "At most 2 files can be sent at once." in response.content.decode()
    assert not QuestionBank.objects.exists()


def test_words_past_the_upload_limit_are_refused(client_host, upload, quizgame_limits):
    quizgame_limits(UPLOAD_MAX_WORDS=150)
    response = client_host.post(URL, {"documents": [upload("water.md", WATER_MD), upload("tides.txt", TIDES_TXT)]},
                                follow=True)
    page = response.content.decode()
    assert "tides.txt was not used: The file has" in page and "at most 150 words" in page
    assert QuestionBank.objects.get().documents.count() == 1


def test_documents_can_be_added_to_your_own_bank_and_a_repeated_file_is_skipped(client_host, generated_bank,
                                                                                  upload):
    before = generated_bank.questions.count()
    response = client_host.post(
        URL, {"documents": [upload("rocks.html", ROCKS_HTML), upload("water-again.md", WATER_MD)],
              "bank": generated_bank.pk},
        follow=True,
    )
    assert QuestionBank.objects.count() == 1
    assert generated_bank.documents.count() == 3
    assert "water-again.md was not used: The same file is already in this bank." in response.content.decode()
    positions = list(generated_bank.questions.values_list("position", flat=True))
    assert len(positions) == len(set(positions)) >= before


def test_you_cannot_add_to_someone_elses_bank(client, other_user, generated_bank, upload):
    client.force_login(other_user)
    before = generated_bank.questions.count()
    response = client.post(URL, {"documents": [upload("rocks.html", ROCKS_HTML)], "bank": generated_bank.pk})
    assert response.status_code == 400
    assert generated_bank.questions.count() == before and generated_bank.documents.count() == 2


def test_auto_approve_on_upload_approves_the_top_ranked_questions(client_host, upload, quizgame_limits):
    quizgame_limits(AUTO_APPROVE_TOP=3)
    client_host.post(URL, {"documents": [upload("water.md", WATER_MD)], "auto_approve": "on"})
    bank = QuestionBank.objects.get()
    assert bank.auto_approve
    ranked = list(bank.questions.order_by("-rank_score", "position"))
    assert len(ranked) > 3
    assert [q.review_status for q in ranked[:3]] == [Question.Review.APPROVED] * 3
    assert all(q.review_status == Question.Review.PENDING for q in ranked[3:])


def test_posting_without_the_csrf_token_is_refused(host_user, upload):
    client = Client(enforce_csrf_checks=True)
    client.force_login(host_user)
    response = client.post(URL, {"documents": [upload("water.md", WATER_MD)]})
    assert response.status_code == 403
    assert not QuestionBank.objects.exists()
