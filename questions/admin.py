from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Choice, Document, Question, QuestionBank


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.action(description="Approve the selected questions")
def approve_questions(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Question]) -> None:
    queryset.update(review_status=Question.Review.APPROVED)


@admin.action(description="Reject the selected questions")
def reject_questions(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Question]) -> None:
    queryset.update(review_status=Question.Review.REJECTED)


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["stem", "type", "bank", "review_status", "difficulty", "time_limit", "rank_score"]
    list_filter = ["type", "review_status", "miner", "bank"]
    search_fields = ["stem", "explanation", "excerpt"]
    readonly_fields = ["fact_key", "miner", "rank_score", "span_start", "span_end"]
    actions = [approve_questions, reject_questions]
    inlines = [ChoiceInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "type", "stem", "review_status"]
    show_change_link = True


@admin.register(QuestionBank)
class QuestionBankAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "auto_approve", "created_at"]
    list_filter = ["auto_approve"]
    search_fields = ["title"]
    inlines = [QuestionInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "original_name", "owner", "created_at"]
    search_fields = ["title", "original_name"]
    readonly_fields = ["content_hash"]
    exclude = ["blocks"]  # the ingested structure, kept for regenerating questions; not hand-edited


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["text", "question", "is_correct", "position"]
