"""Play one live game with N bot players over real websockets and print one JSON line of figures.

    python bench/live_room.py --url http://127.0.0.1:8000 --players 1000 --questions 3
    python bench/live_room.py --serve embedded --players 1000            # starts its own server first
    python bench/live_room.py --serve scaled --workers 2 --players 2000  # PostgreSQL + Redis, 2 processes

Figures: connect_s (all players joined), broadcast p50/p95/p99/max ms (from the server's open stamp of each
question to each player's receipt), last_player_ms, answers_per_s (a burst of N answers until every one is
acknowledged), rss_kib_per_player (growth of the server processes' memory per connected player), lost_answers
(acknowledged answers the reveal did not count), errors. Nothing here passes or fails: it measures.
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import websockets
from websockets.client import ClientProtocol
from websockets.frames import Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BANK_TITLE = "Calcification vs ossification"


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            continue
    return total


def child_pids(pids: list[int]) -> list[int]:
    """The Daphne processes themselves (started through a session leader, they may be children)."""
    found = list(pids)
    for pid in pids:
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except FileNotFoundError:
            continue
        found += [int(c) for c in children]
    return found


def open_game(base: str, *, username: str, password: str, timer: bool) -> tuple[str, str]:
    """Sign in as the host over HTTP and open a game of the sample bank: returns (pin, session cookie)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    opener.open(urllib.request.Request(f"{base}/accounts/login/", data.encode(), headers={"Referer": base}))
    dashboard = opener.open(f"{base}/host/").read().decode()
    banks: dict[str, tuple[str, str]] = {}  # title -> (bank id, form token)
    for form in re.findall(r'<form[^>]*action="/host/games/new/"[^>]*>(.*?)</form>', dashboard, re.S):
        bank_id = re.search(r'name="bank" value="(\d+)"', form)
        title = re.search(r'class="bank-title">\s*<a[^>]*>([^<]+)<', form)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
        if bank_id and title and token:
            banks[title.group(1).strip()] = (bank_id.group(1), token.group(1))
    if not banks:
        raise RuntimeError("no question bank to host on the dashboard")
    bank, token = banks.get(BANK_TITLE) or next(iter(banks.values()))
    fields = {"bank": bank, "speed_scoring": "on", "csrfmiddlewaretoken": token}
    if timer:
        fields["timer"] = "on"
    response = opener.open(urllib.request.Request(f"{base}/host/games/new/", urllib.parse.urlencode(fields).encode(),
                                                  headers={"Referer": base}))
    pin = response.geturl().rstrip("/").rsplit("/", 1)[-1]
    session = next(c.value for c in jar if c.name == "sessionid")
    return pin, f"sessionid={session}"


def any_response(question: dict) -> dict:
    q = question["question"]
    kind = q["type"]
    if kind in ("single", "truefalse"):
        return {"choice": random.randrange(len(q["choices"]))}
    if kind == "multiple":
        return {"choices": sorted(random.sample(range(len(q["choices"])), q.get("select", 1)))}
    if kind == "typed":
        return {"text": "osteoblasts"}
    if kind == "ordering":
        return {"order": [c["key"] for c in q["choices"]]}
    return {"pairs": [[i, i] for i in range(len(q["left"]))]}


class Swarm:
    """Counts what the bots heard, so the run can wait for "every player saw question 3" without a task per bot."""

    def __init__(self) -> None:
        self.counts: dict[tuple[str, int], int] = {}
        self.targets: dict[tuple[str, int], tuple[int, asyncio.Future]] = {}

    def heard(self, kind: str, index: int) -> None:
        key = (kind, index)
        self.counts[key] = self.counts.get(key, 0) + 1
        target = self.targets.get(key)
        if target and self.counts[key] >= target[0] and not target[1].done():
            target[1].set_result(None)

    async def until(self, kind: str, index: int, count: int, timeout: float) -> None:
        """Wait until `count` bots heard `kind` for question `index` (or the timeout: the figures show who missed)."""
        key = (kind, index)
        if self.counts.get(key, 0) >= count:
            return
        future = asyncio.get_running_loop().create_future()
        self.targets[key] = (count, future)
        try:
            await asyncio.wait_for(future, timeout)
        except TimeoutError:
            pass


