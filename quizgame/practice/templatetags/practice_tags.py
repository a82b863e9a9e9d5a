"""Template filters for practice pages."""
from __future__ import annotations

from django import template

from quizgame.practice.rules import format_duration

register = template.Library()


@register.filter
def duration(ms: int | None) -> str:
    return format_duration(ms or 0)
