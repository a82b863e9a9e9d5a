"""Fixtures that start real Daphne processes. Scaled-mode tests need this machine's PostgreSQL and Redis; without
them they skip with a reason, unless QUIZGAME_REQUIRE_SERVICES=1 (CI) makes them mandatory."""
from __future__ import annotations

import os
import socket
import uuid

import pytest

from quizgame import servers

POSTGRES = os.environ.get("QUIZGAME_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("QUIZGAME_TEST_REDIS", "redis://127.0.0.1:6379")


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_services() -> None:
    missing = [name for name, port in (("PostgreSQL", 5432), ("Redis", 6379)) if not reachable("127.0.0.1", port)]
    if missing:
        reason = f"{' and '.join(missing)} not running on 127.0.0.1"
        if os.environ.get("QUIZGAME_REQUIRE_SERVICES") == "1":
            pytest.fail(f"QUIZGAME_REQUIRE_SERVICES=1 but {reason}")
        pytest.skip(reason)


@pytest.fixture
def embedded(tmp_path):
    running = servers.start(workers=1, data_dir=tmp_path / "data", log_dir=tmp_path)
    yield running
    running.stop()


@pytest.fixture
def scaled(tmp_path):
    require_services()
    name = f"quizgame_live_{uuid.uuid4().hex[:8]}"
    database = f"{POSTGRES}/{name}"
    redis_db = 9
    running = servers.start(workers=2, data_dir=tmp_path / "data", database_url=database,
                            redis_url=f"{REDIS}/{redis_db}", log_dir=tmp_path)
    yield running
    running.stop()
    servers.drop_postgres_database(database)
