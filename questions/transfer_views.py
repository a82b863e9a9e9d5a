"""Pages to import a question file as a new bank and to download a bank in another format.

Views parse input and call one function of `questions.transfer`; who may see a bank is decided by
`questions.selectors`, on the server, for every request.
"""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from . import selectors, transfer
from .formats import FORMATS, detect_format
from .formats.records import Issue
from .models import QuestionBank

MAX_IMPORT_BYTES = 5 * 1024 * 1024
REQUEST_OVERHEAD_BYTES = 64 * 1024  # the form fields and multipart headers around the file
ISSUES_SHOWN = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Question file", widget=forms.ClearableFileInput(attrs={"accept": ".gift,.txt,.xlsx,.csv,.tsv,.json"})
    )
    format = forms.ChoiceField(
        label="Format",
        choices=[("auto", "Tell from the file")] + [(f.name, f.label) for f in FORMATS.values()],
        initial="auto",
    )
    title = forms.CharField(label="Bank title", max_length=200, required=False,
                            help_text="Leave empty to use the file's own title or its name.")


def _import_page(request: HttpRequest, form: ImportForm, *, error: str = "", problems: list[Issue] | None = None,
                 status: int = 200) -> HttpResponse:
    context = {"form": form, "error": error, "problems": problems or [], "max_bytes": MAX_IMPORT_BYTES,
               "formats": FORMATS.values()}
    return render(request, "questions/transfer_import.html", context, status=status)


@csrf_exempt  # CSRF is checked by _bank_import, after the size check that must run before the body is parsed
def bank_import_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        too_big = f"The file is too large: at most {filesizeformat(MAX_IMPORT_BYTES)} can be imported at once."
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_IMPORT_BYTES + REQUEST_OVERHEAD_BYTES:
            return _import_page(request, ImportForm(), error=too_big, status=413)
        try:
            request.POST  # noqa: B018 - parse now, so Django's own limits are reported here and not as a 400 page
            request.FILES  # noqa: B018
        except (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent):
            return _import_page(request, ImportForm(), error=too_big, status=413)
    return _bank_import(request)


@csrf_protect
def _bank_import(request: HttpRequest) -> HttpResponse:
    """A GIFT, Aiken, Kahoot, CSV or quizgame JSON file becomes a new bank of approved questions."""
    if request.method != "POST":
        return _import_page(request, ImportForm())
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    if upload.size > MAX_IMPORT_BYTES:
        error = (f"{upload.name} is {filesizeformat(upload.size)}; at most {filesizeformat(MAX_IMPORT_BYTES)} "
                 "can be imported at once.")
        return _import_page(request, form, error=error, status=413)
    data = upload.read()
    chosen = form.cleaned_data["format"]
    format_ = chosen if chosen != "auto" else detect_format(upload.name, data)
    if format_ is None:
        error = f"Cannot tell the format of {upload.name} from its name; choose the format."
        return _import_page(request, form, error=error, status=400)
    outcome = transfer.bank_import(
        data=data, filename=upload.name, format=format_, owner=request.user, title=form.cleaned_data["title"]
    )
    result = outcome.result
    if outcome.bank is None:
        error = f"No question in {upload.name} could be imported as {FORMATS[format_].label}; no bank was created."
        return _import_page(request, form, error=error, problems=result.errors + result.skipped, status=400)
    messages.success(request, f"“{outcome.bank.title}”: {transfer.import_summary(result)}")
    for kind, issues in (("skipped", result.skipped), ("not imported", result.errors)):
        for issue in issues[:ISSUES_SHOWN]:
            messages.warning(request, f"{kind.capitalize()}: {issue}")
        if len(issues) > ISSUES_SHOWN:
            messages.warning(request, f"… and {len(issues) - ISSUES_SHOWN} more {kind}.")
    return redirect("bank-detail", bank_id=outcome.bank.pk)


def _viewable_bank(request: HttpRequest, bank_id: int) -> QuestionBank:
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if not selectors.bank_viewable_by(bank=bank, user=request.user):
        raise PermissionDenied
    return bank


@login_required
def bank_export_page(request: HttpRequest, bank_id: int) -> HttpResponse:
    """Each format with how many questions it takes and what it leaves out, and the download links."""
    bank = _viewable_bank(request, bank_id)
    exports = []
    for name, chosen in FORMATS.items():
        download = transfer.bank_export(bank=bank, format=name)
        exports.append({"format": chosen, "filename": download.filename, "result": download.result})
    return render(request, "questions/transfer_export.html", {"bank": bank, "exports": exports})


@login_required
def bank_export_download(request: HttpRequest, bank_id: int, format: str) -> HttpResponse:
    if format not in FORMATS:
        raise Http404("No such format.")
    bank = _viewable_bank(request, bank_id)
    download = transfer.bank_export(bank=bank, format=format)
    response = HttpResponse(download.content, content_type=download.media_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
