"""Faults under load: a worker killed, the database restarted. Does any acknowledged answer go missing?

    .venv/bin/python bench/faults.py --postgresql URL                 # all three scenarios
    .venv/bin/python bench/faults.py --postgresql URL --skip-restart  # without restarting PostgreSQL
    .venv/bin/python bench/faults.py                                  # SQLite: the worker kills only

1. Students study (one JSON answer per card, as the study page sends them) against
   gunicorn with four workers; a worker is killed with SIGKILL twice mid-load.
2. The same while PostgreSQL is restarted (needs root, or --restart-command).
3. A live quiz with many players, deployed as the README does (sync workers for the
   pages and answers, gevent workers holding the phones' waits); one worker of each
   kind is killed as each question starts.

Clients behave like the study page's script: a request that fails (connection lost,
or 503 "try again") is sent again with the same card token. Afterwards every answer
the server acknowledged is looked for in the database by its token. Printed per
scenario: answers acknowledged, stored, lost (acknowledged but not stored) and
doubled (more than one review for one showing of a card), the replies by status,
and for the restart how long the app took to recover by itself.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.live_session import COUNT as COUNT_LIVE  # noqa: E402
from bench.live_session import SETUP as SETUP_LIVE  # noqa: E402
from bench.live_session import play  # noqa: E402
from bench.loadgen import ROOT, Server, gunicorn_server, scratch_environment  # noqa: E402
from bench.study_loop import CSRF, PASSWORD, SETUP, TOKEN, python  # noqa: E402

STORED = """
import json
from sqlalchemy import func, select
from studyapp import create_app
from studyapp.extensions import db
from studyapp.models import CardState, ReviewLog
app = create_app()
with app.app_context():
    tokens = db.session.scalars(select(ReviewLog.request_token)).all()
    reps = db.session.scalar(select(func.coalesce(func.sum(CardState.reps), 0)))
    print(json.dumps({"tokens": tokens, "reps": reps}))
"""


class Student:
    """A study page's script: sends each rating until the server acknowledges it."""

    def __init__(self, port: int, number: int) -> None:
        self.port, self.email = port, f"student{number}@bench.example"
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookie = ""
        self.acknowledged: list[str] = []
        self.replies: Counter[str] = Counter()
        self.failed_at: list[float] = []  # when a request got no answer or a 503
        self.acknowledged_at: list[float] = []

    def request(self, method: str, path: str, form: dict[str, str] | None = None,
                accept: str = "text/html") -> tuple[int, str]:
        headers = {"Accept": accept, **({"Cookie": self.cookie} if self.cookie else {})}
        body = None
        if form is not None:
            body, headers["Content-Type"] = urlencode(form), "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            return 0, ""  # the connection broke: its worker died, or the server is restarting
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text

    def until_answered(self, method: str, path: str, form: dict[str, str] | None = None,
                       accept: str = "text/html") -> tuple[int, str]:
        """Send again, with the same form, while the connection breaks or the answer is 503."""
        for _attempt in range(120):
            status, text = self.request(method, path, form, accept)
            self.replies["connection lost" if status == 0 else str(status)] += 1
            if status == 503 and "try again" not in text.lower():
                self.replies["503 without a try-again message"] += 1
            if status not in (0, 503):
                return status, text
            self.failed_at.append(time.perf_counter())
            time.sleep(0.25)
        raise RuntimeError(f"{path} never answered")

    def log_in(self) -> None:
        _status, page = self.until_answered("GET", "/auth/login")
        status, _ = self.until_answered("POST", "/auth/login", {
            "email": self.email, "password": PASSWORD, "csrf_token": CSRF.search(page).group(1)})
        if status != 302:
            raise RuntimeError(f"log-in failed for {self.email}: {status}")

    def study(self, stop: threading.Event) -> None:
        _status, card = self.until_answered("GET", "/study/flashcards")
        csrf = CSRF.search(card).group(1)
        rating = 2
        while not stop.is_set():
            token = TOKEN.search(card)
            if token is None:
                return  # all caught up
            rating = 2 + (rating - 1) % 3
            status, body = self.until_answered("POST", "/study/review", {
                "token": token.group(1), "rating": str(rating), "mode": "flashcards", "csrf_token": csrf},
                accept="application/json")
            if status != 200:
                continue  # counted in replies; the same card is tried again
            self.acknowledged.append(token.group(1))
            self.acknowledged_at.append(time.perf_counter())
            card = json.loads(body)["html"]


def kill_a_worker(server: Server) -> int:
    victim = server.worker_pids()[0]
    os.kill(victim, signal.SIGKILL)
    return victim


def study_under_fault(env: dict[str, str], students: int, seconds: float, fault, label: str) -> None:
    with gunicorn_server("studyapp:create_app()", workers=4, env=env) as server:
        clients = [Student(server.port, number) for number in range(students)]
        for client in clients:
            client.log_in()
        stop = threading.Event()
        threads = [threading.Thread(target=client.study, args=(stop,)) for client in clients]
        for thread in threads:
            thread.start()
        notes = fault(server, seconds, clients)
        stop.set()
        for thread in threads:
            thread.join()
        server_errors = [line for line in server.log_text().splitlines()
                         if '"status": 500' in line or line.startswith(("sqlalchemy.", "psycopg."))]
    stored = json.loads(python(STORED, env))
    stored_tokens = Counter(stored["tokens"])
    acknowledged = {hashlib.sha256(token.encode()).hexdigest() for client in clients for token in client.acknowledged}
    lost = len(acknowledged - set(stored_tokens))
    doubled = sum(count - 1 for count in stored_tokens.values() if count > 1)
    replies = sum((client.replies for client in clients), Counter())
    print(f"\n{label}")
    for note in notes:
        print(f"  {note}")
    print(f"  answers acknowledged {len(acknowledged)}, stored {sum(stored_tokens.values())}, lost {lost}, "
          f"doubled {doubled}; card states count {stored['reps']} reviews "
          f"({'agrees' if stored['reps'] == sum(stored_tokens.values()) else 'DISAGREES'} with the log)")
    print(f"  replies: {dict(sorted(replies.items()))}")
    for line in server_errors[:10]:
        print(f"  server error: {line[:300]}")


