"""Quality gates: each returns a problem description (reject) or None (pass).

They are separate functions so each rule can be tested on its own; `problems` runs them all.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz

from .candidates import Candidate
from .corpus import Corpus
from .grammar import has_anaphor, is_vague_negation
from .model import GeneratedQuestion
from .text import content_stems, hedges_in, starts_with_pronoun, text_cache

MAX_STEM = 200
SWAP_OVERLAP = 0.3
POSSIBILITY_HEDGES = {"can", "could", "may", "might", "sometimes", "some", "occasionally", "possibly"}
MAX_OPTION = 90
CHOICE_TYPES = {"single", "multiple"}


def answer_leak(question: GeneratedQuestion) -> str | None:
    """The answer (or its stem forms) appears in the stem, beyond words every option shares."""
    stem_stems = content_stems(question.stem)
    if question.type == "typed":
        for answer in question.accepted_answers:
            words = content_stems(answer)
            if words and words <= stem_stems:
                return f"typed answer '{answer}' appears in the stem"
        return None
    if question.type in CHOICE_TYPES:
        option_stems = [content_stems(c.text) for c in question.choices]
        shared = set.intersection(*option_stems) if option_stems else set()
        for choice, words in zip(question.choices, option_stems, strict=True):
            distinctive = words - shared
            if choice.is_correct and distinctive and distinctive <= stem_stems:
                return f"correct option '{choice.text}' is given away by the stem"
    if question.type == "matching":
        for choice in question.choices:
            left = content_stems(choice.text)
            if left and left <= content_stems(choice.match_text):
                return f"'{choice.text}' appears in its own match"
    return None


def duplicate_options(question: GeneratedQuestion, threshold: float = 90.0) -> str | None:
    """Two options that say the same thing: near-identical spelling or the same words reordered (rapidfuzz).

    A term and a kind of it ("ossification", "heterotopic ossification") are different options."""
    texts = [c.text.lower() for c in question.choices]
    if question.type == "matching":
        texts += [c.match_text.lower() for c in question.choices]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if a == b or fuzz.ratio(a, b) >= threshold or fuzz.token_sort_ratio(a, b) >= threshold:
                return f"near-duplicate options '{a}' / '{b}'"
    return None


def several_true(candidate: Candidate, corpus: Corpus) -> str | None:
    """A wrong option the documents state as true for this stem (or a false statement they state)."""
    question = candidate.question
    if question.type in CHOICE_TYPES and candidate.claim:
        for choice in question.choices:
            if choice.is_correct:
                continue
            key = corpus.lexicon.lookup(choice.text)
            if key is not None and candidate.subject and key != candidate.subject and \
                    corpus.stated_for(key, candidate.claim, threshold=0.8):
                return f"distractor '{choice.text}' is also true according to the text"
    if question.type == "truefalse" and candidate.swapped and not question.choices[0].is_correct:
        # A table cell sits under one column, so only a near-copy under the other counts; a sentence swapped
        # onto another term is refused as soon as a third of its meaning (two real words) is said of that term.
        tables = question.miner == "tables"
        if corpus.stated_for(candidate.swapped, candidate.claim, threshold=0.85 if tables else SWAP_OVERLAP,
                             min_shared=1 if tables else 2):
            return f"the 'false' statement is stated for {candidate.swapped}"
    return None


def weak_falsification(candidate: Candidate) -> str | None:
    """ "Ossification can happen in soft tissues" is false only if it never does: a swapped statement that
    keeps a possibility hedge (can, may, sometimes …) is not reliably false."""
    question = candidate.question
    if question.type == "truefalse" and candidate.swapped and not question.choices[0].is_correct and \
            hedges_in(question.stem) & POSSIBILITY_HEDGES:
        return "false statement keeps a possibility hedge"
    return None


def dangling_pronoun(question: GeneratedQuestion) -> str | None:
    """Stems or options opening with it/this/these/they have no antecedent in a quiz."""
    stem = question.stem.removeprefix("Fill in the blank: ")
    if starts_with_pronoun(stem):
        return "stem opens with a pronoun"
    for choice in question.choices:
        if starts_with_pronoun(choice.text) or (choice.match_text and starts_with_pronoun(choice.match_text)):
            return f"option '{choice.text}' opens with a pronoun"
    return None


QUIZ_FRAMES = re.compile(r"^Fill in the blank: |\b(?:which|of) (?:of )?(?:these|the following)\b", re.I)


def unresolved_reference(question: GeneratedQuestion) -> str | None:
    """ "Endochondral ossification forms the rest of the skeleton": "the rest", "this type", "these cells" point
    at text the player never sees (ordering steps are read together, so they may refer to each other)."""
    if question.type == "ordering":
        return None
    if stem_has_anaphor(question.stem):
        return "stem refers to something it does not show"
    for choice in question.choices:
        for text in (choice.text, choice.match_text):
            if text and has_anaphor(text):
                return f"option '{text}' refers to something it does not show"
    return None


@text_cache
def stem_has_anaphor(stem: str) -> bool:
    """has_anaphor on the stem without its quiz frame ("which of these", "fill in the blank")."""
    return has_anaphor(QUIZ_FRAMES.sub(" ", stem))


def vague_negation(candidate: Candidate) -> str | None:
    """A negated statement or claim with too little content ("Ossification does not belong.") is neither
    clearly true nor clearly false."""
    question = candidate.question
    texts = [question.stem] if question.type == "truefalse" else []
    if candidate.way == "single:which-term":
        texts.append(candidate.claim)
    texts += [c.match_text for c in question.choices if c.match_text]
    for text in texts:
        if is_vague_negation(text):
            return f"vague negated claim '{text}'"
    return None


def too_long(question: GeneratedQuestion) -> str | None:
    if len(question.stem) > MAX_STEM:
        return f"stem has {len(question.stem)} characters (max {MAX_STEM})"
    for choice in question.choices:
        for text in (choice.text, choice.match_text):
            if len(text) > MAX_OPTION:
                return f"option has {len(text)} characters (max {MAX_OPTION})"
    return None


def hedge_lost(candidate: Candidate) -> str | None:
    """A true/false statement must keep the source's hedges (can, usually, may, often, some …)."""
    question = candidate.question
    if question.type != "truefalse" or not candidate.source_text:
        return None
    claim_hedges = hedges_in(candidate.claim) if candidate.claim else hedges_in(candidate.source_text)
    missing = claim_hedges - hedges_in(question.stem)
    return f"hedge lost: {', '.join(sorted(missing))}" if missing else None


