"""Real-browser fixtures: one Daphne server with its own SQLite file, Debian's chromium, and pages that fail the
test on any console error, uncaught exception or unexpected dialog.

The tests talk to the external server only (HTTP and websockets), never to the ORM, so they need no `db` fixture.
The server and the browser live for the e2e package only, so the rest of the suite never shares their loop.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .steps import PROJECTOR

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "test-output" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: `make browser` (apt-get install chromium) to run it")
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(skip)


@dataclass
class Server:
    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(server: Server, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"daphne exited with {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(server.url + "/", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.15)
    raise RuntimeError(f"daphne did not answer within {timeout}s:\n{server.log_tail()}")


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real Daphne process on a free port, migrated and loaded with the demo account and the sample bank."""
    data = tmp_path_factory.mktemp("e2e-data")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "quizgame.settings.test",
        "QUIZGAME_DATA_DIR": str(data),
        # Explicit, so neither a .env file nor the CI's service variables point this server elsewhere.
        "DATABASE_URL": f"sqlite:///{data / 'quizgame.sqlite3'}",
        "REDIS_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    bin_dir = Path(sys.executable).parent
    for command in (["migrate", "--noinput"], ["setup_demo", "--sample-only"]):
        done = subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    port = _free_port()
    log = data / "daphne.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(bin_dir / "daphne"), "-b", "127.0.0.1", "-p", str(port), "quizgame.asgi:application"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    running = Server(url=f"http://127.0.0.1:{port}", log=log, process=process)
    try:
        _wait_until_up(running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@dataclass
class Browsing:
    """Opens pages in separate browser contexts (separate people) and keeps every browser-side problem."""

    browser: Any
    base_url: str
    prefix: str
    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    contexts: list[Any] = field(default_factory=list)
    shots: int = 0

    def page(self, who: str, *, viewport: dict[str, int] | None = None, **context_options: Any) -> Any:
        context = self.browser.new_context(
            base_url=self.base_url, viewport=viewport or PROJECTOR, device_scale_factor=1, **context_options
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: self._console(who, message))
        page.on("pageerror", lambda error: self.problems.append(f"[{who}] uncaught: {error}"))
        page.on("dialog", lambda dialog: self._dialog(who, dialog))
        return page

    def _console(self, who: str, message: Any) -> None:
        if message.type == "error":
            self.problems.append(f"[{who}] console error: {message.text} at {message.location.get('url', '')}")

    def _dialog(self, who: str, dialog: Any) -> None:
        self.dialogs.append(f"[{who}] {dialog.type}: {dialog.message}")
        if dialog.type == "confirm":
            dialog.accept()  # the host's "End the game now?"
        else:
            self.problems.append(f"[{who}] unexpected {dialog.type}: {dialog.message}")
            dialog.dismiss()

    def shot(self, page: Any, name: str, *, full_page: bool = False) -> Path:
        """Save a screenshot as test-output/screenshots/<test>-<nn>-<name>.png."""
        self.shots += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{self.prefix}-{self.shots:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Any, server: Server, request: pytest.FixtureRequest) -> Iterator[Browsing]:
    prefix = re.sub(r"^test_", "", request.node.name)[:40]  # a test may set a shorter one
    session = Browsing(browser=browser, base_url=server.url, prefix=prefix)
    yield session
    session.close()
    if session.problems:
        pytest.fail("browser problems:\n" + "\n".join(session.problems), pytrace=False)
