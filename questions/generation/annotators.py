"""Faster equivalents of the pipeline's two rule-based steps: the same annotations, found by table lookups.

The small English pipeline's attribute ruler sets POS, morphology and some lemmas from about 180 token patterns
(tag-map entries, word exceptions, a few two-token rules). spaCy's general Matcher tries every pattern at every
token, which made the ruler the slowest step of parsing a fresh document, slower than the parser itself. Here
each token is reduced to the handful of attribute values the patterns read; which single-token tests a given
combination passes is worked out once and remembered, so a run over a document is one dictionary lookup per
token. Only the pattern features the model's rules use are compiled: exact values, IN, NOT_IN and REGEX on a few
plain token attributes, fixed-length patterns without operators. If a ruler holds anything else, `install`
leaves it untouched and spaCy's matcher runs as usual.

The rule lemmatizer's own cache skips words already in their base form, which are most words; `memoize_lemmas`
remembers every answer under the same key (so spaCy's warning about a token without a POS comes once per word).

tests/generation/test_annotators.py compares both with spaCy's own results.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy import attrs as spacy_attrs
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# Token attributes a compiled test may read; anything else keeps the stock matcher.
STRING_ATTRS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX")
FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM")
ALIASES = {"TEXT": "ORTH"}
MEMO_LIMIT = 50_000  # entries per memo (a few MB); cleared when full


class Unsupported(ValueError):
    """A pattern uses a feature this matcher does not compile."""


Test = Callable[[tuple[int, ...]], bool]


class IndexedMatcher:
    """Finds what `AttributeRuler.match` finds, given the ruler's patterns (raises Unsupported otherwise)."""

    def __init__(self, ruler: AttributeRuler):
        self.strings = ruler.vocab.strings
        self.columns: list[str] = []
        # Each pattern alternative: (ruler index, match id, one test per token).
        self.alternatives: list[tuple[int, int, tuple[Test, ...]]] = []
        for index, entry in enumerate(ruler.patterns):
            match_id = self.strings[str(index)]
            for pattern in entry["patterns"]:
                if not pattern:
                    raise Unsupported("empty pattern")
                tests = tuple(self._compile_token(spec) for spec in pattern)
                self.alternatives.append((index, match_id, tests))
        self.attr_ids = [getattr(spacy_attrs, name) for name in self.columns]
        self._memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def _column(self, name: str) -> int:
        name = ALIASES.get(name, name)
        if name not in STRING_ATTRS and name not in FLAG_ATTRS:
            raise Unsupported(f"attribute {name}")
        if name not in self.columns:
            self.columns.append(name)
        return self.columns.index(name)

    def _compile_token(self, spec: dict[str, Any]) -> Test:
        checks = [self._compile_check(name, value) for name, value in spec.items()]
        return lambda row: all(check(row) for check in checks)

    def _compile_check(self, name: str, value: Any) -> Test:
        flag = ALIASES.get(name, name) in FLAG_ATTRS
        col = self._column(name)
        if not isinstance(value, dict):
            if flag:
                if not isinstance(value, bool):
                    raise Unsupported(f"{name}={value!r}")
                wanted = int(value)
            elif isinstance(value, str):
                wanted = get_string_id(value)
            else:
                raise Unsupported(f"{name}={value!r}")
            return lambda row: row[col] == wanted
        if flag or len(value) != 1:
            raise Unsupported(f"{name}={value!r}")
        (op, argument), = value.items()
        if op in ("IN", "NOT_IN"):
            if not all(isinstance(v, str) for v in argument):
                raise Unsupported(f"{name} {op} {argument!r}")
            members = frozenset(get_string_id(v) for v in argument)
            if op == "IN":
                return lambda row: row[col] in members
            return lambda row: row[col] not in members
        if op == "REGEX" and isinstance(argument, str):
            regex = re.compile(argument)
            strings = self.strings
            return lambda row: regex.search(strings[row[col]]) is not None
        raise Unsupported(f"{name} {op}")

    def _first_hits(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """The alternatives whose first token test this token passes (remembered per combination of values)."""
        hits = self._memo.get(row)
        if hits is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            hits = self._memo[row] = tuple(n for n, (_, _, tests) in enumerate(self.alternatives) if tests[0](row))
        return hits

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array(self.attr_ids).reshape(len(doc), -1).tolist()]
        found = set()
        for start, row in enumerate(rows):
            for n in self._first_hits(row):
                index, match_id, tests = self.alternatives[n]
                end = start + len(tests)
                if end > len(rows):
                    continue
                if all(test(rows[start + k]) for k, test in enumerate(tests[1:], 1)):
                    found.add((index, match_id, start, end))
        # The ruler's order: by rule index, so later rules take precedence.
        return sorted(found)


def set_annotations(ruler: AttributeRuler, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
    """What `AttributeRuler.set_annotations` does, without building a Span per match."""
    for index, _, start, end in matches:
        offset = ruler.indices[index]
        position = start + offset if offset >= 0 else end + offset
        if not start <= position < end:
            raise ValueError(f"attribute rule {index}: token {offset} is outside the match {start}-{end}")
        set_token_attrs(doc[position], ruler.attrs[index])


def install(ruler: AttributeRuler) -> bool:
    """Make `ruler` find its matches with an IndexedMatcher; False (and nothing changed) if it cannot.
    Patterns added to the ruler afterwards are not seen: install once the pipeline is complete."""
    try:
        matcher = IndexedMatcher(ruler)
    except Unsupported:
        return False
    if not matcher.alternatives:  # spaCy's matcher warns and matches nothing; leave that to it
        return False
    ruler.match = matcher
    ruler.set_annotations = lambda doc, matches: set_annotations(ruler, doc, matches)
    return True


def memoize_lemmas(lemmatizer: Any) -> bool:
    """Remember a rule lemmatizer's answer per (word, POS, morphology), the key spaCy's own cache uses; its cache
    misses the words already in base form, which are most of them. False (nothing changed) for other modes."""
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    plain = lemmatizer.lemmatize
    memo: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        lemmas = memo.get(key)
        if lemmas is None:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            lemmas = memo[key] = plain(token)
        return lemmas

    lemmatizer.lemmatize = lemmatize
    return True
