"""Each quality gate rejects what it should and passes what it should."""
from __future__ import annotations

from generation_samples import GLACIERS

from questions.generation.candidates import Candidate
from questions.generation.gates import (
    answer_leak,
    correct_is_longest,
    dangling_pronoun,
    duplicate_options,
    hedge_lost,
    malformed,
    several_true,
    too_long,
)
from questions.generation.model import GeneratedChoice, GeneratedQuestion
from questions.generation.ranking import balance_longest


def single(stem: str, right: str, *wrong: str) -> GeneratedQuestion:
    choices = [GeneratedChoice(right, True, 0)] + [GeneratedChoice(w, False, i + 1) for i, w in enumerate(wrong)]
    return GeneratedQuestion("single", stem, choices, excerpt="x", span_start=0, span_end=1)


def truefalse(stem: str, truth: bool) -> GeneratedQuestion:
    choices = [GeneratedChoice("True", truth, 0), GeneratedChoice("False", not truth, 1)]
    return GeneratedQuestion("truefalse", stem, choices, excerpt="x", span_start=0, span_end=1)


def test_answer_leak_in_stem():
    assert answer_leak(single("Which ridges are moraines made of?", "Moraines", "Cirques", "Drumlins", "Erratics"))
    clean = single("Which ridge of debris is left by ice?", "Moraine", "Cirque", "Drumlin", "Erratic")
    assert answer_leak(clean) is None
    typed = GeneratedQuestion("typed", "What is a moraine made of?", accepted_answers=["moraine"])
    assert answer_leak(typed)


def test_answer_leak_ignores_words_every_option_shares():
    question = single("Which type of glacier fills a hollow?", "Cirque glacier", "Valley glacier", "Piedmont glacier",
                      "Tidewater glacier")
    assert answer_leak(question) is None


def test_duplicate_options():
    assert duplicate_options(single("Which?", "Ice sheet", "Ice sheets", "Cirque", "Drumlin"))
    assert duplicate_options(single("Which?", "Sand and clay", "Clay and sand", "Cirque", "Drumlin"))
    assert duplicate_options(single("Which?", "Ice sheet", "Ice cap", "Cirque", "Drumlin")) is None
    assert duplicate_options(single("Which?", "Glacier", "Valley glacier", "Cirque", "Drumlin")) is None


def test_dangling_pronoun_in_stem_or_option():
    assert dangling_pronoun(truefalse("It flows down a valley.", True))
    assert dangling_pronoun(truefalse("These carve U-shaped valleys.", True))
    assert dangling_pronoun(single("Which moves?", "They flow", "Cirque", "Drumlin", "Erratic"))
    assert dangling_pronoun(truefalse("A glacier flows down a valley.", True)) is None


def test_too_long_stem_or_option():
    assert too_long(truefalse("A glacier " + "slowly " * 40 + "moves.", True))
    assert too_long(single("Which?", "A " + "very " * 25 + "long option", "Cirque", "Drumlin", "Erratic"))
    assert too_long(single("Which?", "Cirque", "Drumlin", "Erratic", "Moraine")) is None


def test_hedge_must_survive_into_true_false():
    source = "Ice sheets can bury entire mountain ranges."
    lost = Candidate(truefalse("Ice sheets bury entire mountain ranges.", True), "truefalse",
                     claim="can bury entire mountain ranges", source_text=source)
    kept = Candidate(truefalse("Ice sheets can bury entire mountain ranges.", True), "truefalse",
                     claim="can bury entire mountain ranges", source_text=source)
    assert hedge_lost(lost) == "hedge lost: can"
    assert hedge_lost(kept) is None


def test_several_true_rejects_a_distractor_the_text_states(corpus_of):
    corpus = corpus_of(GLACIERS)
    glacier, sheet = corpus.lexicon.lookup("glacier"), corpus.lexicon.lookup("ice sheet")
    claim = "flows down a valley under its own weight"
    bad = Candidate(single(f"Which of the following {claim}?", "Ice sheet", "Glacier", "Cirque", "Drumlin"),
                    "single:which-term", subject=sheet, claim=claim)
    good = Candidate(single(f"Which of the following {claim}?", "Glacier", "Ice sheet", "Cirque", "Drumlin"),
                     "single:which-term", subject=glacier, claim=claim)
    assert several_true(bad, corpus)
    assert several_true(good, corpus) is None
    false_but_true = Candidate(truefalse("A glacier flows down a valley under its own weight.", False), "truefalse",
                               subject=sheet, claim=claim, swapped=glacier)
    assert several_true(false_but_true, corpus)


def test_malformed_shapes():
    assert malformed(single("Which?", "Cirque", "Drumlin"))
    assert malformed(single("Which?", "Cirque", "Drumlin", "Erratic", "Moraine")) is None
    assert malformed(GeneratedQuestion("typed", "Name it.", excerpt="x", span_end=1))


def test_longest_correct_option_is_balanced_across_the_bank():
    questions = [single(f"Question {i}?", "A much longer correct answer", "Short", "Tiny", "Small") for i in range(6)]
    questions += [single(f"Other {i}?", "Right", "A longer wrong option", "Wrong", "Bad") for i in range(4)]
    candidates = [Candidate(q, "single:x", quality=1.0 - i / 100) for i, q in enumerate(questions)]
    assert correct_is_longest(questions[0]) and not correct_is_longest(questions[-1])
    kept = balance_longest(candidates)
    longest = sum(correct_is_longest(c.question) for c in kept)
    assert longest <= 0.4 * len(kept)
    assert all(c in kept for c in candidates[6:])


def test_balance_repairs_with_a_spare_distractor_before_dropping():
    questions = [single(f"Question {i}?", "A much longer correct answer", "Short", "Tiny", "Small") for i in range(6)]
    candidates = [Candidate(q, "single:x", spare=["An even longer wrong answer here"], quality=1.0) for q in questions]
    kept = balance_longest(candidates)
    assert len(kept) == 6
    assert sum(correct_is_longest(c.question) for c in kept) <= 0.4 * len(kept)
