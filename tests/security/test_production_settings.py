"""quizgame.settings.production with the documented environment: Django's deploy check passes with no warnings,
responses carry the security headers, and the settings refuse to start without their secrets.

Each check runs in a fresh process, as a deployment would: settings are read once, at start-up.
"""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "quiz.example.org"

# What a request and a websocket see under the production settings, printed as JSON.
PROBE = """
import asyncio, json
import django
django.setup()
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

client = Client()
secure = client.get("/join/", secure=True, HTTP_HOST="quiz.example.org")
plain = client.get("/join/", HTTP_HOST="quiz.example.org")
foreign_host = client.get("/join/", secure=True, HTTP_HOST="evil.example")

async def handshake(origin):
    from quizgame.asgi import application
    socket = WebsocketCommunicator(application, "/ws/play/123456/", headers=[(b"origin", origin.encode())])
    connected, _ = await socket.connect(timeout=5)
    await socket.disconnect()
    return connected

print(json.dumps({
    "secure": {"status": secure.status_code, "headers": dict(secure.headers),
               "cookies": {name: dict(morsel) for name, morsel in secure.cookies.items()}},
    "plain": {"status": plain.status_code, "location": plain.headers.get("Location")},
    "foreign_host": foreign_host.status_code,
    "own_origin": asyncio.run(handshake("https://quiz.example.org")),
    "foreign_origin": asyncio.run(handshake("https://evil.example")),
    "settings": {name: getattr(settings, name) for name in [
        "DEBUG", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY", "SECURE_CONTENT_TYPE_NOSNIFF"]},
}))
"""


def production_env(data_dir: Path, **overrides: str | None) -> dict[str, str]:
    """The documented production environment (README, docs/SECURITY.md), with nothing leaking in from ours."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "QUIZGAME_")) and k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({
        "DJANGO_SETTINGS_MODULE": "quizgame.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": f"{HOST},www.{HOST}",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST},https://www.{HOST}",
        "QUIZGAME_DATA_DIR": str(data_dir),
        "PYTHONUNBUFFERED": "1",
    })
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run("manage.py", *args, env=env)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory) -> dict[str, str]:
    """A production data directory with its database migrated and its static files collected."""
    env = production_env(tmp_path_factory.mktemp("production"))
    for step in (["migrate", "--noinput"], ["collectstatic", "--noinput"]):
        done = manage(*step, env=env)
        assert done.returncode == 0, done.stderr
    return env


def test_the_deploy_check_reports_no_issues(deployed):
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=deployed)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout, done.stdout + done.stderr


def test_responses_carry_the_security_headers_and_sockets_check_the_origin(deployed):
    done = run("-c", PROBE, env=deployed)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["secure"]["status"] == 200
    headers = seen["secure"]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    for cookie in seen["secure"]["cookies"].values():  # the join page sets none; any that appears is locked down
        assert cookie["secure"] and cookie["httponly"]
    assert seen["plain"] == {"status": 301, "location": f"https://{HOST}/join/"}
    assert seen["foreign_host"] == 400
    assert (seen["own_origin"], seen["foreign_origin"]) == (True, False)
    settings = seen["settings"]
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == [HOST, f"www.{HOST}"]
    assert settings["CSRF_TRUSTED_ORIGINS"] == [f"https://{HOST}", f"https://www.{HOST}"]
    assert all(settings[name] for name in ["SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE",
                                           "SECURE_SSL_REDIRECT", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
                                           "SECURE_HSTS_PRELOAD", "SECURE_CONTENT_TYPE_NOSNIFF"])


def test_debug_stays_off_whatever_the_environment_says(tmp_path):
    done = run("-c", "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
               env=production_env(tmp_path, DJANGO_DEBUG="1"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_will_not_start_without_its_secret_and_hosts(tmp_path, missing):
    done = manage("check", env=production_env(tmp_path, **{missing: None}))
    assert done.returncode != 0
    assert missing in done.stderr


def test_a_weak_secret_key_fails_the_deploy_check(tmp_path):
    done = manage("check", "--deploy", "--fail-level", "WARNING",
                  env=production_env(tmp_path, DJANGO_SECRET_KEY="too-short"))
    assert done.returncode != 0
    assert "security.W009" in done.stdout + done.stderr
