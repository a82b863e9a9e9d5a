"""CSV, one question per row, for spreadsheets: read and write. Pure.

Columns (docs/FORMATS.md): type, question, answer_1 … answer_N, match_1 … match_N, correct, explanation,
time_limit, points, difficulty, title, source, excerpt. Only `question` is required; the header may use
spaces or capitals ("Answer 1"), and comma, semicolon or tab separators are recognised.
"""
from __future__ import annotations

import csv
import io
import re
from typing import Any

from .records import (
    BankData,
    Collector,
    ExportResult,
    ImportResult,
    choice,
    decode_text,
    exportable,
    true_false_choices,
)

FIXED = ("type", "question", "correct", "explanation", "time_limit", "points", "difficulty", "title", "source",
         "excerpt")
ALIASES = {
    "question_type": "type", "kind": "type",
    "stem": "question", "question_text": "question",
    "correct_answer": "correct", "correct_answers": "correct", "correct_answer_s": "correct", "answer": "correct",
    "feedback": "explanation",
    "time": "time_limit", "time_limit_sec": "time_limit", "time_limit_seconds": "time_limit", "seconds": "time_limit",
    "points_multiplier": "points",
}
NUMBERED = re.compile(r"^(answer|choice|option|match)_?(\d+)$")
TRUE_WORDS = {"true": True, "t": True, "yes": True, "false": False, "f": False, "no": False}
# Cells a spreadsheet would run as a formula are written with a leading apostrophe, and read back without it.
_FORMULA_OUT = re.compile(r"^'*[=+\-@]")
_FORMULA_IN = re.compile(r"^'+[=+\-@]")


def _key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().casefold()).strip("_")
    return ALIASES.get(key, key)


def read(data: bytes | str, *, file: str = "questions.csv") -> ImportResult:
    """Every row of a question CSV as a record; a bad row is reported by its line and the others are read."""
    out = Collector(file)
    text = decode_text(data, out)
    if text is None:
        return out.result
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:
        out.error(1, f"the header row is not valid CSV ({error})")
        return out.result
    if not header:
        out.error(None, "the file is empty")
        return out.result
    columns = [_key(name) for name in header]
    if "question" not in columns:
        out.error(1, "the header row has no 'question' column")
        return out.result
    unknown = [name for name, key in zip(header, columns, strict=True)
               if name.strip() and key not in FIXED and not NUMBERED.match(key)]
    if unknown:
        out.error(1, f"unknown columns were ignored: {', '.join(unknown)}")
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader, None)
        except csv.Error as error:
            out.error(start, f"not valid CSV ({error}); the rest of the file was not read")
            break
        line = reader.line_num
        if row is None:
            break
        cells: dict[str, str] = {}
        for key, value in zip(columns, row, strict=False):
            value = _unguard(value.strip())
            if value and key not in cells:
                cells[key] = value
        if not cells:
            continue
        try:
            record = _record(cells)
        except ValueError as problem:
            out.error(start, str(problem))
            continue
        out.add(record, start)
    return out.result


