"""Comparison tables → true/false ("… describes X, not Y", a swapped cell when false) and multi-select
("which of these describe X?") with the other column's cells as distractors."""
from __future__ import annotations

from questions.ingest import Block, Segment

from ..candidates import Candidate, new_question, with_choices, with_truth
from ..corpus import Corpus
from ..text import decapitalise, tokens


def is_fragment(cell: str) -> bool:
    """Chart cells worth quizzing: short descriptive phrases, not full sentences that name the columns."""
    return 2 <= len(tokens(cell)) <= 14 and not cell.rstrip().endswith(".")


def row_span(row: tuple[Segment, ...]) -> tuple[int, int]:
    cells = [c for c in row if c.text]
    return cells[0].start, cells[-1].end


def table_columns(corpus: Corpus, block: Block) -> list[tuple[int, str]]:
    return [(i, name) for i, name in enumerate(block.header) if i > 0 and name and corpus.lexicon.lookup(name)]


def mine_tables(corpus: Corpus) -> list[Candidate]:
    out: list[Candidate] = []
    for doc_index, document in enumerate(corpus.documents):
        for block in document.blocks:
            if block.kind != "table":
                continue
            columns = table_columns(corpus, block)
            if len(columns) != 2:
                continue
            out.extend(_truefalse(corpus, doc_index, block, columns))
            out.extend(_multi_select(corpus, doc_index, block, columns))
    return out


def _truefalse(corpus: Corpus, doc_index: int, block: Block, columns: list[tuple[int, str]]) -> list[Candidate]:
    out: list[Candidate] = []
    (ia, name_a), (ib, name_b) = columns
    count = 0
    for row in block.rows:
        if len(row) <= max(ia, ib):
            continue
        label = row[0].text.lower() if row[0].text[:1].isupper() and not row[0].text.isupper() else row[0].text
        sides = ((ia, name_a, name_b), (ib, name_b, name_a))
        for index, name, other in sides[count % 2 :] + sides[: count % 2]:
            cell = row[index].text
            if not is_fragment(cell) or cell == row[ia if index == ib else ib].text:
                continue
            truth = count % 2 == 0
            count += 1
            shown, hidden = (name, other) if truth else (other, name)
            prefix = f"For {label}, " if label else "In the comparison, "
            stem = f"{prefix}“{cell}” describes {decapitalise(shown)}, not {decapitalise(hidden)}."
            key = corpus.lexicon.lookup(name) or name
            question = new_question(corpus, "truefalse", stem, source=(doc_index, *row_span(row)),
                                    fact_key=f"table:{key}:{cell.lower()}", miner="tables",
                                    explanation=f"The comparison lists “{cell}” under {decapitalise(name)}.")
            with_truth(question, truth)
            swapped = "" if truth else (corpus.lexicon.lookup(other) or "")
            out.append(Candidate(question, "truefalse", subject=key, claim=cell, source_text=cell, swapped=swapped))
            break
    return out


def _multi_select(corpus: Corpus, doc_index: int, block: Block, columns: list[tuple[int, str]]) -> list[Candidate]:
    out: list[Candidate] = []
    rows = [r for r in block.rows if len(r) > max(i for i, _ in columns)]
    for index, name in columns:
        other_index = next(i for i, _ in columns if i != index)
        key = corpus.lexicon.lookup(name) or name
        other_key = corpus.lexicon.lookup(columns[0][1] if index != columns[0][0] else columns[1][1]) or ""
        right = [r[index].text for r in rows if is_fragment(r[index].text)]
        wrong = [r[other_index].text for r in rows if is_fragment(r[other_index].text)
                 and not corpus.stated_for(key, r[other_index].text, threshold=0.75)]
        if len(right) < 2 or len(wrong) < 3:
            continue
        right, wrong = right[:3], wrong[:3]
        other_name = columns[0][1] if index != columns[0][0] else columns[1][1]
        stem = (f"According to the comparison, which of these describe {decapitalise(name)} "
                f"(not {decapitalise(other_name)})?")
        start, end = block.start, block.end
        question = new_question(corpus, "multiple", stem, source=(doc_index, start, end),
                                fact_key=f"table-column:{key}", miner="tables",
                                explanation=f"The comparison lists these under {decapitalise(name)}.")
        with_choices(question, right, wrong)
        out.append(Candidate(question, "multiple", subject=key, claim=" ".join(right), source_text="",
                             spare=[other_key]))
    return out
