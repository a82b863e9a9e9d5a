"""GIFT import and export, with the examples of Moodle's GIFT documentation."""
from questions.formats import gift
from questions.formats.records import BLANK

from .samples import bank_of, record


def read(text: str):
    return gift.read(text.encode("utf-8"), file="quiz.gift")


def only(text: str) -> dict:
    result = read(text)
    assert not result.errors and not result.skipped, (result.errors, result.skipped)
    (question,) = result.records
    return question


def choices(question: dict) -> list[tuple[str, bool]]:
    return [(c["text"], c["is_correct"]) for c in question["choices"]]


def test_single_choice_with_title_feedback_and_general_feedback():
    q = only("::Colours::What colour is the sky? {=Blue#Right! ~Green#No, look up. ~Red ####The sky is blue.}")
    assert (q["type"], q["stem"], q["title"]) == ("single", "What colour is the sky?", "Colours")
    assert choices(q) == [("Blue", True), ("Green", False), ("Red", False)]
    assert q["choices"][0]["feedback"] == "Right!" and q["choices"][1]["feedback"] == "No, look up."
    assert q["explanation"] == "The sky is blue."


def test_without_general_feedback_the_right_answers_feedback_explains():
    assert only("Who? {=Grant#He is buried there. ~Lincoln}")["explanation"] == "He is buried there."


def test_multiple_answers_with_percentage_weights():
    q = only("Who's buried in Grant's tomb?{~%50%Grant ~%50%Grant's wife ~%-100%Lincoln}")
    assert q["type"] == "multiple"
    assert choices(q) == [("Grant", True), ("Grant's wife", True), ("Lincoln", False)]


def test_true_false_in_every_spelling_with_its_two_feedbacks():
    for answer, value in (("T", True), ("TRUE", True), ("F", False), ("FALSE", False)):
        q = only(f"Grant is buried in Grant's tomb.{{{answer}}}")
        assert q["type"] == "truefalse" and choices(q) == [("True", value), ("False", not value)]
    q = only("The sun rises in the west.{F#That is the east.#Yes: it sets there.}")
    assert q["choices"][0]["feedback"] == "That is the east."  # the wrong answer's feedback
    assert q["explanation"] == "Yes: it sets there."


def test_short_answer_becomes_typed_and_partial_credit_is_left_out():
    q = only("Two plus two equals {=four =4 =%50%fore}")
    assert (q["type"], q["accepted_answers"]) == ("typed", ["four", "4"])


def test_matching_pairs():
    q = only("Match the animal to its sound. {=cat -> meow =dog -> woof =cow -> moo}")
    assert q["type"] == "matching"
    assert [(c["text"], c["match_text"]) for c in q["choices"]] == [("cat", "meow"), ("dog", "woof"), ("cow", "moo")]


def test_numerical_becomes_typed_with_the_number():
    assert only("Pi to one decimal? {#3.1:0.05}")["accepted_answers"] == ["3.1"]
    assert only("A number from 1 to 5 {#1..5}")["accepted_answers"] == ["3"]
    assert only("Grant was born in {#=1822:0 =%50%1822:2 #Close enough}")["accepted_answers"] == ["1822"]
    assert only("Half {#0.50}")["accepted_answers"] == ["0.50", "0.5"]


def test_missing_word_format_keeps_a_blank_in_the_stem():
    q = only("Moodle costs {~lots of money =nothing ~a small amount} to download.")
    assert q["stem"] == f"Moodle costs {BLANK} to download."


def test_escaped_control_characters_and_newlines():
    q = only(r"Which is \{braced\}\: a\=b\~c\#d \\ end\nsecond line? {=x\=1 ~y\#2}")
    assert q["stem"] == "Which is {braced}: a=b~c#d \\ end\nsecond line?"
    assert choices(q) == [("x=1", True), ("y#2", False)]


