"""The plain question record every format reads into and writes from, and the results of reading and writing.

A record is one question of the "quizgame-bank" JSON (docs/FORMATS.md): the same dict `bank_create_from_records`
stores. Readers build records, `Collector` checks each one on its own, so one bad question never loses the others.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from questions.ingest import IngestError
from questions.ingest.readers import decode, normalise_text

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "truefalse", "typed", "ordering", "matching")
CHOICE_TYPES = ("single", "multiple", "truefalse")
REVIEW_STATUSES = ("pending", "approved", "rejected")
TRUE, FALSE = "True", "False"
CHOICE_TEXT_MAX = 255  # the Choice.text and Choice.match_text columns
TIME_LIMIT_RANGE = (1, 3600)
DEFAULT_TIME_LIMIT = 20
DEFAULT_DIFFICULTY = 2
DEFAULT_POINTS = 1
# Reading stops after this many questions: a bank is a lesson, not a database dump.
MAX_QUESTIONS = 5000
BLANK = "_____"


class RecordError(ValueError):
    """A record whose fields have the wrong shape (a number where text belongs, choices that are not a list)."""


@dataclass(frozen=True)
class Issue:
    """Something about one place of a file: `where` is "line" (text formats), "row" (spreadsheets) or
    "question" (JSON and exports, 1-based); `line` is None when the whole file is meant."""

    file: str
    line: int | None
    reason: str
    where: str = "line"

    def __str__(self) -> str:
        place = f"{self.file}, {self.where} {self.line}" if self.line is not None else self.file
        return f"{place}: {self.reason}"


@dataclass
class ImportResult:
    """What a file gave: the playable records, the questions skipped because quizgame cannot play their kind,
    and the errors (malformed questions, each named by file and line)."""

    file: str
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    title: str = ""
    description: str = ""
    documents: list[dict[str, str]] = field(default_factory=list)  # {"name", "title", "text" when known}

    def counts(self) -> dict[str, int]:
        """Imported questions per type, in the usual type order, types with none left out."""
        counter = Counter(r["type"] for r in self.records)
        return {t: counter[t] for t in QUESTION_TYPES if counter[t]}


@dataclass(frozen=True)
class BankData:
    """A bank as plain data, ready for a writer."""

    title: str
    records: list[dict[str, Any]]
    description: str = ""
    documents: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ExportResult:
    content: bytes
    exported: int
    skipped: list[Issue] = field(default_factory=list)


def clean_text(value: Any, *, name: str = "text") -> str:
    """Text as stored: NFC, one kind of newline, no control characters, no surrounding space."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text, not {type(value).__name__}")
    return normalise_text(value).strip()


def one_line(text: str) -> str:
    """All white space runs as single spaces, for line-based formats."""
    return " ".join(text.split())


