"""Grammar of generated stems and statements: finite verbs, agreement, hedges, references, vague negations.

Every document here is written for these tests.
"""
from __future__ import annotations

import pytest
from test_generation_gates import single, truefalse

from questions.generation.candidates import Candidate
from questions.generation.facts import mine_facts
from questions.generation.gates import unresolved_reference, vague_negation, weak_falsification
from questions.generation.grammar import (
    has_anaphor,
    hedge_position,
    inflect,
    is_finite,
    is_vague_negation,
    what_is,
)
from questions.generation.miners.definitions import mine_definitions
from questions.generation.miners.faq import mine_faq
from questions.generation.miners.statements import swapped_statement, truefalse_question
from questions.generation.nlp import parse

WORDS = """Ice words

Firn is the first stage of glacial ice in the making.
Firn, also called neve, is the grainy snow that has survived one summer.
A moraine is a ridge of rock debris left behind by a retreating glacier.
Seracs are the tall blocks of ice that stand between crossing crevasses.
A cirque is a bowl-shaped hollow carved at the head of a mountain valley.
Plucking is the process of ice tearing loose blocks of bedrock from a valley floor.
"""

PRONOUNS = """Moving ice

A valley glacier is a river of ice that fills a mountain valley. A cirque glacier is a small glacier that sits in a
hollow. Seracs are the tall blocks of ice between crevasses. Unlike a cirque glacier, a valley glacier is a long and
narrow river of ice: it carves a deep trough between the peaks.

A valley glacier widens the valley. When the valley glacier spreads where it does not belong, the meadows vanish.
"""

HEDGED = """Glacier surges

In some cases, a glacier can cause sudden floods downstream. Often, the glacier forms a lake behind its moraine.
A glacier is a slow river of ice. Usually, a glacier is covered by snow in winter.
"""

QUESTIONS = """Ice questions

Can one kind of ice become another?
Yes, firn slowly turns into glacial ice.

Do glaciers melt faster in summer?
Yes, warm air and rain speed up the melting.
"""

CONTRAST = """Glaciers vs. Ice Sheets

A glacier flows down a single mountain valley, whereas ice sheets cover a whole continent.
"""


def predicates(corpus, term: str) -> list[str]:
    key = corpus.lexicon.lookup(term)
    return [f.predicate for f in mine_facts(corpus) if f.term == key]


@pytest.mark.parametrize(("word", "lemma", "tag", "plural", "expected"), [
    ("builds", "build", "VBZ", True, "build"),
    ("carries", "carry", "VBZ", True, "carry"),
    ("carry", "carry", "VBP", False, "carries"),
    ("reach", "reach", "VBP", False, "reaches"),
    ("have", "have", "VBP", False, "has"),
    ("is", "be", "VBZ", True, "are"),
    ("were", "be", "VBD", False, "was"),
    ("can", "can", "MD", True, "can"),
    ("flowed", "flow", "VBD", True, "flowed"),
])
def test_inflect_makes_the_verb_agree(word, lemma, tag, plural, expected):
    assert inflect(word, lemma, tag, plural) == expected


def test_what_is_agrees_with_the_subject():
    assert what_is("firn", False) == "What is firn?"
    assert what_is("seracs", True) == "What are seracs?"


def test_a_participle_after_the_subject_is_not_its_verb():
    doc = parse("Firn, also called neve, is the grainy snow that has survived one summer.")
    called = next(t for t in doc if t.text == "called")
    assert not is_finite(called)
    assert is_finite(next(t for t in doc if t.text == "is"))


def test_statements_keep_a_finite_verb(corpus_of):
    corpus = corpus_of(WORDS)
    found = predicates(corpus, "firn")
    assert found and all(not p.startswith("called") for p in found)
    assert "is the grainy snow that has survived one summer" in found


def test_what_are_for_a_plural_term(corpus_of):
    corpus = corpus_of(WORDS)
    stems = [c.question.stem for c in mine_definitions(corpus, mine_facts(corpus))]
    assert "What are seracs?" in stems
    assert "What is a moraine?" in stems
    assert not any(stem.startswith("What is seracs") for stem in stems)


