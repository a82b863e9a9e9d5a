"""The server's clock for game timing. One seam, so tests can play answers at exact moments."""
from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