def _integer(value: Any, *, name: str, default: int | None) -> int | None:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise RecordError(f"{name} must be a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    if not isinstance(value, int):
        raise RecordError(f"{name} must be a whole number, not {value!r}")
    return value


def choice(text: str, *, is_correct: bool = False, position: int = 0, match_text: str = "") -> dict[str, Any]:
    return {"text": text, "is_correct": is_correct, "position": position, "match_text": match_text}


def true_false_choices(answer: bool) -> list[dict[str, Any]]:
    return [choice(TRUE, is_correct=answer, position=0), choice(FALSE, is_correct=not answer, position=1)]


def is_true_false(texts: Iterable[str]) -> bool:
    """Two options reading True and False (any case, either order)."""
    return sorted(t.strip().casefold() for t in texts) == ["false", "true"]


def normalize_record(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A record in its canonical form: every field present, text cleaned, choices in position order and
    numbered 0.., true/false as [True, False]. Raises RecordError when a field has the wrong shape.

    The generator's own output names the source `document`; it is read as `source`.
    """
    if not isinstance(raw, Mapping):
        raise RecordError("a question must be an object")
    qtype = raw.get("type")
    if qtype not in QUESTION_TYPES:
        raise RecordError(f"type must be one of {', '.join(QUESTION_TYPES)}, not {qtype!r}")
    raw_choices = raw.get("choices") or []
    if not isinstance(raw_choices, list):
        raise RecordError("choices must be a list")
    choices = []
    for index, item in enumerate(raw_choices):
        if not isinstance(item, Mapping):
            raise RecordError(f"choice {index + 1} must be an object")
        entry = choice(
            clean_text(item.get("text"), name=f"choice {index + 1} text"),
            is_correct=_flag(item.get("is_correct", False), name=f"choice {index + 1} is_correct"),
            position=_integer(item.get("position"), name=f"choice {index + 1} position", default=index) or 0,
            match_text=clean_text(item.get("match_text"), name=f"choice {index + 1} match_text"),
        )
        feedback = clean_text(item.get("feedback"), name=f"choice {index + 1} feedback")
        if feedback:
            entry["feedback"] = feedback
        choices.append((entry["position"], index, entry))
    if qtype == "ordering" and len({p for p, _, _ in choices}) != len(choices):
        raise RecordError("ordering choices need distinct positions (the correct order)")
    ordered = [entry for _, _, entry in sorted(choices, key=lambda c: (c[0], c[1]))]
    for position, entry in enumerate(ordered):
        entry["position"] = position
    if qtype != "matching":
        for entry in ordered:
            entry["match_text"] = ""  # only a matching question has partners
    if qtype == "typed":
        ordered = []
    elif qtype in ("ordering", "matching"):
        for entry in ordered:
            entry["is_correct"] = True  # every item is part of the answer: its place or its partner is what counts
    elif qtype == "truefalse" and is_true_false(c["text"] for c in ordered):
        by_text = {c["text"].casefold(): c for c in ordered}
        ordered = [{**by_text["true"], "text": TRUE, "position": 0}, {**by_text["false"], "text": FALSE, "position": 1}]

    accepted = raw.get("accepted_answers") or []
    if not isinstance(accepted, list):
        raise RecordError("accepted_answers must be a list of text")
    answers: list[str] = []
    for value in accepted:
        text = clean_text(value, name="accepted answer")
        if text and text not in answers:
            answers.append(text)
    source = raw.get("source") if raw.get("source") is not None else raw.get("document", "")
    record: dict[str, Any] = {
        "type": qtype,
        "stem": clean_text(raw.get("stem"), name="stem"),
        "choices": ordered,
        "accepted_answers": answers if qtype == "typed" else [],
        "explanation": clean_text(raw.get("explanation"), name="explanation"),
        "source": clean_text(source, name="source"),
        "excerpt": _text(raw.get("excerpt"), name="excerpt"),
        "span_start": _integer(raw.get("span_start"), name="span_start", default=None),
        "span_end": _integer(raw.get("span_end"), name="span_end", default=None),
        "difficulty": _integer(raw.get("difficulty"), name="difficulty", default=DEFAULT_DIFFICULTY),
        "time_limit": _integer(raw.get("time_limit"), name="time_limit", default=DEFAULT_TIME_LIMIT),
        "points_multiplier": _integer(raw.get("points_multiplier"), name="points_multiplier", default=DEFAULT_POINTS),
    }
    title = clean_text(raw.get("title"), name="title")
    if title:
        record["title"] = title
    status = raw.get("review_status")
    if status is not None:
        if status not in REVIEW_STATUSES:
            raise RecordError(f"review_status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
        record["review_status"] = status
    if raw.get("rank_score") is not None:
        score = raw["rank_score"]
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise RecordError("rank_score must be a number")
        record["rank_score"] = float(score)
    return record


def _text(value: Any, *, name: str) -> str:
    """Text kept exactly (an excerpt must match its document character for character)."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text, not {type(value).__name__}")
    return value


def _flag(value: Any, *, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    raise RecordError(f"{name} must be true or false")


def record_problems(record: Mapping[str, Any]) -> list[str]:
    """What keeps a canonical record from being played; empty when it can be."""
    problems: list[str] = []
    qtype, choices = record["type"], record["choices"]
    if not record["stem"]:
        problems.append("the question has no text")
    correct = sum(1 for c in choices if c["is_correct"])
    if qtype in ("single", "multiple", "ordering", "matching") and len(choices) < 2:
        problems.append(f"a {qtype} question needs at least two choices, it has {len(choices)}")
    elif qtype == "single" and correct != 1:
        problems.append(f"a single-choice question needs exactly one correct choice, it has {correct}")
    elif qtype == "multiple" and correct < 1:
        problems.append("a multiple-choice question needs at least one correct choice")
    if qtype == "truefalse" and not (is_true_false(c["text"] for c in choices) and correct == 1):
        problems.append("a true/false question needs the choices True and False with one of them correct")
    if qtype == "typed" and not record["accepted_answers"]:
        problems.append("a typed question needs at least one accepted answer")
    for number, item in enumerate(choices, start=1):
        if not item["text"]:
            problems.append(f"choice {number} has no text")
        if len(item["text"]) > CHOICE_TEXT_MAX or len(item["match_text"]) > CHOICE_TEXT_MAX:
            problems.append(f"choice {number} is longer than {CHOICE_TEXT_MAX} characters")
        if qtype == "matching" and not item["match_text"]:
            problems.append(f"choice {number} has nothing to match")
    texts = [c["text"].casefold() for c in choices if c["text"]]
    if qtype != "truefalse" and len(set(texts)) != len(texts):
        problems.append("two choices have the same text")
    if record["difficulty"] not in (1, 2, 3):
        problems.append(f"difficulty must be 1, 2 or 3, not {record['difficulty']}")
    low, high = TIME_LIMIT_RANGE
    if not low <= record["time_limit"] <= high:
        problems.append(f"the time limit must be {low} to {high} seconds, not {record['time_limit']}")
    if record["points_multiplier"] not in (0, 1, 2):
        problems.append(f"points must be 0, 1 or 2, not {record['points_multiplier']}")
    return problems


class Collector:
    """Gathers one file's records, skipped questions and errors; each record is checked on its own."""

    def __init__(self, file: str, *, where: str = "line") -> None:
        self.result = ImportResult(file=file)
        self.where = where
        self._full = False

    def add(self, raw: Mapping[str, Any], line: int | None) -> None:
        if len(self.result.records) >= MAX_QUESTIONS:
            if not self._full:
                self._full = True
                self.error(line, f"more than {MAX_QUESTIONS} questions; this one and the rest were not read")
            return
        try:
            record = normalize_record(raw)
        except RecordError as problem:
            self.error(line, str(problem))
            return
        problems = record_problems(record)
        if problems:
            self.error(line, "; ".join(problems))
        else:
            self.result.records.append(record)

    def skip(self, line: int | None, reason: str) -> None:
        self.result.skipped.append(Issue(self.result.file, line, reason, self.where))

    def error(self, line: int | None, reason: str) -> None:
        self.result.errors.append(Issue(self.result.file, line, reason, self.where))


REVIEW_REASONS = {"pending": "not approved yet (waiting for review)", "rejected": "rejected in review"}


def exportable(
    bank: BankData, *, file: str, unsupported: Callable[[dict[str, Any]], str | None]
) -> tuple[list[dict[str, Any]], list[Issue]]:
    """The records a format can write, and the others as skipped questions numbered as in the bank.

    Formats other than quizgame's JSON carry no review status, so they get approved questions only: what is
    played is what is exported, and importing the file back cannot approve a question nobody reviewed.
    """
    kept: list[dict[str, Any]] = []
    skipped: list[Issue] = []
    for number, record in enumerate(bank.records, start=1):
        reason = REVIEW_REASONS.get(record.get("review_status", "approved")) or unsupported(record)
        if reason:
            skipped.append(Issue(file, number, reason, "question"))
        else:
            kept.append(record)
    return kept, skipped


def decode_text(data: bytes | str, out: Collector) -> str | None:
    """The text of an uploaded text file (UTF-8 with or without BOM, else Windows-1252), newlines unified;
    None, with an error, when the bytes are not text."""
    if isinstance(data, str):
        return normalise_text(data)
    try:
        return normalise_text(decode(data))
    except IngestError:
        out.error(None, "the file looks binary, not text")
        return None
