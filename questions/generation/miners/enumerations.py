"""Enumerations ("two main types of X: A and B", "conditions such as A, B and C", list answers in FAQs,
lists under a "types of" heading) → multi-select with members of other lists as distractors; a true/false
statement when too few distractors exist."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..candidates import Candidate, new_question, with_choices, with_truth
from ..corpus import Corpus, Sentence
from ..text import STOPWORDS, capitalise, decapitalise, stable_seed, starts_with_pronoun, stem, strip_end, tokens

TYPES = re.compile(
    r"(?:(?P<count>two|three|four|five|several|\d)\s+)?(?:main\s+|major\s+|different\s+)?"
    r"(?P<noun>types|forms|kinds|classes|categories)(?:\s+of\s+(?P<head>[a-z]+(?:\s+[a-z]+)?))?\s*:\s*"
    r"(?P<list>[^.;]+)",
)
EXAMPLES = re.compile(r"(?P<cls>\b[a-z]+(?:\s+[a-z]+)?)\s+(?:such as|like|including)\s+(?P<list>[^.;]+)")
EXAMPLE_CUES = ("such as", "like", "including")
KIND = {"condition": "condition", "conditions": "condition", "disease": "condition", "diseases": "condition",
        "disorders": "condition", "factors": "factor", "causes": "factor", "types": "type", "forms": "type",
        "kinds": "type", "classes": "type", "categories": "type", "tissues": "tissue"}
DROP_WORDS = {"certain", "some", "several", "many", "various", "other", "medical"}


@dataclass(frozen=True)
class Enumeration:
    head: str
    kind: str
    members: tuple[str, ...]
    stem: str
    source: Sentence
    count: str = ""

    @property
    def bare(self) -> bool:
        return all(len(tokens(m)) == 1 for m in self.members)


def split_members(text: str, minimum: int = 2) -> list[str]:
    """ "A (x), B, and C" → ["A", "B", "C"]; only short noun-like members are kept."""
    text = re.sub(r"\([^)]*\)", " ", text)
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", text)
    members = [" ".join(p.split()).strip(" .") for p in parts]
    members = [m for m in members if m]
    if len(members) < minimum or any(len(tokens(m)) > 4 for m in members):
        return []
    return members


def find_enumerations(sentence: Sentence, corpus: Corpus) -> list[Enumeration]:
    text = sentence.text
    found: list[Enumeration] = []
    # Both patterns need a literal word or mark; checking for it first skips scanning most sentences.
    if sentence.kind == "sentence" and ":" in text and (match := TYPES.search(text)):
        members = split_members(match.group("list"))
        head = match.group("head") or ""
        if not head:
            subject = text[: match.start()].split(" is ")[0].split(" occurs ")[0].split(",")[0]
            key = corpus.lexicon.lookup(subject)
            head = corpus.lexicon.display(key).lower() if key else ""
        head_key = corpus.lexicon.lookup(head) if head else None
        if head:
            if head_key and head.lower().startswith("bone "):
                head = corpus.lexicon.display(head_key).split()[-1].lower()
            bare = [m.lower().removesuffix(" " + head).strip() for m in members]
            found.append(Enumeration(head.lower(), "type", tuple(capitalise(m) for m in bare),
                                     f"Which of the following are types of {head.lower()}?", sentence,
                                     match.group("count") or ""))
    for match in EXAMPLES.finditer(text) if any(cue in text for cue in EXAMPLE_CUES) else ():
        raw_cls = match.group("cls").split()
        leading = 0
        while leading < len(raw_cls) and (raw_cls[leading].lower() in STOPWORDS or raw_cls[leading] in DROP_WORDS):
            leading += 1
        cls_words = [w for w in raw_cls[leading:] if w.lower() not in DROP_WORDS]
        members = split_members(match.group("list"), minimum=1)
        kind = KIND.get(cls_words[-1].lower()) if cls_words else None
        prefix = (text[: match.start("cls")] + " ".join(raw_cls[:leading])).strip()
        if not kind or not members:
            continue
        askable = len(members) >= 2 and prefix and not starts_with_pronoun(prefix) and len(prefix) <= 110
        prefix = re.sub(r"\b(certain|some|several|many|various)\s*$", "", prefix).strip()
        stem_text = f"{capitalise(prefix)} which of these {' '.join(cls_words)}?" if askable else ""
        found.append(Enumeration(" ".join(cls_words), kind, tuple(capitalise(m) for m in members), stem_text,
                                 sentence))
    return found


def faq_enumerations(corpus: Corpus) -> list[Enumeration]:
    """ "What diseases are associated with X?" + "A, B, and C." → members A, B, C."""
    found: list[Enumeration] = []
    for question, answer in zip(corpus.sentences, corpus.sentences[1:], strict=False):
        if question.kind != "question" or answer.kind != "answer":
            continue
        match = re.match(r"^What\s+(?:\w+\s+)?(diseases|conditions|factors|types|causes)\s+(.+)\?$", question.text)
        if not match:
            continue
        members_text = re.sub(r"^(conditions|diseases|factors)\s+(like|such as)\s+", "", strip_end(answer.text),
                              flags=re.I)
        members = split_members(members_text)
        if len(members) < 2:
            continue
        stem_text = "Which " + question.text[len("What ") :]
        found.append(Enumeration(match.group(1), KIND[match.group(1)], tuple(capitalise(m) for m in members),
                                 stem_text, answer))
    return found


def mine_enumerations(corpus: Corpus) -> list[Candidate]:
    enumerations = faq_enumerations(corpus)
    for sentence in corpus.sentences:
        enumerations.extend(find_enumerations(sentence, corpus))
    out: list[Candidate] = []
    for enum in enumerations:
        if not enum.stem:
            continue
        subject_key = ""
        mentioned = sorted(corpus.lexicon.mentions(enum.stem))
        if enum.kind == "type":
            subject_key = corpus.lexicon.lookup(enum.head) or ""
        elif mentioned:
            subject_key = mentioned[0]
        wrong = _distractors(corpus, enum, enumerations, subject_key)
        source = enum.source
        if source.kind == "answer":
            span = (source.doc_index, _question_start(corpus, source), source.end)
        else:
            span = (source.doc_index, source.start, source.end)
        key = f"enum:{enum.kind}:{stem(enum.head)}:{subject_key}"
        if len(wrong) >= 3:
            question = new_question(corpus, "multiple", enum.stem, source=span, fact_key=key, miner="enumerations",
                                    explanation=f"The text lists: {', '.join(enum.members)}.")
            with_choices(question, list(enum.members[:4]), wrong[:3])
            out.append(Candidate(question, "multiple", subject=subject_key, claim=" ".join(enum.members),
                                 source_text=source.text))
        elif enum.kind == "type" and wrong:
            out.append(_types_truefalse(corpus, enum, wrong, span, key))
    return out


def _question_start(corpus: Corpus, answer: Sentence) -> int:
    index = corpus.sentences.index(answer)
    return corpus.sentences[index - 1].start


def _distractors(corpus: Corpus, enum: Enumeration, enumerations: list[Enumeration], subject: str) -> list[str]:
    own = {m.lower() for m in enum.members}
    pool: list[str] = []
    for other in enumerations:
        if other.kind != enum.kind or stem(other.head) == stem(enum.head) and enum.kind == "type":
            continue
        if enum.kind == "type" and enum.bare != other.bare:
            continue
        pool.extend(m for m in other.members if m.lower() not in own)
    if enum.kind == "type" and enum.bare:
        head_key = corpus.lexicon.lookup(enum.head)
        for key in sorted(corpus.lexicon.terms):
            words = key.split()
            display = corpus.lexicon.display(key)
            if len(words) == 2 and head_key and not corpus.lexicon.related(key, head_key) and \
                    words[-1] in corpus.lexicon.terms and corpus.lexicon.canonical(key) == key and \
                    corpus.lexicon.category(key) == corpus.lexicon.category(head_key):
                pool.append(capitalise(display.split()[0]))
    chosen: list[str] = []
    for member in dict.fromkeys(pool):
        if member.lower() in own or any(member.lower() == c.lower() for c in chosen):
            continue
        if subject and corpus.stated_for(subject, member, threshold=0.99):
            continue
        chosen.append(member)
    return sorted(chosen, key=lambda m: (abs(len(m) - sum(map(len, enum.members)) / len(enum.members)), m))


def _types_truefalse(corpus: Corpus, enum: Enumeration, wrong: list[str], span: tuple[int, int, int],
                     key: str) -> Candidate:
    truth = stable_seed(key) % 2 == 0
    members = list(enum.members) if truth else [*enum.members[:-1], wrong[0]]
    names = [decapitalise(m) if enum.bare else m for m in members]
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    count = f"{enum.count} " if enum.count else ""
    statement = f"{capitalise(listed)} are {count}types of {enum.head}."
    question = new_question(corpus, "truefalse", statement, source=span, fact_key=key, miner="enumerations",
                            explanation=f"The text names these types of {enum.head}: {', '.join(enum.members)}.")
    with_truth(question, truth)
    return Candidate(question, "truefalse", subject=corpus.lexicon.lookup(enum.head) or "", claim=statement,
                     source_text=enum.source.text)
