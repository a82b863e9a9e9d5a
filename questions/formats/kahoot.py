"""Kahoot's quiz spreadsheet template (.xlsx, through openpyxl): read and write. Pure.

Kahoot's template has a few rows of title and instructions, then a header row (an unnamed number column,
"Question - max 120 characters", "Answer 1 - max 75 characters" … "Answer 4 …", "Time limit (sec) …",
"Correct answer(s) …") and one question per row below it. Reading looks for the header row by its names;
writing puts it where Kahoot's template has it (row 8).
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

from questions.ingest import IngestError
from questions.ingest.readers import check_zip

from .records import (
    DEFAULT_TIME_LIMIT,
    MAX_QUESTIONS,
    BankData,
    Collector,
    ExportResult,
    ImportResult,
    choice,
    clean_text,
    exportable,
    is_true_false,
)

HEADER_ROW = 8
HEADER = [
    "",
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
TIME_LIMITS = (5, 10, 20, 30, 60, 90, 120, 240)
QUESTION_MAX, ANSWER_MAX, ANSWERS_MAX = 120, 75, 4
MAX_UNCOMPRESSED = 50 * 1024 * 1024
HEADER_SEARCH_ROWS = 50
MAX_COLUMNS = 60
ANSWER_COLUMN = re.compile(r"^answer\s*(\d+)")


def read(data: bytes, *, file: str = "kahoot.xlsx") -> ImportResult:
    """The questions of a Kahoot spreadsheet, each row checked on its own (errors name the spreadsheet row)."""
    out = Collector(file, where="row")
    try:
        check_zip(data, max_uncompressed=MAX_UNCOMPRESSED)
    except IngestError as error:
        out.error(None, "the file is not an .xlsx workbook" if error.code == "corrupt" else error.message)
        return out.result
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook; all mean the same here
        out.error(None, "the file is not an .xlsx workbook openpyxl can read")
        return out.result
    for sheet in workbook.worksheets:
        last_row = min(sheet.max_row, HEADER_SEARCH_ROWS + MAX_QUESTIONS + 1)
        rows = list(sheet.iter_rows(max_row=last_row, max_col=min(sheet.max_column, MAX_COLUMNS), values_only=True))
        header = _find_header(rows)
        if header is not None:
            out.result.title = _title(rows[:header])
            _read_rows(rows, header, out)
            return out.result
    out.error(None, "no header row with 'Question' and 'Answer 1' columns was found (use Kahoot's template)")
    return out.result


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return clean_text(str(value))


def _find_header(rows: list[tuple[Any, ...]]) -> int | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [_text(v).casefold() for v in row]
        if any(n.startswith("question") for n in names) and any(ANSWER_COLUMN.match(n) for n in names):
            return index
    return None


def _title(rows: list[tuple[Any, ...]]) -> str:
    """The first text above the header that is not the template's own wording."""
    for row in rows:
        for value in row:
            text = _text(value)
            wording = ("template", "add question", "character", "answer", "time limit")
            if text and not any(word in text.casefold() for word in wording):
                return text
    return ""


def _read_rows(rows: list[tuple[Any, ...]], header: int, out: Collector) -> None:
    names = [_text(v).casefold() for v in rows[header]]
    question = next(i for i, n in enumerate(names) if n.startswith("question"))
    answers = sorted((int(m.group(1)), i) for i, n in enumerate(names) if (m := ANSWER_COLUMN.match(n)))
    limit = next((i for i, n in enumerate(names) if n.startswith("time")), None)
    correct = next((i for i, n in enumerate(names) if n.startswith("correct")), None)
    header_line = header + 1
    if correct is None:
        out.error(header_line, "the header row has no 'Correct answer(s)' column")
        return
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        cells = list(row) + [None] * (len(names) - len(row))
        stem = _text(cells[question])
        options = [(number, _text(cells[column])) for number, column in answers]
        right = _text(cells[correct])
        if not stem and not any(text for _, text in options) and not right:
            continue  # an empty row (the template numbers rows it leaves empty)
        if not stem:
            out.error(offset, "the row has answers but no question")
            continue
        try:
            numbers = _numbers(cells[correct])
            seconds = _seconds(cells[limit]) if limit is not None else DEFAULT_TIME_LIMIT
        except ValueError as problem:
            out.error(offset, str(problem))
            continue
        given = {number for number, text in options if text}
        missing = [n for n in numbers if n not in given]
        if missing:
            out.error(offset, f"correct answer {missing[0]} refers to an empty or missing answer column")
            continue
        choices = [
            choice(text, is_correct=number in numbers, position=index)
            for index, (number, text) in enumerate((n, t) for n, t in options if t)
        ]
        if len(numbers) == 1:
            qtype = "truefalse" if is_true_false(c["text"] for c in choices) else "single"
        else:
            qtype = "multiple"
        out.add({"type": qtype, "stem": stem, "choices": choices, "time_limit": seconds}, offset)


