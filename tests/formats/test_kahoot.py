"""Kahoot's quiz spreadsheet template, read and written through openpyxl."""
import io

from openpyxl import Workbook, load_workbook

from questions.formats import kahoot

from .samples import bank_of, record


def template(*rows, header_row: int = 8) -> bytes:
    """A workbook laid out like Kahoot's template: title and instructions, the header row, numbered rows."""
    book = Workbook()
    sheet = book.active
    sheet["B2"] = "Quiz template"
    sheet["B3"] = "Add questions, at least two answer alternatives, time limit and choose correct answers."
    for column, name in enumerate(kahoot.HEADER, start=1):
        sheet.cell(row=header_row, column=column, value=name or None)
    for offset, row in enumerate(rows, start=1):
        sheet.cell(row=header_row + offset, column=1, value=offset)
        for column, value in enumerate(row, start=2):
            sheet.cell(row=header_row + offset, column=column, value=value)
    sheet.cell(row=header_row + len(rows) + 1, column=1, value=len(rows) + 1)  # a numbered, empty row
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(data: bytes):
    return kahoot.read(data, file="quiz.xlsx")


def test_rows_below_the_header_become_questions():
    result = read(template(
        ["Capital of France?", "Berlin", "Paris", "Rome", None, 20, 2],
        ["Which are even?", 2, 3, 4, 5.0, 30, "1,3"],
        ["Bone is living tissue.", "True", "False", None, None, 10, 1],
        ["Three answers, third empty?", "a", "b", None, "d", "240", "1; 4"],
    ))
    assert not result.errors
    france, even, living, gap = result.records
    assert (france["type"], france["time_limit"]) == ("single", 20)
    assert [(c["text"], c["is_correct"]) for c in france["choices"]] == [("Berlin", False), ("Paris", True),
                                                                        ("Rome", False)]
    assert even["type"] == "multiple" and [c["text"] for c in even["choices"]] == ["2", "3", "4", "5"]
    assert [c["is_correct"] for c in even["choices"]] == [True, False, True, False]
    assert living["type"] == "truefalse" and living["choices"][0]["is_correct"]
    assert [c["text"] for c in gap["choices"]] == ["a", "b", "d"] and gap["choices"][2]["is_correct"]


def test_the_header_row_is_found_wherever_it_is():
    result = read(template(["Q?", "a", "b", None, None, 5, 1], header_row=3))
    assert [r["stem"] for r in result.records] == ["Q?"]


def test_bad_rows_are_reported_by_spreadsheet_row_and_the_rest_are_read():
    result = read(template(
        ["Fine?", "a", "b", None, None, 20, 1],
        ["Points at an empty answer", "a", "b", None, None, 20, 3],
        [None, "answer without a question", "b", None, None, 20, 1],
        ["No correct answer", "a", "b", None, None, 20, None],
        ["Words for numbers", "a", "b", None, None, 20, "first"],
        ["Odd time", "a", "b", None, None, "soon", 1],
        ["Also fine?", "a", "b", None, None, None, 2],
    ))
    assert [r["stem"] for r in result.records] == ["Fine?", "Also fine?"]
    assert result.records[1]["time_limit"] == 20
    problems = {e.line: e.reason for e in result.errors}
    assert "correct answer 3 refers to an empty" in problems[10]
    assert "no question" in problems[11]
    assert "no correct answer" in problems[12]
    assert "'first'" in problems[13]
    assert "time limit 'soon'" in problems[14]
    assert str(result.errors[0]).startswith("quiz.xlsx, row 10:")


def test_files_that_are_not_kahoot_spreadsheets_give_an_error():
    assert "not an .xlsx workbook" in read(b"not a zip at all").errors[0].reason
    book = Workbook()
    book.active["A1"] = "Just a list"
    buffer = io.BytesIO()
    book.save(buffer)
    assert "no header row" in read(buffer.getvalue()).errors[0].reason


def test_export_follows_the_template_layout_and_reads_back():
    exported = kahoot.write(bank_of(record("single", time_limit=25), record("multiple"), record("truefalse"),
                                    title="Bones"))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [c.value for c in sheet[8]][1:] == kahoot.HEADER[1:]
    assert [c.value for c in sheet[9]] == [1, "Which process forms new bone tissue?", "Ossification",
                                           "Calcification", "Erosion", None, 30, 1]
    assert sheet["H10"].value == "1,3"
    back = read(exported.content)
    assert back.title == "Bones" and [r["type"] for r in back.records] == ["single", "multiple", "truefalse"]


def test_export_skips_what_kahoot_cannot_hold():
    six = [{"text": str(n), "is_correct": n == 1} for n in range(1, 7)]
    exported = kahoot.write(bank_of(
        record("typed"), record("single", choices=six), record("single", stem="x" * 121),
        record("single", choices=[{"text": "y" * 76, "is_correct": True}, {"text": "b"}]), record("ordering"),
    ))
    assert exported.exported == 0
    reasons = [s.reason for s in exported.skipped]
    assert "not typed" in reasons[0] and "at most 4 answers" in reasons[1]
    assert "120 characters" in reasons[2] and "answer 1 is longer than Kahoot's 75" in reasons[3]


def test_text_that_looks_like_a_formula_stays_text():
    exported = kahoot.write(bank_of(record("single", stem="=1+1 is?", choices=[
        {"text": "=HYPERLINK(\"http://x\")", "is_correct": True}, {"text": "2"}])))
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet["B9"].data_type == "s" and sheet["C9"].data_type == "s"
    (back,) = read(exported.content).records
    assert back["stem"] == "=1+1 is?" and back["choices"][0]["text"] == "=HYPERLINK(\"http://x\")"


def test_time_limits_go_to_kahoots_next_allowed_value():
    assert [kahoot.kahoot_time(s) for s in (1, 5, 15, 20, 45, 200, 3600)] == [5, 5, 20, 20, 60, 240, 240]
