from django.contrib import admin

from .models import Answer, Game, Player


class PlayerInline(admin.TabularInline):
    model = Player
    extra = 0
    fields = ["nickname", "score", "streak", "correct_count", "kicked"]
    readonly_fields = fields


@admin.register(Game)
class GameAdmin(admin.ModelAdmin):
    list_display = ["pin", "bank", "host", "phase", "question_index", "created_at"]
    list_filter = ["phase"]
    inlines = [PlayerInline]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["player", "game", "question_index", "is_correct", "points", "elapsed_ms"]
    list_filter = ["is_correct"]
