"""Grammar of generated stems and statements, read from the source sentence's parse.

A statement is rebuilt from a subject and a predicate cut out of a sentence, often with another subject than
the one written (a resolved pronoun, a swapped term). These helpers keep what that can break: a finite verb,
subject–verb agreement, hedges in a grammatical place, and no phrase that points at text the quiz does not show.
"""
from __future__ import annotations

import re

from spacy.tokens import Token

from .text import content_stems, stem, text_cache, tokens

FINITE_TAGS = {"VBZ", "VBP", "VBD", "MD"}
BE_FORMS = {("is", True): "are", ("are", False): "is", ("was", True): "were", ("were", False): "was"}
IRREGULAR_SINGULAR = {"have": "has", "do": "does", "go": "goes", "be": "is"}
IRREGULAR_PLURAL = {"has": "have", "does": "do", "is": "are", "was": "were"}
NEGATIONS = {"not", "never", "no", "cannot", "neither", "nor", "n't"}
# Words that say little on their own: a claim made only of these (plus a negation) is too vague to test.
LIGHT_WORDS = frozenset(stem(w) for w in """
    go goes went gone happen happens occur occurs take takes took place make makes made do does get gets have has
    become becomes involve involves exist exists belong belongs limit limited found find use used throughout
    during through about between among around before after until upon always necessarily true case thing way part
    """.split())
# Phrases that point at something the quiz does not show ("the rest of the skeleton", "this type").
ANAPHOR = re.compile(
    r"\b(?:the\s+(?:rest|remainder|remaining|latter|former|above|following|same|others?(?!\s+(?:hand|way)\b))|"
    r"this|these|those|such|said)\b(?!\s*(?:as|that)\b)",
    re.I,
)
HEDGE_PHRASES = {
    "in some cases": "sometimes", "in many cases": "often", "in most cases": "usually", "in rare cases": "rarely",
    "at times": "sometimes", "in general": "generally",
}


def is_finite(verb: Token) -> bool:
    """The clause has a finite verb: the verb is finite or a finite auxiliary governs it.

    A past form right after a comma ("Ossification, also called osteogenesis, …") is a participle, not a verb.
    """
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in FINITE_TAGS and c.i < verb.i for c in verb.children):
        return True
    if verb.tag_ not in FINITE_TAGS:
        return False
    if verb.tag_ == "VBD":
        before = verb.i - 1
        while before >= 0 and verb.doc[before].dep_ == "advmod":
            before -= 1
        if before >= 0 and verb.doc[before].text == ",":
            return False
    return True


def agreement_token(verb: Token) -> Token | None:
    """The word that agrees with the subject: the first finite auxiliary, else the finite verb itself."""
    for child in verb.children:
        if child.dep_ in {"aux", "auxpass"} and child.i < verb.i and child.tag_ in FINITE_TAGS:
            return child
    return verb if verb.tag_ in FINITE_TAGS else None


def inflect(word: str, lemma: str, tag: str, plural: bool) -> str:
    """The present-tense form of a verb for a singular or plural third-person subject (others unchanged)."""
    lower = word.lower()
    if (lower, plural) in BE_FORMS:
        return BE_FORMS[(lower, plural)]
    if tag == "VBZ" and plural:
        return IRREGULAR_PLURAL.get(lower, lemma.lower() if lemma else lower)
    if tag == "VBP" and not plural:
        base = lemma.lower() if lemma else lower
        if base in IRREGULAR_SINGULAR:
            return IRREGULAR_SINGULAR[base]
        if base.endswith(("s", "sh", "ch", "x", "z", "o")):
            return base + "es"
        if len(base) > 2 and base.endswith("y") and base[-2] not in "aeiou":
            return base[:-1] + "ies"
        return base + "s"
    return word


def token_is_plural(token: Token) -> bool:
    """Number from spaCy's morphology, falling back to the fine-grained tag."""
    number = token.morph.get("Number")
    if number:
        return number[0] == "Plur"
    return token.tag_ in {"NNS", "NNPS", "VBP"}


def clause_is_plural(subject: Token, verb: Token) -> bool:
    """The number the clause was written in: the agreeing verb says it best ("Seracs are …" even when the
    tagger reads a rare capitalised noun as singular); past tenses and modals leave it to the subject."""
    target = agreement_token(verb)
    if target is not None:
        if target.tag_ == "VBZ" or target.lower_ == "was":
            return False
        if target.tag_ == "VBP" or target.lower_ == "were":
            return True
    return token_is_plural(subject)


def what_is(subject: str, plural: bool) -> str:
    """ "What is calcification?" / "What are osteoclasts?" """
    return f"What {'are' if plural else 'is'} {subject}?"


def hedge_from_opening(verb: Token, subject: Token) -> str:
    """A hedge written before the subject ("Often, …", "In some cases, …") that the predicate alone would lose."""
    for child in verb.children:
        if child.i >= subject.i:
            continue
        if child.dep_ == "advmod" and child.lower_ in {"often", "usually", "sometimes", "typically", "generally",
                                                       "rarely", "occasionally", "frequently", "commonly"}:
            return child.lower_
        if child.dep_ == "prep":
            phrase = " ".join(t.lower_ for t in child.subtree)
            if phrase in HEDGE_PHRASES:
                return HEDGE_PHRASES[phrase]
    return ""


def hedge_position(agree_at: int, verb_at: int, is_be: bool) -> int:
    """Where an adverb hedge goes: after the first auxiliary or a form of "be" ("can sometimes occur", "is
    usually harmless"), otherwise before the main verb ("often forms")."""
    if agree_at >= 0 and (agree_at != verb_at or is_be):
        return agree_at + 1
    return max(verb_at, 0)


@text_cache
def has_anaphor(text: str) -> bool:
    """ "the rest of the skeleton", "this type", "these cells": a reference the reader cannot resolve."""
    return bool(ANAPHOR.search(text))


@text_cache
def is_vague_negation(claim: str) -> bool:
    """A negated claim needs enough meaning words to be clearly true or false ("does not belong" is not)."""
    words = {t.lower() for t in tokens(claim)}
    if not words & NEGATIONS and not claim.lower().count("n't"):
        return False
    return len(meaning_stems(claim)) < 3


def meaning_stems(text: str) -> set[str]:
    """Content stems without light words ("goes on throughout life" → {"life"})."""
    return content_stems(text) - LIGHT_WORDS - NEGATIONS
