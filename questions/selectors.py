"""Reads for banks and questions: who may see or change a bank, the review list with each question's source
passage in context, upload limits, and stored documents in the form the generator reads."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from questions.ingest import SUPPORTED, IngestedDocument, IngestError, ingest

from .bankgen import blocks_from_data, locate_excerpt, signature
from .models import Document, Question, QuestionBank

# Room for the form fields and multipart headers around the files of one upload.
UPLOAD_OVERHEAD_BYTES = 256 * 1024


@dataclass(frozen=True)
class UploadLimits:
    max_bytes: int
    max_files: int
    max_words: int

    @property
    def max_request_bytes(self) -> int:
        return self.max_files * self.max_bytes + UPLOAD_OVERHEAD_BYTES

    @property
    def extensions(self) -> list[str]:
        return sorted(SUPPORTED)


def upload_limits() -> UploadLimits:
    config = settings.QUIZGAME
    return UploadLimits(
        max_bytes=int(config.get("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)),
        max_files=int(config.get("UPLOAD_MAX_FILES", 10)),
        max_words=int(config.get("UPLOAD_MAX_WORDS", 60_000)),
    )


def auto_approve_top() -> int:
    """How many questions an auto-approving bank has approved (its best-ranked ones)."""
    return int(settings.QUIZGAME.get("AUTO_APPROVE_TOP", 15))


# ---- permissions ----

def bank_viewable_by(*, bank: QuestionBank, user: Any) -> bool:
    """Staff, the owner, and anyone signed in for a shared bank (one without an owner, like the sample)."""
    return bool(user.is_authenticated and (user.is_staff or bank.owner_id in (None, user.pk)))


def bank_editable_by(*, bank: QuestionBank, user: Any) -> bool:
    """Only the owner and staff review or change a bank; a shared bank is changed by staff."""
    return bool(user.is_authenticated and (user.is_staff or (bank.owner_id is not None and bank.owner_id == user.pk)))


def banks_visible_to(*, user: Any) -> QuerySet[QuestionBank]:
    banks = QuestionBank.objects.annotate(
        approved=Count("questions", filter=Q(questions__review_status=Question.Review.APPROVED)),
        pending=Count("questions", filter=Q(questions__review_status=Question.Review.PENDING)),
    )
    if not user.is_staff:
        banks = banks.filter(Q(owner=user) | Q(owner__isnull=True))
    return banks


def banks_editable_by(*, user: Any) -> QuerySet[QuestionBank]:
    banks = QuestionBank.objects.all()
    return banks if user.is_staff else banks.filter(owner=user)


# ---- the review list ----

@dataclass(frozen=True)
class ExcerptInContext:
    """The passage around a question's source span: `before` + `marked` + `after` is a slice of the document;
    `clipped_*` say it was cut inside a paragraph (the page shows "…")."""

    before: str
    marked: str
    after: str
    clipped_start: bool
    clipped_end: bool


def excerpt_in_context(
    *, text: str, excerpt: str, span_start: int | None, span_end: int | None, radius: int = 280
) -> ExcerptInContext | None:
    """The stored span (or, when the text no longer matches it, where the excerpt is found) with up to `radius`
    characters either side, cut at a paragraph break or between words."""
    span = None
    if span_start is not None and span_end is not None and 0 <= span_start < span_end <= len(text):
        span = (span_start, span_end)
    if excerpt and (span is None or text[span[0] : span[1]] != excerpt):
        span = locate_excerpt(text, excerpt)
    if span is None:
        return None
    start, end = span
    left = max(0, start - radius)
    paragraph = text.rfind("\n\n", left, start)
    clipped_start = paragraph < 0 and left > 0
    if paragraph >= 0:
        left = paragraph + 2
    elif clipped_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + radius)
    paragraph = text.find("\n\n", end, right)
    clipped_end = paragraph < 0 and right < len(text)
    if paragraph >= 0:
        right = paragraph
    elif clipped_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return ExcerptInContext(
        before=text[left:start], marked=text[start:end], after=text[end:right],
        clipped_start=clipped_start, clipped_end=clipped_end,
    )


@dataclass(frozen=True)
class ReviewItem:
    question: Question
    document: Document | None
    context: ExcerptInContext | None


REVIEW_FILTERS = ("all", *Question.Review.values)


def bank_review_items(*, bank: QuestionBank, status: str = "all") -> list[ReviewItem]:
    """The bank's questions in play order with their source passages; documents are read once each (a
    document's text is not joined onto every question row)."""
    questions = bank.questions.prefetch_related("choices").order_by("position", "id")
    if status in Question.Review.values:
        questions = questions.filter(review_status=status)
    questions_list = list(questions)
    ids = {q.document_id for q in questions_list if q.document_id}
    documents = {d.pk: d for d in Document.objects.filter(pk__in=ids)}
    items = []
    for question in questions_list:
        document = documents.get(question.document_id) if question.document_id else None
        context = excerpt_in_context(
            text=document.text, excerpt=question.excerpt, span_start=question.span_start, span_end=question.span_end
        ) if document else None
        items.append(ReviewItem(question, document, context))
    return items


def bank_status_counts(*, bank: QuestionBank) -> dict[str, int]:
    counts = {status: 0 for status in Question.Review.values}
    for row in bank.questions.values("review_status").annotate(n=Count("id")):
        counts[row["review_status"]] = row["n"]
    counts["all"] = sum(counts.values())
    return counts


def bank_signatures(*, bank: QuestionBank) -> list[str]:
    """What identifies each question the bank holds, whatever its status (see bankgen.signature)."""
    marks = []
    for question in bank.questions.prefetch_related("choices"):
        marks.append(signature(question.type, question.stem, [c.text for c in question.choices.all()]))
    return marks


# ---- stored documents for the generator ----

def document_as_ingested(*, document: Document, name: str = "") -> IngestedDocument:
    """A stored document as the generator reads it. Documents stored with their structure come back exactly;
    older ones (stored as text only) are ingested again, and their spans are located in the stored text later."""
    name = name or document.original_name or f"document-{document.pk}.txt"
    if document.blocks:
        return IngestedDocument(
            name=name, title=document.title, text=document.text,
            blocks=blocks_from_data(document.blocks, document.text),
        )
    suffix = PurePath(document.original_name).suffix.lower()
    filename = f"{name}{suffix if suffix in {'.md', '.markdown', '.txt'} else '.txt'}"
    try:
        ingested = ingest(document.text.encode("utf-8"), filename, max_bytes=max(len(document.text) * 4, 1))
    except IngestError:
        return IngestedDocument(name=name, title=document.title, text=document.text)
    return IngestedDocument(name=name, title=document.title, text=ingested.text, blocks=ingested.blocks)
