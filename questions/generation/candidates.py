"""Candidate questions and the builders every miner uses, so each type is shaped the same way everywhere."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .corpus import Corpus, Sentence
from .model import GeneratedChoice, GeneratedQuestion, QuestionType
from .text import capitalise, content_stems, stable_shuffle, strip_end, text_cache


@dataclass
class Candidate:
    """A question plus what the gates and the ranker need to judge it.

    `way` says how the fact is tested (two candidates with the same fact_key and way are duplicates);
    `subject`/`claim` let gates ask the document whether a distractor is in fact true; `source_text` is the
    sentence the statement came from (hedges must survive); `spare` are unused distractors for repairs.
    """

    question: GeneratedQuestion
    way: str
    subject: str = ""
    claim: str = ""
    source_text: str = ""
    spare: list[str] = field(default_factory=list)
    swapped: str = ""
    quality: float = 0.0


@text_cache
def option(text: str) -> str:
    """Option text: capitalised, no trailing full stop, single spaces."""
    text = " ".join(text.split())
    text = re.sub(r"\s+([,.;:)])", r"\1", text).replace("( ", "(")
    return capitalise(strip_end(text))


def new_question(
    corpus: Corpus, qtype: QuestionType, stem: str, *, source: Sentence | tuple[int, int, int], fact_key: str,
    miner: str, explanation: str = "",
) -> GeneratedQuestion:
    """A question located in its document: `source` is a sentence or (doc_index, start, end)."""
    if isinstance(source, Sentence):
        doc_index, start, end = source.doc_index, source.start, source.end
    else:
        doc_index, start, end = source
    document = corpus.documents[doc_index]
    return GeneratedQuestion(
        type=qtype, stem=" ".join(stem.split()), explanation=explanation, document=document.name,
        excerpt=document.text[start:end], span_start=start, span_end=end, fact_key=fact_key, miner=miner,
    )


def with_choices(question: GeneratedQuestion, correct: list[str], wrong: list[str]) -> GeneratedQuestion:
    """Attach options in a deterministic shuffled order (positions are display order)."""
    labelled = [(option(t), True) for t in correct] + [(option(t), False) for t in wrong]
    shuffled = stable_shuffle(labelled, question.stem, question.fact_key)
    question.choices = [GeneratedChoice(text, ok, i) for i, (text, ok) in enumerate(shuffled)]
    return question


def with_truth(question: GeneratedQuestion, truth: bool) -> GeneratedQuestion:
    question.choices = [GeneratedChoice("True", truth, 0), GeneratedChoice("False", not truth, 1)]
    return question


def with_order(question: GeneratedQuestion, steps: list[str]) -> GeneratedQuestion:
    """Ordering: choices are shown shuffled; `position` is each step's correct place (0-based)."""
    indexed = [(option(step), i) for i, step in enumerate(steps)]
    shuffled = stable_shuffle(indexed, question.stem, "order")
    if [i for _, i in shuffled] == list(range(len(steps))):
        shuffled = shuffled[1:] + shuffled[:1]
    question.choices = [GeneratedChoice(text, True, i) for text, i in shuffled]
    return question


def with_pairs(question: GeneratedQuestion, pairs: list[tuple[str, str]]) -> GeneratedQuestion:
    """Matching: left text with its right-hand partner; the game shuffles the right column."""
    question.choices = [GeneratedChoice(option(a), True, i, option(b)) for i, (a, b) in enumerate(pairs)]
    return question


def answer_variants(answer: str, extra: list[str] | None = None, *, stem: str = "") -> list[str]:
    """Accepted typed answers: the term and its aliases, in lower case, with plural and hyphen variants.

    Aliases whose words all appear in `stem` are left out: accepting them would give the answer away.
    """
    variants: list[str] = []
    stem_words = content_stems(stem)
    aliases = [a for a in (extra or []) if not (content_stems(a) and content_stems(a) <= stem_words)]
    for text in [answer, *aliases]:
        base = " ".join(text.lower().split())
        forms = {base, base.replace("-", " "), base.replace(" ", "-") if len(base.split()) == 2 else base}
        if base.endswith("ies"):
            forms.add(base[:-3] + "y")
        elif base.endswith("s") and not base.endswith(("ss", "sis", "us", "is")):
            forms.add(base[:-1])
        elif base.endswith("y"):
            forms.add(base[:-1] + "ies")
        elif not base.endswith(("sis", "ss", "us")):
            forms.add(base + "s")
        for form in sorted(forms):
            if form not in variants:
                variants.append(form)
    return variants
