"""Questions about one term fact: "which term …?" single choice and a true/false statement.

Shared by the definition, contrast and cause miners; the false statement swaps the subject for a sibling term
(preferably the one the sentence contrasts it with) that the document never says the same thing about.
"""
from __future__ import annotations

from ..candidates import Candidate, new_question, with_choices, with_truth
from ..corpus import Corpus, clean_term, term_key
from ..distractors import term_distractors
from ..facts import TermFact
from ..gates import POSSIBILITY_HEDGES
from ..grammar import meaning_stems
from ..text import content_stems, decapitalise, hedges_in, sentence

GENERIC_NOUNS = {"process", "type", "form", "way", "thing", "part", "kind"}
NEGATIONS = {"not", "never", "no", "cannot", "neither", "nor"}
CATEGORY_NOUN = {"process": "process", "cell": "cells", "tissue": "tissue", "condition": "condition"}


def fact_key(prefix: str, fact: TermFact) -> str:
    return f"{prefix}:{fact.term}:{' '.join(sorted(content_stems(fact.predicate)))}"


def which_stem(corpus: Corpus, fact: TermFact) -> str | None:
    """ "Which process forms flat bones?" — the verb agrees with the category noun ("Which cells add …")."""
    category = corpus.lexicon.category(fact.term)
    noun = CATEGORY_NOUN.get(category)
    if noun is None or (fact.plural and noun != "cells") or (noun == "cells" and not fact.plural):
        noun = "of the following"
    predicate = fact.predicate_for(noun == "cells")
    if predicate is None:
        return None
    predicate = predicate.rstrip(".")
    if noun != "of the following" and noun.rstrip("s") in predicate.lower():
        noun = "of the following"
    return f"Which {noun} {predicate}?"


def is_broad(corpus: Corpus, key: str) -> bool:
    """A term the text also names kinds of ("calcification" has "dystrophic calcification")."""
    return corpus.lexicon.is_broad(key)


def which_term_question(corpus: Corpus, fact: TermFact, miner: str) -> Candidate | None:
    stem = which_stem(corpus, fact)
    if stem is None or ":" in fact.predicate or len(meaning_stems(fact.predicate) - GENERIC_NOUNS) < 2:
        return None
    exclude = set(corpus.lexicon.mentions(fact.predicate))
    if is_broad(corpus, fact.term):
        exclude |= {k for k in corpus.lexicon.terms if not is_broad(corpus, k) or k not in corpus.fact_subjects}
    distractors = term_distractors(corpus, fact.term, fact.predicate, prefer=swap_candidates(corpus, fact),
                                   exclude=tuple(sorted(exclude)), k=6)
    if len(distractors) < 3:
        return None
    distractors, spare = distractors[:3], distractors[3:]
    question = new_question(corpus, "single", stem, source=fact.sentence, fact_key=fact_key("fact", fact),
                            miner=miner, explanation=sentence(fact.statement))
    answer = corpus.lexicon.display(fact.term)
    with_choices(question, [answer], [corpus.lexicon.display(k) for k in distractors])
    return Candidate(question, "single:which-term", subject=fact.term, claim=fact.predicate,
                     source_text=fact.sentence.text, spare=[corpus.lexicon.display(k) for k in spare])


def swap_candidates(corpus: Corpus, fact: TermFact) -> tuple[str, ...]:
    """Terms a false statement may put in the subject's place: the contrasted partner, the other compared
    term of the document, sibling kinds of the same thing ("dystrophic" ↔ "metastatic"), or for cells and
    tissues another of the same category. Unrelated terms would make statements that are merely odd."""
    lexicon = corpus.lexicon
    found: list[str] = []
    if fact.partner:
        found.append(fact.partner)
    pair = corpus.compared.get(fact.sentence.doc_index)
    if pair:
        keys = [lexicon.lookup(name) for name in pair]
        if fact.term in keys:
            found.extend(k for k in keys if k and k != fact.term)
    words = fact.term.split()
    category = lexicon.category(fact.term)
    for key in sorted(lexicon.terms):
        other = key.split()
        if len(words) > 1 and len(other) == len(words) and other[-1] == words[-1] and key != fact.term:
            found.append(key)
        elif category in {"cell", "tissue"} and lexicon.category(key) == category and len(other) == len(words):
            found.append(key)
    return tuple(dict.fromkeys(k for k in found if k in lexicon.terms))


def swapped_statement(corpus: Corpus, fact: TermFact) -> tuple[str, str] | None:
    """A false version of the fact: the subject replaced by a sibling term the text does not say it of, with
    the verb agreeing with the new subject."""
    allowed = swap_candidates(corpus, fact)
    mentioned = corpus.lexicon.mentions(fact.predicate)
    options = term_distractors(corpus, fact.term, fact.predicate, k=4, prefer=allowed, exclude=tuple(mentioned),
                               categories=False)
    for swap in (o for o in options if o in allowed):
        display = corpus.lexicon.display(swap)
        plural = corpus.is_plural(display)
        predicate = fact.predicate_for(plural)
        if predicate is not None:
            return swap, sentence(f"{with_article(display, fact.subject_text, plural=plural)} {predicate}")
    return None


def with_article(display: str, like: str, *, plural: bool = False) -> str:
    """Give the replacement the same kind of article the original subject had ("A glacier" → "An ice sheet");
    a plural replacement takes no indefinite article ("A glacier" → "Ice sheets")."""
    first = like.split()[0].lower() if like.split() else ""
    if first in {"a", "an"} and not plural:
        article = "An" if display[:1].lower() in "aeiou" else "A"
        return f"{article} {decapitalise(display)}"
    if first == "the":
        return f"The {decapitalise(display)}"
    return display


def truefalse_question(corpus: Corpus, fact: TermFact, miner: str, *, prefer_false: bool) -> Candidate | None:
    """True statement or, when `prefer_false` and a safe swap exists, the swapped (false) one; miners
    alternate the preference so the bank mixes both."""
    if ":" in fact.predicate:
        return None
    as_written = term_key(clean_term(fact.subject_text)) == fact.term and not fact.resolved
    subject = fact.subject_text if as_written else corpus.lexicon.display(fact.term)
    predicate = fact.predicate_for(fact.plural if as_written else corpus.is_plural(subject))
    if predicate is None:
        return None
    true_statement = sentence(f"{subject} {predicate}")
    truth = True
    statement = true_statement
    swap = ""
    negated = bool(NEGATIONS & {w.lower() for w in predicate.split()})
    possible = bool(hedges_in(predicate) & POSSIBILITY_HEDGES)
    if prefer_false and not negated and not possible and (swapped := swapped_statement(corpus, fact)):
        truth = False
        swap, statement = swapped
    question = new_question(corpus, "truefalse", statement, source=fact.sentence, fact_key=fact_key("fact", fact),
                            miner=miner, explanation=true_statement if truth else
                            f"False: {decapitalise(true_statement)}")
    with_truth(question, truth)
    return Candidate(question, "truefalse", subject=fact.term, claim=fact.predicate, source_text=fact.sentence.text,
                     swapped=swap)
