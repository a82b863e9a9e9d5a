"""Practice fixtures: a controllable practice clock, banks with known answers, and a learner's moves over HTTP."""
from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from questions.services import SourceText, bank_create_from_records
from tests.conftest import FakeClock

# The right answers of tests/conftest.py TEST_BANK and of the banks below, by choice text or typed answer.
RIGHT_TEXTS = {"Ossification", "Dystrophic", "Metastatic", "False"}
TYPED_RIGHT = "osteoblasts"

BONE_TEXT = (
    "Bone remodelling. Osteoblasts lay down new bone matrix, while osteoclasts resorb it. "
    "Calcium deposits can also form in soft tissue; this is called dystrophic calcification."
)


@pytest.fixture
def practice_clock(monkeypatch):
    """The practice clock, moved by hand: answers land at exact offsets from when a question was served."""
    fake = FakeClock()
    monkeypatch.setattr("quizgame.practice.clock.now", fake)
    return fake


@pytest.fixture
def sourced_bank(db, host_user):
    """Two questions that remember the passage they came from."""
    return bank_create_from_records(
        title="Remodelling",
        owner=host_user,
        sources=[SourceText(name="bones.txt", title="Bone biology notes", text=BONE_TEXT)],
        records=[
            {
                "type": "single",
                "stem": "Which cells resorb bone?",
                "choices": [{"text": "Osteoclasts", "is_correct": True}, {"text": "Osteoblasts"}],
                "explanation": "Osteoclasts break bone down.",
                "excerpt": "osteoclasts resorb it",
                "source": "bones.txt",
            },
            {
                "type": "typed",
                "stem": "Which cells lay down new bone matrix?",
                "accepted_answers": ["osteoblasts"],
                "explanation": "Osteoblasts build.",
                "excerpt": "Osteoblasts lay down new bone matrix",
                "source": "bones.txt",
            },
        ],
    )


def numbered_bank(owner: Any, count: int, title: str = "Numbers") -> Any:
    """`count` single-choice questions; the right choice's text starts with "Right"."""
    return bank_create_from_records(
        title=title,
        owner=owner,
        records=[
            {
                "type": "single",
                "stem": f"Question number {n}?",
                "choices": [{"text": f"Right {n}", "is_correct": True}, {"text": f"Wrong {n}"}],
                "explanation": f"Because {n}.",
            }
            for n in range(count)
        ],
    )


def _is_right(text: str) -> bool:
    return text in RIGHT_TEXTS or text.startswith("Right") or text == "Osteoclasts"


def right_response(question: dict) -> dict:
    """What a learner who knows the answer sends, worked out from the public payload alone."""
    if question["type"] == "typed":
        return {"text": TYPED_RIGHT}
    keys = [c["key"] for c in question["choices"] if _is_right(c["text"])]
    return {"choices": keys} if question["type"] == "multiple" else {"choice": keys[0]}


def wrong_response(question: dict) -> dict:
    if question["type"] == "typed":
        return {"text": "cartilage"}
    key = next(c["key"] for c in question["choices"] if not _is_right(c["text"]))
    return {"choices": [key]} if question["type"] == "multiple" else {"choice": key}


def start_round(client, bank, *, size: str = "all", timer: bool = False, nickname: str = "Ada") -> int:
    data = {"size": size, "nickname": nickname}
    if timer:
        data["timer"] = "on"
    response = client.post(reverse("practice:start", args=[bank.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(response["Location"].rstrip("/").split("/")[-1])


def get_question(client, round_id: int) -> dict:
    response = client.get(reverse("practice:question", args=[round_id]))
    assert response.status_code == 200, response.content
    return response.json()


def post_answer(client, round_id: int, index: Any, response: Any):
    return client.post(
        reverse("practice:answer", args=[round_id]),
        data=json.dumps({"index": index, "response": response}),
        content_type="application/json",
    )


def play_round(client, round_id: int, moves: list[str], clock: FakeClock | None = None, seconds: float = 0) -> list:
    """Play a round: each move is "right", "wrong" or "skip"; returns each answer's feedback."""
    results = []
    for move in moves:
        served = get_question(client, round_id)
        if clock is not None:
            clock.advance(seconds)
        question = served["question"]
        response = {"right": right_response, "wrong": wrong_response}.get(move, lambda q: None)(question)
        answered = post_answer(client, round_id, served["index"], response)
        assert answered.status_code == 200, answered.content
        results.append({"question": question, **answered.json()})
    return results
