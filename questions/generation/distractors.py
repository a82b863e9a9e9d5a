"""Distractors drawn from the document's own sibling terms and phrases, never from outside knowledge.

A candidate is refused when it is the answer under another name, a kind of the answer (or the reverse), or
something the document states is true for the stem.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from .corpus import Corpus
from .text import content_stems, tokens


def _length_score(candidate: str, answer: str) -> float:
    """Prefer options close in length, slightly longer rather than shorter (the answer must not stand out)."""
    ratio = len(candidate) / max(1, len(answer))
    return abs(1.0 - ratio) - (0.15 if ratio >= 1.0 else 0.0)


def term_distractors(
    corpus: Corpus, answer: str, claim: str, *, k: int = 3, prefer: tuple[str, ...] = (), categories: bool = True,
    exclude: tuple[str, ...] = (),
) -> list[str]:
    """Other lexicon terms (keys) that are plausible but wrong for `claim` about `answer`."""
    lexicon = corpus.lexicon
    category = lexicon.category(answer)
    chosen: list[str] = []

    def acceptable(key: str) -> bool:
        if key == answer or lexicon.related(key, answer) or key in exclude or lexicon.canonical(key) != key:
            return False
        if any(lexicon.same(key, other) for other in chosen):
            return False
        if lexicon.related_to_any(key, exclude):
            return False
        if categories and lexicon.category(key) != category:
            return False
        return not corpus.stated_for(key, claim)

    for key in prefer:
        if key in lexicon.terms and acceptable(key) and len(chosen) < k:
            chosen.append(key)
    answer_display = lexicon.display(answer)
    family_heads = {answer.split()[-1]} | {key.split()[-1] for key in prefer if key}
    ranked = sorted(
        (key for key in lexicon.terms if key not in chosen),
        key=lambda key: (
            0 if key in corpus.fact_subjects or not corpus.fact_subjects else 1,
            0 if key.split()[-1] in family_heads else 1,
            _length_score(lexicon.display(key), answer_display),
            key,
        ),
    )
    for key in ranked:
        if len(chosen) >= k:
            break
        if acceptable(key):
            chosen.append(key)
    return chosen


def phrase_distractors(
    corpus: Corpus, answer: str, pool: list[str], *, subject: str = "", k: int = 3, max_len: int = 90,
) -> list[str]:
    """Phrases from `pool` (other causes, other definitions, sibling answers) unlike the answer and not
    stated true of `subject`."""
    chosen: list[str] = []
    answer_stems = content_stems(answer)
    candidates = sorted(dict.fromkeys(pool), key=lambda p: (_length_score(p, answer), p))
    for phrase in candidates:
        if len(chosen) >= k:
            break
        if len(phrase) > max_len or not tokens(phrase):
            continue
        stems = content_stems(phrase)
        if not stems or len(stems & answer_stems) / len(stems) > 0.5:
            continue
        if fuzz.token_set_ratio(phrase.lower(), answer.lower()) >= 70:
            continue
        if any(fuzz.token_set_ratio(phrase.lower(), c.lower()) >= 70 for c in chosen):
            continue
        if subject and corpus.stated_for(subject, phrase):
            continue
        chosen.append(phrase)
    return chosen
