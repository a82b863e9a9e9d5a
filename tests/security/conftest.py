"""Fixtures for the security tests: the room fixtures, a bank with all six question types, the documented
error codes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from questions.services import bank_create_from_records
from tests.rooms.conftest import game, host_cookie, room_hub, session_cookie  # noqa: F401 - fixtures reused here

PROTOCOL = Path(__file__).resolve().parents[2] / "docs" / "PROTOCOL.md"

# One question of each type; the test knows every answer by its wording.
ALL_TYPES_BANK = [
    {
        "type": "single",
        "stem": "Which process forms new bone tissue?",
        "choices": [
            {"text": "Ossification", "is_correct": True},
            {"text": "Calcification", "is_correct": False},
            {"text": "Arteriosclerosis", "is_correct": False},
            {"text": "Bone remodelling by osteoclasts", "is_correct": False},
        ],
        "explanation": "Ossification builds new bone.",
        "excerpt": "Ossification, also called osteogenesis, is the formation of new bone tissue.",
    },
    {
        "type": "multiple",
        "stem": "Which are the two main types of calcification?",
        "choices": [
            {"text": "Dystrophic", "is_correct": True},
            {"text": "Intramembranous", "is_correct": False},
            {"text": "Metastatic", "is_correct": True},
            {"text": "Endochondral", "is_correct": False},
        ],
        "explanation": "Dystrophic and metastatic.",
    },
    {
        "type": "truefalse",
        "stem": "Calcification can only happen in bone.",
        "choices": [{"text": "True", "is_correct": False}, {"text": "False", "is_correct": True}],
        "explanation": "Soft tissues calcify too.",
    },
    {
        "type": "typed",
        "stem": "What are the bone-forming cells called?",
        "accepted_answers": ["osteoblasts", "osteoblast"],
        "explanation": "Osteoblasts add bone; osteoclasts remove it.",
    },
    {
        "type": "ordering",
        "stem": "Put the stages of endochondral ossification in order.",
        "choices": [
            {"text": "Cartilage model is built", "position": 0},
            {"text": "Central chondrocytes swell", "position": 1},
            {"text": "Blood vessels bring in osteoblasts", "position": 2},
            {"text": "Primary centre forms in the shaft", "position": 3},
            {"text": "Secondary centres form in the ends", "position": 4},
        ],
        "explanation": "Cartilage first, secondary centres last.",
    },
    {
        "type": "matching",
        "stem": "Match each process to what it does.",
        "choices": [
            {"text": "Calcification", "match_text": "Calcium salts build up in a tissue"},
            {"text": "Ossification", "match_text": "New bone tissue is formed"},
            {"text": "Heterotopic ossification", "match_text": "Bone forms outside the skeleton"},
        ],
        "explanation": "Only ossification creates bone in its proper place.",
    },
]


@pytest.fixture
def all_types_bank(db, host_user):
    return bank_create_from_records(title="Every type", records=ALL_TYPES_BANK, owner=host_user)


def documented_error_codes() -> set[str]:
    """The codes listed in the error table of docs/PROTOCOL.md: the only ones a client should ever see."""
    text = PROTOCOL.read_text("utf-8")
    table = text.split("## Error codes", 1)[1]
    codes: set[str] = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            codes.update(re.findall(r"`([a-z_]+)`", first_cell))
    return codes


def documented_message_types() -> set[str]:
    """The server → client message types listed in docs/PROTOCOL.md."""
    text = PROTOCOL.read_text("utf-8")
    table = text.split("## Server → client", 1)[1].split("\n### ", 1)[0]
    return {m.group(1) for m in re.finditer(r"^\| `([a-z_]+)` \|", table, re.M)}
