"""Scoring, de-duplication (best question per fact and way) and bank-level balancing."""
from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from .candidates import Candidate, option
from .gates import CHOICE_TYPES, correct_is_longest
from .text import content_stems, rarity, text_cache

MINER_WEIGHT = {
    "definitions": 1.0, "contrasts": 0.95, "ordering": 0.95, "tables": 0.85, "enumerations": 0.9,
    "matching": 0.9, "keyterms": 0.85, "causes": 0.8, "statements": 0.75, "faq": 0.7,
}
LONGEST_LIMIT = 0.4
MAX_PER_SUBJECT_AND_WAY = 6
MAX_TRUEFALSE_PER_SUBJECT = 9
MIN_CHOICE_QUESTIONS = 5


def direction(candidate: Candidate) -> str:
    """How a fact is tested; single and typed "name the term" questions compete for the same slot."""
    return candidate.way.split(":", 1)[-1]


def score(candidate: Candidate) -> float:
    question = candidate.question
    value = MINER_WEIGHT.get(question.miner, 0.5)
    answer = next((c.text for c in question.choices if c.is_correct), "") or (
        question.accepted_answers[0] if question.accepted_answers else "")
    if answer and question.type in {"single", "typed"}:
        value += max(0.0, 5.0 - rarity(answer)) / 20
    if question.type == "typed":
        value += 0.1 if len(answer.split()) == 1 else -0.15
    if question.type == "single" and candidate.way == "single:faq":
        value -= 0.2
    if len(question.stem) > 150:
        value -= 0.1
    if "(" in question.stem:
        value -= 0.03
    if question.type == "truefalse" and question.choices and question.choices[1].is_correct:
        value += 0.02
    return round(value, 4)


def difficulty(candidate: Candidate) -> int:
    question = candidate.question
    level = {"truefalse": 1, "single": 2, "multiple": 2, "typed": 3, "ordering": 2, "matching": 2}[question.type]
    answers = question.correct_texts() or question.accepted_answers[:1]
    if answers and min(rarity(a) for a in answers) < 2.5 and level < 3:
        level += 1
    return level


SAME_VERBS = ((re.compile(r"\btak(?:e|es|ing) place\b"), "occur"), (re.compile(r"\bhappen(?:s|ed|ing)?\b"), "occur"))


def claim_stems(claim: str) -> set[str]:
    """Meaning words of a claim, with a few interchangeable verbs unified ("takes place" = "happens" = "occurs")."""
    return set(_claim_stems(claim))


@text_cache
def _claim_stems(claim: str) -> frozenset[str]:
    text = claim.lower()
    for pattern, replacement in SAME_VERBS:
        text = pattern.sub(replacement, text)
    return frozenset(content_stems(text))


STEM_RATIO, CLAIM_OVERLAP, CLAIM_RATIO, STEM_SET_RATIO = 90, 0.75, 85, 92
ARRANGING = {"matching", "ordering"}


def is_duplicate(a: Candidate, b: Candidate) -> bool:
    """Same fact tested the same way: same key and direction, or same subject with a near-identical claim;
    any two questions whose stems read almost the same also count ("Which term …" / "What term …")."""
    if a.question.type not in ARRANGING and \
            fuzz.ratio(a.question.stem.lower(), b.question.stem.lower()) >= STEM_RATIO:
        return True
    return direction(a) == direction(b) and _same_fact(_Features(a), _Features(b))


class _Features:
    """What `is_duplicate` compares, computed once per candidate (select compares each with every kept one)."""

    __slots__ = ("candidate", "claim", "claim_stems", "direction", "stem")

    def __init__(self, candidate: Candidate) -> None:
        self.candidate = candidate
        self.stem = candidate.question.stem.lower()
        self.direction = direction(candidate)
        self.claim = candidate.claim.lower()
        self.claim_stems = claim_stems(candidate.claim) if candidate.claim and candidate.subject else set()


def _same_fact(x: _Features, y: _Features) -> bool:
    """The part of `is_duplicate` after the stem comparison, for two candidates tested the same way."""
    a, b = x.candidate, y.candidate
    if a.question.fact_key == b.question.fact_key:
        return True
    if a.question.type in ARRANGING:
        return False
    if a.subject and a.subject == b.subject and a.claim and b.claim:
        first, second = x.claim_stems, y.claim_stems
        if first and second and len(first & second) / min(len(first), len(second)) >= CLAIM_OVERLAP:
            return True
        return fuzz.token_set_ratio(x.claim, y.claim, score_cutoff=CLAIM_RATIO) >= CLAIM_RATIO
    return fuzz.token_set_ratio(x.stem, y.stem, score_cutoff=STEM_SET_RATIO) >= STEM_SET_RATIO


