"""Writes for documents, banks and questions: banks from records or from uploaded files, and the teacher's
review (approve, reject, edit, regenerate, auto-approve)."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from questions.ingest import Block

from . import selectors
from .bankgen import (
    FileOutcome,
    SourceFile,
    blocks_to_data,
    ingest_files,
    is_known,
    locate_excerpt,
    question_record,
    signature,
)
from .models import Choice, Document, Question, QuestionBank


@dataclass(frozen=True)
class SourceText:
    name: str  # the file name questions refer to
    title: str
    text: str
    data: bytes = b""  # the uploaded bytes, for the content hash; the text is hashed when absent
    blocks: tuple[Block, ...] = ()  # the ingested structure, kept so the generator can run on it again


def document_create(*, source: SourceText, owner: Any = None) -> Document:
    digest = hashlib.sha256(source.data or source.text.encode("utf-8")).hexdigest()
    return Document.objects.create(
        title=source.title[:200], original_name=source.name[:255], content_hash=digest, text=source.text,
        blocks=blocks_to_data(source.blocks, source.text), owner=owner,
    )


def _record_span(document: Document | None, record: Mapping[str, Any]) -> tuple[int, int] | None:
    """The record's own span when it still points at its excerpt, else where the excerpt is found."""
    excerpt = record.get("excerpt", "")
    if document is None or not excerpt:
        return None
    start, end = record.get("span_start"), record.get("span_end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end and document.text[start:end] == excerpt:
        return start, end
    return locate_excerpt(document.text, excerpt)


def _question_create(
    *, bank: QuestionBank, position: int, record: Mapping[str, Any], document: Document | None, review_status: str
) -> Question:
    span = _record_span(document, record)
    excerpt = document.text[span[0] : span[1]] if document and span else record.get("excerpt", "")
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
        fact_key=record.get("fact_key", "")[:255],
        miner=record.get("miner", "")[:32],
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            position=choice.get("position", i),
            text=choice["text"][:255],
            is_correct=bool(choice.get("is_correct", False)),
            match_text=choice.get("match_text", "")[:255],
        )
        for i, choice in enumerate(record.get("choices", []))
    )
    return question


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
        _question_create(
            bank=bank, position=position, record=record, document=documents.get(record.get("source", "")),
            review_status=review_status,
        )
    return bank


# ---- banks generated from uploaded files ----

@dataclass
class GenerationReport:
    """The result of one upload: the bank (None when no file could be used for a new bank), each file's
    outcome, and the questions added."""

    bank: QuestionBank | None
    outcomes: list[FileOutcome]
    added: list[Question] = field(default_factory=list)

    @property
    def per_type(self) -> Counter[str]:
        return Counter(q.type for q in self.added)

    @property
    def refused(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if not o.ok]


def bank_generate(
    *,
    files: Sequence[SourceFile],
    owner: Any,
    title: str = "",
    description: str = "",
    bank: QuestionBank | None = None,
    auto_approve: bool = False,
    max_questions: int | None = None,
    limits: selectors.UploadLimits | None = None,
) -> GenerationReport:
    """Ingest the files (each on its own: a bad file is refused with its reason, the rest carry on), generate
    questions from the good ones together, and store documents and questions in a new bank or in `bank`.

    Generated questions wait for review unless the bank auto-approves (see `bank_auto_approve`). A question
    the bank already has (same stem, any status) is not added twice.
    """
    from questions.generation import generate  # imported on use: loading spaCy costs ~2 s at process start

    limits = limits or selectors.upload_limits()
    known_hashes = list(bank.documents.values_list("content_hash", flat=True)) if bank else []
    batch = ingest_files(files, max_bytes=limits.max_bytes, max_words=limits.max_words, max_files=limits.max_files,
                         skip_hashes=known_hashes)
    if not batch.documents:
        return GenerationReport(bank=bank, outcomes=batch.outcomes)
    # The slow part (parsing) runs before the transaction opens, so no lock is held while it works.
    generated = generate(batch.documents, max_questions=max_questions)
    with transaction.atomic():
        if bank is None:
            bank = QuestionBank.objects.create(
                title=(title or batch.documents[0].title)[:200], description=description, owner=owner,
                auto_approve=auto_approve,
            )
        documents: dict[str, Document] = {}
        for ingested in batch.documents:
            documents[ingested.name] = document_create(
                source=SourceText(name=ingested.name, title=ingested.title, text=ingested.text,
                                  data=batch.data[ingested.name], blocks=ingested.blocks),
                owner=owner,
            )
        bank.documents.add(*documents.values())
        known = selectors.bank_signatures(bank=bank)
        position = (bank.questions.aggregate(last=Max("position"))["last"] or 0) + 1 if known else 0
        added: list[Question] = []
        for candidate in generated:
            mark = signature(candidate.type, candidate.stem, [c.text for c in candidate.choices])
            if is_known(mark, known):
                continue
            known.append(mark)
            added.append(_question_create(
                bank=bank, position=position, record=question_record(candidate, provenance=True),
                document=documents[candidate.document], review_status=Question.Review.PENDING,
            ))
            batch.outcome(candidate.document).questions += 1
            position += 1
        for outcome in batch.outcomes:
            if outcome.ok and not outcome.questions:
                outcome.message = "No new questions could be made from this text."
        if bank.auto_approve:
            bank_auto_approve(bank=bank)
    for question in added:
        question.refresh_from_db(fields=["review_status"])
    return GenerationReport(bank=bank, outcomes=batch.outcomes, added=added)


