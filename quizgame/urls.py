from django.contrib import admin
from django.urls import include, path

from quizgame.rooms import views as room_views

urlpatterns = [
    path("", room_views.home, name="home"),
    path("join/", room_views.play, name="play"),
    path("host/", room_views.host_dashboard, name="host-dashboard"),
    path("host/games/new/", room_views.game_new, name="game-new"),
    path("host/game/<str:pin>/", room_views.host_game, name="host-game"),
    path("banks/", include("questions.urls")),
    path("practice/", include("quizgame.practice.urls")),
    path("reports/", include("quizgame.reports.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