def _numbers(value: Any) -> list[int]:
    """Correct answer numbers: 2, 2.0, "2", "1,3" or "1, 3"."""
    text = _text(value)
    if not text:
        raise ValueError("no correct answer number (write 1 to 4; several as 1,3)")
    parts = [p for p in re.split(r"[,;\s]+", text) if p]
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"correct answer(s) {text!r} must be answer numbers such as 2 or 1,3")
    return sorted({int(p) for p in parts})


def _seconds(value: Any) -> int:
    text = _text(value)
    if not text:
        return DEFAULT_TIME_LIMIT
    match = re.fullmatch(r"(\d+)(?:\.0+)?\s*(?:s|sec|secs|seconds)?", text, re.IGNORECASE)
    if not match:
        raise ValueError(f"time limit {text!r} must be a number of seconds")
    return int(match.group(1))


def kahoot_time(seconds: int) -> int:
    """Kahoot's nearest time limit that is not shorter than ours (at most 240 s)."""
    return next((t for t in TIME_LIMITS if t >= seconds), TIME_LIMITS[-1])


def unsupported(record: dict[str, Any]) -> str | None:
    if record["type"] not in ("single", "multiple", "truefalse"):
        return f"Kahoot's spreadsheet has only quiz questions with answers to pick, not {record['type']}"
    if len(record["choices"]) > ANSWERS_MAX:
        return f"Kahoot takes at most {ANSWERS_MAX} answers; this question has {len(record['choices'])}"
    if len(record["stem"]) > QUESTION_MAX:
        return f"the question is longer than Kahoot's {QUESTION_MAX} characters"
    for number, item in enumerate(record["choices"], start=1):
        if len(item["text"]) > ANSWER_MAX:
            return f"answer {number} is longer than Kahoot's {ANSWER_MAX} characters"
    return None


def _put(sheet: Any, row: int, column: int, value: Any) -> Cell:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    return cell


def write(bank: BankData, *, file: str = "kahoot.xlsx") -> ExportResult:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    _put(sheet, 2, 2, "Quiz template").font = Font(bold=True, size=14)
    _put(sheet, 3, 2, "Add questions, at least two answer alternatives, time limit and choose correct answers.")
    _put(sheet, 4, 2, " ".join(bank.title.split()) or None)
    for column, name in enumerate(HEADER, start=1):
        _put(sheet, HEADER_ROW, column, name or None).font = Font(bold=True)
    records, skipped = exportable(bank, file=file, unsupported=unsupported)
    row = HEADER_ROW
    for record in records:
        row += 1
        right = [str(i) for i, c in enumerate(record["choices"], start=1) if c["is_correct"]]
        values: list[Any] = [row - HEADER_ROW, record["stem"]]
        values += [c["text"] for c in record["choices"]] + [None] * (ANSWERS_MAX - len(record["choices"]))
        values += [kahoot_time(record["time_limit"]), int(right[0]) if len(right) == 1 else ",".join(right)]
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
    for letter, width in zip("ABCDEFGH", (5, 60, 30, 30, 30, 30, 14, 16), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return ExportResult(content=buffer.getvalue(), exported=row - HEADER_ROW, skipped=skipped)
