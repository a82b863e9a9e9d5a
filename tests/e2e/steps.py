"""What a teacher and a player do in the browser, as small steps the e2e tests share."""
from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Locator, Page, expect

DEMO_USER, DEMO_PASSWORD = "teacher", "quizgame-demo"  # made by `manage.py setup_demo`
SAMPLE_BANK = "Calcification vs ossification"
PROJECTOR = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
BIG_PHONE = {"width": 412, "height": 915}
TABLET = {"width": 768, "height": 1024}
# WCAG AA for normal text; the tiles' text is bold and large, so this is stricter than it needs to be.
MIN_CONTRAST = 4.5

CONTRAST_JS = """
(nodes) => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && !/rgba\\(.*,\\s*0\\)$/.test(c) && c !== "transparent") return c;
    }
    return "rgb(255, 255, 255)";
  };
  return nodes.map((node) => {
    const [a, b] = [lum(rgb(getComputedStyle(node).color)), lum(rgb(background(node)))];
    return { text: node.textContent.trim().slice(0, 40), ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
  });
}
"""


def sign_in(page: Page) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(DEMO_USER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/host/$"))


def open_game(page: Page, *, timer: bool, speed_scoring: bool = True) -> str:
    """From the dashboard, open a game of the sample bank; returns its PIN once the host screen shows it."""
    form = page.locator("form.bank-row").filter(has_text=SAMPLE_BANK)
    form.get_by_label("Timer").set_checked(timer)
    form.get_by_label("Faster answers score more").set_checked(speed_scoring)
    form.get_by_role("button", name="Open a game").click()
    expect(page).to_have_url(re.compile(r"/host/game/\d{6}/$"))
    pin = page.locator("#pin").inner_text().strip()
    assert re.fullmatch(r"\d{6}", pin), pin
    expect(page.get_by_role("heading", name="Waiting for players…")).to_be_visible()
    return pin


def join(page: Page, nickname: str, pin: str | None = None) -> None:
    """On the join screen (PIN already there unless given), pick a nickname and wait to be in the lobby."""
    if pin is not None:
        page.get_by_label("Game PIN").fill(pin)
    page.get_by_label("Nickname").fill(nickname)
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", name="You're in!")).to_be_visible()
    expect(page.locator("#me-name")).to_have_text(nickname)


def tile(page: Page, text: str) -> Locator:
    """The answer tile showing exactly `text` (tiles are shuffled per game, so tests go by what is written)."""
    return page.locator("#stage .tile").filter(has=page.get_by_text(text, exact=True))


def expect_question(page: Page, number: int, stem: str | None = None) -> None:
    expect(page.locator(".q-count")).to_have_text(re.compile(rf"^Question {number} of \d+$"))
    if stem:
        expect(page.locator(".stem")).to_have_text(stem)


def expect_heading(page: Page, name: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def host_press(page: Page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()


def host_skip_to(page: Page, number: int) -> None:
    """Skip open questions until question `number` (1-based) is open on the host screen."""
    while True:
        current = int(re.match(r"Question (\d+)", page.locator(".q-count").inner_text()).group(1))
        if current >= number:
            break
        host_press(page, "Skip question")
        expect_question(page, current + 1)
    expect_question(page, number)


def tab_to(page: Page, target: Locator, limit: int = 25) -> None:
    """Press Tab until `target` has the keyboard focus, proving it is reachable without a mouse."""
    for _ in range(limit):
        if target.evaluate("node => node === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{target} never got the focus with Tab")


def contrast(locator: Locator) -> list[dict[str, Any]]:
    return locator.evaluate_all(CONTRAST_JS)


def no_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))


class SocketSwitch:
    """Carries a page's game websockets through Playwright, so a test can cut them as a dropped network would.

    While cut, every reconnection attempt opens onto nothing (no server answers it), which is what a phone sees
    on a network that is up but not getting through; restore() lets the next attempt reach the server.
    """

    def __init__(self, page: Page, pattern: str = r"/ws/play/") -> None:
        self.up = True
        self.routes: list[Any] = []
        page.route_web_socket(re.compile(pattern), self._route)

    def _route(self, route: Any) -> None:
        if self.up:
            route.connect_to_server()
        self.routes.append(route)

    def _close_all(self) -> None:
        for route in self.routes:
            route.close(code=1001)  # closing the page side closes the server side too
        self.routes.clear()

    def cut(self) -> None:
        self.up = False
        self._close_all()

    def restore(self) -> None:
        self.up = True
        self._close_all()
