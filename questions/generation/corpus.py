"""Documents → sentences with spans, a lexicon of key terms, and a knowledge index of what the text states.

The lexicon decides which noun phrases are "terms" (answers and distractors); the knowledge index answers
"does the document say this about that term?" so a true statement is never offered as a wrong option.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.attrs import LOWER, MORPH, POS
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc

from questions.ingest import IngestedDocument
from questions.ingest.segment import compared_terms
from questions.ingest.sentences import sentence_spans

from .grammar import LIGHT_WORDS
from .nlp import parse_many
from .text import (
    STOPWORDS,
    content_stems,
    is_anecdotal,
    rarity,
    starts_with_pronoun,
    stem,
    stems,
    text_cache,
    tokens,
)

LABEL = re.compile(r"^(?P<label>[A-Z][\w' -]{1,50}?):\s+(?P<rest>\S.*)$")
CUES = re.compile(
    r"\b(is|are|was|were|refers?|means?|defined|called|termed|known|whereas|while|unlike|contrast|other hand|"
    r"however|due|result|results|resulting|lead|leads|led|leading|caus\w*|because|types?|forms?|kinds?|stages?|"
    r"steps?|phases?|first|then|finally|such as|include\w*|involves?|occurs?|happens?|takes? place|forms?|"
    r"responsible|synonymous)\b",
    re.I,
)
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "both", "each", "some", "any"}
PROCESS_SUFFIXES = ("tion", "sis", "ing", "ment", "ance", "ence", "ism")
CELL_SUFFIXES = ("blast", "cyte", "clast", "cell")
NOUN_POS = (NOUN, PROPN)


@dataclass
class Sentence:
    """A sentence (or list item, table cell, question, answer) located in its document."""

    doc_index: int
    text: str
    start: int
    end: int
    block_index: int
    kind: str
    section: str = ""
    label: str = ""
    column: str = ""
    position: int = 0
    parsed: Doc | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Term:
    key: str
    display: str
    category: str = "other"
    count: int = 0


def term_key(text: str) -> str:
    return " ".join(stems(text.lower()))


@text_cache
def clean_term(text: str) -> str:
    """Strip determiners, possessives, parentheses and punctuation from a candidate term."""
    text = re.sub(r"\([^)]*\)", " ", text)
    words = tokens(text)
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def is_term_like(text: str) -> bool:
    words = tokens(text)
    if not 1 <= len(words) <= 4 or words[0].lower() in STOPWORDS or words[-1].lower() in STOPWORDS:
        return False
    if any(w.lower() in {"is", "are", "was", "were", "be", "and", "or", "but", "which", "that"} for w in words):
        return False
    return rarity(text) < 4.6 and not words[0].isdigit()


@dataclass
class Lexicon:
    """Key terms, their aliases (union-find over keys) and display forms."""

    terms: dict[str, Term] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kin: dict[str, frozenset[str]] = field(default_factory=dict)
    canon: dict[str, str] = field(default_factory=dict)
    _mentions: dict[str, frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _lookups: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    _broad: dict[str, bool] = field(default_factory=dict, repr=False, compare=False)
    _by_first_word: dict[str, list[str]] = field(default_factory=dict, repr=False, compare=False)

    def freeze(self) -> None:
        """Precompute alias groups, relatedness and canonical names once the lexicon is complete (all are hot in
        the miners and gates); from then on `mentions` and `lookup` remember their answers (per lexicon, i.e.
        per generation run)."""
        members: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.terms):
            members[self._root(key)].append(key)
        self.groups = {key: tuple(group) for group in members.values() for key in group}
        self.kin = self._kinship(members)
        self.canon = {key: self._canonical(key) for key in self.terms}
        self._by_first_word = defaultdict(list)
        for key in self.terms:
            self._by_first_word[key.split(" ")[0]].append(key)
        self._mentions.clear()
        self._lookups.clear()
        self._broad.clear()

    def _kinship(self, members: dict[str, list[str]]) -> dict[str, frozenset[str]]:
        """`_related` for every pair of terms, found from each term's word suffixes instead of by comparing every
        pair: two alias groups are related when a member of one ends with a whole member of the other
        ("intramembranous ossification", "ossification"). `members` lists each group's terms by its root."""
        root = {key: self._root(key) for key in self.terms}
        linked = {group: {group} for group in members}
        for key in self.terms:
            words = key.split(" ")
            for start in range(1, len(words)):
                suffix = " ".join(words[start:])
                if suffix in self.terms:
                    linked[root[key]].add(root[suffix])
                    linked[root[suffix]].add(root[key])
        return {key: frozenset(k for group in linked[root[key]] for k in members[group]) for key in self.terms}

    def add(self, text: str, category: str = "") -> str | None:
        text = clean_term(text)
        if not is_term_like(text):
            return None
        key = term_key(text)
        term = self.terms.get(key)
        self._thaw()
        if term is None:
            display = text if not text[:1].isupper() or text.isupper() or text.split()[0].istitle() else text
            term = self.terms[key] = Term(key, display[:1].upper() + display[1:])
        term.count += 1
        if category and term.category == "other":
            term.category = category
        return key

    def alias(self, a: str, b: str) -> None:
        ra, rb = self._root(a), self._root(b)
        if ra != rb:
            self._thaw()
            self.parent[max(ra, rb)] = min(ra, rb)

    def _thaw(self) -> None:
        """A change after `freeze` drops the precomputed canonical names and remembered answers."""
        if self.canon:
            self.canon = {}
            self._mentions.clear()
            self._lookups.clear()
        self._broad.clear()

    def _root(self, key: str) -> str:
        while self.parent.get(key, key) != key:
            key = self.parent[key]
        return key

    def same(self, a: str, b: str) -> bool:
        return self._root(a) == self._root(b)

    def aliases(self, key: str) -> list[str]:
        if self.groups:
            return [k for k in self.groups.get(key, ()) if k != key]
        root = self._root(key)
        return sorted(k for k in self.terms if self._root(k) == root and k != key)

    def related(self, a: str, b: str) -> bool:
        """Same thing, or one is a kind of the other ("intramembranous ossification" ⊂ "ossification")."""
        if a in self.kin:
            return b in self.kin[a]
        return self._related(a, b)

    def related_to_any(self, key: str, others: Iterable[str]) -> bool:
        """any(self.related(key, other) for other in others)"""
        if key in self.kin:
            return not self.kin[key].isdisjoint(others)
        return any(self._related(key, other) for other in others)

    def _related(self, a: str, b: str) -> bool:
        if a == b or self.same(a, b):
            return True
        for x in [a, *self.aliases(a)]:
            for y in [b, *self.aliases(b)]:
                if x.endswith(" " + y) or y.endswith(" " + x):
                    return True
        return False

    def canonical(self, key: str) -> str:
        """The name a group of aliases is shown under: the most mentioned, then the shortest."""
        if self.canon:
            return self.canon[key]
        return self._canonical(key)

    def _canonical(self, key: str) -> str:
        group = [key, *self.aliases(key)]
        return min(group, key=lambda k: (-self.terms[k].count, len(k), k))

    def lookup(self, text: str) -> str | None:
        if self.canon:
            if text not in self._lookups:
                key = term_key(clean_term(text))
                self._lookups[text] = self.canon[key] if key in self.terms else None
            return self._lookups[text]
        key = term_key(clean_term(text))
        return self.canonical(key) if key in self.terms else None

    def is_broad(self, key: str) -> bool:
        """The text also names kinds of this term ("calcification" has "dystrophic calcification")."""
        if key not in self._broad:
            self._broad[key] = any(other.endswith(" " + key) for other in self.terms)
        return self._broad[key]

    def display(self, key: str) -> str:
        return self.terms[key].display

    def category(self, key: str) -> str:
        term = self.terms[key]
        if term.category != "other":
            return term.category
        last = term.display.split()[-1].lower().rstrip("s")
        if last.endswith(CELL_SUFFIXES):
            return "cell"
        if last.endswith(PROCESS_SUFFIXES):
            return "process"
        return "other"

    def mentions(self, text: str) -> set[str]:
        """Keys of the terms whose words occur in `text` (longest match wins, aliases expand)."""
        if self.canon:
            if text not in self._mentions:
                self._mentions[text] = frozenset(self._find_mentions(text))
            return set(self._mentions[text])
        return self._find_mentions(text)

    def _find_mentions(self, text: str) -> set[str]:
        words = stems(text.lower())
        joined = " " + " ".join(words) + " "
        # A term can only occur if its first word does; once frozen, only those terms are tried.
        first = self._by_first_word
        keys = [key for word in first.keys() & words for key in first[word]] if self.canon else self.terms
        found = {key for key in keys if f" {key} " in joined}
        expanded = set(found)
        for key in found:
            expanded.update(self.aliases(key))
        return expanded