def worker_kills(server: Server, seconds: float, _clients) -> list[str]:
    notes = []
    for _kill in range(2):
        time.sleep(seconds / 3)
        notes.append(f"SIGKILL worker {kill_a_worker(server)} at {time.strftime('%H:%M:%S')}")
    time.sleep(seconds / 3)
    return notes


def database_restart(command: list[str]):
    def fault(server: Server, seconds: float, clients: list[Student]) -> list[str]:
        time.sleep(seconds / 3)
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        restarted = time.perf_counter()
        time.sleep(seconds / 3)
        failures = sorted(moment for client in clients for moment in client.failed_at)
        notes = [f"restart command took {restarted - started:.1f} s ({shlex.join(command)})"]
        if failures:
            # Recovered by itself: the pool's pre-ping replaces the dead connections.
            recovered = min(moment for client in clients for moment in client.acknowledged_at if moment > failures[-1])
            notes.append(f"requests refused (503 or no answer) from {failures[0] - started:.2f} s to "
                         f"{failures[-1] - started:.2f} s after the restart began; answers acknowledged again "
                         f"{1000 * (recovered - failures[-1]):.0f} ms after the last refusal")
        return notes
    return fault


def live_with_worker_kills(env: dict[str, str], players: int) -> None:
    run = subprocess.run([sys.executable, "-c", SETUP_LIVE, "4"], cwd=ROOT, env={**os.environ, **env},
                         capture_output=True, text=True, check=True)
    game = json.loads(run.stdout.strip().splitlines()[-1])
    notes = []
    # Deployed as the README does: each killed gevent worker drops the waits of a quarter of
    # the phones, each killed sync worker the answer or page it was serving.
    with gunicorn_server("studyapp:create_app()", workers=4, env=env) as pages, \
            gunicorn_server("studyapp:create_app()", workers=4, env=env, worker_class="gevent") as waits:
        def on_question(index: int) -> None:
            time.sleep(0.3)  # the answers are arriving
            notes.append(f"question {index + 1}: SIGKILL sync worker {kill_a_worker(pages)}, "
                         f"gevent worker {kill_a_worker(waits)}")

        options = argparse.Namespace(players=players, poll_ms=1000, taps=2, reading_ms=0)
        result = play(pages.port, game, options, on_question=on_question, long_poll_port=waits.port)
    stored, joined = (int(value) for value in python(COUNT_LIVE, env).split())
    print(f"\nlive quiz, {players} players, 4 questions, 4 sync workers for pages and answers and 4 gevent "
          "workers for the waits, one of each killed at each question")
    for note in notes:
        print(f"  {note}")
    print(f"  players joined {joined}, reached the podium {result['finished_players']}")
    print(f"  answers acknowledged {result['acknowledged']}, stored {stored}, "
          f"lost {max(0, result['acknowledged'] - stored)}, doubled {max(0, stored - result['acknowledged'])}; "
          f"state polls failed {result['poll_errors']} of {result['polls']}")


# Enough cards that no student is all caught up before the faults are over.
SEED_SET_COPIES = 10


def default_restart_command() -> list[str]:
    versions = sorted(Path("/etc/postgresql").glob("*")) if Path("/etc/postgresql").exists() else []
    version = versions[-1].name if versions else "15"
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL")
    parser.add_argument("--students", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=15, help="length of each study scenario")
    parser.add_argument("--players", type=int, default=200, help="players in the live scenario")
    parser.add_argument("--skip-restart", action="store_true", help="do not restart PostgreSQL")
    parser.add_argument("--restart-command", help="how to restart PostgreSQL (default: pg_ctlcluster ... restart)")
    arguments = parser.parse_args()
    database = "PostgreSQL" if arguments.postgresql else "SQLite"
    print(f"{database}: {arguments.students} students for {arguments.seconds:.0f} s per study scenario")

    with scratch_environment(arguments.postgresql) as env:
        python(SETUP, env, str(arguments.students), str(SEED_SET_COPIES))
        study_under_fault(env, arguments.students, arguments.seconds, worker_kills,
                          "study loop, gunicorn --workers 4, two workers killed with SIGKILL")
    if arguments.postgresql and not arguments.skip_restart:
        command = shlex.split(arguments.restart_command) if arguments.restart_command else default_restart_command()
        with scratch_environment(arguments.postgresql) as env:
            python(SETUP, env, str(arguments.students), str(SEED_SET_COPIES))
            study_under_fault(env, arguments.students, arguments.seconds, database_restart(command),
                              "study loop while PostgreSQL restarts")
    with scratch_environment(arguments.postgresql) as env:
        live_with_worker_kills(env, arguments.players)


if __name__ == "__main__":
    main()
