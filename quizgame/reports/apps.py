from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "quizgame.reports"
    label = "reports"
    verbose_name = "Game reports"
