from django.urls import path

from . import views

app_name = "practice"
urlpatterns = [
    path("bank/<int:bank_id>/", views.bank_practice, name="bank"),
    path("bank/<int:bank_id>/start/", views.round_start, name="start"),
    path("bank/<int:bank_id>/challenge/new/", views.challenge_new, name="challenge-new"),
    path("round/<int:round_id>/", views.round_page, name="round"),
    path("round/<int:round_id>/question", views.round_question, name="question"),
    path("round/<int:round_id>/answer", views.round_answer, name="answer"),
    path("round/<int:round_id>/summary/", views.round_summary, name="summary"),
    path("round/<int:round_id>/mistakes/", views.round_mistakes, name="mistakes"),
    path("game/<int:game_id>/hardest/", views.game_hardest, name="game-hardest"),
    path("challenges/", views.challenge_list, name="challenges"),
    path("c/<str:token>/", views.challenge_page, name="challenge"),
    path("c/<str:token>/start/", views.challenge_start, name="challenge-start"),
    path("c/<str:token>/report/", views.challenge_report, name="challenge-report"),
]
