"""The faster paths of the generator give exactly what the plain ones give.

Parsing does its matrix products with numpy's BLAS instead of thinc's default kernels; the knowledge index
answers "is this stated about that term?" from an index with a pruning bound. Each is checked here against the
straightforward version, so a spaCy or model upgrade that breaks the equivalence shows.
"""
from __future__ import annotations

import re

import pytest
import spacy
from generation_samples import FAQ, GLACIERS, KEYTERMS, STEPS, TABLE

from questions.generation.corpus import _count_phrase
from questions.generation.grammar import LIGHT_WORDS
from questions.generation.nlp import MODEL, parse_many
from questions.generation.text import content_stems
from questions.ingest import ingest

ODD = [
    "I ain't gonna go, y'all.", "Let's see: nothin' here.", "Gotta run\n\n now  .", "There is a cat, isn't there?",
    "  spaced   out  ", "C'mon, that one isn't it.", "Whereas he was, she wasn't; they'd have been.",
    "Those that can, do; these who cannot, teach.", "",
]


def _signature(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph), t.is_sent_start) for t in doc]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(MODEL, exclude=["ner"])


def test_parses_match_the_stock_pipeline(stock):
    texts = [line for sample in (GLACIERS, STEPS, FAQ, TABLE, KEYTERMS) for line in sample.splitlines()] + ODD
    texts = list(dict.fromkeys(texts))
    fast = parse_many(texts)
    for text, reference in zip(texts, stock.pipe(texts), strict=True):
        assert _signature(fast[text]) == _signature(reference), text


@pytest.mark.parametrize(("text", "phrase"), [
    ("ice sheet, ice sheets and ice-sheet; nice sheet", "ice sheet"),
    ("a_b a b ab a-b", "a"),
    ("glacier glacier glacier", "glacier glacier"),
    ("-x- x -x-", "-x-"),
    ("café cafés", "caf"),
    ("", "x"),
])
def test_count_phrase_is_whole_word_findall(text, phrase):
    assert _count_phrase(text, phrase) == len(re.findall(rf"\b{re.escape(phrase)}\b", text))


def _stated_plainly(corpus, term: str, claim: str, threshold: float, min_shared: int) -> bool:
    claim_stems = content_stems(claim) - set(term.split())
    if not claim_stems:
        return False
    total = sum(corpus.weight(s) for s in claim_stems)
    for context in corpus.contexts_about(term):
        shared = claim_stems & context.stems
        if sum(corpus.weight(s) for s in shared) / total >= threshold and len(shared - LIGHT_WORDS) >= min_shared:
            return True
    return False


def test_stated_for_matches_a_plain_scan(corpus_of):
    corpus = corpus_of(GLACIERS, TABLE, FAQ)
    claims = [s.text for s in corpus.sentences][:60] + ["moves slowly downhill", "covers a continent", "ice"]
    answers = set()
    for term in sorted(corpus.lexicon.terms):
        for claim in claims:
            for threshold, min_shared in ((0.3, 2), (0.6, 1), (0.8, 1), (0.99, 1)):
                expected = _stated_plainly(corpus, term, claim, threshold, min_shared)
                assert corpus.stated_for(term, claim, threshold=threshold, min_shared=min_shared) == expected
                answers.add(expected)
    assert answers == {True, False}


def test_documents_parse_the_same_after_the_cache_is_cleared():
    from questions.generation.nlp import clear_cache

    document = ingest(GLACIERS.encode(), "glaciers.txt")
    texts = [document.text[b.start : b.end] for b in document.blocks]
    first = {t: _signature(d) for t, d in parse_many(texts).items()}
    clear_cache()
    assert {t: _signature(d) for t, d in parse_many(texts).items()} == first
