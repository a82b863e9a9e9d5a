"""FAQ pairs (a question line and its answer) → true/false for yes/no questions, single choice with sibling
answers of the same shape as distractors for the others."""
from __future__ import annotations

import re

from spacy.tokens import Token

from ..candidates import Candidate, new_question, with_choices, with_truth
from ..corpus import Corpus, Sentence
from ..distractors import phrase_distractors
from ..grammar import inflect
from ..text import capitalise, starts_with_pronoun, strip_end, tokens

YES = re.compile(r"^(yes|absolutely|definitely|certainly|indeed|of course)\b", re.I)
NO = re.compile(r"^(no|not always|not necessarily|never|not usually|not really)\b", re.I)
AUXILIARIES = {"is", "are", "can", "could", "was", "were", "will", "should", "may", "might"}
DO_FORMS = {"does", "do"}


def question_to_statement(question: Sentence, corpus: Corpus | None = None) -> str | None:
    """ "Can one kind of rock become another?" → "One kind of rock can become another.": the auxiliary goes
    after the whole subject phrase (the parsed subject's right edge, or a known term when there is no parse);
    "Does X grow?" → "X grows." with the verb agreeing with the subject."""
    words = question.text.rstrip("?").split()
    if len(words) < 3 or words[0].lower() not in AUXILIARIES | DO_FORMS:
        return None
    end = 0
    doc = question.parsed
    subject = None
    if doc is not None:
        subject = next((t for t in doc if t.dep_ in {"nsubj", "nsubjpass"} and t.i > 0), None) or next(
            (t for t in doc if t.dep_ == "attr" and t.head.i == 0 and t.i > 0), None)
        last = _phrase_end(subject) if subject is not None else 0
        if subject is not None and subject.left_edge.i == 1 and last + 1 < len(doc) - 1:
            end = len(doc[: last + 1].text.split())
    if not end and corpus is not None:
        for size in (4, 3, 2, 1):
            if len(words) > size + 1 and corpus.lexicon.lookup(" ".join(words[1 : 1 + size])):
                end = 1 + size
                break
    if not end or end >= len(words):
        return None
    subject_text = " ".join(words[1:end])
    rest = words[end:]
    auxiliary = words[0].lower()
    if auxiliary in DO_FORMS:
        verb = doc[_phrase_end(subject) + 1] if doc is not None and subject is not None else None
        if verb is None or verb.tag_ != "VB" or rest[0] != verb.text:
            return None
        rest = [inflect(verb.text, verb.lemma_, "VBP", auxiliary == "do"), *rest[1:]]
        return f"{capitalise(subject_text)} {' '.join(rest)}."
    return f"{capitalise(subject_text)} {auxiliary} {' '.join(rest)}."


def _phrase_end(head: Token) -> int:
    """Index of the last token of a noun phrase: its "of …" phrases count ("one kind [of rock]"), clauses and
    words the parser hung on it do not ("hormones [related to …]", "ossification [important]")."""
    last = head.i
    for child in head.rights:
        if child.dep_ != "prep" or child.i != last + 1:
            break
        last = child.right_edge.i
    return last


NOUN_LIST = re.compile(
    r"^[A-Z][\w-]*(?: [\w-]+){0,3}(?:, [\w-]+(?: [\w-]+){0,3})+,? (?:and|or) [\w-]+(?: [\w-]+){0,3}\.?$"
)


def answer_shape(answer: str) -> str:
    """Answers are only offered as each other's distractors when they share a shape (a noun list, "By …")."""
    words = tokens(answer)
    if not words or YES.match(answer) or NO.match(answer) or starts_with_pronoun(answer):
        return "other"
    first = words[0].lower()
    if first in {"by", "through", "via", "to"} and len(words) <= 12:
        return first
    if NOUN_LIST.match(answer):
        return "list"
    return "other"


def _pairs(corpus: Corpus) -> list[tuple[Sentence, Sentence]]:
    pairs = []
    for first, second in zip(corpus.sentences, corpus.sentences[1:], strict=False):
        if first.kind == "question" and second.kind == "answer" and first.block_index == second.block_index:
            pairs.append((first, second))
    return pairs


def mine_faq(corpus: Corpus) -> list[Candidate]:
    out: list[Candidate] = []
    pairs = _pairs(corpus)
    for question, answer in pairs:
        span = (question.doc_index, question.start, answer.end)
        subjects = sorted(corpus.lexicon.mentions(question.text))
        subject = subjects[0] if len(subjects) == 1 else ""
        yes, no = YES.match(answer.text), NO.match(answer.text)
        if yes or no:
            statement = question_to_statement(question, corpus)
            if statement is None:
                continue
            q = new_question(corpus, "truefalse", statement, source=span, fact_key=f"faq:{question.text.lower()}",
                             miner="faq", explanation=f"{question.text} {answer.text}")
            with_truth(q, bool(yes))
            out.append(Candidate(q, "truefalse", subject=subject, claim=statement, source_text=statement))
            continue
        shape = answer_shape(answer.text)
        if shape == "other" or not question.text.lower().startswith(("what", "how", "which")):
            continue
        pool = [strip_end(a.text) for q2, a in pairs if a is not answer and answer_shape(a.text) == shape
                and not (set(corpus.lexicon.mentions(q2.text)) & set(subjects) and
                         q2.text.split()[:2] == question.text.split()[:2])]
        wrong = phrase_distractors(corpus, strip_end(answer.text), pool, subject=subject)
        if len(wrong) < 3:
            continue
        q = new_question(corpus, "single", question.text, source=span, fact_key=f"faq:{question.text.lower()}",
                         miner="faq", explanation=answer.text)
        with_choices(q, [strip_end(answer.text)], wrong)
        out.append(Candidate(q, "single:faq", subject=subject, claim=answer.text, source_text=answer.text))
    return out
