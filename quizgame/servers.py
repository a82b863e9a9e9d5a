"""Start quizgame's Daphne servers as child processes: the embedded mode (one process, SQLite) or the scaled mode
(several processes sharing PostgreSQL and Redis). Used by `make scale`, the benchmarks and the multi-process tests.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DAPHNE = str(Path(sys.executable).with_name("daphne"))
# A big room opens thousands of sockets at once: give a handshake time to be served.
DAPHNE_OPTIONS = ["--websocket_connect_timeout", "30"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, *, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing answered on port {port} within {timeout} s")


def manage(*args: str, env: Mapping[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=dict(env), cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Servers:
    """Running Daphne processes; stop() ends them all."""

    env: dict[str, str]
    ports: list[int] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.ports]

    log_dir: Path | None = None

    def _spawn(self, port: int) -> subprocess.Popen[bytes]:
        log = self.log_dir / f"daphne-{port}.log" if self.log_dir else None
        out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 - lives as long as the process
        process = subprocess.Popen(
            [DAPHNE, "-b", "127.0.0.1", "-p", str(port), *DAPHNE_OPTIONS, "quizgame.asgi:application"],
            env=self.env, cwd=ROOT, stdout=out, stderr=out, start_new_session=True,
        )
        wait_for_port(port)
        return process

    def start_one(self, port: int | None = None) -> int:
        port = port or free_port()
        self.processes.append(self._spawn(port))
        self.ports.append(port)
        return port

    def kill(self, index: int) -> int:
        """Kill one server outright (SIGKILL, no goodbye), as a crash would; returns its port."""
        process = self.processes[index]
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        return self.ports[index]

    def restart(self, index: int) -> None:
        """Start server `index` again on its own port (killing it first if it still runs)."""
        if self.processes[index].poll() is None:
            self.kill(index)
        self.processes[index] = self._spawn(self.ports[index])

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes if p.poll() is None]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    continue
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def server_env(*, data_dir: Path, database_url: str | None = None, redis_url: str | None = None,
               settings: str = "quizgame.settings.base") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update({"DJANGO_SETTINGS_MODULE": settings, "QUIZGAME_DATA_DIR": str(data_dir), "DJANGO_DEBUG": "0",
                "PYTHONUNBUFFERED": "1"})
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def _admin_conninfo(url: str) -> tuple[str, str]:
    """The database named in `url`, and a connection string for the same server's `postgres` database."""
    import psycopg

    info = psycopg.conninfo.conninfo_to_dict(url)
    name = str(info.pop("dbname"))
    return name, psycopg.conninfo.make_conninfo("", **{**info, "dbname": "postgres"})


def ensure_postgres_database(url: str) -> None:
    """Create the database named in `url` if it does not exist yet."""
    import psycopg
    from psycopg import sql

    name, admin = _admin_conninfo(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def start(*, workers: int = 1, data_dir: Path, database_url: str | None = None, redis_url: str | None = None,
          prepare: bool = True, log_dir: Path | None = None, base_port: int | None = None) -> Servers:
    """Migrate, load the demo data, and start `workers` Daphne processes on free ports."""
    if workers > 1 and not (database_url and redis_url):
        raise ValueError("several processes need a shared database (DATABASE_URL) and Redis (REDIS_URL)")
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(data_dir=data_dir, database_url=database_url, redis_url=redis_url)
    if database_url and database_url.startswith("postgres"):
        ensure_postgres_database(database_url)
    if prepare:
        manage("migrate", "--noinput", env=env)
        manage("setup_demo", env=env)
    servers = Servers(env=env, log_dir=log_dir)
    try:
        for i in range(workers):
            servers.start_one(base_port + i if base_port else None)
    except Exception:
        servers.stop()
        raise
    return servers


def drop_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name, admin = _admin_conninfo(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def main() -> None:
    """`python -m quizgame.servers --workers 2`: run the scaled mode locally until interrupted."""
    import argparse

    parser = argparse.ArgumentParser(description="Start quizgame Daphne processes sharing PostgreSQL and Redis.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/quizgame")
    )
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--data-dir", default=str(ROOT / "var"))
    parser.add_argument("--base-port", type=int, default=8001, help="workers listen on this port and the next ones")
    args = parser.parse_args()
    running = start(workers=args.workers, data_dir=Path(args.data_dir), database_url=args.database_url,
                    redis_url=args.redis_url, log_dir=Path(args.data_dir), base_port=args.base_port)
    print("quizgame workers:", " ".join(running.urls), flush=True)
    print(manage("setup_demo", env=running.env).strip(), flush=True)
    print("Put a proxy in front of them (docs/DEPLOY.md) or open any one of them. Ctrl-C stops all.", flush=True)
    try:
        while all(p.poll() is None for p in running.processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        running.stop()


if __name__ == "__main__":
    main()
