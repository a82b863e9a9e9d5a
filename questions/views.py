"""Question bank pages."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import QuestionBank


@login_required
def bank_detail(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if not (request.user.is_staff or bank.owner_id in (None, request.user.pk)):
        raise PermissionDenied
    questions = bank.questions.prefetch_related("choices").select_related("document")
    return render(request, "questions/bank_detail.html", {"bank": bank, "questions": questions})
