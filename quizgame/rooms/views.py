"""Pages of the live game. Views parse input and call one service; the game itself runs over websockets."""
from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from questions.models import Question, QuestionBank

from . import services
from .errors import GameError
from .models import Game


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "rooms/home.html")


def play(request: HttpRequest) -> HttpResponse:
    """The phone page: PIN and nickname, then the whole game on one screen."""
    pin = request.GET.get("pin", "")
    return render(request, "rooms/play.html", {"pin": pin if pin.isdigit() and len(pin) == 6 else ""})


@login_required
def host_dashboard(request: HttpRequest) -> HttpResponse:
    banks = QuestionBank.objects.annotate(
        approved=Count("questions", filter=Q(questions__review_status=Question.Review.APPROVED))
    )
    if not request.user.is_staff:
        banks = banks.filter(Q(owner=request.user) | Q(owner__isnull=True))
    mine = Game.objects.filter(host_id=request.user.pk).select_related("bank")
    games = mine.exclude(phase=Game.Phase.FINISHED)[:10]
    finished = mine.filter(phase=Game.Phase.FINISHED).order_by("-finished_at")[:10]
    return render(request, "rooms/dashboard.html", {"banks": banks, "games": games, "finished": finished})


@login_required
@require_POST
def game_new(request: HttpRequest) -> HttpResponse:
    bank = get_object_or_404(QuestionBank, pk=request.POST.get("bank"))
    if not (request.user.is_staff or bank.owner_id in (None, request.user.pk)):
        raise PermissionDenied
    try:
        team_count = _int(request.POST.get("team_count"), 0) if request.POST.get("team_mode") == "on" else 0
        game = services.game_create(
            host=request.user,
            bank=bank,
            speed_scoring=request.POST.get("speed_scoring") == "on",
            timer=request.POST.get("timer") == "on",
            shuffle_choices=request.POST.get("shuffle_choices", "on") == "on",
            team_count=team_count,
            team_names=request.POST.get("team_names", "").split(",") if team_count else None,
            teams_chosen_by_players=request.POST.get("teams_chosen_by_players") == "on",
            team_talk_seconds=_int(request.POST.get("team_talk_seconds"), 0) if team_count else 0,
        )
    except GameError as error:
        messages.error(request, error.message)
        return redirect("host-dashboard")
    return redirect("host-game", pin=game.pin)


def _int(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        raise GameError("bad_number", f"{raw!r} is not a whole number.") from None


@login_required
def host_game(request: HttpRequest, pin: str) -> HttpResponse:
    game = (
        Game.objects.filter(pin=pin).exclude(phase=Game.Phase.FINISHED).first()
        or get_object_or_404(Game.objects.order_by("-created_at"), pin=pin, host=request.user)
    )
    if not (request.user.is_staff or game.host_id == request.user.pk):
        raise PermissionDenied
    join_url = request.build_absolute_uri(reverse("play") + f"?pin={game.pin}")
    qr = segno.make(join_url, error="m").svg_inline(scale=6, dark="#111", light="#fff", omitsize=True)
    return render(
        request,
        "rooms/host.html",
        {"game": game, "join_url": join_url, "join_root": request.build_absolute_uri(reverse("play")), "qr": qr},
    )
