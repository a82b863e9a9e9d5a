"""Each structure miner on a small document written for the test."""
from __future__ import annotations

from generation_samples import FAQ, GLACIERS, KEYTERMS, SEQUENCE, STEPS, TABLE

from questions.generation.facts import mine_facts
from questions.generation.miners.causes import mine_causes
from questions.generation.miners.contrasts import mine_contrasts
from questions.generation.miners.definitions import mine_definitions
from questions.generation.miners.enumerations import mine_enumerations, split_members
from questions.generation.miners.faq import mine_faq
from questions.generation.miners.keyterms import mine_keyterms
from questions.generation.miners.matching import mine_matching
from questions.generation.miners.ordering import mine_ordering, shorten_step
from questions.generation.miners.tables import mine_tables


def by_stem(candidates, stem):
    found = [c.question for c in candidates if c.question.stem == stem]
    assert found, f"no question {stem!r} among {[c.question.stem for c in candidates]}"
    return found[0]


def correct(question):
    return [c.text for c in question.choices if c.is_correct]


def test_definitions_name_the_term_and_offer_sibling_terms(corpus_of):
    corpus = corpus_of(GLACIERS)
    candidates = mine_definitions(corpus, mine_facts(corpus))
    question = by_stem(candidates, "Which term describes the process of ice tearing loose blocks of bedrock from a "
                                   "valley floor?")
    assert correct(question) == ["Plucking"]
    assert len(question.choices) == 4
    assert "Abrasion" in [c.text for c in question.choices] or len({c.text for c in question.choices}) == 4
    what_is = by_stem(candidates, "What is a drumlin?")
    assert correct(what_is) == ["An elongated hill shaped by ice flowing over loose sediment"]
    typed = by_stem(candidates, "What term describes a ridge of rock debris left behind by a retreating glacier?")
    assert typed.type == "typed" and "moraine" in typed.accepted_answers and "moraines" in typed.accepted_answers


def test_contrast_gives_single_choice_and_a_swapped_false_statement(corpus_of):
    corpus = corpus_of(GLACIERS)
    candidates = mine_contrasts(corpus, mine_facts(corpus))
    single = by_stem(candidates, "Which of the following spreads outward across a whole continent?")
    assert correct(single) == ["Ice sheet"]
    assert "Glacier" in [c.text for c in single.choices]
    false = by_stem(candidates, "An ice sheet flows down a valley under its own weight.")
    assert false.type == "truefalse" and false.choices[1].is_correct


def test_causes_use_other_causes_as_distractors(corpus_of):
    corpus = corpus_of(GLACIERS)
    question = by_stem(mine_causes(corpus, mine_facts(corpus)), "What causes calving?")
    assert correct(question) == ["The ice front cracking where it meets the sea"]
    assert "Meltwater building up beneath the glacier" in [c.text for c in question.choices]


def test_tables_give_swapped_true_false_and_multi_select(corpus_of):
    corpus = corpus_of(TABLE)
    candidates = mine_tables(corpus)
    false = by_stem(candidates, "For flow, “Spreads outward from a central dome” describes glacier, not ice sheet.")
    assert false.choices[1].is_correct
    assert sum(c.question.type == "truefalse" for c in candidates) == 3
    true = by_stem(candidates, "For size, “Covers a single valley or mountain side” describes glacier, not ice sheet.")
    assert true.choices[0].is_correct
    multi = by_stem(candidates, "According to the comparison, which of these describe glacier (not ice sheet)?")
    assert sorted(correct(multi)) == ["Covers a single valley or mountain side", "Found in the Alps and the Rockies",
                                      "Moves downhill along a valley"]


def test_faq_yes_no_pairs_become_true_false(corpus_of):
    candidates = mine_faq(corpus_of(FAQ))
    assert by_stem(candidates, "Glaciers can move uphill.").choices[0].is_correct
    assert by_stem(candidates, "Glacial ice is always white.").choices[1].is_correct
    assert by_stem(candidates, "Ice sheets are found in Greenland.").choices[0].is_correct


def test_enumerations_become_multi_select_with_other_lists_as_distractors(corpus_of):
    candidates = mine_enumerations(corpus_of(GLACIERS))
    question = by_stem(candidates, "Which of the following are types of moraine?")
    assert question.type == "multiple"
    assert sorted(correct(question)) == ["Lateral", "Terminal"]
    assert {"Cirque", "Valley", "Piedmont"} & {c.text for c in question.choices if not c.is_correct}


def test_split_members_keeps_short_items_only():
    assert split_members("red (warm), green, and blue") == ["red", "green", "blue"]
    assert split_members("one long member that has far too many words, two") == []


def test_ordering_from_numbered_list_and_first_then_finally(corpus_of):
    listed = mine_ordering(corpus_of(STEPS))[0].question
    assert listed.type == "ordering"
    in_order = [c.text for c in sorted(listed.choices, key=lambda c: c.position)]
    assert in_order[0] == "Snow falls and settles in a hollow"
    assert in_order[-1] == "The ice starts to flow downhill under its own weight"
    assert [c.position for c in listed.choices] != list(range(len(listed.choices)))
    sequence = mine_ordering(corpus_of(SEQUENCE))[0].question
    assert [c.text for c in sorted(sequence.choices, key=lambda c: c.position)] == [
        "Dig a hole down to the ground", "Smooth one wall with a shovel", "Measure each snow layer with a ruler"]


def test_shorten_step_keeps_the_main_clause():
    long_step = ("As the weather warms, the meltwater runs through tunnels under the ice and carries fine rock flour, "
                 "which colours the lakes below")
    assert shorten_step(long_step) == "The meltwater runs through tunnels under the ice and carries fine rock flour"
    assert shorten_step("Snow " + "very " * 25 + "slowly settles") is None


def test_matching_pairs_unrelated_terms_with_their_descriptions(corpus_of):
    corpus = corpus_of(GLACIERS)
    questions = [c.question for c in mine_matching(corpus, mine_facts(corpus))]
    assert questions
    for question in questions:
        assert 3 <= len(question.choices) <= 4
        assert len({c.text for c in question.choices}) == len(question.choices)
        assert all(c.match_text for c in question.choices)
    pairs = {c.text: c.match_text for q in questions for c in q.choices}
    assert pairs.get("Drumlin", "Elongated hill shaped by ice flowing over loose sediment") == \
        "Elongated hill shaped by ice flowing over loose sediment"


def test_keyterms_blank_the_named_term(corpus_of):
    candidates = mine_keyterms(corpus_of(KEYTERMS))
    question = by_stem(candidates, "Fill in the blank: Ice moves forward by sliding over a thin film of water called "
                                   "_____.")
    assert question.type == "typed" and question.accepted_answers[0] == "meltwater"
    zone = by_stem(candidates, "Fill in the blank: The area where snow builds up each year is known as the _____.")
    assert "accumulation zone" in zone.accepted_answers
