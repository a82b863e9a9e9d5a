"""Fixtures for bank upload and review: a generated bank owned by `host_user`, files to upload."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from questions.bankgen import SourceFile
from questions.services import bank_generate

from .documents import TIDES_TXT, WATER_MD


@pytest.fixture
def upload():
    def make(name: str, data: bytes | str) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data)

    return make


@pytest.fixture
def generated_bank(db, host_user):
    report = bank_generate(
        files=[SourceFile("water.md", WATER_MD.encode()), SourceFile("tides.txt", TIDES_TXT.encode())],
        owner=host_user, title="Water and tides",
    )
    assert report.bank is not None and report.added
    return report.bank


@pytest.fixture
def quizgame_limits(settings):
    """Change upload limits for one test (settings are read when a request comes in, not at import)."""
    def change(**values: int) -> None:
        settings.QUIZGAME = {**settings.QUIZGAME, **values}

    return change


@pytest.fixture
def staff_user(db, django_user_model):
    return django_user_model.objects.create_user(username="staff", password="pw-staff-123", is_staff=True)

