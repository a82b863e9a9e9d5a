from django.contrib import admin

from .models import Choice, Document, Question, QuestionBank


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["stem", "type", "bank", "review_status", "difficulty", "time_limit"]
    list_filter = ["type", "review_status", "bank"]
    search_fields = ["stem", "explanation", "excerpt"]
    inlines = [ChoiceInline]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "type", "stem", "review_status"]
    show_change_link = True


@admin.register(QuestionBank)
class QuestionBankAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "created_at"]
    search_fields = ["title"]
    inlines = [QuestionInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "original_name", "owner", "created_at"]
    search_fields = ["title", "original_name"]
    readonly_fields = ["content_hash"]


@admin.register(Choice)
class ChoiceAdmin(admin.ModelAdmin):
    list_display = ["text", "question", "is_correct", "position"]