class Bot(asyncio.Protocol):
    """One phone. Frames are handled as they come off the socket (websockets' sans-I/O protocol on a plain
    asyncio transport): no task per bot and a receipt time taken when the bytes arrive, so that thousands of bots
    on one core measure the server rather than themselves."""

    def __init__(self, index: int, ws_url: str, swarm: Swarm) -> None:
        self.index = index
        self.ws_url = ws_url
        self.swarm = swarm
        self.ws = ClientProtocol(parse_uri(ws_url), origin=None, max_size=2**22)
        self.transport: asyncio.Transport | None = None
        self.opened: asyncio.Future | None = None
        self.joined: asyncio.Future | None = None
        self.question: dict | None = None
        self.received_at: dict[int, float] = {}
        self.acked: dict[int, float | None] = {}
        self.errors: list[str] = []
        self.partial: list[bytes] = []

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        now = time.time() * 1000
        self.ws.receive_data(data)
        self.flush()
        for event in self.ws.events_received():
            if isinstance(event, Response):
                if self.opened and not self.opened.done():
                    if self.ws.handshake_exc:
                        self.opened.set_exception(self.ws.handshake_exc)
                    else:
                        self.opened.set_result(None)
            elif event.opcode in (Opcode.TEXT, Opcode.CONT):
                self.partial.append(event.data)
                if event.fin:
                    self.on_message(b"".join(self.partial), now)
                    self.partial = []

    def eof_received(self) -> bool:
        self.ws.receive_eof()
        self.flush()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        for future in (self.opened, self.joined):
            if future and not future.done():
                future.set_exception(ConnectionError("connection closed"))

    def flush(self) -> None:
        for data in self.ws.data_to_send():
            if data and self.transport and not self.transport.is_closing():
                self.transport.write(data)

    # the game
    def on_message(self, raw: bytes, now: float) -> None:
        message = json.loads(raw)
        kind = message["type"]
        if kind == "question":
            self.question = message
            self.received_at[message["index"]] = now
            self.swarm.heard("question", message["index"])
        elif kind == "answer_accepted":
            self.acked[message["index"]] = now
            self.swarm.heard("ack", message["index"])
        elif kind == "joined":
            if self.joined and not self.joined.done():
                self.joined.set_result(None)
        elif kind == "error":
            self.errors.append(message["code"])
            if self.joined and not self.joined.done():
                self.joined.set_exception(RuntimeError(message["code"]))
            if self.question and self.question["index"] not in self.acked:
                self.acked[self.question["index"]] = None
                self.swarm.heard("ack", self.question["index"])

    def send(self, message: dict) -> None:
        self.ws.send_text(json.dumps(message).encode())
        self.flush()

    async def join(self, origin: str) -> None:
        loop = asyncio.get_running_loop()
        uri = parse_uri(self.ws_url)
        self.opened, self.joined = loop.create_future(), loop.create_future()
        await loop.create_connection(lambda: self, uri.host, uri.port)
        request = self.ws.connect()
        request.headers["Origin"] = origin
        self.ws.send_request(request)
        self.flush()
        await asyncio.wait_for(self.opened, 60)
        self.send({"type": "join", "nickname": f"bot{self.index}"})
        await asyncio.wait_for(self.joined, 60)

    def answer(self) -> None:
        assert self.question is not None
        self.send({"type": "answer", "index": self.question["index"], "response": any_response(self.question)})

    def close(self) -> None:
        if self.transport and not self.transport.is_closing():
            try:
                self.ws.send_close()
                self.flush()
            except Exception:
                pass
            self.transport.close()


