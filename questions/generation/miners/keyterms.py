"""Typed answers for key terms introduced with "called", "termed" or "known as": a cloze on the clause."""
from __future__ import annotations

import re

from ..candidates import Candidate, answer_variants, new_question
from ..corpus import Corpus, called_matches
from ..text import starts_with_pronoun, tokens

CLAUSE_BREAK = re.compile(r"(?:;|:|,\s+(?:while|whereas)\b)\s*")
PRONOUN_OPENING = re.compile(r"^(this|it|this process)\s+(?=is\b|involves\b|forms\b)", re.I)
MAX_STEM = 200


def cloze_clause(text: str, answer_start: int, antecedent: str = "") -> str | None:
    """The clause that ends with the answer, with the answer blanked out; "This is …" becomes the heading term."""
    start = 0
    for match in CLAUSE_BREAK.finditer(text[:answer_start]):
        start = match.end()
    clause = text[start:answer_start].strip()
    if antecedent and PRONOUN_OPENING.match(clause):
        clause = PRONOUN_OPENING.sub(antecedent + " ", clause, count=1)
    if not clause or starts_with_pronoun(clause) or clause.lower().startswith("both") or len(tokens(clause)) < 4:
        return None
    return clause[:1].upper() + clause[1:] + " _____."


def mine_keyterms(corpus: Corpus) -> list[Candidate]:
    out: list[Candidate] = []
    for sentence in corpus.sentences:
        if sentence.kind not in {"sentence", "item"}:
            continue
        for match in called_matches(sentence.text):
            names = [n.strip() for n in re.split(r"\s+or\s+", match.group("names"))]
            key = corpus.lexicon.lookup(names[0])
            if key is None:
                continue
            heading = corpus.lexicon.lookup(sentence.label or sentence.section) if \
                (sentence.label or sentence.section) else None
            antecedent = corpus.lexicon.display(heading) if heading and heading != key else ""
            clause = cloze_clause(sentence.text, match.start("names"), antecedent)
            if clause is None:
                continue
            stem = f"Fill in the blank: {clause}"
            if len(stem) > MAX_STEM:
                continue
            aliases = [corpus.lexicon.display(a) for a in corpus.lexicon.aliases(key)] + names[1:]
            question = new_question(corpus, "typed", stem, source=sentence, fact_key=f"called:{key}",
                                    miner="keyterms", explanation=sentence.text)
            question.accepted_answers = answer_variants(names[0], aliases, stem=stem)
            out.append(Candidate(question, "typed:cloze", subject=key, claim=clause, source_text=sentence.text))
    return out
