"""Forms for uploads, bank settings and the teacher's question edits. They parse input; services decide."""
from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory

from .models import Question, QuestionBank
from .selectors import auto_approve_top, banks_editable_by, upload_limits
from .services import ChoiceInput


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name. Each file is judged later, on its own (size, type, content), so one bad
    file never costs the others; here only "no file at all" is an error."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError("Choose at least one file.", code="required")
        return files


class UploadForm(forms.Form):
    documents = MultipleFileField(label="Documents")
    title = forms.CharField(label="Bank title", max_length=200, required=False,
                            help_text="Leave empty to use the first document's title.")
    bank = forms.ModelChoiceField(label="Add to", queryset=QuestionBank.objects.none(), required=False,
                                  empty_label="A new bank")
    auto_approve = forms.BooleanField(label="Play at once: approve the top-ranked questions", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bank_field = self.fields["bank"]
        assert isinstance(bank_field, forms.ModelChoiceField)
        bank_field.queryset = banks_editable_by(user=user)
        self.fields["documents"].widget.attrs["accept"] = ",".join(upload_limits().extensions)
        self.fields["auto_approve"].help_text = (
            f"Approves the {auto_approve_top()} best-ranked questions so a new bank can be played at once; "
            "you can change this later on the bank page."
        )


class BankSettingsForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    auto_approve = forms.BooleanField(label="Play at once: approve the top-ranked questions", required=False)


class QuestionEditForm(forms.Form):
    stem = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 2}))
    accepted_answers = forms.CharField(
        label="Accepted answers (one per line)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    time_limit = forms.IntegerField(label="Time limit (seconds)", min_value=5, max_value=600)
    points_multiplier = forms.TypedChoiceField(
        label="Points", coerce=int, choices=[(0, "No points"), (1, "Standard"), (2, "Double")]
    )
    difficulty = forms.TypedChoiceField(coerce=int, choices=Question.Difficulty.choices)

    def answers(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["accepted_answers"].splitlines() if line.strip()]

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        return {
            "stem": question.stem, "accepted_answers": "\n".join(question.accepted_answers),
            "explanation": question.explanation, "time_limit": question.time_limit,
            "points_multiplier": question.points_multiplier, "difficulty": question.difficulty,
        }


class ChoiceForm(forms.Form):
    text = forms.CharField(max_length=255, required=False)
    is_correct = forms.BooleanField(label="Correct", required=False)
    match_text = forms.CharField(label="Matches", max_length=255, required=False)

    def as_input(self) -> ChoiceInput | None:
        data = getattr(self, "cleaned_data", None) or {}
        text = data.get("text", "").strip()
        if not text:
            return None
        return ChoiceInput(text=text, is_correct=bool(data.get("is_correct")), match_text=data.get("match_text", ""))


def choice_formset_class(question: Question) -> type[forms.BaseFormSet]:
    """Options to edit: none for typed answers, the fixed pair for true/false, room for two more otherwise."""
    extra = 0 if question.type in {Question.Type.TYPED, Question.Type.TRUE_FALSE} else 2
    return formset_factory(ChoiceForm, extra=extra, max_num=12, validate_max=True)


def choice_initial(question: Question) -> list[dict[str, Any]]:
    return [{"text": c.text, "is_correct": c.is_correct, "match_text": c.match_text} for c in question.choices.all()]
