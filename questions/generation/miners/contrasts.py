"""Contrasts ("X …, whereas/while Y …", "Y, on the other hand, …") and plain term facts → "Which … ?" single
choice and true/false, where the false statement swaps the two compared terms."""
from __future__ import annotations

from ..candidates import Candidate
from ..corpus import Corpus
from ..facts import TermFact
from .statements import truefalse_question, which_term_question


def mine_contrasts(corpus: Corpus, facts: list[TermFact]) -> list[Candidate]:
    out: list[Candidate] = []
    for index, fact in enumerate(f for f in facts if f.relation != "definition"):
        miner = "contrasts" if fact.partner else "statements"
        if candidate := which_term_question(corpus, fact, miner):
            out.append(candidate)
        if candidate := truefalse_question(corpus, fact, miner, prefer_false=index % 2 == 0 or bool(fact.partner)):
            out.append(candidate)
    return out
