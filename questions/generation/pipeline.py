"""`generate`: ingested documents → ranked, linted questions with source spans (plain data, no ORM)."""
from __future__ import annotations

from questions.ingest import IngestedDocument

from .candidates import Candidate
from .corpus import Corpus, build_corpus
from .facts import mine_facts
from .gates import problems
from .miners.causes import mine_causes
from .miners.contrasts import mine_contrasts
from .miners.definitions import mine_definitions
from .miners.enumerations import mine_enumerations
from .miners.faq import mine_faq
from .miners.keyterms import mine_keyterms
from .miners.matching import mine_matching
from .miners.ordering import mine_ordering
from .miners.tables import mine_tables
from .model import GeneratedQuestion
from .ranking import select


def mine_candidates(corpus: Corpus) -> list[Candidate]:
    """Every miner's proposals, before gates and ranking."""
    facts = mine_facts(corpus)
    return [
        *mine_definitions(corpus, facts),
        *mine_contrasts(corpus, facts),
        *mine_causes(corpus, facts),
        *mine_tables(corpus),
        *mine_faq(corpus),
        *mine_enumerations(corpus),
        *mine_ordering(corpus),
        *mine_matching(corpus, facts),
        *mine_keyterms(corpus),
    ]


def generate_candidates(documents: list[IngestedDocument]) -> tuple[list[Candidate], list[tuple[Candidate, list[str]]]]:
    """Candidates that pass every gate, and the rejected ones with their reasons (for review and tests)."""
    corpus = build_corpus(documents)
    passed: list[Candidate] = []
    rejected: list[tuple[Candidate, list[str]]] = []
    for candidate in mine_candidates(corpus):
        found = problems(candidate, corpus)
        if found:
            rejected.append((candidate, found))
        else:
            passed.append(candidate)
    return passed, rejected


def generate(documents: list[IngestedDocument], *, max_questions: int | None = None) -> list[GeneratedQuestion]:
    """Ranked questions from the documents, best first; deterministic for the same input."""
    if not documents:
        return []
    passed, _ = generate_candidates(documents)
    return [c.question for c in select(passed, max_questions)]
