"""Writes for documents and banks."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from .models import Choice, Document, Question, QuestionBank


@dataclass(frozen=True)
class SourceText:
    name: str  # the file name questions refer to
    title: str
    text: str
    data: bytes = b""  # the uploaded bytes, for the content hash; the text is hashed when absent


def locate_excerpt(text: str, excerpt: str) -> tuple[int, int] | None:
    """Where `excerpt` stands in `text`, tolerating differences in white space (line wrapping)."""
    words = excerpt.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def document_create(*, source: SourceText, owner: Any = None) -> Document:
    digest = hashlib.sha256(source.data or source.text.encode("utf-8")).hexdigest()
    return Document.objects.create(
        title=source.title, original_name=source.name, content_hash=digest, text=source.text, owner=owner
    )


@transaction.atomic
def bank_create_from_records(
    *,
    title: str,
    records: Iterable[Mapping[str, Any]],
    sources: Iterable[SourceText] = (),
    owner: Any = None,
    description: str = "",
    review_status: str = Question.Review.APPROVED,
) -> QuestionBank:
    """Create a bank, its documents and its questions from plain question records (the bank JSON format).

    A record's excerpt is located in its source document so that the stored span is exact.
    """
    bank = QuestionBank.objects.create(title=title, owner=owner, description=description)
    documents: dict[str, Document] = {}
    for source in sources:
        documents[source.name] = document_create(source=source, owner=owner)
    bank.documents.set(documents.values())
    for position, record in enumerate(records):
        document = documents.get(record.get("source", ""))
        excerpt = record.get("excerpt", "")
        span = locate_excerpt(document.text, excerpt) if document and excerpt else None
        if document and excerpt and span:
            excerpt = document.text[span[0] : span[1]]
        question = Question.objects.create(
            bank=bank,
            position=position,
            type=record["type"],
            stem=record["stem"],
            explanation=record.get("explanation", ""),
            accepted_answers=list(record.get("accepted_answers", [])),
            document=document,
            excerpt=excerpt,
            span_start=span[0] if span else None,
            span_end=span[1] if span else None,
            difficulty=record.get("difficulty", Question.Difficulty.MEDIUM),
            time_limit=record.get("time_limit", 20),
            points_multiplier=record.get("points_multiplier", 1),
            review_status=record.get("review_status", review_status),
            rank_score=record.get("rank_score", 0.0),
        )
        Choice.objects.bulk_create(
            Choice(
                question=question,
                position=choice.get("position", i),
                text=choice["text"],
                is_correct=bool(choice.get("is_correct", False)),
                match_text=choice.get("match_text", ""),
            )
            for i, choice in enumerate(record.get("choices", []))
        )
    return bank
