"""The canonical record every format reads into, and what makes a record playable."""
import pytest

from questions.formats import RecordError, normalize_record, record_problems
from questions.formats.records import MAX_QUESTIONS, Collector

from .samples import RAW, record


def test_a_record_gets_every_field_with_defaults_and_choices_in_position_order():
    shuffled = {"type": "ordering", "stem": " Order them. ",
                "choices": [{"text": "b", "position": 1}, {"text": "c", "position": 2}, {"text": "a", "position": 0}]}
    canonical = normalize_record(shuffled)
    assert canonical["stem"] == "Order them."
    assert [c["text"] for c in canonical["choices"]] == ["a", "b", "c"]
    assert [c["position"] for c in canonical["choices"]] == [0, 1, 2]
    assert all(c["is_correct"] for c in canonical["choices"])
    assert (canonical["difficulty"], canonical["time_limit"], canonical["points_multiplier"]) == (2, 20, 1)
    assert canonical["source"] == "" and canonical["span_start"] is None


def test_true_false_is_always_true_then_false():
    canonical = normalize_record({"type": "truefalse", "stem": "S",
                                  "choices": [{"text": "false", "is_correct": True}, {"text": "TRUE"}]})
    assert canonical["choices"] == [
        {"text": "True", "is_correct": False, "position": 0, "match_text": ""},
        {"text": "False", "is_correct": True, "position": 1, "match_text": ""},
    ]


def test_the_generator_names_the_source_document_and_that_is_read_as_source():
    assert normalize_record({**RAW["single"], "document": "notes.md"})["source"] == "notes.md"


@pytest.mark.parametrize("raw, message", [
    ({"type": "essay", "stem": "x"}, "type must be one of"),
    ({"type": "single", "stem": 5}, "stem must be text"),
    ({"type": "single", "stem": "x", "choices": "abc"}, "choices must be a list"),
    ({"type": "single", "stem": "x", "choices": [{"text": "a", "is_correct": "yes"}]}, "is_correct must be true"),
    ({"type": "single", "stem": "x", "time_limit": "soon"}, "time_limit must be a whole number"),
    ({"type": "ordering", "stem": "x", "choices": [{"text": "a", "position": 1}, {"text": "b", "position": 1}]},
     "distinct positions"),
    ({"type": "single", "stem": "x", "review_status": "maybe"}, "review_status"),
])
def test_fields_of_the_wrong_shape_are_refused_with_the_reason(raw, message):
    with pytest.raises(RecordError, match=message):
        normalize_record(raw)


@pytest.mark.parametrize("qtype, changes, message", [
    ("single", {"stem": "  "}, "no text"),
    ("single", {"choices": [{"text": "a", "is_correct": True}]}, "at least two choices"),
    ("single", {"choices": [{"text": "a", "is_correct": True}, {"text": "b", "is_correct": True}]}, "exactly one"),
    ("multiple", {"choices": [{"text": "a"}, {"text": "b"}]}, "at least one correct"),
    ("truefalse", {"choices": [{"text": "Yes", "is_correct": True}, {"text": "No"}]}, "True and False"),
    ("typed", {"accepted_answers": [" "]}, "accepted answer"),
    ("matching", {"choices": [{"text": "a", "match_text": "x"}, {"text": "b"}]}, "choice 2 has nothing to match"),
    ("single", {"choices": [{"text": "a" * 256, "is_correct": True}, {"text": "b"}]}, "longer than 255"),
    ("single", {"choices": [{"text": "Same", "is_correct": True}, {"text": "same"}]}, "same text"),
    ("single", {"difficulty": 5}, "difficulty"),
    ("single", {"time_limit": 0}, "time limit"),
    ("single", {"points_multiplier": 3}, "points"),
])
def test_a_record_that_cannot_be_played_says_why(qtype, changes, message):
    problems = record_problems(record(qtype, **changes))
    assert any(message in p for p in problems), problems


@pytest.mark.parametrize("qtype", list(RAW))
def test_the_sample_records_are_playable(qtype):
    assert record_problems(record(qtype)) == []


def test_one_bad_question_never_loses_the_others():
    out = Collector("f.gift")
    out.add(RAW["single"], 1)
    out.add({"type": "single", "stem": "broken"}, 5)
    out.add(RAW["typed"], 9)
    assert [r["type"] for r in out.result.records] == ["single", "typed"]
    assert [(e.line, e.file) for e in out.result.errors] == [(5, "f.gift")]
    assert str(out.result.errors[0]).startswith("f.gift, line 5: a single question needs at least two choices")


def test_reading_stops_after_the_question_limit_with_one_error(monkeypatch):
    monkeypatch.setattr("questions.formats.records.MAX_QUESTIONS", 2)
    out = Collector("big.csv")
    for line in range(1, 5):
        out.add(RAW["single"], line)
    assert len(out.result.records) == 2
    assert [e.line for e in out.result.errors] == [3]
    assert MAX_QUESTIONS == 5000
