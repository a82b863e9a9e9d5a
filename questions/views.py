"""Question bank pages: upload documents, review the generated questions. Views parse input and call one
service; permissions are checked here, on the server, for every page and action."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from . import selectors, services
from .bankgen import SourceFile, human_size
from .forms import BankSettingsForm, QuestionEditForm, UploadForm, choice_formset_class, choice_initial
from .models import Question, QuestionBank


@login_required
def bank_list(request: HttpRequest) -> HttpResponse:
    banks = selectors.banks_visible_to(user=request.user).select_related("owner")
    return render(request, "questions/bank_list.html", {"banks": banks})


def _upload_page(request: HttpRequest, form: UploadForm, *, outcomes: list | None = None, error: str = "",
                 status: int = 200) -> HttpResponse:
    context = {"form": form, "limits": selectors.upload_limits(), "outcomes": outcomes or [], "error": error}
    return render(request, "questions/bank_upload.html", context, status=status)


def _upload_refusal(request: HttpRequest) -> HttpResponse | None:
    """A readable page (not a 400/500) for an upload too big or with too many files, decided from the
    Content-Length before the body is parsed, then from Django's own limits while parsing it."""
    limits = selectors.upload_limits()
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    form = UploadForm(user=request.user)
    if length > limits.max_request_bytes:
        message = (f"This upload is {human_size(length)}: at most {limits.max_files} files of up to "
                   f"{human_size(limits.max_bytes)} each can be sent at once.")
        return _upload_page(request, form, error=message, status=413)
    try:
        request.POST  # noqa: B018 - parse now, so Django's limits are reported here and not as a 400 page
        request.FILES  # noqa: B018
    except TooManyFilesSent:
        return _upload_page(request, form, error=f"At most {limits.max_files} files can be sent at once.",
                            status=413)
    except (RequestDataTooBig, TooManyFieldsSent):
        return _upload_page(request, form, error="The form sent too much data.", status=413)
    return None


@csrf_exempt  # CSRF is checked by _bank_upload, after the size checks that must run before the body is parsed
def bank_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        refusal = _upload_refusal(request)
        if refusal is not None:
            return refusal
    return _bank_upload(request)