def test_comments_categories_and_multi_line_answer_blocks():
    result = read("""// exported by someone
$CATEGORY: $course$/Bones

// a comment right above
::Q1:: Which cells build bone? {
  =Osteoblasts
  // not this one
  ~Osteoclasts
}
""")
    assert [q["title"] for q in result.records] == ["Q1"]
    assert choices(result.records[0]) == [("Osteoblasts", True), ("Osteoclasts", False)]
    assert not result.errors and not result.skipped


def test_html_is_reduced_to_text_and_scripts_never_survive():
    q = only("[html]<p>Which <b>process</b> &amp; why?</p><script>alert(1)</script> {=<i>Ossification</i> ~Other}")
    assert q["stem"] == "Which process & why?"
    assert choices(q) == [("Ossification", True), ("Other", False)]
    assert only("[markdown]Is **this** kept? {T}")["stem"] == "Is **this** kept?"
    assert only("::t::[plain]<b>literal</b> {T}")["stem"] == "<b>literal</b>"


def test_kinds_quizgame_cannot_play_are_skipped_with_their_lines():
    result = read("Write an essay about bone. {}\n\nThis is only a description.\n\nFine? {T}\n")
    assert [q["type"] for q in result.records] == ["truefalse"]
    assert [(s.line, s.reason.split(" (")[0]) for s in result.skipped] == [(1, "an essay question"),
                                                                          (3, "a description")]
    assert "either" not in str(result.skipped) and not result.errors
    assert "several answers" in read("Pick {=a =b ~c}").skipped[0].reason


def test_errors_name_the_line_and_the_other_questions_are_kept():
    result = read("""First {=a ~b}

Unclosed { =a ~b

::No end title {=a ~b}

Match {=a -> x =b}

Number {#twelve}

Last {=c ~d}
""")
    assert [q["stem"] for q in result.records] == ["First", "Last"]
    problems = {e.line: e.reason for e in result.errors}
    assert set(problems) == {3, 5, 7, 9}
    assert "not closed with '}'" in problems[3]
    assert "title" in problems[5]
    assert "has no '->'" in problems[7]
    assert "'twelve' is not a number" in problems[9]
    assert str(result.errors[0]).startswith("quiz.gift, line 3:")


def test_a_question_that_breaks_quizgame_rules_is_an_error_not_a_crash():
    result = read("Only one option {~%100%a}")
    assert not result.records and "at least two choices" in result.errors[0].reason


def test_export_escapes_control_characters_and_reads_back():
    tricky = record("single", stem="a {b} = c ~ d # e : f \\ g\nnext line", title="T::1",
                    choices=[{"text": "=x", "is_correct": True}, {"text": "%50%y"}, {"text": "z->w"}],
                    explanation="#### not a separator")
    exported = gift.write(bank_of(tricky))
    text = exported.content.decode()
    assert "\\{b\\} \\= c \\~ d \\# e \\: f \\\\ g\\nnext line" in text
    (back,) = read(text).records
    assert back["stem"] == tricky["stem"] and back["title"] == "T::1"
    assert choices(back) == [("=x", True), ("%50%y", False), ("z->w", False)]
    assert back["explanation"] == "#### not a separator"


def test_export_guards_stems_that_would_read_as_a_comment_or_a_format():
    for stem in ("// not a comment", "[html] not a format"):
        (back,) = read(gift.write(bank_of(record("truefalse", stem=stem))).content.decode()).records
        assert back["stem"] == stem


def test_export_skips_what_gift_cannot_say_and_says_why():
    exported = gift.write(bank_of(
        record("ordering"),
        record("single"),
        record("matching", choices=[{"text": "a->b", "match_text": "x"}, {"text": "c", "match_text": "y"}]),
        record("typed", accepted_answers=["a -> b"]),
    ), file="out.gift")
    assert exported.exported == 1
    assert [(s.line, s.where) for s in exported.skipped] == [(1, "question"), (3, "question"), (4, "question")]
    assert exported.skipped[0].reason == "GIFT has no ordering questions"
    assert str(exported.skipped[0]) == "out.gift, question 1: GIFT has no ordering questions"
