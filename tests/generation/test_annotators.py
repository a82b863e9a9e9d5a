"""The indexed attribute ruler and the lemma memo give exactly what spaCy's own components give."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from generation_samples import FAQ, GLACIERS, KEYTERMS, STEPS, TABLE
from spacy.pipeline import AttributeRuler

from questions.generation import annotators
from questions.generation.annotators import IndexedMatcher, Unsupported
from questions.generation.nlp import MODEL, load_pipeline

SAMPLES = Path(__file__).resolve().parents[2] / "questions" / "samples"
SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
ODD = [
    "I ain't gonna go, y'all.", "Let's see: nothin' here, somethin' there.", "Gotta run\n\n now  .",
    "There is a cat, isn't there? There were two.", "  spaced   out  ", "C'mon, that one isn't it.",
    "Whereas he was, she wasn't; they'd have been.", "Those that can, do; these who cannot, teach.",
    "Y'all gonna get it, 'cause it gets done and got done.", "You saw it, and it saw you; I gave it to you.",
    "", "\n",
]


def _lines() -> list[str]:
    """The written samples, the project's sample documents, odd text and, when ../shared is there, the seeds."""
    texts = [line for sample in (GLACIERS, STEPS, FAQ, TABLE, KEYTERMS) for line in sample.splitlines()]
    paths = sorted(SAMPLES.glob("*.md")) + sorted(SEEDS.glob("*.txt"))
    assert len(paths) >= 3
    for path in paths:
        texts += path.read_text(encoding="utf-8", errors="replace").splitlines()
    return list(dict.fromkeys(texts + ODD))


def test_seed_documents_are_among_the_compared_texts():
    if not sorted(SEEDS.glob("*.txt")):
        pytest.skip(f"seed documents not found at {SEEDS}")
    first_seed_line = next(line for line in sorted(SEEDS.glob("*.txt"))[0].read_text().splitlines() if line)
    assert first_seed_line in _lines()


@pytest.fixture(scope="module")
def stock():
    return spacy.load(MODEL, exclude=["ner"])


@pytest.fixture(scope="module")
def unruled(stock):
    """Tagged and parsed docs, before the attribute ruler and the lemmatizer ran."""
    return list(stock.pipe(_lines(), disable=["attribute_ruler", "lemmatizer"]))


def test_model_ruler_matches_are_spacys(stock, unruled):
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedMatcher(ruler)
    assert indexed.columns  # the model's patterns compiled
    matched = 0
    for doc in unruled:
        expected = ruler.match(doc)
        assert indexed(doc) == expected, doc.text
        matched += len(expected)
    assert matched > 1000


def test_full_annotations_are_spacys(stock):
    texts = _lines()
    fast = load_pipeline()
    assert isinstance(fast.get_pipe("attribute_ruler").match, IndexedMatcher)
    for ours, reference in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        got = [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in ours]
        assert got == [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in reference], ours.text


def _ruler(stock, patterns) -> AttributeRuler:
    ruler = AttributeRuler(stock.vocab, "test_ruler")
    ruler.add_patterns(patterns)
    return ruler


WRITTEN = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LOWER": "ice", "DEP": {"IN": ["nsubj", "compound"]}}]], "attrs": {"LEMMA": "frost"}},
    {"patterns": [[{"TEXT": "Glaciers"}], [{"ORTH": "glacier"}]], "attrs": {"MORPH": "Number=Sing"}},
    {"patterns": [[{"LOWER": {"REGEX": "^gla"}}, {"IS_PUNCT": True}]], "attrs": {"LEMMA": "end"}, "index": -1},
    {"patterns": [[{"TAG": {"NOT_IN": ["DT", "IN"]}}, {"LOWER": "of"}, {"TAG": "DT"}]], "attrs": {"POS": "X"},
     "index": 1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},  # a later rule overrides an earlier one
]


def test_written_patterns_match_as_spacy_does(stock, unruled):
    ruler = _ruler(stock, WRITTEN)
    indexed = IndexedMatcher(ruler)
    seen = set()
    for doc in unruled:
        expected = ruler.match(doc)
        assert indexed(doc) == expected, doc.text
        seen.update(index for index, *_ in expected)
    assert seen == set(range(len(WRITTEN)))  # every written rule matched somewhere


def test_installed_ruler_sets_what_spacy_sets(stock):
    texts = [line for line in GLACIERS.splitlines() if line] + ODD
    plain, fast = _ruler(stock, WRITTEN), _ruler(stock, WRITTEN)
    assert annotators.install(fast)
    for text in texts:
        a, b = (stock(text, disable=["attribute_ruler", "lemmatizer"]) for _ in range(2))
        plain(a)
        fast(b)
        assert [(t.pos_, str(t.morph), t.lemma_, t.tag_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_, t.tag_) for t in b], text


def test_a_ruler_without_rules_keeps_spacys_matcher(stock):
    ruler = AttributeRuler(stock.vocab, "empty")
    assert annotators.install(ruler) is False
    assert "match" not in vars(ruler)


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "ice", "OP": "+"}],
    [{"LENGTH": {">=": 3}}],
    [{"LIKE_EMAIL": True}],
    [{"LOWER": {"FUZZY": "glacier"}}],
    [{"TAG": {"IN": [1, 2]}}],
    [{"_": {"custom": True}}],
    [{"IS_SPACE": "yes"}],
])
def test_unsupported_patterns_keep_spacys_matcher(stock, pattern):
    ruler = _ruler(stock, [{"patterns": [pattern], "attrs": {"POS": "X"}}])
    with pytest.raises(Unsupported):
        IndexedMatcher(ruler)
    assert annotators.install(ruler) is False
    assert "match" not in vars(ruler)  # still the class's own method


def test_an_index_outside_the_match_is_a_clear_error(stock):
    ruler = _ruler(stock, [{"patterns": [[{"LOWER": "ice"}]], "attrs": {"POS": "X"}, "index": 2}])
    assert annotators.install(ruler)
    doc = stock("Ice melts.", disable=["attribute_ruler", "lemmatizer"])
    with pytest.raises(ValueError, match="outside the match"):
        annotators.set_annotations(ruler, doc, ruler.match(doc))


def test_lemma_memo_gives_the_lemmatizers_answers(stock):
    texts = _lines()
    lemmatizer = load_pipeline().get_pipe("lemmatizer")
    assert lemmatizer.lemmatize.__name__ == "lemmatize"  # the memo is installed
    plain = stock.get_pipe("lemmatizer")
    for doc in stock.pipe(texts, disable=["lemmatizer"]):
        for token in doc:
            assert lemmatizer.lemmatize(token) == plain.rule_lemmatize(token), token.text
