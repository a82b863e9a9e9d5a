"""Banks to and from files: the database side of `questions.formats` (which is pure).

`bank_data` reads a bank as plain records, `bank_export` writes it in a format, `bank_import` stores what a file
holds as a new bank. The management commands and the import/export pages all come through here.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.utils.text import slugify

from .formats import FORMATS, BankData, ExportResult, ImportResult, normalize_record, parse_bank, render_bank
from .models import Document, Question, QuestionBank
from .services import SourceText, bank_create_from_records

TITLE_MAX = 200


def _document_names(documents: list[Document]) -> dict[int, str]:
    """A file name per document, unique within the bank (questions refer to their document by it)."""
    names: dict[int, str] = {}
    taken: set[str] = set()
    for document in documents:
        name = PurePath(document.original_name).name or f"document-{document.pk}.txt"
        if name in taken:
            stem, suffix = PurePath(name).stem, PurePath(name).suffix
            name = f"{stem}-{document.pk}{suffix}"
        taken.add(name)
        names[document.pk] = name
    return names


def bank_data(*, bank: QuestionBank) -> BankData:
    """The bank as plain data: every question (any review status) as a canonical record, and its documents."""
    questions = list(bank.questions.select_related("document").prefetch_related("choices").order_by("position", "id"))
    documents = {d.pk: d for d in bank.documents.all()}
    documents |= {q.document.pk: q.document for q in questions if q.document is not None}
    ordered = sorted(documents.values(), key=lambda d: d.pk)
    names = _document_names(ordered)
    records = []
    for question in questions:
        records.append(normalize_record({
            "type": question.type,
            "stem": question.stem,
            "choices": [
                # Stored order is the meaning of `position` (for ordering: the correct order).
                {"text": c.text, "is_correct": c.is_correct, "position": i, "match_text": c.match_text}
                for i, c in enumerate(question.choices.all())
            ],
            "accepted_answers": list(question.accepted_answers or []),
            "explanation": question.explanation,
            "source": names[question.document_id] if question.document_id else "",
            "excerpt": question.excerpt,
            "span_start": question.span_start,
            "span_end": question.span_end,
            "difficulty": question.difficulty,
            "time_limit": question.time_limit,
            "points_multiplier": question.points_multiplier,
            "review_status": question.review_status,
            "rank_score": question.rank_score,
        }))
    return BankData(
        title=bank.title,
        description=bank.description,
        records=records,
        documents=[{"name": names[d.pk], "title": d.title, "text": d.text} for d in ordered],
    )


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    media_type: str
    result: ExportResult


def bank_export(*, bank: QuestionBank, format: str) -> Download:
    """The bank as a file in `format`, with the questions the format could not hold in `result.skipped`."""
    chosen = FORMATS[format]
    filename = f"{slugify(bank.title) or 'bank'}{'-aiken' if format == 'aiken' else ''}{chosen.extension}"
    result = render_bank(bank_data(bank=bank), format=format, filename=filename)
    return Download(content=result.content, filename=filename, media_type=chosen.media_type, result=result)


@dataclass(frozen=True)
class BankImport:
    bank: QuestionBank | None  # None when the file gave no question that can be played
    result: ImportResult


def bank_import(
    *,
    data: bytes,
    filename: str,
    format: str,
    owner: Any = None,
    title: str = "",
    description: str = "",
    document_text: Callable[[str], str | None] | None = None,
) -> BankImport:
    """Store the playable questions of a file as a new bank, approved (teacher-written) unless the file says
    otherwise; skipped questions and errors come back in `result` and do not stop the others.

    Documents named in a bank JSON without their text are looked up with `document_text(name)` (the command
    reads them from beside the file); a question whose document stays unknown keeps its excerpt without it.
    """
    result = parse_bank(data, format=format, filename=filename)
    if not result.records:
        return BankImport(bank=None, result=result)
    sources = []
    for document in result.documents:
        text = document.get("text")
        if text is None and document_text is not None:
            text = document_text(document["name"])
        if text is not None:
            sources.append(SourceText(name=document["name"], title=document["title"], text=text))
    name = (title or result.title or PurePath(filename).stem or "Imported questions").strip()
    bank = bank_create_from_records(
        title=name[:TITLE_MAX],
        description=description or result.description,
        records=result.records,
        sources=sources,
        owner=owner,
        review_status=Question.Review.APPROVED,
    )
    return BankImport(bank=bank, result=result)


def import_summary(result: ImportResult) -> str:
    """One line people read: how many questions of each type."""
    counts = result.counts()
    total = sum(counts.values())
    if not total:
        return "No question could be imported."
    labels = dict(Question.Type.choices)
    parts = ", ".join(f"{n} {str(labels[t]).lower()}" for t, n in counts.items())
    return f"{total} question{'s' if total != 1 else ''} imported ({parts})."
