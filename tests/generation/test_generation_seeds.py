"""Acceptance on the five seed pages (read at run time; skipped when they are not checked out)."""
from __future__ import annotations

import collections
import re

import pytest

from questions.generation import QUESTION_TYPES, generate, to_json
from questions.generation.corpus import build_corpus
from questions.generation.gates import correct_is_longest, problems
from questions.generation.pipeline import generate_candidates

BOILERPLATE = re.compile(
    r"\b(janet|aimie|carlson|joined|reputation|posts|difference wiki|trending|popular comparisons|"
    r"new comparisons|about author|written by|edited by|read more|other articles|not available|"
    r"go to comparative|ghosty|gray's|published on)\b|🆚",
    re.I,
)
LINK_LIST_ITEMS = ("Osteoblasts vs Osteoclasts", "Bone vs Cartilage", "Rickets vs Osteomalacia")


@pytest.fixture(scope="module")
def questions(seed_documents):
    return generate(seed_documents)


def all_text(question) -> str:
    parts = [question.stem, question.explanation, *question.accepted_answers]
    parts += [c.text for c in question.choices] + [c.match_text for c in question.choices]
    return " \n ".join(parts)


def test_at_least_fifty_distinct_questions_of_all_six_types(questions):
    assert len(questions) >= 50
    assert len({(q.type, q.stem, tuple(c.text for c in q.choices)) for q in questions}) == len(questions)
    counts = collections.Counter(q.type for q in questions)
    assert set(counts) == set(QUESTION_TYPES), counts


def test_no_boilerplate_reaches_a_question(questions, seed_documents):
    for question in questions:
        text = all_text(question) + question.excerpt
        assert not BOILERPLATE.search(text), (question.stem, BOILERPLATE.search(text))
        assert not any(item in text for item in LINK_LIST_ITEMS)
    for document in seed_documents:
        assert not BOILERPLATE.search(document.text), (document.name, BOILERPLATE.search(document.text))


def test_every_excerpt_is_the_exact_span_of_its_document(questions, seed_documents):
    texts = {d.name: d.text for d in seed_documents}
    for question in questions:
        assert question.excerpt == texts[question.document][question.span_start : question.span_end]
        assert question.excerpt.strip()


def test_no_question_violates_a_gate(seed_documents):
    passed, rejected = generate_candidates(seed_documents)
    corpus = build_corpus(seed_documents)
    kept = {id(q) for q in generate(seed_documents)}
    assert rejected is not None
    for candidate in passed:
        if id(candidate.question) in kept:
            assert problems(candidate, corpus) == []


def test_correct_option_is_longest_in_at_most_forty_percent(questions):
    choice = [q for q in questions if q.type in {"single", "multiple"}]
    assert sum(correct_is_longest(q) for q in choice) <= 0.4 * len(choice)


def test_one_question_per_fact_and_way(questions):
    seen = collections.Counter((q.fact_key, q.type, q.stem.split()[0]) for q in questions)
    assert max(seen.values()) == 1


def test_generation_is_deterministic(seed_documents, questions):
    assert to_json(generate(seed_documents)) == to_json(questions)


def test_max_questions_keeps_the_best_ranked(seed_documents, questions):
    top = generate(seed_documents, max_questions=10)
    assert [q.stem for q in top] == [q.stem for q in questions[:10]]
    assert [q.rank_score for q in questions] == sorted((q.rank_score for q in questions), reverse=True)