def bank_auto_approve(*, bank: QuestionBank, top: int | None = None) -> int:
    """Approve the best-ranked questions waiting for review until `top` (QUIZGAME["AUTO_APPROVE_TOP"]) are
    approved; rejected questions stay rejected. Returns how many were approved now."""
    if top is None:
        top = selectors.auto_approve_top()
    wanted = top - bank.questions.filter(review_status=Question.Review.APPROVED).count()
    if wanted <= 0:
        return 0
    ids = list(
        bank.questions.filter(review_status=Question.Review.PENDING)
        .order_by("-rank_score", "position", "id")
        .values_list("id", flat=True)[:wanted]
    )
    return Question.objects.filter(pk__in=ids).update(review_status=Question.Review.APPROVED)


@transaction.atomic
def bank_update(*, bank: QuestionBank, title: str, description: str, auto_approve: bool) -> QuestionBank:
    """Change a bank's title, description and auto-approve setting; turning auto-approve on approves the
    top-ranked waiting questions at once."""
    bank.title = title[:200]
    bank.description = description
    bank.auto_approve = auto_approve
    bank.save(update_fields=["title", "description", "auto_approve"])
    if auto_approve:
        bank_auto_approve(bank=bank)
    return bank


# ---- review ----

def question_review(*, question: Question, status: str) -> Question:
    """Approve or reject one question (or send it back to waiting)."""
    if status not in Question.Review.values:
        raise ValidationError(f"Unknown review status {status!r}.")
    question.review_status = status
    question.save(update_fields=["review_status"])
    return question


def questions_approve(*, bank: QuestionBank, question_ids: Iterable[int] | None = None) -> int:
    """Bulk approval: the given questions of this bank, or every question still waiting when none are given."""
    questions = bank.questions.exclude(review_status=Question.Review.APPROVED)
    if question_ids is None:
        questions = questions.filter(review_status=Question.Review.PENDING)
    else:
        questions = questions.filter(pk__in=list(question_ids))
    return questions.update(review_status=Question.Review.APPROVED)


@dataclass(frozen=True)
class ChoiceInput:
    """An edited option. Its index in the list is its position (for ordering: the correct place)."""

    text: str
    is_correct: bool = False
    match_text: str = ""


