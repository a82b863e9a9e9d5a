from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "quizgame.scoring"
    label = "scoring"
    verbose_name = "Scoring"
