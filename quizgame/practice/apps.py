from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "quizgame.practice"
    label = "practice"
    verbose_name = "Solo practice and challenges"
