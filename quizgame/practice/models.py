"""Solo practice: learners, their spaced-repetition cards, rounds and the challenges hosts assign.

A round is the one engine behind free practice, "practise my mistakes" and assigned challenges: its items are
fixed when it starts, and each item records when the server served it and when the answer arrived.
"""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from questions.models import Question, QuestionBank


class Learner(models.Model):
    """Someone who practises: a signed-in user, or an anonymous visitor known by a signed cookie's token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="learner"
    )
    token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    nickname = models.CharField(_("nickname"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | models.Q(token__isnull=False), name="learner_user_or_token"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user is not None:
            return self.user.get_username()
        return self.nickname


class ReviewCard(models.Model):
    """One learner's Leitner box for one question (see practice.scheduling)."""

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="cards")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    box = models.PositiveSmallIntegerField(default=1)
    due_at = models.DateTimeField()
    reviewed_at = models.DateTimeField()
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["learner", "due_at"]
        constraints = [models.UniqueConstraint(fields=["learner", "question"], name="card_once_per_question")]

    def __str__(self) -> str:
        return f"{self.learner} · Q{self.question_id} · box {self.box}"


class Challenge(models.Model):
    """A bank assigned by a host through a link, open until a deadline, played solo under nicknames."""

    token = models.CharField(max_length=32, unique=True)
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="challenges")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="challenges")
    title = models.CharField(_("title"), max_length=200)
    # The questions are frozen when the challenge is made, so every player gets the same ones.
    question_ids = models.JSONField(default=list)
    closes_at = models.DateTimeField(_("open until"))
    shuffle = models.BooleanField(_("shuffle questions and answer tiles for each player"), default=True)
    timer = models.BooleanField(_("each question has its time limit"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    class Mode(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        MISTAKES = "mistakes", _("My mistakes")
        CHALLENGE = "challenge", _("Challenge")

    learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="rounds")
    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="practice_rounds")
    challenge = models.ForeignKey(
        Challenge, null=True, blank=True, on_delete=models.CASCADE, related_name="attempts"
    )
    mode = models.CharField(max_length=16, choices=Mode.choices, default=Mode.PRACTICE)
    nickname = models.CharField(_("nickname"), max_length=20)
    timer = models.BooleanField(_("timed"), default=False)
    shuffle = models.BooleanField(default=True)
    seed = models.PositiveIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    score = models.IntegerField(default=0)
    streak = models.IntegerField(default=0)
    correct_count = models.PositiveIntegerField(default=0)
    answered_count = models.PositiveIntegerField(default=0)
    time_ms = models.PositiveIntegerField(_("time spent answering"), default=0)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "id"]
        indexes = [models.Index(fields=["bank", "mode", "finished_at"], name="round_bank_mode_finished")]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "learner"],
                condition=models.Q(challenge__isnull=False),
                name="round_one_attempt_per_challenge",
            ),
            models.UniqueConstraint(
                Lower("nickname"),
                "challenge",
                condition=models.Q(challenge__isnull=False),
                name="round_nickname_unique_in_challenge",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nickname} · {self.bank} · {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class RoundItem(models.Model):
    """The `index`-th question of a round: served once, answered once."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="items")
    index = models.PositiveIntegerField()
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    served_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # In the display keys the learner saw (see rooms.presentation); null when skipped or timed out.
    response = models.JSONField(null=True, blank=True)
    is_correct = models.BooleanField(default=False)
    late = models.BooleanField(default=False)
    elapsed_ms = models.PositiveIntegerField(default=0)
    points = models.IntegerField(default=0)

    class Meta:
        ordering = ["round", "index"]
        constraints = [models.UniqueConstraint(fields=["round", "index"], name="round_item_index_unique")]

    def __str__(self) -> str:
        return f"{self.round} · Q{self.index + 1}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
