"""Pages and the small JSON API of solo practice and challenges. Views parse input and call one service.

Anonymous learners are known by a signed, HttpOnly, SameSite=Lax cookie holding their learner token.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from questions.models import QuestionBank
from questions.selectors import bank_viewable_by
from quizgame.rooms.protocol import loads_strict

from . import clock, selectors, services
from .errors import PracticeError
from .forms import ChallengeForm, ChallengeStartForm, RoundStartForm
from .models import Challenge, Learner

LEARNER_COOKIE = "quizgame_learner"
LEARNER_COOKIE_SALT = "quizgame.practice.learner"
LEARNER_COOKIE_AGE = timedelta(days=365)


def _cookie_token(request: HttpRequest) -> str | None:
    return request.get_signed_cookie(LEARNER_COOKIE, default=None, salt=LEARNER_COOKIE_SALT)


def _learner(request: HttpRequest) -> Learner | None:
    return selectors.learner_find(user=request.user, token=_cookie_token(request))


def _learner_or_new(request: HttpRequest) -> Learner:
    return services.learner_resolve(user=request.user, token=_cookie_token(request))


def _remember(response: HttpResponse, request: HttpRequest, learner: Learner | None) -> HttpResponse:
    """Keep an anonymous learner's cookie for a year from their last visit."""
    if learner is not None and learner.user_id is None and learner.token:
        response.set_signed_cookie(
            LEARNER_COOKIE,
            learner.token,
            salt=LEARNER_COOKIE_SALT,
            max_age=int(LEARNER_COOKIE_AGE.total_seconds()),
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _json_error(error: PracticeError) -> JsonResponse:
    return JsonResponse(error.as_json(), status=error.status)


def _can_assign(user: Any, bank: QuestionBank) -> bool:
    """Whoever may see a bank (and so host it live) may assign it as a challenge."""
    return bank_viewable_by(bank=bank, user=user)


# Free practice


@require_GET
def bank_practice(request: HttpRequest, bank_id: int) -> HttpResponse:
    """A bank's practice page: start a round, see what is due, personal bests and the leaderboard."""
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    learner = _learner(request)
    initial = {"nickname": learner.nickname if learner else ""}
    return _bank_page(request, bank=bank, learner=learner, form=RoundStartForm(initial=initial))


def _bank_page(
    request: HttpRequest, *, bank: QuestionBank, learner: Learner | None, form: RoundStartForm, status: int = 200
) -> HttpResponse:
    context = {
        "bank": bank,
        "form": form,
        "approved": len(selectors.approved_question_ids(bank=bank)),
        "due": selectors.due_now(learner=learner, bank=bank, now=clock.now()),
        "bests": selectors.personal_bests(learner=learner, bank=bank),
        "board": selectors.practice_leaderboard(bank=bank),
        "learner": learner,
        "can_assign": _can_assign(request.user, bank),
    }
    return _remember(render(request, "practice/bank.html", context, status=status), request, learner)


@require_POST
def round_start(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    form = RoundStartForm(request.POST)
    if not form.is_valid():
        return _bank_page(request, bank=bank, learner=_learner(request), form=form, status=400)
    learner = _learner_or_new(request)
    try:
        started = services.round_start(
            learner=learner,
            bank=bank,
            size=form.round_size(),
            timer=form.cleaned_data["timer"],
            nickname=form.cleaned_data["nickname"],
        )
    except PracticeError as error:
        form.add_error(None, error.message)
        return _bank_page(request, bank=bank, learner=learner, form=form, status=error.status)
    return _remember(redirect("practice:round", round_id=started.pk), request, learner)


@require_GET
def round_page(request: HttpRequest, round_id: int) -> HttpResponse:
    """The play screen; practice.js asks for each question and sends each answer."""
    learner = _learner(request)
    try:
        current = selectors.round_for_learner(round_id=round_id, learner=learner)
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    if current.is_finished:
        return redirect("practice:summary", round_id=current.pk)
    challenge = current.challenge
    if challenge is not None and not selectors.challenge_is_open(challenge=challenge, now=clock.now()):
        message = selectors.closed_message(challenge=challenge)
        return render(request, "practice/message.html", {"message": message}, status=410)
    return render(request, "practice/round.html", {"round": current})


@require_GET
def round_question(request: HttpRequest, round_id: int) -> JsonResponse:
    """The current question as the learner may see it before answering: no correctness of any kind."""
    try:
        served = services.question_serve(round_id=round_id, learner=_learner(request))
    except PracticeError as error:
        return _json_error(error)
    if served is None:
        return JsonResponse({"finished": True, "summary_url": reverse("practice:summary", args=[round_id])})
    return JsonResponse(served.payload())


@require_POST
def round_answer(request: HttpRequest, round_id: int) -> JsonResponse:
    """Check an answer, body {"index": n, "response": {...} | null}; the reply carries the solution and source."""
    if len(request.body) > settings.QUIZGAME["MAX_MESSAGE_BYTES"]:
        return _json_error(PracticeError("too_large", "That answer is too long."))
    try:
        body = loads_strict(request.body or b"null")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        return _json_error(PracticeError("bad_request", 'Send JSON like {"index": 0, "response": {...}}.'))
    try:
        result = services.answer_submit(
            round_id=round_id,
            learner=_learner(request),
            index=body.get("index"),
            response=body.get("response"),
        )
    except PracticeError as error:
        return _json_error(error)
    payload = result.payload()
    if result.round.is_finished:
        payload["summary_url"] = reverse("practice:summary", args=[round_id])
    return JsonResponse(payload)


@require_GET
def round_summary(request: HttpRequest, round_id: int) -> HttpResponse:
    """End of round: score, accuracy, time and a review of every question."""
    learner = _learner(request)
    try:
        current = selectors.round_for_learner(round_id=round_id, learner=learner)
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    if not current.is_finished:
        return redirect("practice:round", round_id=current.pk)
    return render(request, "practice/summary.html", {"summary": selectors.round_summary(round=current)})


@require_POST
def round_mistakes(request: HttpRequest, round_id: int) -> HttpResponse:
    """Practise my mistakes: a new round of exactly the questions missed in this one."""
    learner = _learner(request)
    try:
        started = services.round_start_mistakes(learner=learner, round_id=round_id)
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    return redirect("practice:round", round_id=started.pk)


@require_http_methods(["GET", "POST"])
def game_hardest(request: HttpRequest, game_id: int) -> HttpResponse:
    """Practise the hardest questions of a live game: the ones its players missed most. Shareable with the class."""
    from quizgame.reports.selectors import game_report
    from quizgame.rooms.models import Game

    game = get_object_or_404(Game.objects.select_related("bank"), pk=game_id, phase=Game.Phase.FINISHED)
    question_ids = game_report(game=game).most_missed
    if request.method == "GET":
        return render(request, "practice/hardest.html", {"game": game, "count": len(question_ids)})
    learner = _learner_or_new(request)
    try:
        started = services.round_start_questions(
            learner=learner, bank=game.bank, question_ids=question_ids, nickname=request.POST.get("nickname", "")
        )
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    return _remember(redirect("practice:round", round_id=started.pk), request, learner)


# Assigned challenges


@login_required
@require_http_methods(["GET", "POST"])
def challenge_new(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = get_object_or_404(QuestionBank, pk=bank_id)
    if not _can_assign(request.user, bank):
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, initial={"title": bank.title, "shuffle": True, "timer": True})
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.challenge_create(host=request.user, bank=bank, **form.cleaned_data)
        except PracticeError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Challenge created. Share its link with your students.")
            return redirect("practice:challenge-report", token=challenge.token)
    status = 400 if request.method == "POST" else 200
    return render(request, "practice/challenge_form.html", {"bank": bank, "form": form}, status=status)


@login_required
@require_GET
def challenge_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "practice/challenges.html", {"challenges": selectors.challenges_for_host(host=request.user)}
    )


def _challenge_page(
    request: HttpRequest,
    *,
    challenge: Challenge,
    learner: Learner | None,
    form: ChallengeStartForm | None = None,
    status: int = 200,
) -> HttpResponse:
    is_open = selectors.challenge_is_open(challenge=challenge, now=clock.now())
    if form is None:
        default = learner.display_name if learner else ""
        form = ChallengeStartForm(initial={"nickname": default})
    context = {
        "challenge": challenge,
        "is_open": is_open,
        "closed_message": "" if is_open else selectors.closed_message(challenge=challenge),
        "attempt": selectors.challenge_attempt(challenge=challenge, learner=learner),
        "board": selectors.challenge_leaderboard(challenge=challenge),
        "question_count": len(challenge.question_ids),
        "form": form,
        "learner": learner,
    }
    return _remember(render(request, "practice/challenge.html", context, status=status), request, learner)


@require_GET
def challenge_page(request: HttpRequest, token: str) -> HttpResponse:
    """What a student opens from the link: nickname and start, or their result, and the challenge leaderboard."""
    try:
        challenge = selectors.challenge_by_token(token=token)
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    return _challenge_page(request, challenge=challenge, learner=_learner(request))


@require_POST
def challenge_start(request: HttpRequest, token: str) -> HttpResponse:
    try:
        challenge = selectors.challenge_by_token(token=token)
    except PracticeError as error:
        return render(request, "practice/message.html", {"message": error.message}, status=error.status)
    form = ChallengeStartForm(request.POST)
    if not form.is_valid():
        return _challenge_page(request, challenge=challenge, learner=_learner(request), form=form, status=400)
    learner = _learner_or_new(request)
    try:
        attempt = services.challenge_start(learner=learner, challenge=challenge, nickname=form.cleaned_data["nickname"])
    except PracticeError as error:
        form.add_error(None, error.message)
        return _challenge_page(request, challenge=challenge, learner=learner, form=form, status=error.status)
    return _remember(redirect("practice:round", round_id=attempt.pk), request, learner)


@login_required
@require_GET
def challenge_report(request: HttpRequest, token: str) -> HttpResponse:
    """The host's view: the link, per-player results and how each question went."""
    challenge = get_object_or_404(Challenge.objects.select_related("bank"), token=token)
    if not (request.user.is_staff or challenge.host_id == request.user.pk):
        raise PermissionDenied
    context = {
        "report": selectors.challenge_report(challenge=challenge),
        "link": request.build_absolute_uri(reverse("practice:challenge", args=[challenge.token])),
        "is_open": selectors.challenge_is_open(challenge=challenge, now=clock.now()),
    }
    return render(request, "practice/challenge_report.html", context)