def malformed(question: GeneratedQuestion) -> str | None:
    """Shape rules per type (options count, one correct answer, accepted answers present)."""
    correct = sum(c.is_correct for c in question.choices)
    if question.type == "single" and (len(question.choices) < 4 or correct != 1):
        return "single choice needs 4+ options with exactly one correct"
    if question.type == "multiple" and (correct < 2 or len(question.choices) - correct < 3):
        return "multiple choice needs 2+ correct and 3+ wrong options"
    if question.type == "truefalse" and [c.text for c in question.choices] != ["True", "False"]:
        return "true/false needs the True and False options"
    if question.type == "typed" and (not question.accepted_answers or question.choices):
        return "typed needs accepted answers and no options"
    if question.type in {"ordering", "matching"} and len(question.choices) < 3:
        return f"{question.type} needs 3+ items"
    if question.excerpt == "" or question.span_end <= question.span_start:
        return "no source excerpt"
    return None


def correct_is_longest(question: GeneratedQuestion) -> bool:
    """True when a correct option is strictly longer than every wrong one (a giveaway if systematic)."""
    right = [len(c.text) for c in question.choices if c.is_correct]
    wrong = [len(c.text) for c in question.choices if not c.is_correct]
    return bool(right and wrong) and max(right) > max(wrong)


QuestionGate = Callable[[GeneratedQuestion], "str | None"]
QUESTION_GATES: tuple[QuestionGate, ...] = (malformed, too_long, answer_leak, duplicate_options, dangling_pronoun,
                                            unresolved_reference)


def problems(candidate: Candidate, corpus: Corpus) -> list[str]:
    """Every gate's complaint about the candidate (empty list: it passes)."""
    found = [p for gate in QUESTION_GATES if (p := gate(candidate.question))]
    for problem in (several_true(candidate, corpus), hedge_lost(candidate), vague_negation(candidate),
                    weak_falsification(candidate)):
        if problem:
            found.append(problem)
    return found
