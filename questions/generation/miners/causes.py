"""Cause and effect ("X is due to Y", "X can occur as a result of Y", "X can lead to Y") → "What can cause X?"
/ "What can X lead to?" with other causes or effects from the documents as distractors."""
from __future__ import annotations

from ..candidates import Candidate, new_question, with_choices
from ..corpus import Corpus
from ..distractors import phrase_distractors
from ..facts import TermFact
from ..text import decapitalise, hedges_in, sentence, strip_end


def cause_stem(fact: TermFact) -> str:
    subject = decapitalise(fact.subject_text)
    hedged = bool(hedges_in(fact.predicate) & {"can", "may", "could", "might"})
    if fact.relation == "cause":
        return f"What {'can cause' if hedged else 'causes'} {subject}?"
    if hedged:
        return f"What can {subject} lead to?"
    return f"What {'do' if fact.plural else 'does'} {subject} lead to?"


def mine_causes(corpus: Corpus, facts: list[TermFact]) -> list[Candidate]:
    out: list[Candidate] = []
    causal = [f for f in facts if f.relation in {"cause", "effect"} and f.obj]
    for fact in causal:
        answer = strip_end(fact.obj)
        pool = [strip_end(f.obj) for f in causal
                if f.relation == fact.relation and not corpus.lexicon.related(f.term, fact.term)]
        wrong = phrase_distractors(corpus, answer, pool, subject=fact.term)
        if len(wrong) < 3:
            continue
        question = new_question(corpus, "single", cause_stem(fact), source=fact.sentence,
                                fact_key=f"{fact.relation}:{fact.term}", miner="causes",
                                explanation=sentence(fact.statement))
        with_choices(question, [answer], wrong)
        out.append(Candidate(question, f"single:{fact.relation}", subject=fact.term, claim=answer,
                             source_text=fact.sentence.text))
    return out
