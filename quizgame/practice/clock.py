"""The server's clock for solo rounds and challenge deadlines. One seam, so tests can answer at exact moments."""
from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
