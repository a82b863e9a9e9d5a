"""The live-game suite again, on this machine's PostgreSQL with the Redis channel layer (the scaled mode's
stack), in a child pytest so the settings are read fresh."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import POSTGRES, REDIS, require_services

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.services


def test_the_game_suite_passes_on_postgresql_and_redis():
    require_services()
    env = {**os.environ, "DATABASE_URL": f"{POSTGRES}/quizgame_suite", "REDIS_URL": f"{REDIS}/8"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/rooms", "tests/scoring", "-q", "-p", "no:cacheprovider",
         "--create-db"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    summary = done.stdout.strip().splitlines()[-1:] or [done.stderr[-500:]]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in summary[0] and "failed" not in summary[0], summary