@csrf_protect
def _bank_upload(request: HttpRequest) -> HttpResponse:
    """Upload one or many documents; each becomes a document of the bank or is refused with its reason."""
    if request.method != "POST":
        form = UploadForm(user=request.user, initial={"bank": request.GET.get("bank")})
        return _upload_page(request, form)
    form = UploadForm(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        return _upload_page(request, form, status=400)
    limits = selectors.upload_limits()
    files = [
        SourceFile(name=f.name, data=f.read() if f.size <= limits.max_bytes else b"", size=f.size)
        for f in form.cleaned_data["documents"]
    ]
    report = services.bank_generate(
        files=files, owner=request.user, title=form.cleaned_data["title"], bank=form.cleaned_data["bank"],
        auto_approve=form.cleaned_data["auto_approve"],
    )
    if report.bank is None:
        return _upload_page(request, form, outcomes=report.outcomes, status=400)
    approved = sum(q.review_status == Question.Review.APPROVED for q in report.added)
    summary = f"{len(report.added)} new question{'s' if len(report.added) != 1 else ''} in “{report.bank.title}”"
    if approved:
        summary += f", {approved} approved automatically"
    messages.success(request, summary + ".")
    for outcome in report.outcomes:
        if outcome.ok:
            note = f" {outcome.message}" if outcome.message else ""
            count = f"{outcome.questions} question{'s' if outcome.questions != 1 else ''}"
            messages.info(request, f"{outcome.name}: {count} from {outcome.words:,} words.{note}")
        else:
            messages.error(request, f"{outcome.name} was not used: {outcome.message}")
    return redirect("bank-detail", bank_id=report.bank.pk)


@login_required
def bank_detail(request: HttpRequest, bank_id: int) -> HttpResponse:
    """The teacher's review page: every question with its source passage highlighted in context."""
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if not selectors.bank_viewable_by(bank=bank, user=request.user):
        raise PermissionDenied
    status = request.GET.get("status", "all")
    if status not in selectors.REVIEW_FILTERS:
        status = "all"
    items = selectors.bank_review_items(bank=bank, status=status)
    settings_form = BankSettingsForm(
        initial={"title": bank.title, "description": bank.description, "auto_approve": bank.auto_approve}
    )
    return render(request, "questions/bank_detail.html", {
        "bank": bank,
        "items": items,
        "questions": [item.question for item in items],
        "status": status,
        "counts": selectors.bank_status_counts(bank=bank),
        "can_edit": selectors.bank_editable_by(bank=bank, user=request.user),
        "settings_form": settings_form,
        "auto_approve_top": selectors.auto_approve_top(),
    })


def _editable_bank(request: HttpRequest, bank_id: int) -> QuestionBank:
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if not selectors.bank_editable_by(bank=bank, user=request.user):
        raise PermissionDenied
    return bank


def _editable_question(request: HttpRequest, bank_id: int, question_id: int) -> Question:
    bank = _editable_bank(request, bank_id)
    return get_object_or_404(Question, pk=question_id, bank=bank)


def _back(request: HttpRequest, bank_id: int, question_id: int | None = None) -> HttpResponse:
    """Back to the review list, keeping its filter and scrolling to the question acted on."""
    url = reverse("bank-detail", kwargs={"bank_id": bank_id})
    status = request.POST.get("status", "all")
    if status in selectors.REVIEW_FILTERS and status != "all":
        url += f"?status={status}"
    if question_id is not None:
        url += f"#q-{question_id}"
    return redirect(url)


@login_required
@require_POST
def bank_settings(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = _editable_bank(request, bank_id)
    form = BankSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The bank needs a title.")
        return _back(request, bank.pk)
    was_auto = bank.auto_approve
    services.bank_update(bank=bank, **form.cleaned_data)
    if bank.auto_approve and not was_auto:
        messages.success(request, "Auto-approve is on: the top-ranked questions are approved.")
    else:
        messages.success(request, "Bank settings saved.")
    return _back(request, bank.pk)


@login_required
@require_POST
def bank_approve(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Bulk approval: the ticked questions, or every waiting one ("scope=pending")."""
    bank = _editable_bank(request, bank_id)
    if request.POST.get("scope") == "pending":
        count = services.questions_approve(bank=bank)
    else:
        ids = [int(v) for v in request.POST.getlist("question") if v.isdigit()]
        if not ids:
            messages.error(request, "Tick the questions to approve first.")
            return _back(request, bank.pk)
        count = services.questions_approve(bank=bank, question_ids=ids)
    messages.success(request, f"{count} question{'s' if count != 1 else ''} approved.")
    return _back(request, bank.pk)


@login_required
@require_POST
def question_approve(request: HttpRequest, bank_id: int, question_id: int) -> HttpResponse:
    question = _editable_question(request, bank_id, question_id)
    services.question_review(question=question, status=Question.Review.APPROVED)
    return _back(request, bank_id, question.pk)


@login_required
@require_POST
def question_reject(request: HttpRequest, bank_id: int, question_id: int) -> HttpResponse:
    question = _editable_question(request, bank_id, question_id)
    services.question_review(question=question, status=Question.Review.REJECTED)
    return _back(request, bank_id, question.pk)


@login_required
@require_POST
def question_regenerate(request: HttpRequest, bank_id: int, question_id: int) -> HttpResponse:
    question = _editable_question(request, bank_id, question_id)
    replacement = services.question_regenerate(question=question)
    if replacement is None:
        messages.warning(request, "No other question is left for this passage; edit or reject this one instead.")
        return _back(request, bank_id, question.pk)
    messages.success(request, "Replaced with a new question, waiting for review (the old one is now rejected).")
    return _back(request, bank_id, replacement.pk)


@login_required
def question_edit(request: HttpRequest, bank_id: int, question_id: int) -> HttpResponse:
    question = _editable_question(request, bank_id, question_id)
    formset_class = choice_formset_class(question)
    if request.method == "POST":
        form = QuestionEditForm(request.POST)
        formset = formset_class(request.POST, prefix="choices")
        if form.is_valid() and formset.is_valid():
            choices = [c for c in (f.as_input() for f in formset.forms) if c is not None]
            try:
                services.question_update(
                    question=question, stem=form.cleaned_data["stem"], explanation=form.cleaned_data["explanation"],
                    accepted_answers=form.answers(), time_limit=form.cleaned_data["time_limit"],
                    points_multiplier=form.cleaned_data["points_multiplier"],
                    difficulty=form.cleaned_data["difficulty"], choices=choices,
                    approve="approve" in request.POST,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, "Question saved.")
                return _back(request, bank_id, question.pk)
        status = 400
    else:
        form = QuestionEditForm(initial=QuestionEditForm.initial_for(question))
        formset = formset_class(initial=choice_initial(question), prefix="choices")
        status = 200
    document = question.document
    context = selectors.excerpt_in_context(
        text=document.text, excerpt=question.excerpt, span_start=question.span_start, span_end=question.span_end
    ) if document else None
    return render(request, "questions/question_edit.html", {
        "bank": question.bank, "question": question, "form": form, "formset": formset, "document": document,
        "context": context,
    }, status=status)
