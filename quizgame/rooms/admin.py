from django.contrib import admin

from .models import Answer, Game, Player, Team


class PlayerInline(admin.TabularInline):
    model = Player
    extra = 0
    fields = ["nickname", "score", "streak", "correct_count", "kicked"]
    readonly_fields = ["nickname", "score", "streak", "correct_count", "kicked"]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0
    fields = ["position", "name", "color", "score"]


@admin.register(Game)
class GameAdmin(admin.ModelAdmin):
    list_display = ["pin", "bank", "host", "phase", "question_index", "team_mode", "created_at"]
    list_filter = ["phase", "team_mode"]
    inlines = [TeamInline, PlayerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["player", "game", "question_index", "is_correct", "points", "elapsed_ms"]
    list_filter = ["is_correct"]