def test_a_pronoun_stands_for_the_subject_of_its_own_sentence(corpus_of):
    corpus = corpus_of(PRONOUNS)
    facts = mine_facts(corpus)
    carves = [f for f in facts if f.predicate.startswith("carves")]
    assert [f.term for f in carves] == [corpus.lexicon.lookup("valley glacier")]


def test_a_pronoun_in_a_subordinate_clause_is_not_a_fact(corpus_of):
    corpus = corpus_of(PRONOUNS)
    assert not any("belong" in f.predicate for f in mine_facts(corpus))


def test_a_swapped_subject_gets_an_agreeing_verb(corpus_of):
    corpus = corpus_of(CONTRAST)
    fact = next(f for f in mine_facts(corpus) if f.predicate.startswith("flows"))
    swapped = swapped_statement(corpus, fact)
    assert swapped is not None
    assert swapped[1] == "Ice sheets flow down a single mountain valley."
    sheet = next(f for f in mine_facts(corpus) if f.predicate.startswith("cover"))
    assert sheet.predicate_for(False) == "covers a whole continent"


def test_an_opening_hedge_is_put_back_before_the_main_verb(corpus_of):
    corpus = corpus_of(HEDGED)
    found = predicates(corpus, "glacier")
    assert "can sometimes cause sudden floods downstream" in found
    assert "often forms a lake behind its moraine" in found
    assert "is usually covered by snow in winter" in found


def test_hedge_position_follows_the_auxiliary_or_be():
    assert hedge_position(agree_at=0, verb_at=1, is_be=False) == 1  # can [sometimes] race
    assert hedge_position(agree_at=0, verb_at=0, is_be=True) == 1  # is [usually] slow
    assert hedge_position(agree_at=0, verb_at=0, is_be=False) == 0  # [often] surges


def test_faq_auxiliary_goes_after_the_whole_subject(corpus_of):
    stems = [c.question.stem for c in mine_faq(corpus_of(QUESTIONS))]
    assert "One kind of ice can become another." in stems
    assert "Glaciers melt faster in summer." in stems


def test_unresolved_references_are_rejected():
    assert has_anaphor("A valley glacier forms the rest of the valley floor.")
    assert has_anaphor("This type of glacier carves cirques.")
    assert not has_anaphor("Ice can look blue, as well as other colours.")
    assert unresolved_reference(truefalse("A valley glacier forms the rest of the valley floor.", True))
    assert unresolved_reference(single("Which of these carve valleys?", "Glaciers", "Dunes", "Rivers", "Waves")) is None
    assert unresolved_reference(single("What is a cirque?", "These hollows", "A ridge", "A hill", "A boulder"))
    assert unresolved_reference(truefalse("A glacier flows down a valley.", True)) is None


def test_vague_negations_are_rejected():
    assert is_vague_negation("Glaciers do not belong.")
    assert is_vague_negation("Firn is not limited to mountains.")
    assert not is_vague_negation("Ice sheets do not form in warm tropical lowlands.")
    assert not is_vague_negation("A glacier flows slowly.")
    vague = Candidate(truefalse("Glaciers do not belong.", True), "truefalse")
    assert vague_negation(vague)
    assert vague_negation(Candidate(truefalse("A glacier flows down a valley.", True), "truefalse")) is None


def test_a_false_statement_with_a_possibility_hedge_is_not_reliably_false():
    weak = Candidate(truefalse("Ice sheets can carve cirques.", False), "truefalse", swapped="ice sheet")
    firm = Candidate(truefalse("Ice sheets carve cirques.", False), "truefalse", swapped="ice sheet")
    assert weak_falsification(weak)
    assert weak_falsification(firm) is None


def test_hedged_facts_are_asked_as_true_statements(corpus_of):
    firm = corpus_of(CONTRAST)
    fact = next(f for f in mine_facts(firm) if f.predicate.startswith("flows"))
    question = truefalse_question(firm, fact, "contrasts", prefer_false=True)
    assert question is not None and question.question.choices[1].is_correct
    hedged = corpus_of(CONTRAST.replace("A glacier flows", "A glacier can flow"))
    fact = next(f for f in mine_facts(hedged) if f.predicate.startswith("can flow"))
    question = truefalse_question(hedged, fact, "contrasts", prefer_false=True)
    assert question is not None and question.question.choices[0].is_correct
