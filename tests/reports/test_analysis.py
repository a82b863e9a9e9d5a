"""Item analysis on hand-made answers (no database)."""
from quizgame.reports.analysis import AnswerInfo, ChoiceInfo, PlayerInfo, QuestionInfo, analyse, answer_text

CHOICES = (ChoiceInfo(1, "A", True), ChoiceInfo(2, "B", True), ChoiceInfo(3, "C"), ChoiceInfo(4, "D"))
PLAYERS = [PlayerInfo(i, f"P{i}", 100 * (10 - i)) for i in range(1, 11)]


def one(question, answers, players=PLAYERS):
    return analyse(questions=[question], players=players, answers=answers).questions[0]


def picks(*choice_sets, correct_when=frozenset({1, 2})):
    return [AnswerInfo(player_id=n, question_index=0, is_correct=set(ids) == correct_when, elapsed_ms=1000,
                       choice_ids=tuple(ids)) for n, ids in enumerate(choice_sets, start=1)]


def test_a_distractor_beating_the_less_chosen_right_answer_of_a_multi_select_is_flagged():
    question = QuestionInfo(0, 7, "multiple", "Which?", CHOICES)
    stats = one(question, picks({1, 3}, {1, 3}, {1, 2}, {1, 3}, {1, 3}, {1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}))
    assert stats.options[1].count == 6 and stats.options[2].count == 4
    assert stats.flags == []  # C (4) trails the less-chosen right answer B (6)
    stats = one(question, picks({1, 3}, {1, 3}, {1, 3}, {1, 3}, {1, 3}, {1, 3}, {1, 3}, {1, 2}, {1, 2}, {1, 2}))
    assert [f.code for f in stats.flags] == ["distractor"]
    assert "“C” was chosen more often (7) than the right answer (3)" in stats.flags[0].message


def test_easy_and_hard_are_shares_of_the_players_present_and_unanswered_questions_are_not_flagged():
    question = QuestionInfo(0, 7, "single", "Which?", CHOICES[1:])
    nine_right = picks(*([{2}] * 9), correct_when={2})
    assert [f.code for f in one(question, nine_right).flags] == ["easy"]
    eight_right = picks(*([{2}] * 8), correct_when={2})
    assert one(question, eight_right).flags == []
    one_right = picks({2}, {3}, {4}, correct_when={2})
    assert [f.code for f in one(question, one_right).flags] == ["hard"]
    assert one(question, []).flags == [] and one(question, []).average_seconds is None


def test_typed_answers_are_grouped_as_the_game_compares_them():
    question = QuestionInfo(0, 7, "typed", "Which cells?")
    answers = [AnswerInfo(n, 0, text != "osteoclasts", 2000, text=text)
               for n, text in enumerate(["Osteoblasts", "osteoblasts ", "OSTEO-BLASTS", "osteoclasts"], start=1)]
    stats = one(question, answers)
    assert [(o.text, o.count, o.is_correct) for o in stats.options] == [("Osteoblasts", 3, True),
                                                                       ("osteoclasts", 1, False)]
    assert stats.flags == []


def test_ordering_and_matching_answers_in_words():
    ordering = QuestionInfo(0, 7, "ordering", "Order", (ChoiceInfo(1, "first"), ChoiceInfo(2, "second")))
    assert answer_text(ordering, AnswerInfo(1, 0, False, 0, choice_ids=(2, 1))) == "second → first"
    matching = QuestionInfo(0, 8, "matching", "Match", (ChoiceInfo(1, "cat", match_text="meow"),
                                                        ChoiceInfo(2, "dog", match_text="woof")))
    assert answer_text(matching, AnswerInfo(1, 0, False, 0, pairs=((1, 2), (2, 1)))) == "cat = woof; dog = meow"
    stats = one(matching, [AnswerInfo(1, 0, True, 0, pairs=((1, 1), (2, 2))), AnswerInfo(2, 0, False, 0)])
    assert [(o.text, o.count) for o in stats.options] == [("Every pair right", 1), ("Some pairs wrong", 1)]
