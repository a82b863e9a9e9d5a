"""Question bank formats: GIFT, Aiken, Kahoot's spreadsheet, CSV and quizgame's own JSON. Pure: bytes in,
plain records out, and back (no ORM). The mapping of each format is in docs/FORMATS.md.

    result = parse_bank(data, format="gift", filename="week1.gift")   # ImportResult
    exported = render_bank(bank_data, format="kahoot")                # ExportResult
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from . import aiken, bankjson, csvfile, gift, kahoot
from .records import (
    MAX_QUESTIONS,
    QUESTION_TYPES,
    BankData,
    ExportResult,
    ImportResult,
    Issue,
    RecordError,
    normalize_record,
    record_problems,
)


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    media_type: str
    read: Callable[..., ImportResult]
    write: Callable[..., ExportResult]
    types: tuple[str, ...]  # the question types it can hold
    binary: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("gift", "GIFT (Moodle)", ".gift", "text/plain; charset=utf-8", gift.read, gift.write,
               ("single", "multiple", "truefalse", "typed", "matching")),
        Format("aiken", "Aiken", ".txt", "text/plain; charset=utf-8", aiken.read, aiken.write,
               ("single", "truefalse")),
        Format("kahoot", "Kahoot spreadsheet", ".xlsx",
               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kahoot.read, kahoot.write,
               ("single", "multiple", "truefalse"), binary=True),
        Format("csv", "CSV", ".csv", "text/csv; charset=utf-8", csvfile.read, csvfile.write, QUESTION_TYPES),
        Format("json", "quizgame JSON", ".json", "application/json", bankjson.read, bankjson.write, QUESTION_TYPES),
    )
}
EXTENSIONS = {".gift": "gift", ".xlsx": "kahoot", ".csv": "csv", ".tsv": "csv", ".json": "json"}
_AIKEN_ANSWER = re.compile(rb"^\s*ANSWER\s*:", re.IGNORECASE | re.MULTILINE)


def detect_format(filename: str, data: bytes = b"") -> str | None:
    """The format a file is in, from its extension; a .txt file is Aiken when it has ANSWER: lines and GIFT
    when it has an answer block in braces."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    if suffix in (".txt", ""):
        if _AIKEN_ANSWER.search(data):
            return "aiken"
        if b"{" in data:
            return "gift"
    return None


def parse_bank(data: bytes, *, format: str, filename: str) -> ImportResult:
    """Read a file in `format` ("gift", "aiken", "kahoot", "csv", "json"); never raises on bad content."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[format].read(data, file=PurePath(filename).name or filename)


def render_bank(bank: BankData, *, format: str, filename: str = "") -> ExportResult:
    """Write a bank in `format`; questions the format cannot hold are listed in `skipped` with the reason."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    chosen = FORMATS[format]
    return chosen.write(bank, file=filename or f"bank{chosen.extension}")


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MAX_QUESTIONS",
    "QUESTION_TYPES",
    "BankData",
    "ExportResult",
    "Format",
    "ImportResult",
    "Issue",
    "RecordError",
    "detect_format",
    "normalize_record",
    "parse_bank",
    "record_problems",
    "render_bank",
]
