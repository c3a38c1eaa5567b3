"""A small closed-loop HTTP load generator and a gunicorn launcher, shared by the bench scripts."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    port: int
    master_pid: int
    log: Any  # the app's and gunicorn's log, a temporary file

    def log_text(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def worker_pids(self) -> list[int]:
        """The gunicorn workers now running under the master."""
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue  # gone meanwhile
                # The parent id is the second field after the command name in parentheses.
                if int(stat.rsplit(")", 1)[1].split()[1]) == self.master_pid:
                    children.append(int(entry.name))
        return sorted(children)


@contextmanager
def gunicorn(app_spec: str, *, workers: int, env: dict[str, str], worker_class: str = "sync",
             threads: int = 1) -> Iterator[int]:
    """Serve ``app_spec`` with gunicorn on a free port until the block ends; gives the port."""
    with gunicorn_server(app_spec, workers=workers, env=env, worker_class=worker_class, threads=threads) as server:
        yield server.port


@contextmanager
def gunicorn_server(app_spec: str, *, workers: int, env: dict[str, str], worker_class: str = "sync",
                    threads: int = 1) -> Iterator[Server]:
    """Serve ``app_spec`` with gunicorn on a free port until the block ends.

    ``worker_class`` is gunicorn's: ``sync``, ``gthread`` (with ``threads`` each) or ``gevent``.

    The app's request log goes to a file, as it would in production, rather than
    to this terminal; it is printed if gunicorn fails to start.
    """
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning",
         "--worker-class", worker_class, *(["--threads", str(threads)] if worker_class == "gthread" else []),
         *(["--worker-connections", "2000"] if worker_class == "gevent" else []), app_spec],
        cwd=ROOT,
        env={**os.environ, **env},
        stderr=log,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    sys.stderr.write(log.read().decode(errors="replace")[-4000:])
                    raise RuntimeError(f"gunicorn did not start for {app_spec}") from None
                time.sleep(0.1)
        yield Server(port, process.pid, log)
    finally:
        process.terminate()
        process.wait(timeout=15)
        log.close()


class Client:
    """A browser-like client on one thread: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                accept: str = "text/html") -> tuple[int, str]:
        headers = {"Accept": accept}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: a browser sends again on a new one.
                self.connection.close()
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def close(self) -> None:
        self.connection.close()


@dataclass
class Result:
    name: str
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def row(self) -> str:
        return (f"{self.name:<34} {self.per_second:>9.0f} {self.percentile(0.5):>9.2f} "
                f"{self.percentile(0.99):>9.2f} {self.errors:>7}")


HEADER = f"{'endpoint':<34} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}"

# One request: given a keep-alive connection, do the request and say whether it went well.
Request = Callable[[http.client.HTTPConnection], bool]


def get(path: str) -> Request:
    def request(connection: http.client.HTTPConnection) -> bool:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status == 200

    return request


def hammer(name: str, port: int, request: Request, *, concurrency: int, total: int) -> Result:
    """``concurrency`` clients send ``total`` requests between them, each waiting for its answer."""
    result = Result(name)
    lock = threading.Lock()
    remaining = [total]

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        latencies: list[float] = []
        errors = 0
        while True:
            with lock:
                if remaining[0] == 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                ok = request(connection)
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += not ok
        connection.close()
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors += errors

    return run_timed(result, [client] * concurrency)


def run_timed(result: Result, clients: list[Callable[[], None]]) -> Result:
    """Run each client on its own thread; ``result`` gets the wall time and counts the latencies."""
    threads = [threading.Thread(target=client) for client in clients]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.requests = len(result.latencies_ms)
    return result


@contextmanager
def scratch_environment(postgresql_url: str | None) -> Iterator[dict[str, str]]:
    """Environment variables for an app on a throwaway, migrated database, removed afterwards.

    SQLite in a temporary folder by default; with ``postgresql_url``, a new database on that server.
    """
    with tempfile.TemporaryDirectory() as folder:
        drop: Callable[[], None] | None = None
        if postgresql_url:
            database_url, drop = _scratch_postgres(postgresql_url)
        else:
            database_url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env = {"STUDYAPP_CONFIG": "development", "STUDYAPP_INSTANCE_PATH": folder, "DATABASE_URL": database_url,
               "SECRET_KEY": "bench-" + "x" * 40}
        try:
            subprocess.run([sys.executable, "-m", "flask", "--app", "studyapp", "db", "upgrade"], cwd=ROOT,
                           env={**os.environ, **env}, check=True, capture_output=True)
            yield env
        finally:
            if drop:
                drop()


def _scratch_postgres(url: str) -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, make_url, text
    from sqlalchemy.pool import NullPool

    from studyapp.config import normalise_database_url

    base = make_url(normalise_database_url(url))
    name = f"studyapp_bench_{uuid.uuid4().hex[:8]}"
    # No pool: a bench may restart the server, and a pooled connection would not survive it.
    admin = create_engine(base, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop
