"""Matching from term/description pairs (definitions and short term facts) and from labelled table rows."""
from __future__ import annotations

from ..candidates import Candidate, new_question, with_pairs
from ..corpus import Corpus
from ..facts import TermFact
from ..text import capitalise, strip_end, tokens

MAX_RIGHT = 70
MAX_GROUPS = 4
ARTICLES = ("the ", "a ", "an ")


def description(fact: TermFact) -> str:
    """Right-hand side: the definition without its article, or the predicate as written."""
    text = strip_end(fact.obj if fact.relation == "definition" else fact.predicate)
    lowered = text.lower()
    for article in ARTICLES:
        if lowered.startswith(article):
            text = text[len(article) :]
            break
    return capitalise(text)


def _eligible(corpus: Corpus, fact: TermFact) -> bool:
    text = description(fact)
    return (
        len(text) <= MAX_RIGHT
        and len(tokens(text)) >= 3
        and not corpus.lexicon.mentions(text)
        and ":" not in text
        and fact.relation in {"definition", "property", "cause"}
    )


def mine_matching(corpus: Corpus, facts: list[TermFact]) -> list[Candidate]:
    out: list[Candidate] = []
    eligible = [f for f in facts if _eligible(corpus, f)]
    by_doc: dict[int, list[TermFact]] = {}
    for fact in eligible:
        by_doc.setdefault(fact.sentence.doc_index, []).append(fact)
    groups: list[list[TermFact]] = []
    used: set[tuple[str, str]] = set()
    for _, doc_facts in sorted(by_doc.items()):
        group = _group(corpus, doc_facts)
        if len(group) >= 3:
            groups.append(group)
            used.update((f.term, description(f)) for f in group)
    remaining = [f for f in eligible if (f.term, description(f)) not in used]
    while len(groups) < MAX_GROUPS:
        group = _group(corpus, remaining)
        if len(group) < 3:
            break
        groups.append(group)
        chosen = {(f.term, description(f)) for f in group}
        remaining = [f for f in remaining if (f.term, description(f)) not in chosen and
                     all(f.term != g.term or f.sentence is not g.sentence for g in group)]
    for group in groups:
        doc_index = group[0].sentence.doc_index
        pairs = [(corpus.lexicon.display(f.term), description(f)) for f in group]
        same_doc = [f for f in group if f.sentence.doc_index == doc_index]
        start = min(f.sentence.start for f in same_doc)
        end = max(f.sentence.end for f in same_doc)
        first = min(same_doc, key=lambda f: f.sentence.start).sentence
        span = (doc_index, first.start, first.end) if end - start > 400 else (doc_index, start, end)
        key = "match:" + ",".join(sorted(f.term for f in group))
        question = new_question(corpus, "matching", "Match each term to what the text says about it.",
                                source=span, fact_key=key, miner="matching",
                                explanation="; ".join(f"{a}: {b.lower()}" for a, b in pairs))
        with_pairs(question, pairs)
        out.append(Candidate(question, "matching", claim=key))
    return out


def _group(corpus: Corpus, facts: list[TermFact]) -> list[TermFact]:
    """Up to four facts about mutually unrelated terms, none of which the text also states of another."""
    ordered = sorted(facts, key=lambda f: (-len(f.term.split()), len(description(f)), f.term, f.predicate))
    chosen: list[TermFact] = []
    for fact in ordered:
        if len(chosen) >= 4:
            break
        if any(corpus.lexicon.related(fact.term, c.term) for c in chosen):
            continue
        if any(corpus.stated_for(c.term, description(fact), threshold=0.75) for c in chosen):
            continue
        if any(corpus.stated_for(fact.term, description(c), threshold=0.75) for c in chosen):
            continue
        chosen.append(fact)
    return chosen