class _Kept:
    """The questions kept so far, with their lower-cased stems (compared in one rapidfuzz call) and grouped by
    direction (only questions testing a fact the same way can be the same question otherwise)."""

    def __init__(self) -> None:
        self.stems: list[str] = []
        self.by_direction: dict[str, list[_Features]] = {}

    def duplicates(self, features: _Features) -> bool:
        """any(is_duplicate(candidate, other) for other in kept)"""
        if features.candidate.question.type not in ARRANGING and self.stems and process.extractOne(
                features.stem, self.stems, scorer=fuzz.ratio, processor=None, score_cutoff=STEM_RATIO) is not None:
            return True
        return any(_same_fact(features, other) for other in self.by_direction.get(features.direction, ()))

    def add(self, features: _Features) -> None:
        self.stems.append(features.stem)
        self.by_direction.setdefault(features.direction, []).append(features)


def select(candidates: list[Candidate], max_questions: int | None = None) -> list[Candidate]:
    """Best-first, one question per fact and way, then the longest-correct-option balance."""
    for candidate in candidates:
        candidate.quality = score(candidate)
        candidate.question.rank_score = candidate.quality
        candidate.question.difficulty = difficulty(candidate)
    ordered = sorted(candidates, key=lambda c: (-c.quality, c.question.type, c.question.stem, c.question.fact_key))
    kept: list[Candidate] = []
    compared = _Kept()
    per_subject: Counter[tuple[str, str]] = Counter()
    for candidate in ordered:
        slot = (candidate.subject, direction(candidate))
        limit = MAX_TRUEFALSE_PER_SUBJECT if candidate.question.type == "truefalse" else MAX_PER_SUBJECT_AND_WAY
        if candidate.subject and per_subject[slot] >= limit:
            continue
        features = _Features(candidate)
        if not compared.duplicates(features):
            kept.append(candidate)
            compared.add(features)
            per_subject[slot] += 1
    kept = balance_longest(kept)
    if max_questions is not None:
        kept = kept[:max_questions]
    return kept


def repair_longest(candidate: Candidate) -> bool:
    """Swap the shortest distractor for a spare one longer than the answer; True when the giveaway is gone."""
    question = candidate.question
    if question.type != "single" or not correct_is_longest(question):
        return False
    answer = max(len(c.text) for c in question.choices if c.is_correct)
    longer = [s for s in candidate.spare if len(option(s)) > answer]
    if not longer:
        return False
    wrong = [c for c in question.choices if not c.is_correct]
    shortest = min(wrong, key=lambda c: (len(c.text), c.text))
    replacement = min(longer, key=lambda s: (len(s), s))
    candidate.spare = [s for s in candidate.spare if s != replacement] + [shortest.text]
    shortest.text = option(replacement)
    return not correct_is_longest(question)


def balance_longest(candidates: list[Candidate], limit: float = LONGEST_LIMIT,
                    minimum: int = MIN_CHOICE_QUESTIONS) -> list[Candidate]:
    """Keep the correct option from being the longest in more than `limit` of the choice questions: repair
    with spare distractors first, then drop the lowest-ranked offenders (small banks are left alone)."""
    kept = list(candidates)
    choices = len([c for c in kept if c.question.type in CHOICE_TYPES])
    longest = len([c for c in kept if c.question.type in CHOICE_TYPES and correct_is_longest(c.question)])
    for candidate in kept:
        if longest <= limit * choices:
            break
        # Only this candidate's options change, so only its share of the count can.
        was_longest = candidate.question.type in CHOICE_TYPES and correct_is_longest(candidate.question)
        repair_longest(candidate)
        longest -= was_longest and not correct_is_longest(candidate.question)
    while True:
        choice = [c for c in kept if c.question.type in CHOICE_TYPES]
        longest = [c for c in choice if correct_is_longest(c.question)]
        if len(choice) < minimum or len(longest) <= limit * len(choice):
            return kept
        kept.remove(min(longest, key=lambda c: (c.quality, c.question.stem)))
