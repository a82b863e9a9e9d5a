"""Live games. The database is the source of truth: any process can carry on any game."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from questions.models import Question, QuestionBank


class Game(models.Model):
    class Phase(models.TextChoices):
        LOBBY = "lobby", _("Lobby")
        QUESTION = "question", _("Question open")
        REVEAL = "reveal", _("Answer revealed")
        LEADERBOARD = "leaderboard", _("Leaderboard")
        FINISHED = "finished", _("Finished")

    pin = models.CharField(max_length=6, db_index=True)
    bank = models.ForeignKey(QuestionBank, on_delete=models.PROTECT, related_name="games")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hosted_games")
    phase = models.CharField(max_length=16, choices=Phase.choices, default=Phase.LOBBY)
    # The questions are frozen when the game opens, so editing the bank never changes a running game.
    question_ids = models.JSONField(default=list)
    question_index = models.IntegerField(default=-1)
    question_opened_at = models.DateTimeField(null=True, blank=True)
    question_deadline = models.DateTimeField(null=True, blank=True)
    speed_scoring = models.BooleanField(_("faster answers score more"), default=True)
    timer = models.BooleanField(_("questions close when time is up"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle answer tiles"), default=True)
    seed = models.PositiveIntegerField(default=0)
    locked = models.BooleanField(_("no new players"), default=False)
    team_mode = models.BooleanField(_("team competition"), default=False)
    teams_chosen_by_players = models.BooleanField(_("players choose their team"), default=False)
    team_talk_seconds = models.PositiveIntegerField(_("team talk before answers open"), default=0)
    # When the question appeared; with team talk, answers open (question_opened_at) some seconds later.
    question_shown_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "id"]
        constraints = [
            # A PIN identifies one game that is not finished; finished games free their PIN.
            models.UniqueConstraint(
                fields=["pin"], condition=~models.Q(phase="finished"), name="game_pin_unique_while_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.pin} · {self.bank}"

    @property
    def is_open(self) -> bool:
        return self.phase != self.Phase.FINISHED

    @property
    def question_count(self) -> int:
        return len(self.question_ids)


class Team(models.Model):
    """A side in a team competition. Its score adds up, per question, the mean of its members' points."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="teams")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=30)
    color = models.CharField(max_length=7)
    score = models.IntegerField(default=0)

    class Meta:
        ordering = ["game", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["game", "position"], name="team_position_unique_in_game")]

    def __str__(self) -> str:
        return self.name


class Player(models.Model):
    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="players")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="players")
    nickname = models.CharField(max_length=20)
    # Kept by the phone; lets a player who drops come back as themselves.
    token = models.CharField(max_length=64, unique=True)
    score = models.IntegerField(default=0)
    streak = models.IntegerField(default=0)
    correct_count = models.IntegerField(default=0)
    kicked = models.BooleanField(default=False)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["game", "joined_at", "id"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("nickname"), "game", name="player_nickname_unique_in_game"
            ),
        ]

    def __str__(self) -> str:
        return self.nickname


class Answer(models.Model):
    """A player's accepted answer to one question of a game; the first one wins."""

    game = models.ForeignKey(Game, on_delete=models.CASCADE, related_name="answers")
    player = models.ForeignKey(Player, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    question_index = models.IntegerField()
    # What the player chose, in the display keys they saw (see rooms.presentation).
    response = models.JSONField()
    elapsed_ms = models.IntegerField()
    is_correct = models.BooleanField()
    points = models.IntegerField(default=0)
    streak_bonus = models.IntegerField(default=0)
    received_at = models.DateTimeField()

    class Meta:
        ordering = ["game", "question_index", "received_at"]
        constraints = [
            models.UniqueConstraint(fields=["player", "question_index"], name="answer_once_per_question"),
        ]

    def __str__(self) -> str:
        return f"{self.player} → Q{self.question_index + 1}"
