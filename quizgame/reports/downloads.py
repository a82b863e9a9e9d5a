"""A game report as CSV tables and as one XLSX workbook (openpyxl). Pure.

Nicknames are typed by players, so every text cell is written so that a spreadsheet shows it and never runs
it as a formula.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from questions.formats.csvfile import spreadsheet_safe

from .analysis import QuestionStats, Report

QUESTION_COLUMNS = ["#", "Question", "Type", "Players", "Answered", "Correct", "Correct %", "No answer",
                    "Average time (s)", "Answers", "Flags"]
PLAYER_COLUMNS = ["Rank", "Nickname", "Score", "Correct", "Answered", "Average time (s)"]
ANSWER_COLUMNS = ["Player", "#", "Question", "Answer", "Correct", "Points", "Time (s)"]


def spread(question: QuestionStats) -> str:
    """How the answers spread, in one cell: "Ossification ✓ 3; Calcification 1"."""
    return "; ".join(f"{o.text}{' ✓' if o.is_correct else ''} {o.count}" for o in question.options)


def question_rows(report: Report) -> list[list[Any]]:
    return [
        [q.number, q.stem, q.type, q.players, q.answered, q.correct, round(q.correct_rate * 100), q.unanswered,
         q.average_seconds, spread(q), " ".join(f.message for f in q.flags)]
        for q in report.questions
    ]


def player_rows(report: Report) -> list[list[Any]]:
    return [[p.rank, p.nickname, p.score, p.correct, p.answered, p.average_seconds] for p in report.players]


def answer_rows(report: Report) -> list[list[Any]]:
    return [[a.nickname, a.number, a.stem, a.answer, "yes" if a.is_correct else "no", a.points, a.seconds]
            for a in report.answers]


TABLES: dict[str, tuple[list[str], Callable[[Report], list[list[Any]]]]] = {
    "questions": (QUESTION_COLUMNS, question_rows),
    "players": (PLAYER_COLUMNS, player_rows),
    "answers": (ANSWER_COLUMNS, answer_rows),
}


def report_csv(report: Report, *, table: str) -> bytes:
    """One table of the report ("questions", "players" or "answers") as CSV, UTF-8 with a byte order mark."""
    columns, rows = TABLES[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows(report):
        writer.writerow([spreadsheet_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet(
    workbook: Workbook, title: str, columns: Sequence[str], rows: list[list[Any]], widths: Sequence[int]
) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    for number, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=number).column_letter].width = width


def report_xlsx(report: Report, *, summary: Sequence[tuple[str, Any]]) -> bytes:
    """The whole report as a workbook: Summary, Questions, Players and Answers sheets."""
    workbook = Workbook()
    first = workbook.active
    workbook.remove(first)
    _sheet(workbook, "Summary", ["Game", ""], [list(item) for item in summary], (24, 60))
    _sheet(workbook, "Questions", QUESTION_COLUMNS, question_rows(report), (5, 60, 10, 9, 10, 9, 10, 10, 14, 60, 60))
    _sheet(workbook, "Players", PLAYER_COLUMNS, player_rows(report), (7, 24, 10, 9, 10, 16))
    _sheet(workbook, "Answers", ANSWER_COLUMNS, answer_rows(report), (24, 5, 60, 40, 9, 9, 9))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
