"""Aiken: single-choice questions as plain lines. Read and write. Pure.

    What is the correct answer to this question?
    A. Is it this one?
    B. Maybe this answer?
    ANSWER: B

The question may run over several lines; options are a capital letter, "." or ")", and a space; the
`ANSWER:` line names one letter and ends the question. Options reading True and False become a true/false
question (and true/false questions are written that way), so they survive a round trip.
"""
from __future__ import annotations

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
    is_true_false,
    one_line,
)

OPTION = re.compile(r"^([A-Z])[.)][ \t]+(.*)$")
ANSWER = re.compile(r"^ANSWER\s*:\s*(.*)$", re.IGNORECASE)
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _Question:
    def __init__(self, line: int) -> None:
        self.line = line
        self.stem: list[str] = []
        self.options: list[tuple[str, str]] = []
        self.problem = ""


def read(data: bytes | str, *, file: str = "questions.txt") -> ImportResult:
    """Every question of an Aiken file as records; a malformed question is reported by its first line and the
    reading carries on with the next one."""
    out = Collector(file)
    text = decode_text(data, out)
    if text is None:
        return out.result
    current: _Question | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        answer = ANSWER.match(line)
        option = OPTION.match(line)
        if answer:
            if current is None or not current.options:
                out.error(number, "an ANSWER line with no question and options before it")
                current = None
                continue
            _finish(current, answer.group(1).strip(), number, out)
            current = None
        elif option:
            if current is None:
                current = _Question(number)
                current.problem = "options with no question text before them"
            letter, text_ = option.groups()
            if any(letter == seen for seen, _ in current.options):
                current.problem = current.problem or f"option {letter} is given twice"
            current.options.append((letter, text_.strip()))
        else:
            if current is not None and current.options:
                out.error(current.line, current.problem or "the question has no 'ANSWER: X' line after its options")
                current = None
            if current is None:
                current = _Question(number)
            current.stem.append(line)
    if current is not None:
        out.error(current.line, current.problem or "the question has no 'ANSWER: X' line after its options")
    return out.result


def _finish(question: _Question, answer: str, line: int, out: Collector) -> None:
    if question.problem:
        out.error(question.line, question.problem)
        return
    letter = answer.rstrip(".)").strip()
    letters = [seen for seen, _ in question.options]
    if len(letter) != 1 or letter.upper() not in letters:
        out.error(
            line,
            f"'ANSWER: {answer}' must name one of the options {', '.join(letters)} (Aiken has one right answer)",
        )
        return
    texts = [text for _, text in question.options]
    choices = [
        choice(text, is_correct=seen == letter.upper(), position=index)
        for index, (seen, text) in enumerate(question.options)
    ]
    qtype = "truefalse" if is_true_false(texts) else "single"
    out.add({"type": qtype, "stem": "\n".join(question.stem), "choices": choices}, question.line)


def unsupported(record: dict[str, Any]) -> str | None:
    if record["type"] not in ("single", "truefalse"):
        return f"Aiken has only single-choice questions, not {record['type']}"
    if len(record["choices"]) > len(LETTERS):
        return f"Aiken has at most {len(LETTERS)} options"
    stem = one_line(record["stem"])
    if OPTION.match(stem) or ANSWER.match(stem):
        return "the question text would read as an Aiken option or ANSWER line"
    return None


def write(bank: BankData, *, file: str = "questions.txt") -> ExportResult:
    """Questions on one line each (Aiken is line based: line breaks inside a text become spaces)."""
    records, skipped = exportable(bank, file=file, unsupported=unsupported)
    blocks: list[str] = []
    for record in records:
        lines = [one_line(record["stem"])]
        right = ""
        for letter, item in zip(LETTERS, record["choices"], strict=False):
            lines.append(f"{letter}. {one_line(item['text'])}")
            right = letter if item["is_correct"] else right
        lines.append(f"ANSWER: {right}")
        blocks.append("\n".join(lines))
    content = "\n\n".join(blocks) + ("\n" if blocks else "")
    return ExportResult(content=content.encode("utf-8"), exported=len(blocks), skipped=skipped)
