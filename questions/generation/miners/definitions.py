"""Definitions ("X is the process of Y", "X refers to Y") → "Which term describes …?", "What is X?", true/false
and a typed key-term question."""
from __future__ import annotations

from ..candidates import Candidate, answer_variants, new_question, with_choices
from ..corpus import Corpus
from ..distractors import phrase_distractors, term_distractors
from ..facts import TermFact
from ..grammar import what_is
from ..text import content_stems, decapitalise, sentence, strip_end
from .statements import swap_candidates, truefalse_question


def definiens(fact: TermFact) -> str:
    return decapitalise(strip_end(fact.obj))


def is_specific(text: str) -> bool:
    """ "the deposition of calcium salts in tissues" names one thing; "a process that occurs during X" may not."""
    return text.lower().startswith("the ") or len(content_stems(text)) >= 6


def mine_definitions(corpus: Corpus, facts: list[TermFact]) -> list[Candidate]:
    definitions = [f for f in facts if f.relation == "definition" and f.obj]
    texts = [definiens(f) for f in definitions]
    specific = [is_specific(t) for t in texts]
    out: list[Candidate] = []
    for index, fact in enumerate(definitions):
        text = texts[index]
        if not specific[index]:
            continue
        key = f"def:{fact.term}"
        answer = corpus.lexicon.display(fact.term)
        explanation = sentence(f"{answer} {fact.predicate_for(corpus.is_plural(answer)) or fact.predicate}")
        stem = f"Which term describes {text}?"
        distractors = term_distractors(corpus, fact.term, text, prefer=swap_candidates(corpus, fact), k=6)
        distractors, spare = distractors[:3], distractors[3:]
        if len(distractors) >= 3:
            question = new_question(corpus, "single", stem, source=fact.sentence, fact_key=key,
                                    miner="definitions", explanation=explanation)
            with_choices(question, [answer], [corpus.lexicon.display(k) for k in distractors])
            out.append(Candidate(question, "single:name-term", subject=fact.term, claim=text,
                                 source_text=fact.sentence.text, spare=[corpus.lexicon.display(k) for k in spare]))
        aliases = [corpus.lexicon.display(a) for a in corpus.lexicon.aliases(fact.term)]
        typed = new_question(corpus, "typed", f"What term describes {text}?", source=fact.sentence, fact_key=key,
                             miner="definitions", explanation=explanation)
        typed.accepted_answers = answer_variants(answer, aliases, stem=typed.stem)
        out.append(Candidate(typed, "typed:typed-term", subject=fact.term, claim=text, source_text=fact.sentence.text))
        shortest: dict[str, str] = {}
        for other, text_other, other_specific in zip(definitions, texts, specific, strict=True):
            if corpus.lexicon.related(other.term, fact.term) or not other_specific or len(text_other) > 90:
                continue
            if other.term not in shortest or len(text_other) < len(shortest[other.term]):
                shortest[other.term] = text_other
        pool = [shortest[k] for k in sorted(shortest)]
        wrong = phrase_distractors(corpus, text, pool, subject=fact.term)
        if len(wrong) >= 3:
            written = fact.subject_text if not fact.resolved else answer
            plural = fact.plural if not fact.resolved else corpus.is_plural(answer)
            question = new_question(corpus, "single", what_is(decapitalise(written), plural), source=fact.sentence,
                                    fact_key=key, miner="definitions", explanation=explanation)
            with_choices(question, [text], wrong)
            out.append(Candidate(question, "single:what-is", subject=fact.term, claim=text,
                                 source_text=fact.sentence.text))
        if tf := truefalse_question(corpus, fact, "definitions", prefer_false=index % 2 == 0):
            tf.question.fact_key = key
            out.append(tf)
    return out
