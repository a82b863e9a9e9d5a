from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("game/<int:game_id>/", views.game_report, name="game"),
    path("game/<int:game_id>/report.xlsx", views.game_report_xlsx, name="game-xlsx"),
    path("game/<int:game_id>/<str:table>.csv", views.game_report_csv, name="game-csv"),
]