async def run(args: argparse.Namespace, urls: list[str], pids: list[int]) -> dict:
    base = urls[0]
    pin, cookie = open_game(base, username=args.username, password=args.password, timer=not args.no_timer)
    ws_urls = [u.replace("http://", "ws://") + f"/ws/play/{pin}/" for u in urls]
    origin = base
    rss_before = rss_kib(pids)

    host = await websockets.connect(base.replace("http://", "ws://") + f"/ws/host/{pin}/", origin=origin,
                                    additional_headers={"Cookie": cookie}, max_queue=None)

    # The host screen reads as players join, as a real one does (a backlog of thousands of join notices left
    # for later would be drained by the bots' process in the middle of the first question).
    host_messages: asyncio.Queue = asyncio.Queue()

    async def host_reader() -> None:
        async for text in host:
            message = json.loads(text)
            if message["type"] != "player_joined":
                await host_messages.put(message)

    reading = asyncio.create_task(host_reader())

    swarm = Swarm()
    bots = [Bot(i, ws_urls[i % len(ws_urls)], swarm) for i in range(args.players)]
    gate = asyncio.Semaphore(args.concurrency)
    errors: list[str] = []

    async def join(bot: Bot) -> bool:
        async with gate:
            try:
                await bot.join(origin)
                return True
            except Exception as error:  # counted, not fatal: the figures say how many could not join
                errors.append(f"join: {error!r}"[:120])
                return False

    started = time.perf_counter()
    ok = await asyncio.gather(*(join(b) for b in bots))
    connect_s = time.perf_counter() - started
    joined = [b for b, good in zip(bots, ok, strict=True) if good]
    await asyncio.sleep(1)
    rss_after = rss_kib(pids)
    # The bots' own process holds thousands of connections: keep its collector from pausing it mid-question.
    gc.collect()
    gc.freeze()

    async def host_expect(kind: str, timeout: float = 120) -> dict:
        while True:
            message = await asyncio.wait_for(host_messages.get(), timeout)
            if message["type"] == kind:
                return message
            if message["type"] == "error":
                errors.append(f"host: {message['code']}")

    latencies: list[float] = []
    last_player: list[float] = []
    per_question: list[float] = []
    bursts: list[float] = []
    lost = 0
    await host.send(json.dumps({"type": "start"}))
    for number in range(args.questions):
        question = await host_expect("question")
        index = question["index"]
        opened = question["opened_at"]
        await swarm.until("question", index, len(joined), 120)
        arrived = [b.received_at[index] - opened for b in joined if index in b.received_at]
        latencies += arrived
        if arrived:
            last_player.append(max(arrived))
            per_question.append(round(percentile(arrived, 95), 1))
        missing = len(joined) - len(arrived)
        if missing:
            errors.append(f"q{index}: {missing} players never saw the question")
        # The burst: every player answers at once; timed until the last acknowledgement.
        burst_start = time.perf_counter()
        answering = [b for b in joined if index in b.received_at]
        for bot in answering:
            bot.answer()
        await swarm.until("ack", index, len(answering), 120)
        burst = time.perf_counter() - burst_start
        acknowledged = sum(1 for b in answering if b.acked.get(index) is not None)
        bursts.append(acknowledged / burst if burst else 0)
        reveal = await host_expect("reveal")
        lost += max(0, acknowledged - reveal["distribution"]["answered"])
        if number + 1 < args.questions:
            await host.send(json.dumps({"type": "next"}))
            await host_expect("leaderboard")
            await host.send(json.dumps({"type": "next"}))
    await host.send(json.dumps({"type": "end"}))
    await host_expect("finished")
    reading.cancel()
    for b in joined:
        errors.extend(b.errors)
        b.close()
    await host.close()
    return {
        "players": len(joined),
        "connect_s": round(connect_s, 2),
        "broadcast_p50_ms": round(percentile(latencies, 50), 1),
        "broadcast_p95_ms": round(percentile(latencies, 95), 1),
        "broadcast_p99_ms": round(percentile(latencies, 99), 1),
        "broadcast_max_ms": round(max(latencies), 1) if latencies else None,
        "last_player_ms": round(statistics.median(last_player), 1) if last_player else None,
        "p95_by_question_ms": per_question,
        "answers_per_s": round(statistics.median(bursts), 1) if bursts else None,
        "rss_kib_per_player": round((rss_after - rss_before) / max(1, len(joined)), 1) if pids else None,
        "lost_answers": lost,
        "errors": len(errors),
        "error_samples": errors[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a server, or several separated by commas")
    parser.add_argument("--players", type=int, default=100)
    parser.add_argument("--questions", type=int, default=3)
    parser.add_argument("--serve", choices=["embedded", "scaled"], help="start the server(s) first, then measure")
    parser.add_argument("--workers", type=int, default=2, help="Daphne processes in the scaled mode")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/quizgame_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--server-pids", default="", help="comma-separated pids to measure memory of (own server)")
    parser.add_argument("--concurrency", type=int, default=200, help="handshakes in flight at once")
    parser.add_argument("--username", default="teacher")
    parser.add_argument("--password", default="quizgame-demo")
    parser.add_argument("--no-timer", action="store_true")
    args = parser.parse_args()

    servers = None
    urls = args.url.split(",")
    pids = [int(p) for p in args.server_pids.split(",") if p]
    if args.serve:
        from quizgame import servers as serving

        data = Path(tempfile.mkdtemp(prefix="quizgame-bench-"))
        if args.serve == "scaled":
            servers = serving.start(workers=args.workers, data_dir=data, database_url=args.database_url,
                                    redis_url=args.redis_url)
        else:
            servers = serving.start(workers=1, data_dir=data)
        urls = servers.urls
        pids = child_pids(servers.pids())
    try:
        result = asyncio.run(run(args, urls, pids))
    finally:
        if servers:
            servers.stop()
    result["mode"] = args.serve or "external"
    result["workers"] = len(urls)
    print(json.dumps(result))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