@dataclass
class Context:
    """One sentence's meaning as a bag of stems, with the terms it talks about (pronouns resolved)."""

    stems: set[str]
    terms: set[str]
    sentence: Sentence


@dataclass
class Corpus:
    documents: list[IngestedDocument]
    sentences: list[Sentence]
    lexicon: Lexicon
    contexts: list[Context] = field(default_factory=list)
    compared: dict[int, tuple[str, str]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    fact_subjects: set[str] = field(default_factory=set)
    _about: dict[str, frozenset[int]] = field(default_factory=dict)
    _postings: dict[str, list[int]] | None = field(default=None, repr=False)
    _stated: dict[tuple[str, str, float, int], bool] = field(default_factory=dict)
    _claims: dict[str, tuple[dict[str, float], list[tuple[float, str]]]] = field(default_factory=dict, repr=False)
    _numbers: dict[str, int] | None = None

    def is_plural(self, display: str) -> bool:
        """Whether a term is plural, from how the parsed sentences inflect its head word (spaCy's
        Number=Plur/Sing), falling back to its spelling."""
        if self._numbers is None:
            self._numbers = _number_votes(s.parsed for s in self.sentences if s.parsed is not None)
        words = display.split()
        if not words:
            return False
        vote = self._numbers.get(words[-1].lower(), 0)
        if vote:
            return vote > 0
        last = words[-1].lower()
        return last.endswith("s") and not last.endswith(("ss", "sis", "us", "ics"))

    def contexts_about(self, term: str) -> list[Context]:
        """Clauses about the term, its aliases or a narrower kind of it (never a broader one)."""
        about = self._about_positions(term)
        return [c for position, c in enumerate(self.contexts) if position in about]

    def _about_positions(self, term: str) -> frozenset[int]:
        """Where the clauses of `contexts_about(term)` are in `contexts`."""
        if term not in self._about:
            if term in self.lexicon.kin:
                wanted = {t for t in self.lexicon.kin[term] if not _broader(term, t)}
                self._about[term] = frozenset(
                    position for position, c in enumerate(self.contexts) if not wanted.isdisjoint(c.terms))
            else:
                self._about[term] = frozenset(
                    position for position, c in enumerate(self.contexts)
                    if any(self.lexicon.related(term, t) and not _broader(term, t) for t in c.terms)
                )
        return self._about[term]

    def excerpt(self, sentence: Sentence) -> str:
        return self.documents[sentence.doc_index].text[sentence.start : sentence.end]

    def stated_for(self, term: str, claim: str, *, threshold: float = 0.6, min_shared: int = 1) -> bool:
        """Does any sentence about `term` (or a kind of it) contain most of the claim's meaning words?

        `min_shared` asks for that many shared words beyond light ones ("happen", "occur") as well."""
        key = (term, claim, threshold, min_shared)
        if key not in self._stated:
            self._stated[key] = self._stated_for(term, claim, threshold, min_shared)
        return self._stated[key]

    def _stated_for(self, term: str, claim: str, threshold: float, min_shared: int) -> bool:
        weights, found = self._claim(claim)
        term_words = term.split()
        if any(word in weights for word in term_words):
            weights = {s: w for s, w in weights.items() if s not in term_words}
            found = [(w, s) for w, s in found if s in weights]
        if not weights:
            return False
        claim_stems = weights.keys()
        total = sum(weights.values())
        # A clause holding none of the claim's heavier words cannot reach the threshold: the lighter ones, even
        # all together, weigh less (the margin covers the order in which weights are summed). Only the clauses
        # about the term that hold a heavier word are checked, exactly.
        reachable = threshold * total * (1 - 1e-9)
        postings = self._stem_postings()
        candidates: set[int] = set()
        lighter = 0.0
        for weight, word_stem in found:
            lighter += weight
            if lighter >= reachable:
                candidates.update(postings[word_stem])
        for position in candidates & self._about_positions(term):
            shared = claim_stems & self.contexts[position].stems
            overlap = sum(weights[s] for s in shared) / total
            if overlap >= threshold and len(shared - LIGHT_WORDS) >= min_shared:
                return True
        return False

    def _claim(self, claim: str) -> tuple[dict[str, float], list[tuple[float, str]]]:
        """The claim's meaning words with their weights, and (weight, word) for those some clause holds, lightest
        first."""
        if claim not in self._claims:
            default = self.weights.get("", 1.0)
            weights = {s: self.weights.get(s, default) for s in content_stems(claim)}
            postings = self._stem_postings()
            self._claims[claim] = (weights, sorted((w, s) for s, w in weights.items() if s in postings))
        return self._claims[claim]

    def _stem_postings(self) -> dict[str, list[int]]:
        """For each stem, the positions of the clauses that contain it."""
        if self._postings is None:
            postings: dict[str, list[int]] = defaultdict(list)
            for position, context in enumerate(self.contexts):
                for word_stem in context.stems:
                    postings[word_stem].append(position)
            self._postings = dict(postings)
        return self._postings

    def weight(self, word_stem: str) -> float:
        """Inverse clause frequency: words found everywhere ("bone" in a bone text) say little."""
        return self.weights.get(word_stem, self.weights.get("", 1.0))


def _number_votes(docs: Iterable[Doc]) -> dict[str, int]:
    """+1 per plural, -1 per singular noun or proper noun (spaCy's Number), by lower-cased word; read through
    doc.to_array, with each distinct morphology's Number looked up once."""
    votes: dict[str, int] = defaultdict(int)
    plural_of_morph: dict[int, bool | None] = {}
    for doc in docs:
        strings = doc.vocab.strings
        for i, (pos, morph, lower) in enumerate(doc.to_array([POS, MORPH, LOWER]).tolist()):
            if pos not in NOUN_POS:
                continue
            if morph not in plural_of_morph:
                number = doc[i].morph.get("Number")
                plural_of_morph[morph] = (number[0] == "Plur") if number else None
            plural = plural_of_morph[morph]
            if plural is not None:
                votes[strings[lower]] += 1 if plural else -1
    return dict(votes)


def _broader(term: str, other: str) -> bool:
    """`other` is a broader term than `term` (a claim about "ossification" does not hold for every kind)."""
    return term != other and term.endswith(" " + other)


QUESTION_AUXILIARIES = {"is", "are", "can", "could", "was", "were", "will", "should", "may", "might", "does", "do"}


def needs_parse(sentence: Sentence, lexicon: Lexicon) -> bool:
    """Only sentences some miner can use are parsed (the model is most of the run time): clauses about a
    known term with a cue word, subject-less list items under a term heading, yes/no questions."""
    text = sentence.text
    if len(text) > 400 or is_anecdotal(text) or sentence.kind in {"answer", "heading"}:
        return False
    if sentence.kind == "question":
        return text.split()[0].lower() in QUESTION_AUXILIARIES
    if sentence.kind == "cell":
        return text.endswith(".") and bool(lexicon.mentions(text))
    if sentence.kind == "item" and (lexicon.lookup(sentence.label or sentence.section or "-") is not None):
        return True
    about_term = bool(lexicon.mentions(text)) or starts_with_pronoun(text)
    return about_term and has_cue(text)


@text_cache
def has_cue(text: str) -> bool:
    return bool(CUES.search(text))


def split_document(doc_index: int, document: IngestedDocument) -> list[Sentence]:
    """Sentences of every block, with list labels ("Label: text") and table columns recorded."""
    out: list[Sentence] = []
    text = document.text
    for block_index, block in enumerate(document.blocks):
        if block.kind == "heading":
            out.append(Sentence(doc_index, text[block.start : block.end], block.start, block.end, block_index,
                                "heading", block.section))
        elif block.kind == "paragraph":
            for position, (s, e) in enumerate(sentence_spans(text[block.start : block.end], block.start)):
                out.append(Sentence(doc_index, text[s:e], s, e, block_index, "sentence", block.section,
                                    position=position))
        elif block.kind in {"bullet_list", "numbered_list"}:
            for position, item in enumerate(block.items):
                start, label = item.start, ""
                if match := LABEL.match(item.text):
                    label = match.group("label").strip()
                    start = item.start + match.start("rest")
                for k, (s, e) in enumerate(sentence_spans(text[start : item.end], start)):
                    out.append(Sentence(doc_index, text[s:e], s, e, block_index, "item", block.section,
                                        label=label, position=position if k == 0 else -1))
        elif block.kind == "qa":
            question, answer = block.items
            out.append(Sentence(doc_index, question.text, question.start, question.end, block_index, "question",
                                block.section))
            out.append(Sentence(doc_index, answer.text, answer.start, answer.end, block_index, "answer",
                                block.section))
        elif block.kind == "table":
            header = block.header
            for row in block.rows:
                label = row[0].text if row else ""
                for column, cell in enumerate(row[1:], start=1):
                    if cell.text:
                        name = header[column] if column < len(header) else ""
                        out.append(Sentence(doc_index, cell.text, cell.start, cell.end, block_index, "cell",
                                            block.section, label=label, column=name))
    return out


def build_corpus(documents: list[IngestedDocument]) -> Corpus:
    sentences = [s for i, d in enumerate(documents) for s in split_document(i, d)]
    compared = {}
    for i, d in enumerate(documents):
        pair = compared_terms(d.title) or next(
            (tuple(b.header[1:3]) for b in d.blocks if b.kind == "table" and len(b.header) == 3 and all(b.header[1:3])),
            None,
        )
        if pair:
            compared[i] = (pair[0], pair[1])
    lexicon = build_lexicon(documents, sentences, compared)
    parsed = parse_many(s.text for s in sentences if needs_parse(s, lexicon))
    for s in sentences:
        s.parsed = parsed.get(s.text)
    corpus = Corpus(documents, sentences, lexicon, compared=compared)
    corpus.contexts = build_contexts(corpus)
    corpus.weights = stem_weights(corpus.contexts)
    return corpus


def stem_weights(contexts: list[Context]) -> dict[str, float]:
    counts: dict[str, int] = defaultdict(int)
    for context in contexts:
        for word_stem in context.stems:
            counts[word_stem] += 1
    total = len(contexts) + 1
    weights = {s: math.log(total / n) + 0.5 for s, n in counts.items()}
    weights[""] = math.log(total) + 0.5
    return weights


CALLED = re.compile(r"\b(?P<cat>\w+)\s+(?:(?:also|often|sometimes)\s+)?(?:called|termed|known as|named)\s+"
                    r"(?:the\s+|an?\s+)?"
                    r"(?P<names>(?!or\b)[a-z][\w-]*(?:\s+(?!or\b)[a-z][\w-]*){0,2}"
                    r"(?:\s+or\s+[a-z][\w-]*(?:\s+(?!or\b)[a-z][\w-]*){0,2})?)")
CALLED_VERBS = ("called", "termed", "known as", "named")


def called_matches(text: str) -> list[re.Match[str]]:
    """CALLED.finditer(text), without scanning text that has none of its verbs (most sentences)."""
    if not any(verb in text for verb in CALLED_VERBS):
        return []
    return list(CALLED.finditer(text))

OR_ALIAS = re.compile(r"(?P<term>[A-Z]?[\w-]+(?:\s+[\w-]+){0,2})\s+\(or\s+(?P<alias>[\w -]+)\)")
DEFINITION_SUBJECT = re.compile(
    r"^(?P<subject>[A-Z][\w-]*(?:\s+[\w-]+){0,3}?)(?:\s+\([^)]*\))?\s+(?:is|are|refers to|means|is defined as)\s+"
    r"(?P<genus>(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?P<head>[a-z]+)\s+(?:of|in|that|which|where|used|formed|"
    r"carved|left|made|by|from|for|resulting|produced|caused|found|with|between|into)\b)"
)
ENUM_MEMBERS = re.compile(r"\b(?:types?|forms?|kinds?|classes|categories)\s+of\s+(?P<head>[a-z]+)\s*:\s*"
                          r"(?P<a>[a-z]+)\s+and\s+(?P<b>[a-z]+)\b")
ENUM_OCCURS = re.compile(r"^(?P<head>[A-Z][a-z]+)\s+occurs\s+in\s+(?:two|three|several)\s+(?:main\s+)?"
                         r"(?:forms|types|ways)\s*:\s*(?P<a>[a-z]+)\s+and\s+(?P<b>[a-z]+)\b")
CATEGORY_WORDS = {"process": "process", "processes": "process", "cells": "cell", "cell": "cell", "tissue": "tissue",
                  "tissues": "tissue", "condition": "condition", "conditions": "condition", "disease": "condition",
                  "diseases": "condition"}


def build_lexicon(documents: list[IngestedDocument], sentences: list[Sentence],
                  compared: dict[int, tuple[str, str]]) -> Lexicon:
    """Collect terms from titles, definitions, "called X", aliases, typed enumerations and repeated headings."""
    lexicon = Lexicon()
    for pair in compared.values():
        for name in pair:
            lexicon.add(name)
    body = " ".join(s.text.lower() for s in sentences if s.kind != "heading")
    for s in sentences:
        text = s.text
        if s.kind == "heading" or (s.label and s.kind == "item"):
            candidate = s.text if s.kind == "heading" else s.label
            if is_term_like(candidate) and body.count(clean_term(candidate).lower()) >= 1:
                lexicon.add(candidate)
            if s.kind == "heading":
                continue
        if match := DEFINITION_SUBJECT.match(text):
            head = match.group("head")
            category = CATEGORY_WORDS.get(head, "process" if head.endswith(PROCESS_SUFFIXES) else "")
            lexicon.add(match.group("subject"), category)
        for match in called_matches(text):
            names = [n.strip() for n in re.split(r"\s+or\s+", match.group("names"))]
            keys = [lexicon.add(n, CATEGORY_WORDS.get(match.group("cat").lower(), "")) for n in names]
            keys = [k for k in keys if k]
            for other in keys[1:]:
                lexicon.alias(keys[0], other)
        for match in OR_ALIAS.finditer(text) if "(or" in text else ():
            a, b = lexicon.add(match.group("term")), lexicon.add(match.group("alias"))
            if a and b:
                lexicon.alias(a, b)
        for pattern in (ENUM_MEMBERS, ENUM_OCCURS) if ":" in text else ():
            for match in pattern.finditer(text):
                head = match.group("head").lower()
                for member in (match.group("a"), match.group("b")):
                    lexicon.add(f"{member} {head}")
    _add_synonyms(lexicon, sentences)
    for match in CAUSE_SUBJECT.finditer("\n".join(s.text for s in sentences if s.kind == "sentence")):
        lexicon.add(match.group("subject"))
    _merge_redundant_modifiers(lexicon)
    _prefer_body_forms(lexicon, body)
    lexicon.freeze()
    return lexicon


CAUSE_SUBJECT = re.compile(r"(?m)^(?P<subject>[A-Z][\w-]*(?:\s+[\w-]+){0,2}?)\s+(?:is|are)\s+(?:due to|caused by)\b")


def _prefer_body_forms(lexicon: Lexicon, body: str) -> None:
    """Show a term as the text usually writes it ("Ice sheet" rather than a title's "Ice Sheets")."""
    for term in lexicon.terms.values():
        words = term.display.split()
        forms = {" ".join(words).lower()}
        last = words[-1].lower()
        singular = last[:-1] if last.endswith("s") and not last.endswith(("ss", "sis", "us")) else last
        forms.add(" ".join([*words[:-1], singular]).lower())
        forms.add(" ".join([*words[:-1], singular + "s"]).lower())
        counts = {form: _count_phrase(body, form) for form in forms}
        best = max(sorted(counts), key=lambda form: counts[form])
        if counts[best] > 0:
            term.display = best[:1].upper() + best[1:]


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _count_phrase(text: str, phrase: str) -> int:
    """Occurrences of `phrase` in `text` as whole words: len(re.findall(rf"\b{re.escape(phrase)}\b", text)) without
    compiling a pattern per phrase (non-overlapping, scanned left to right like findall)."""
    if not phrase:
        return len(re.findall(r"\b\b", text))
    count, at = 0, text.find(phrase)
    starts_word, ends_word = _is_word_char(phrase[0]), _is_word_char(phrase[-1])
    while at >= 0:
        end = at + len(phrase)
        before = at > 0 and _is_word_char(text[at - 1])
        after = end < len(text) and _is_word_char(text[end])
        if before != starts_word and after != ends_word:
            count += 1
            at = text.find(phrase, end)
        else:
            at = text.find(phrase, at + 1)
    return count


def _merge_redundant_modifiers(lexicon: Lexicon) -> None:
    """ "Bone ossification" is ossification: a common-word modifier on a known term names the same thing."""
    for key in sorted(lexicon.terms):
        words = key.split()
        head = " ".join(words[1:])
        if len(words) == 2 and head in lexicon.terms and rarity(words[0]) >= 4.3 and \
                lexicon.terms[key].count <= 1:
            lexicon.alias(head, key)


SYNONYM = re.compile(r"^(?P<subject>.+?)\s+is\s+synonymous\s+with\s+(?P<other>[\w -]+?)[.,]?$", re.I)


def _add_synonyms(lexicon: Lexicon, sentences: list[Sentence]) -> None:
    previous_subject: str | None = None
    for s in sentences:
        # Case-folding maps every character that SYNONYM's re.I matches to "synonymous" onto its letters.
        match = SYNONYM.match(s.text) if "synonymous" in s.text.casefold() else None
        subject = lexicon.lookup(s.text.split(" is ")[0]) if " is " in s.text else None
        if match:
            key = lexicon.lookup(match.group("subject"))
            if key is None and starts_with_pronoun(match.group("subject")) and s.position > 0:
                key = previous_subject
            other = lexicon.add(match.group("other")) if len(tokens(match.group("other"))) <= 4 else None
            if key and other:
                lexicon.alias(key, other)
        previous_subject = subject or (previous_subject if s.position > 0 else None)


CLAUSE_SPLIT = re.compile(r",\s+(?:while|whereas|but|although)\s+|;\s+|\s+whereas\s+|,\s+(?=\w+,\s+on the other hand)")


def clauses(text: str) -> list[str]:
    """Contrasted clauses are indexed apart, so "A is x, while B is y" does not say x of B."""
    if text.lower().startswith(("while ", "whereas ", "although ")) and ", " in text:
        head, tail = text.split(", ", 1)
        return [head, *clauses(tail)]
    if not ("," in text or ";" in text or "whereas" in text):  # nothing CLAUSE_SPLIT could split at
        return [text] if text.strip() else []
    return [c for c in CLAUSE_SPLIT.split(text) if c.strip()]


def build_contexts(corpus: Corpus) -> list[Context]:
    """Index every clause; pronoun openers and "both" inherit the terms of their antecedents."""
    contexts: list[Context] = []
    for context in _sentence_contexts(corpus):
        parts = clauses(context.sentence.text)
        if len(parts) == 1:
            contexts.append(context)
            continue
        inherited = context.terms - corpus.lexicon.mentions(context.sentence.text)
        previous_terms: set[str] = inherited
        for part in parts:
            terms = corpus.lexicon.mentions(part)
            if not terms or starts_with_pronoun(part):
                terms |= previous_terms
            contexts.append(Context(content_stems(part), terms, context.sentence))
            previous_terms = terms
    return contexts


def _sentence_contexts(corpus: Corpus) -> list[Context]:
    contexts: list[Context] = []
    lexicon = corpus.lexicon
    previous: set[str] = set()
    previous_block = (-1, -1)
    question_terms: set[str] = set()
    for s in corpus.sentences:
        terms = lexicon.mentions(s.text)
        block = (s.doc_index, s.block_index)
        if s.kind == "answer":
            terms |= question_terms
        if s.kind == "question":
            question_terms = set(terms)
        if starts_with_pronoun(s.text) or s.text.lower().startswith(("both", "the body", "when ")):
            if block == previous_block:
                terms |= previous
            heading_terms = lexicon.mentions(s.section)
            terms |= heading_terms
        if s.label:
            terms |= lexicon.mentions(s.label)
        if s.column:
            terms |= lexicon.mentions(s.column)
        if s.text.lower().startswith("both") and s.doc_index in corpus.compared:
            for name in corpus.compared[s.doc_index]:
                if key := lexicon.lookup(name):
                    terms.add(key)
        contexts.append(Context(content_stems(s.text), terms, s))
        if s.kind != "heading":
            previous, previous_block = terms, block
    return contexts


def index_by_doc(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    grouped: dict[int, list[Sentence]] = defaultdict(list)
    for s in sentences:
        grouped[s.doc_index].append(s)
    return grouped


__all__ = ["Context", "Corpus", "Lexicon", "Sentence", "Term", "build_corpus", "stem", "term_key"]
