"""Documents, the banks made from them, and the questions a game plays.

Every question type lives in one table: the choices carry what each type needs (correct flags for choice types,
the correct order for ordering, the right-hand side for matching); typed answers keep their accepted variants.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_hash = models.CharField(_("SHA-256 of the uploaded bytes"), max_length=64, db_index=True)
    text = models.TextField(_("extracted text"))
    # The ingested structure (headings, lists, tables, Q&A with spans into `text`), so the generator can run
    # again on a stored document (regenerating a question) exactly as it ran on the upload.
    blocks = models.JSONField(_("document structure"), default=list, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionBank(models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="banks"
    )
    documents = models.ManyToManyField(Document, blank=True, related_name="banks")
    auto_approve = models.BooleanField(
        _("play at once with the top-ranked questions approved"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Type(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice (several correct)")
        TRUE_FALSE = "truefalse", _("True or false")
        TYPED = "typed", _("Typed answer")
        ORDERING = "ordering", _("Ordering")
        MATCHING = "matching", _("Matching")

    class Review(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Difficulty(models.IntegerChoices):
        EASY = 1, _("Easy")
        MEDIUM = 2, _("Medium")
        HARD = 3, _("Hard")

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0)
    type = models.CharField(max_length=16, choices=Type.choices, default=Type.SINGLE)
    stem = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True)
    accepted_answers = models.JSONField(
        _("accepted answers (typed questions)"), default=list, blank=True
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    excerpt = models.TextField(_("source excerpt"), blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    difficulty = models.PositiveSmallIntegerField(choices=Difficulty.choices, default=Difficulty.MEDIUM)
    review_status = models.CharField(max_length=16, choices=Review.choices, default=Review.PENDING)
    time_limit = models.PositiveIntegerField(_("time limit in seconds"), default=20)
    points_multiplier = models.PositiveSmallIntegerField(
        _("points"), choices=[(0, _("No points")), (1, _("Standard")), (2, _("Double"))], default=1
    )
    rank_score = models.FloatField(_("generator ranking"), default=0.0)
    # Which fact a generated question tests and which miner made it: regenerating looks for another
    # question on the same fact or source span.
    fact_key = models.CharField(_("generator fact key"), max_length=255, blank=True)
    miner = models.CharField(_("generator miner"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["bank", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(points_multiplier__lte=2), name="question_points_multiplier_0_to_2"
            ),
        ]

    def __str__(self) -> str:
        return self.stem[:80]


class Choice(models.Model):
    """One option. For ordering, `position` is the correct place; for matching, `match_text` is its partner."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(max_length=255)
    is_correct = models.BooleanField(default=False)
    match_text = models.CharField(_("matching partner"), max_length=255, blank=True)

    class Meta:
        ordering = ["question", "position", "id"]

    def __str__(self) -> str:
        return self.text
