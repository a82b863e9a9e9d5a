"""Process steps (numbered lists, step lists with labels, "first … then … finally" paragraphs) → ordering."""
from __future__ import annotations

import re

from questions.ingest import Block

from ..candidates import Candidate, new_question, with_order
from ..corpus import Corpus
from ..text import decapitalise, starts_with_pronoun, tokens

TEMPORAL = re.compile(r"\b(first|then|next|after|afterwards|later|finally|begins?|continues?|eventually|"
                      r"subsequently|once|until|before)\b", re.I)
LABEL = re.compile(r"^(?P<label>[A-Z][\w' -]{1,50}?):\s*(?P<rest>\S.*)$")
SEQUENCE_WORDS = re.compile(r"^(first|second|third|then|next|after that|afterwards|finally|lastly)\b[, ]", re.I)
CLAUSE_CUT = re.compile(r",\s+(which|creating|forming|causing|bringing|continuing|where|while)\b.*$")
LEADING_CLAUSE = re.compile(r"^(as|when|once|after|before)\b[^,]{3,60},\s+", re.I)
MAX_OPTION = 90


def shorten_step(text: str) -> str | None:
    """Keep the main clause of a step so it fits an option; None when it cannot be made short enough."""
    text = text.strip().rstrip(".")
    if len(text) <= MAX_OPTION:
        return text
    text = CLAUSE_CUT.sub("", LEADING_CLAUSE.sub("", text))
    if len(text) > MAX_OPTION and " and " in text:
        text = text.split(" and ")[0]
    text = text[:1].upper() + text[1:]
    return text if len(text) <= MAX_OPTION and len(tokens(text)) >= 3 else None


def list_steps(block: Block) -> tuple[list[str], int, int] | None:
    """The ordered steps of a list block, or None when the list is not a sequence."""
    items = list(block.items)
    if block.kind == "bullet_list":
        cues = sum(bool(TEMPORAL.search(i.text)) for i in items)
        if cues < 2:
            return None
        while items and starts_with_pronoun(items[-1].text):
            items.pop()
    if len(items) < 3:
        return None
    labelled = [LABEL.match(i.text) for i in items]
    if all(labelled):
        steps = [m.group("label").strip() for m in labelled if m]
    else:
        shortened = [shorten_step(i.text) for i in items]
        if any(s is None for s in shortened):
            return None
        steps = [s for s in shortened if s]
    if len(set(steps)) != len(steps) or len(steps) > 7:
        return None
    return steps, items[0].start, items[-1].end


def mine_ordering(corpus: Corpus) -> list[Candidate]:
    out: list[Candidate] = []
    for doc_index, document in enumerate(corpus.documents):
        for block_index, block in enumerate(document.blocks):
            if block.kind not in {"bullet_list", "numbered_list"}:
                continue
            found = list_steps(block)
            if found is None:
                continue
            steps, start, end = found
            topic = block.section or document.title
            labelled = all(LABEL.match(i.text) for i in block.items[: len(steps)])
            noun = "stages" if labelled else "steps"
            stem = f"Put the {noun} of {decapitalise(topic)} in the correct order." if topic else \
                f"Put these {noun} in the correct order."
            question = new_question(corpus, "ordering", stem, source=(doc_index, start, end),
                                    fact_key=f"order:{doc_index}:{block_index}", miner="ordering",
                                    explanation=" → ".join(steps))
            with_order(question, steps)
            out.append(Candidate(question, "ordering", subject=corpus.lexicon.lookup(topic) or "", claim=stem))
        out.extend(_paragraph_sequences(corpus, doc_index))
    return out


def _paragraph_sequences(corpus: Corpus, doc_index: int) -> list[Candidate]:
    """Paragraphs whose sentences run "First … Then … Finally …"."""
    out: list[Candidate] = []
    by_block: dict[int, list] = {}
    for s in corpus.sentences:
        if s.doc_index == doc_index and s.kind == "sentence":
            by_block.setdefault(s.block_index, []).append(s)
    for block_index, sentences in sorted(by_block.items()):
        run = [s for s in sentences if SEQUENCE_WORDS.match(s.text)]
        if len(run) < 3 or not SEQUENCE_WORDS.match(run[0].text).group(1).lower().startswith("first"):
            continue
        steps = [shorten_step(SEQUENCE_WORDS.sub("", s.text).strip(" ,")) for s in run]
        if any(s is None for s in steps):
            continue
        section = sentences[0].section or corpus.documents[doc_index].title
        stem = f"Put these steps of {decapitalise(section)} in the correct order." if section else \
            "Put these steps in the correct order."
        question = new_question(corpus, "ordering", stem, source=(doc_index, run[0].start, run[-1].end),
                                fact_key=f"order:{doc_index}:{block_index}", miner="ordering",
                                explanation=" → ".join(s for s in steps if s))
        with_order(question, [s[:1].upper() + s[1:] for s in steps if s])
        out.append(Candidate(question, "ordering", claim=stem))
    return out
