"""From files to a generated bank, as plain data (no ORM): one upload's per-file outcomes, the stored form of a
document's structure, and the "quizgame-bank" JSON records of generated questions.

The upload page, `manage.py generate_bank` (including `--dry-run --json`) and `setup_demo` all go through here,
so a file is judged and a question is shaped the same way everywhere.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz

from questions.formats.bankjson import BANK_FORMAT, BANK_FORMAT_VERSION
from questions.formats.records import DEFAULT_TIME_LIMIT
from questions.ingest import Block, IngestedDocument, IngestError, Segment, ingest

if TYPE_CHECKING:  # the generator loads spaCy; this module is also used where no question is generated
    from questions.generation import GeneratedQuestion

# Seconds a generated question stays open, by type: reading a statement is quicker than ordering steps.
TIME_LIMITS = {"truefalse": 15, "single": 20, "multiple": 25, "typed": 30, "ordering": 40, "matching": 40}


@dataclass(frozen=True)
class SourceFile:
    """One uploaded file. `size` is the real size when the bytes were not read (a file over the limit)."""

    name: str
    data: bytes
    size: int | None = None

    @property
    def byte_size(self) -> int:
        return len(self.data) if self.size is None else self.size


@dataclass
class FileOutcome:
    """What became of one file: a document (with how many questions it gave) or the reason it was refused."""

    name: str
    ok: bool
    code: str = ""
    message: str = ""
    title: str = ""
    words: int = 0
    questions: int = 0


@dataclass
class IngestedBatch:
    """The documents of one upload that can be used, with their bytes (for the content hash)."""

    documents: list[IngestedDocument] = field(default_factory=list)
    data: dict[str, bytes] = field(default_factory=dict)
    outcomes: list[FileOutcome] = field(default_factory=list)

    def outcome(self, name: str) -> FileOutcome:
        return next(o for o in self.outcomes if o.ok and o.name == name)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"


def unique_name(name: str, taken: set[str]) -> str:
    """Two files with the same name in one upload stay apart ("notes.txt", "notes (2).txt")."""
    if name not in taken:
        return name
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    number = 2
    while True:
        candidate = f"{stem} ({number}).{suffix}" if dot else f"{stem} ({number})"
        if candidate not in taken:
            return candidate
        number += 1


def ingest_files(
    files: Sequence[SourceFile], *, max_bytes: int, max_words: int, max_files: int | None = None,
    skip_hashes: Iterable[str] = (),
) -> IngestedBatch:
    """Ingest each file on its own: a broken, oversized or unsupported file is refused with its reason and the
    others carry on. Files past `max_files` are refused; files whose bytes are in `skip_hashes` (already in the
    bank) or earlier in the batch are duplicates; files past `max_words` for the whole upload are too long."""
    batch = IngestedBatch()
    seen = set(skip_hashes)
    words = 0
    taken: set[str] = set()
    for index, upload in enumerate(files):
        name = upload.name or "document.txt"
        if max_files is not None and index >= max_files:
            batch.outcomes.append(FileOutcome(name, False, "too_many", f"At most {max_files} files per upload."))
            continue
        if upload.byte_size > max_bytes:
            batch.outcomes.append(FileOutcome(
                name, False, "too_large",
                f"The file is {human_size(upload.byte_size)}; the limit is {human_size(max_bytes)} per file."))
            continue
        digest = hashlib.sha256(upload.data).hexdigest()
        if digest in seen:
            batch.outcomes.append(FileOutcome(name, False, "duplicate", "The same file is already in this bank."))
            continue
        try:
            document = ingest(upload.data, name, max_bytes=max_bytes)
        except IngestError as error:
            batch.outcomes.append(FileOutcome(name, False, error.code, error.message))
            continue
        if words + document.word_count > max_words:
            batch.outcomes.append(FileOutcome(
                name, False, "too_long",
                f"The file has {document.word_count:,} words; one upload can have at most {max_words:,} words "
                "in total. Upload it on its own or split it."))
            continue
        seen.add(digest)
        words += document.word_count
        key = unique_name(name, taken)
        taken.add(key)
        if key != document.name:
            document = IngestedDocument(name=key, title=document.title, text=document.text, blocks=document.blocks)
        batch.documents.append(document)
        batch.data[key] = upload.data
        batch.outcomes.append(FileOutcome(key, True, title=document.title, words=document.word_count))
    return batch


ITEMS = "\x1f"  # separates a signature's stem from its items


def signature(qtype: str, stem: str, choice_texts: Iterable[str] = ()) -> str:
    """What makes two questions the same: the stem, and for ordering and matching (whose stems repeat) the
    items too."""
    text = " ".join(stem.lower().split())
    if qtype in {"ordering", "matching"}:
        text += ITEMS + ITEMS.join(sorted(" ".join(t.lower().split()) for t in choice_texts))
    return text


def is_known(candidate: str, known: Iterable[str], *, threshold: float = 90.0) -> bool:
    """Is a question with this signature already among `known`: a stem with the same words, give or take a
    letter or two (as the generator's own de-duplication judges stems), and the same items?"""
    stem, _, items = candidate.partition(ITEMS)
    for other in known:
        other_stem, _, other_items = other.partition(ITEMS)
        if items == other_items and (stem == other_stem or fuzz.ratio(stem, other_stem) >= threshold):
            return True
    return False


def locate_excerpt(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where `excerpt` stands in `text`, tolerating differences in white space (line wrapping)."""
    words = excerpt.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


# ---- the stored form of a document's blocks (Document.blocks) ----

def _segment_data(segment: Segment, text: str) -> list[Any]:
    if text[segment.start : segment.end] == segment.text:
        return [segment.start, segment.end]
    return [segment.start, segment.end, segment.text]


def _segment(data: Sequence[Any], text: str) -> Segment:
    start, end = int(data[0]), int(data[1])
    return Segment(str(data[2]) if len(data) > 2 else text[start:end], start, end)


def blocks_to_data(blocks: Iterable[Block], text: str) -> list[dict[str, Any]]:
    """Blocks as JSON-ready dicts; a segment is stored as its span unless its text differs from the slice."""
    out = []
    for block in blocks:
        item: dict[str, Any] = {"kind": block.kind, "start": block.start, "end": block.end}
        if block.level:
            item["level"] = block.level
        if block.section:
            item["section"] = block.section
        if block.items:
            item["items"] = [_segment_data(s, text) for s in block.items]
        if block.rows:
            item["rows"] = [[_segment_data(s, text) for s in row] for row in block.rows]
        if block.header:
            item["header"] = list(block.header)
        out.append(item)
    return out


def blocks_from_data(data: Iterable[dict[str, Any]], text: str) -> tuple[Block, ...]:
    return tuple(
        Block(
            kind=item["kind"], start=int(item["start"]), end=int(item["end"]), level=int(item.get("level", 0)),
            items=tuple(_segment(s, text) for s in item.get("items", ())),
            rows=tuple(tuple(_segment(s, text) for s in row) for row in item.get("rows", ())),
            header=tuple(item.get("header", ())), section=item.get("section", ""),
        )
        for item in data
    )


# ---- the "quizgame-bank" JSON shape ----

def question_record(question: GeneratedQuestion, *, provenance: bool = False) -> dict[str, Any]:
    """One generated question in the bank JSON shape; `provenance` adds fact_key and miner (stored, not
    exported)."""
    record: dict[str, Any] = {
        "type": question.type,
        "stem": question.stem,
        "choices": [
            {"text": c.text, "is_correct": c.is_correct, "position": c.position, "match_text": c.match_text}
            for c in question.choices
        ],
        "accepted_answers": list(question.accepted_answers),
        "explanation": question.explanation,
        "source": question.document,
        "excerpt": question.excerpt,
        "span_start": question.span_start,
        "span_end": question.span_end,
        "difficulty": question.difficulty,
        "time_limit": TIME_LIMITS.get(question.type, DEFAULT_TIME_LIMIT),
        "points_multiplier": 1,
        # Machine-made: waits for a person's review, also when this JSON is imported (import defaults to approved).
        "review_status": "pending",
        "rank_score": question.rank_score,
    }
    if provenance:
        record["fact_key"] = question.fact_key
        record["miner"] = question.miner
    return record


def bank_data(
    *, title: str, description: str = "", documents: Sequence[IngestedDocument], questions: Sequence[GeneratedQuestion]
) -> dict[str, Any]:
    """A whole generated bank in the "quizgame-bank" format (questions/samples/*.json, docs/FORMATS.md)."""
    return {
        "format": BANK_FORMAT,
        "version": BANK_FORMAT_VERSION,
        "title": title,
        "description": description,
        "documents": [{"name": d.name, "title": d.title} for d in documents],
        "questions": [question_record(q) for q in questions],
    }
