"""Plain dataclasses for generated questions and their dict/JSON forms."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuestionType = Literal["single", "multiple", "truefalse", "typed", "ordering", "matching"]
QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "typed", "ordering", "matching")


@dataclass
class GeneratedChoice:
    """One option. Ordering: `position` is the correct place; matching: `match_text` is the right-hand side."""

    text: str
    is_correct: bool = False
    position: int = 0
    match_text: str = ""


@dataclass
class GeneratedQuestion:
    """A question ready for review, with the exact excerpt (document.text[span_start:span_end]) it came from."""

    type: QuestionType
    stem: str
    choices: list[GeneratedChoice] = field(default_factory=list)
    accepted_answers: list[str] = field(default_factory=list)
    explanation: str = ""
    document: str = ""
    excerpt: str = ""
    span_start: int = 0
    span_end: int = 0
    difficulty: int = 2
    rank_score: float = 0.0
    fact_key: str = ""
    miner: str = ""

    def correct_texts(self) -> list[str]:
        return [c.text for c in self.choices if c.is_correct]


def question_to_dict(question: GeneratedQuestion) -> dict[str, Any]:
    return asdict(question)


def to_json(questions: list[GeneratedQuestion], *, indent: int | None = 2) -> str:
    """Questions as a JSON array (stable key order, UTF-8 kept readable)."""
    return json.dumps([question_to_dict(q) for q in questions], indent=indent, ensure_ascii=False)