def _unguard(value: str) -> str:
    return value[1:] if _FORMULA_IN.match(value) else value


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet will show as text, never run as a formula (a leading apostrophe, as OWASP advises)."""
    return "'" + value if isinstance(value, str) and _FORMULA_OUT.match(value) else value


def _numbered(cells: dict[str, str], kind: str) -> dict[int, str]:
    found = {}
    for key, value in cells.items():
        match = NUMBERED.match(key)
        if match and (match.group(1) == "match") == (kind == "match"):
            found[int(match.group(2))] = value
    return dict(sorted(found.items()))


def _correct_numbers(text: str, answers: dict[int, str]) -> list[int]:
    numbers = []
    for part in (p for p in re.split(r"[,;\s]+", text) if p):
        if part.isdigit():
            numbers.append(int(part))
        elif len(part) == 1 and part.isalpha():
            numbers.append(ord(part.upper()) - ord("A") + 1)
        else:
            raise ValueError(f"correct {text!r} must list answer numbers (1,3) or letters (A,C)")
    for number in numbers:
        if number not in answers:
            raise ValueError(f"correct answer {number} refers to an empty answer column")
    return numbers


def _record(cells: dict[str, str]) -> dict[str, Any]:
    answers = _numbered(cells, "answer")
    matches = _numbered(cells, "match")
    correct = cells.get("correct", "")
    qtype = cells.get("type", "").casefold().replace(" ", "").replace("/", "").replace("-", "")
    qtype = {"tf": "truefalse", "short": "typed", "shortanswer": "typed"}.get(qtype, qtype)
    if not qtype:
        if matches:
            qtype = "matching"
        elif correct.casefold() in TRUE_WORDS:
            qtype = "truefalse"
        elif correct:
            qtype = "multiple" if len(_correct_numbers(correct, answers)) > 1 else "single"
        else:
            raise ValueError("give the question's type or its correct answer")
    record: dict[str, Any] = {
        "type": qtype,
        "stem": cells.get("question", ""),
        "explanation": cells.get("explanation", ""),
        "time_limit": cells.get("time_limit"),
        "points_multiplier": cells.get("points"),
        "difficulty": cells.get("difficulty"),
        "title": cells.get("title", ""),
        "source": cells.get("source", ""),
        "excerpt": cells.get("excerpt", ""),
    }
    if qtype in ("single", "multiple"):
        right = set(_correct_numbers(correct, answers)) if correct else set()
        record["choices"] = [choice(text, is_correct=n in right, position=n) for n, text in answers.items()]
    elif qtype == "truefalse":
        if correct.casefold() in TRUE_WORDS:
            record["choices"] = true_false_choices(TRUE_WORDS[correct.casefold()])
        else:
            right = set(_correct_numbers(correct, answers)) if correct else set()
            record["choices"] = [choice(text, is_correct=n in right, position=n) for n, text in answers.items()]
    elif qtype == "typed":
        record["accepted_answers"] = list(answers.values())
    elif qtype == "ordering":
        record["choices"] = [choice(text, is_correct=True, position=n) for n, text in answers.items()]
    elif qtype == "matching":
        unpaired = sorted(set(answers) ^ set(matches))
        if unpaired:
            number = unpaired[0]
            raise ValueError(f"answer_{number} and match_{number} must both be filled in for a matching pair")
        record["choices"] = [
            choice(text, position=n, match_text=matches[n]) for n, text in answers.items()
        ]
    return record


def _row(record: dict[str, Any], width: int, matching: bool) -> list[Any]:
    qtype, choices = record["type"], record["choices"]
    answers: list[str] = [c["text"] for c in choices] if qtype != "typed" else list(record["accepted_answers"])
    matches = [c["match_text"] for c in choices] if qtype == "matching" else []
    correct = ""
    if qtype in ("single", "multiple"):
        correct = ",".join(str(i) for i, c in enumerate(choices, start=1) if c["is_correct"])
    elif qtype == "truefalse":
        correct = "true" if next(c["is_correct"] for c in choices if c["text"] == "True") else "false"
        answers = []
    row: list[Any] = [qtype, record["stem"]]
    row += answers + [""] * (width - len(answers))
    if matching:
        row += matches + [""] * (width - len(matches))
    row += [correct, record["explanation"], record["time_limit"], record["points_multiplier"],
            record["difficulty"], record.get("title", ""), record["source"], record["excerpt"]]
    return [spreadsheet_safe(value) for value in row]


def write(bank: BankData, *, file: str = "questions.csv") -> ExportResult:
    """Every approved question, one row each (UTF-8 with a byte order mark, so spreadsheets read the accents)."""
    records, skipped = exportable(bank, file=file, unsupported=lambda record: None)
    width = max([4] + [len(r["choices"]) or len(r["accepted_answers"]) for r in records])
    matching = any(r["type"] == "matching" for r in records)
    header = ["type", "question"] + [f"answer_{n}" for n in range(1, width + 1)]
    if matching:
        header += [f"match_{n}" for n in range(1, width + 1)]
    header += ["correct", "explanation", "time_limit", "points", "difficulty", "title", "source", "excerpt"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(_row(record, width, matching))
    return ExportResult(content=buffer.getvalue().encode("utf-8-sig"), exported=len(records), skipped=skipped)