def question_problems(
    *, qtype: str, stem: str, choices: Sequence[ChoiceInput], accepted_answers: Sequence[str]
) -> list[str]:
    """What keeps an edited question from being playable, per type (empty list: it is fine)."""
    found = []
    correct = sum(c.is_correct for c in choices)
    if not stem.strip():
        found.append("Write the question.")
    if qtype == Question.Type.SINGLE and (len(choices) < 2 or correct != 1):
        found.append("A single-choice question needs at least two options and exactly one correct option.")
    elif qtype == Question.Type.MULTIPLE and (len(choices) < 3 or correct < 1 or correct == len(choices)):
        found.append("A multiple-choice question needs at least three options, some correct and some wrong.")
    elif qtype == Question.Type.TRUE_FALSE and (len(choices) != 2 or correct != 1):
        found.append("A true/false question needs its two options with exactly one correct.")
    elif qtype == Question.Type.TYPED and not accepted_answers:
        found.append("A typed-answer question needs at least one accepted answer.")
    elif qtype == Question.Type.ORDERING and len(choices) < 2:
        found.append("An ordering question needs at least two items, listed in the correct order.")
    elif qtype == Question.Type.MATCHING and (len(choices) < 2 or any(not c.match_text.strip() for c in choices)):
        found.append("A matching question needs at least two pairs, each with both sides filled in.")
    return found


@transaction.atomic
def question_update(
    *,
    question: Question,
    stem: str,
    explanation: str,
    accepted_answers: Sequence[str],
    time_limit: int,
    points_multiplier: int,
    choices: Sequence[ChoiceInput],
    difficulty: int | None = None,
    approve: bool = False,
) -> Question:
    """The teacher's edit of one question; raises ValidationError when the result could not be played."""
    answers = list(dict.fromkeys(a.strip() for a in accepted_answers if a.strip()))
    choices = [c for c in choices if c.text.strip()]
    problems = question_problems(qtype=question.type, stem=stem, choices=choices, accepted_answers=answers)
    if problems:
        raise ValidationError(problems)
    question.stem = stem.strip()
    question.explanation = explanation.strip()
    question.accepted_answers = answers if question.type == Question.Type.TYPED else []
    question.time_limit = time_limit
    question.points_multiplier = points_multiplier
    if difficulty is not None:
        question.difficulty = difficulty
    if approve:
        question.review_status = Question.Review.APPROVED
    question.save()
    question.choices.all().delete()
    if question.type != Question.Type.TYPED:
        every_correct = question.type in {Question.Type.ORDERING, Question.Type.MATCHING}
        Choice.objects.bulk_create(
            Choice(
                question=question, position=i, text=c.text.strip(), is_correct=every_correct or c.is_correct,
                match_text=c.match_text.strip() if question.type == Question.Type.MATCHING else "",
            )
            for i, c in enumerate(choices)
        )
    return question


def question_regenerate(*, question: Question) -> Question | None:
    """Replace a question with the next-best generated question on the same fact or source span that the bank
    does not have yet. The old question is kept as rejected (games already played refer to it) and the new one
    takes its place, waiting for review. Returns None when no other question is left for that source."""
    from questions.generation.pipeline import generate_candidates
    from questions.generation.ranking import difficulty as generated_difficulty
    from questions.generation.ranking import score as generated_score

    source = question.document
    if source is None:
        return None
    bank = question.bank
    documents = {str(d.pk): d for d in bank.documents.all()}
    documents.setdefault(str(source.pk), source)
    ingested = [selectors.document_as_ingested(document=d, name=key) for key, d in documents.items()]
    passed, _rejected = generate_candidates(ingested)
    known = selectors.bank_signatures(bank=bank)
    options = []
    for candidate in passed:
        generated = candidate.question
        if generated.document != str(source.pk):
            continue
        span = _record_span(source, question_record(generated))
        same_fact = bool(question.fact_key) and generated.fact_key == question.fact_key
        same_span = span is not None and question.span_start is not None and question.span_end is not None and \
            span[0] < question.span_end and question.span_start < span[1]
        if not (same_fact or same_span):
            continue
        if is_known(signature(generated.type, generated.stem, [c.text for c in generated.choices]), known):
            continue
        generated.rank_score = generated_score(candidate)
        generated.difficulty = generated_difficulty(candidate)
        options.append(generated)
    if not options:
        return None
    best = min(options, key=lambda q: (-q.rank_score, q.type, q.stem))
    with transaction.atomic():
        question.review_status = Question.Review.REJECTED
        question.save(update_fields=["review_status"])
        return _question_create(
            bank=bank, position=question.position, record=question_record(best, provenance=True), document=source,
            review_status=Question.Review.PENDING,
        )
