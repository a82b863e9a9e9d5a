from django.contrib import admin

from .models import Challenge, Learner, Round


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["title", "bank", "host", "closes_at", "created_at"]
    list_filter = ["closes_at"]
    search_fields = ["title", "token"]
    raw_id_fields = ["bank", "host"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["nickname", "bank", "mode", "score", "correct_count", "size", "started_at", "finished_at"]
    list_filter = ["mode"]
    search_fields = ["nickname"]
    raw_id_fields = ["learner", "bank", "challenge"]


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "nickname", "created_at"]
    search_fields = ["nickname", "user__username"]
    exclude = ["token"]  # the cookie secret of an anonymous learner
