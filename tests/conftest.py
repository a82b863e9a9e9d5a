"""Shared fixtures: users, small banks with known answers, a controllable game clock."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from questions.services import bank_create_from_records

TEST_BANK = [
    {
        "type": "single",
        "stem": "Which process builds new bone tissue?",
        "choices": [
            {"text": "Ossification", "is_correct": True},
            {"text": "Calcification", "is_correct": False},
            {"text": "Erosion", "is_correct": False},
            {"text": "Filtration", "is_correct": False},
        ],
        "explanation": "Ossification forms bone.",
        "excerpt": "",
        "time_limit": 20,
        "points_multiplier": 1,
    },
    {
        "type": "multiple",
        "stem": "Which two are types of calcification?",
        "choices": [
            {"text": "Dystrophic", "is_correct": True},
            {"text": "Intramembranous", "is_correct": False},
            {"text": "Metastatic", "is_correct": True},
            {"text": "Endochondral", "is_correct": False},
        ],
        "explanation": "Dystrophic and metastatic.",
        "time_limit": 20,
        "points_multiplier": 2,
    },
    {
        "type": "truefalse",
        "stem": "Calcification only happens in bone.",
        "choices": [{"text": "True", "is_correct": False}, {"text": "False", "is_correct": True}],
        "explanation": "Soft tissues calcify too.",
        "time_limit": 10,
        "points_multiplier": 1,
    },
    {
        "type": "typed",
        "stem": "Which cells lay down new bone material?",
        "accepted_answers": ["osteoblasts", "osteoblast"],
        "explanation": "Osteoblasts build bone.",
        "time_limit": 20,
        "points_multiplier": 1,
    },
]


@pytest.fixture
def host_user(db):
    return get_user_model().objects.create_user(username="host", password="pw-host-123")


@pytest.fixture
def other_user(db):
    return get_user_model().objects.create_user(username="intruder", password="pw-intruder-123")


@pytest.fixture
def bank(db, host_user):
    return bank_create_from_records(title="Bones", records=TEST_BANK, owner=host_user)


class FakeClock:
    """The game clock, moved by hand: answers land at exact offsets from a question's opening."""

    def __init__(self) -> None:
        self.current = timezone.now()

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def game_clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr("quizgame.rooms.clock.now", fake)
    return fake
