"""Aiken import and export."""
from questions.formats import aiken

from .samples import bank_of, record


def read(text: str):
    return aiken.read(text.encode("utf-8"), file="quiz.txt")


def test_questions_with_options_and_answer_lines():
    result = read("""What is the correct answer to this question?
A. Is it this one?
B. Maybe this answer?
C. Possibly this one?
D. Must be this one!
ANSWER: D

Which LMS has the most quiz import formats?
A) Moodle
B) ATutor
ANSWER: A
""")
    assert not result.errors
    first, second = result.records
    assert first["type"] == "single" and first["stem"] == "What is the correct answer to this question?"
    assert [(c["text"], c["is_correct"]) for c in first["choices"]][-1] == ("Must be this one!", True)
    assert [c["text"] for c in second["choices"]] == ["Moodle", "ATutor"] and second["choices"][0]["is_correct"]


def test_a_question_may_run_over_lines_and_true_false_options_make_a_true_false_question():
    (q,) = read("Calcification can happen\nonly in bone.\nA. True\nB. False\nANSWER: B\n").records
    assert q["stem"] == "Calcification can happen\nonly in bone."
    assert q["type"] == "truefalse" and [c["is_correct"] for c in q["choices"]] == [False, True]


def test_a_broken_question_is_reported_by_its_line_and_the_next_one_is_read():
    result = read("""No answer line here?
A. One
B. Two

Answer names no option?
A. One
B. Two
ANSWER: E

A. Options with no question
B. Two
ANSWER: A

Two answers?
A. One
B. Two
ANSWER: A, B

Good one?
A. Yes
B. No
ANSWER: a
""")
    assert [q["stem"] for q in result.records] == ["Good one?"]
    assert result.records[0]["choices"][0]["is_correct"]
    problems = {e.line: e.reason for e in result.errors}
    assert "no 'ANSWER: X' line" in problems[1]
    assert "must name one of the options A, B" in problems[8]
    assert "options with no question text" in problems[10]
    assert "'ANSWER: A, B'" in problems[17]
    assert str(result.errors[0]).startswith("quiz.txt, line 1:")


def test_a_question_missing_its_answer_at_the_end_of_the_file():
    result = read("Good?\nA. Yes\nB. No\nANSWER: A\n\nCut short?\nA. Yes\n")
    assert len(result.records) == 1 and result.errors[0].line == 6


def test_export_writes_single_choice_and_true_false_and_skips_the_rest_with_reasons():
    exported = aiken.write(bank_of(record("single", stem="Which\nprocess?"), record("multiple"), record("typed"),
                                   record("truefalse"), record("ordering"), record("matching"),
                                   record("single", stem="A. looks like an option")))
    text = exported.content.decode()
    assert text.startswith("Which process?\nA. Ossification\nB. Calcification\nC. Erosion\nANSWER: A\n")
    assert "Calcification only happens in bone.\nA. True\nB. False\nANSWER: B" in text
    assert exported.exported == 2
    reasons = {s.line: s.reason for s in exported.skipped}
    assert reasons[2] == "Aiken has only single-choice questions, not multiple"
    assert set(reasons) == {2, 3, 5, 6, 7} and "option or ANSWER line" in reasons[7]
