"""CSV import and export: one question per row."""
from questions.formats import csvfile

from .samples import bank_of, record


def read(text: str):
    return csvfile.read(text.encode("utf-8"), file="quiz.csv")


def test_every_type_from_one_sheet():
    result = read(
        "type,question,answer_1,answer_2,answer_3,match_1,match_2,correct,explanation,time_limit,points,difficulty\n"
        "single,Which builds bone?,Ossification,Calcification,Erosion,,,1,Bone forms.,30,2,3\n"
        "multiple,Which calcify?,Dystrophic,Intramembranous,Metastatic,,,\"1,3\",,,,\n"
        "truefalse,Only bone calcifies.,,,,,,false,,,,\n"
        "typed,Which cells build bone?,osteoblasts,osteoblast,,,,,,,,\n"
        "ordering,Order them.,first,second,third,,,,,,,\n"
        "matching,Match them.,cat,dog,,meow,woof,,,,,\n"
    )
    assert not result.errors
    single, multiple, truefalse, typed, ordering, matching = result.records
    assert (single["time_limit"], single["points_multiplier"], single["difficulty"]) == (30, 2, 3)
    assert single["explanation"] == "Bone forms." and single["choices"][0]["is_correct"]
    assert [c["is_correct"] for c in multiple["choices"]] == [True, False, True]
    assert [c["is_correct"] for c in truefalse["choices"]] == [False, True]
    assert typed["accepted_answers"] == ["osteoblasts", "osteoblast"]
    assert [c["text"] for c in ordering["choices"]] == ["first", "second", "third"]
    assert [(c["text"], c["match_text"]) for c in matching["choices"]] == [("cat", "meow"), ("dog", "woof")]


def test_friendly_headers_semicolons_letters_and_a_guessed_type():
    result = read("Question;Answer 1;Answer 2;Answer 3;Correct answer;Time\n"
                  "Which builds bone?;Ossification;Calcification;Erosion;A;20\n"
                  "Which calcify?;Dystrophic;Intramembranous;Metastatic;A, C;\n"
                  "Bone is alive.;;;;true;\n")
    assert not result.errors
    assert [r["type"] for r in result.records] == ["single", "multiple", "truefalse"]


def test_bad_rows_name_their_first_line_even_after_a_quoted_line_break():
    result = read("type,question,answer_1,answer_2,correct\n"
                  "single,\"A question\nover two lines?\",a,b,1\n"
                  "single,Points at nothing,a,b,4\n"
                  "essay,Write something,,,\n"
                  ",No type and no answer,a,b,\n"
                  "matching,Unpaired,a,b,\n"
                  "single,Fine,a,b,2\n")
    assert [r["stem"] for r in result.records] == ["A question\nover two lines?", "Fine"]
    problems = {e.line: e.reason for e in result.errors}
    assert "correct answer 4 refers to an empty answer column" in problems[4]
    assert "type must be one of" in problems[5]
    assert "give the question's type or its correct answer" in problems[6]
    assert "match_1" in problems[7]
    assert str(result.errors[0]).startswith("quiz.csv, line 4:")


def test_a_missing_question_column_and_unknown_columns_are_reported():
    assert "no 'question' column" in read("foo,bar\n1,2\n").errors[0].reason
    result = read("question,answer_1,answer_2,correct,colour\nQ?,a,b,1,red\n")
    assert len(result.records) == 1 and "unknown columns were ignored: colour" in result.errors[0].reason


def test_export_has_documented_columns_and_guards_formulas():
    exported = csvfile.write(bank_of(record("single", stem="=SUM(A1)", choices=[
        {"text": "-5", "is_correct": True}, {"text": "'+x"}]), record("matching")))
    text = exported.content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[:2] == ["type", "question"] and "answer_4" in header and "match_1" in header
    assert header[-8:] == ["correct", "explanation", "time_limit", "points", "difficulty", "title", "source",
                           "excerpt"]
    assert text.splitlines()[1].startswith("single,'=SUM(A1),'-5,''+x,")
    back = csvfile.read(exported.content, file="x.csv").records
    assert back[0]["stem"] == "=SUM(A1)" and [c["text"] for c in back[0]["choices"]] == ["-5", "'+x"]
    assert exported.content.startswith(b"\xef\xbb\xbf")


def test_export_leaves_out_questions_not_approved():
    exported = csvfile.write(bank_of(record("single", review_status="pending"), record("typed"),
                                     record("truefalse", review_status="rejected")))
    assert exported.exported == 1
    assert [(s.line, s.reason) for s in exported.skipped] == [(1, "not approved yet (waiting for review)"),
                                                             (3, "rejected in review")]
