"""How questions are shown and answers checked, without a database."""
import pytest

from quizgame.rooms.presentation import (
    ChoiceData,
    InvalidResponse,
    QuestionData,
    normalize_typed,
    present,
    typed_matches,
)


def question(kind, choices=(), **extra):
    return QuestionData(id=7, type=kind, stem="?", choices=tuple(choices), **extra)


ORDER = [ChoiceData(id=10 + i, text=t, position=i) for i, t in enumerate(["first", "second", "third", "fourth"])]
PAIRS = [ChoiceData(id=20 + i, text=left, match_text=right, position=i)
         for i, (left, right) in enumerate([("A", "apple"), ("B", "banana"), ("C", "cherry")])]
MULTI = [ChoiceData(id=30, text="x", is_correct=True), ChoiceData(id=31, text="y"),
         ChoiceData(id=32, text="z", is_correct=True), ChoiceData(id=33, text="w")]


def test_public_view_carries_no_correctness_and_no_ids():
    for kind, choices in [("single", MULTI[:2]), ("multiple", MULTI), ("ordering", ORDER), ("matching", PAIRS)]:
        public = present(question(kind, choices), seed=1, index=0).public()
        text = repr(public)
        for forbidden in ("is_correct", "position", "match_text", "'id'", "solution"):
            assert forbidden not in text
        for choice in choices:
            assert str(choice.id) not in text


def test_ordering_is_never_shown_in_the_correct_order():
    for seed in range(200):
        shown = present(question("ordering", ORDER), seed=seed, index=0).shown
        assert [c.id for c in shown] != [c.id for c in ORDER]


def test_same_seed_same_screen_and_different_seeds_differ():
    a = present(question("single", MULTI), seed=5, index=2).public()
    assert a == present(question("single", MULTI), seed=5, index=2).public()
    assert any(present(question("single", MULTI), seed=s, index=2).public() != a for s in range(10))


def test_multiple_choice_is_all_or_nothing():
    p = present(question("multiple", MULTI), seed=3, index=0)
    right = p.solution()["choices"]
    assert p.check({"choices": right}) is True
    assert p.check({"choices": right[:1]}) is False
    wrong = [k for k in range(4) if k not in right]
    assert p.check({"choices": right + wrong[:1]}) is False
    with pytest.raises(InvalidResponse):
        p.check({"choices": [right[0], right[0]]})


def test_ordering_and_matching_check_against_the_solution():
    o = present(question("ordering", ORDER), seed=9, index=1)
    assert o.check({"order": o.solution()["order"]}) is True
    assert o.check({"order": list(reversed(o.solution()["order"]))}) is False
    with pytest.raises(InvalidResponse):
        o.check({"order": [0, 0, 1, 2]})
    m = present(question("matching", PAIRS), seed=9, index=1)
    assert m.check({"pairs": m.solution()["pairs"]}) is True
    swapped = [list(p) for p in m.solution()["pairs"]]
    swapped[0][1], swapped[1][1] = swapped[1][1], swapped[0][1]
    assert m.check({"pairs": swapped}) is False
    with pytest.raises(InvalidResponse):
        m.check({"pairs": [[0, 0], [0, 1], [2, 2]]})


@pytest.mark.parametrize("bad", [None, [], {"choice": 9}, {"choice": -1}, {"choice": True}, {"choice": "0"}, {}])
def test_invalid_single_choice_responses_are_refused(bad):
    p = present(question("single", MULTI[:2]), seed=1, index=0)
    with pytest.raises(InvalidResponse):
        p.check(bad)


@pytest.mark.parametrize(
    ("given", "ok"),
    [("Osteoblasts", True), ("  osteoblast ", True), ("osteoblsts", True), ("OSTEO-BLASTS", True),
     ("osteoclasts", False), ("bone", False), ("", False)],
)
def test_typed_answers_forgive_case_hyphens_and_a_small_typo(given, ok):
    assert typed_matches(given, ["osteoblasts", "osteoblast"]) is ok


def test_typed_normalisation():
    assert normalize_typed("  Vitamin-D! ") == "vitamin d"
