from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "quizgame.rooms"
    label = "rooms"
    verbose_name = "Live games"
