"""Records of every question type, and how to compare what a format keeps of them."""
from __future__ import annotations

from typing import Any

from questions.formats import BankData, normalize_record

RAW = {
    "single": {
        "type": "single",
        "stem": "Which process forms new bone tissue?",
        "choices": [
            {"text": "Ossification", "is_correct": True},
            {"text": "Calcification"},
            {"text": "Erosion"},
        ],
        "explanation": "Ossification builds bone.",
        "time_limit": 30,
    },
    "multiple": {
        "type": "multiple",
        "stem": "Which are types of calcification?",
        "choices": [
            {"text": "Dystrophic", "is_correct": True},
            {"text": "Intramembranous"},
            {"text": "Metastatic", "is_correct": True},
        ],
        "explanation": "Dystrophic and metastatic.",
        "time_limit": 20,
    },
    "truefalse": {
        "type": "truefalse",
        "stem": "Calcification only happens in bone.",
        "choices": [{"text": "True"}, {"text": "False", "is_correct": True}],
        "explanation": "Soft tissue calcifies too.",
        "time_limit": 10,
    },
    "typed": {
        "type": "typed",
        "stem": "Which cells lay down new bone?",
        "accepted_answers": ["osteoblasts", "osteoblast"],
        "explanation": "Osteoblasts build bone.",
    },
    "ordering": {
        "type": "ordering",
        "stem": "Put the stages in order.",
        "choices": [
            {"text": "Cartilage model", "position": 0},
            {"text": "Chondrocytes swell", "position": 1},
            {"text": "Primary centre", "position": 2},
        ],
        "explanation": "Cartilage comes first.",
    },
    "matching": {
        "type": "matching",
        "stem": "Match each process to what it does.",
        "choices": [
            {"text": "Calcification", "match_text": "Calcium salts build up"},
            {"text": "Ossification", "match_text": "New bone forms"},
        ],
        "explanation": "Only ossification makes bone.",
    },
}


def record(qtype: str, **changes: Any) -> dict[str, Any]:
    return normalize_record({**RAW[qtype], **changes})


def bank_of(*records: dict[str, Any], title: str = "Bones") -> BankData:
    return BankData(title=title, records=list(records))


# What each format keeps of a question, besides its type and stem.
KEPT = {
    "gift": ("choices", "accepted_answers", "explanation", "title"),
    "aiken": ("choices",),
    "kahoot": ("choices", "time_limit"),
    "csv": ("choices", "accepted_answers", "explanation", "title", "time_limit", "points_multiplier", "difficulty",
            "source", "excerpt"),
    "json": None,  # everything
}


def kept(record_: dict[str, Any], format_: str) -> dict[str, Any]:
    """The part of a record a format can carry, to compare before and after a round trip."""
    fields = KEPT[format_]
    if fields is None:
        return record_
    out = {key: record_.get(key) for key in ("type", "stem", *fields)}
    if "choices" in out:
        keys = ("text", "is_correct", "position", "match_text") + (("feedback",) if format_ == "gift" else ())
        out["choices"] = [{k: c.get(k) for k in keys} for c in record_["choices"]]
    return out
