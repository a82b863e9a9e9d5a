"""The faster paths of the generator give exactly what the plain ones give.

Parsing does its matrix products with numpy's BLAS instead of thinc's default kernels; the knowledge index
answers "is this stated about that term?" from an index with a pruning bound; facts read a sentence's tree once
(`facts.Tree`); the lexicon finds related terms from word suffixes and mentions from first words; a few regular
expressions are skipped when a literal they need is missing. Each is checked here against the straightforward
version, so a spaCy or model upgrade that breaks the equivalence shows.
"""
from __future__ import annotations

import re

import pytest
import spacy
from generation_samples import FAQ, GLACIERS, KEYTERMS, STEPS, TABLE

from questions.generation.corpus import (
    CALLED,
    CLAUSE_SPLIT,
    ENUM_MEMBERS,
    ENUM_OCCURS,
    SYNONYM,
    _count_phrase,
    build_corpus,
    called_matches,
    clauses,
)
from questions.generation.facts import Tree
from questions.generation.grammar import LIGHT_WORDS
from questions.generation.miners.enumerations import EXAMPLE_CUES, EXAMPLES, TYPES
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


def _sample_texts() -> list[str]:
    lines = [line for sample in (GLACIERS, STEPS, FAQ, TABLE, KEYTERMS) for line in sample.splitlines()] + ODD
    return list(dict.fromkeys(lines))


def test_tree_reads_the_parse_like_spacy():
    texts = _sample_texts() + [
        "Ossification, also called osteogenesis, is the process in which bone (a hard tissue) forms, whereas "
        "calcification, which can occur anywhere, is not.",
        "In some cases, the cells that line the cavity, such as osteoblasts, often lay down new matrix.",
    ]
    for text, doc in parse_many(texts).items():
        tree = Tree(doc)
        assert [t.i for t in tree.tokens] == [t.i for t in doc], text
        for token in doc:
            assert tree.head(token).i == token.head.i, text
            assert [t.i for t in tree.children(token)] == [t.i for t in token.children], text
            assert [t.i for t in tree.subtree(token)] == [t.i for t in token.subtree], text
            assert tree.subtree_indices(token) == {t.i for t in token.subtree}, text
        assert tree.texts == [t.text for t in doc] and tree.lowers == [t.lower_ for t in doc], text


CORPORA = [(GLACIERS, TABLE, FAQ), (STEPS, KEYTERMS), (GLACIERS, STEPS, FAQ, TABLE, KEYTERMS)]


@pytest.mark.parametrize("samples", CORPORA)
def test_lexicon_kin_and_mentions_match_plain_scans(corpus_of, samples):
    _check_lexicon(corpus_of(*samples))


def test_seed_trees_and_lexicon_match_plain_versions(seed_documents):
    corpus = build_corpus(seed_documents)
    for sentence in corpus.sentences:
        if sentence.parsed is not None:
            tree = Tree(sentence.parsed)
            for token in sentence.parsed:
                assert [t.i for t in tree.subtree(token)] == [t.i for t in token.subtree], sentence.text
                assert [t.i for t in tree.children(token)] == [t.i for t in token.children], sentence.text
    _check_lexicon(corpus)


def _check_lexicon(corpus) -> None:
    lexicon = corpus.lexicon
    assert lexicon.kin == {a: frozenset(b for b in lexicon.terms if lexicon._related(a, b)) for a in lexicon.terms}
    texts = [s.text for s in corpus.sentences] + ["", "ice", "valley glaciers and ice sheets", "the glacier's glacier"]
    frozen = {text: lexicon._find_mentions(text) for text in texts}
    canon, lexicon.canon = lexicon.canon, {}  # not frozen: every term is tried
    try:
        assert frozen == {text: lexicon._find_mentions(text) for text in texts}
    finally:
        lexicon.canon = canon
    for key in lexicon.terms:
        others = sorted(lexicon.terms)[::3]
        assert lexicon.related_to_any(key, others) == any(lexicon._related(key, other) for other in others)


PRECHECKED = _sample_texts() + [
    "Bone tissue, also called osseous tissue, is hard.", "A cell termed the osteoblast; one known as x.",
    "Rock types: igneous and sedimentary.", "Types of rock: igneous and sedimentary.",
    "Erosion occurs in two main forms: physical and chemical.",
    "Diseases such as rickets, like scurvy, including gout.",
    "Ossification is synonymous with osteogenesis.", "OSSIFICATION IS SYNONYMOUS WITH BONE.",
    "Ossification is \u017fynonymous with osteogenesis.", "A glacier melts whereas ice sheets grow; snow, while cold",
    "While it melts, it flows", "Rivers, on the other hand, flow.",
]


@pytest.mark.parametrize("text", PRECHECKED)
def test_regex_prechecks_skip_only_what_cannot_match(text):
    assert [m.span() for m in called_matches(text)] == [m.span() for m in CALLED.finditer(text)]
    if ":" not in text:
        assert not any(p.search(text) for p in (TYPES, ENUM_MEMBERS, ENUM_OCCURS))
    if not any(cue in text for cue in EXAMPLE_CUES):
        assert EXAMPLES.search(text) is None
    if SYNONYM.match(text):
        assert "synonymous" in text.casefold()
    plain = [c for c in CLAUSE_SPLIT.split(text) if c.strip()]
    if not text.lower().startswith(("while ", "whereas ", "although ")):
        assert clauses(text) == plain
