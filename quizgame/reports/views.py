"""Game report pages: the host's (or staff's) view of how a game went, and its CSV and XLSX downloads."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from questions import selectors as bank_selectors
from quizgame.rooms.models import Game

from . import downloads, selectors
from .analysis import Report

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _game(request: HttpRequest, game_id: int) -> Game:
    game = get_object_or_404(Game.objects.select_related("bank", "host"), pk=game_id)
    if not selectors.report_viewable_by(game=game, user=request.user):
        raise PermissionDenied
    return game


def _summary(game: Game, report: Report) -> list[tuple[str, Any]]:
    when = timezone.localtime(game.started_at).strftime("%Y-%m-%d %H:%M") if game.started_at else "not started"
    return [
        ("Bank", game.bank.title),
        ("PIN", game.pin),
        ("Started", when),
        ("State", str(game.get_phase_display())),
        ("Players", len(report.players)),
        ("Questions played", len(report.questions)),
    ]


def _filename(game: Game, suffix: str) -> str:
    return f"{slugify(game.bank.title) or 'game'}-{game.pk}-{suffix}"


@login_required
def game_report(request: HttpRequest, game_id: int) -> HttpResponse:
    game = _game(request, game_id)
    report = selectors.game_report(game=game)
    can_edit = bank_selectors.bank_editable_by(bank=game.bank, user=request.user)
    flagged = [
        (q, reverse("question-edit", args=[game.bank_id, q.question_id]) if can_edit else "")
        for q in report.flagged
    ]
    return render(request, "reports/game_report.html", {
        "game": game,
        "report": report,
        "summary": _summary(game, report),
        "flagged": flagged,  # (question stats, link to edit it in the bank, or "" for a bank the user cannot edit)
        "practice_question_ids": report.most_missed,
    })


@login_required
def game_report_csv(request: HttpRequest, game_id: int, table: str) -> HttpResponse:
    if table not in downloads.TABLES:
        raise Http404("No such table.")
    game = _game(request, game_id)
    content = downloads.report_csv(selectors.game_report(game=game), table=table)
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(game, table)}.csv"'
    return response


@login_required
def game_report_xlsx(request: HttpRequest, game_id: int) -> HttpResponse:
    game = _game(request, game_id)
    report = selectors.game_report(game=game)
    response = HttpResponse(downloads.report_xlsx(report, summary=_summary(game, report)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(game, "report")}.xlsx"'
    return response
