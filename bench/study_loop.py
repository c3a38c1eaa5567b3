"""Many students studying at once against gunicorn, beside a bare Flask endpoint in the same run.

    .venv/bin/python bench/study_loop.py                     # SQLite in a temporary folder
    .venv/bin/python bench/study_loop.py --postgresql URL    # a scratch database on that server

Each simulated student logs in and opens the flashcards page, then loops as the
page's script does: rate the card, and receive the next one in the same answer.
Prints requests per second, p50/p99 latency and errors for the bare endpoint, the
answer endpoint, and a POST that does nothing but sign the student in (the stack's floor:
cookie, CSRF check, rate limit, user), and checks that every acknowledged answer is
stored exactly once.
Then times the due-card query on 200,000 card states and a
million review-log rows, with its query plan.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import (  # noqa: E402
    HEADER,
    ROOT,
    Client,
    Result,
    get,
    gunicorn,
    hammer,
    run_timed,
    scratch_environment,
)

PASSWORD = "bench-password-123"
# The token the rating buttons send (the rating form's own hidden field).
TOKEN = re.compile(r'data-study-rating>\s*<input id="token" name="token" type="hidden" value="([^"]+)"')
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class Student(Client):
    """One student's browser. Resending an answer is safe: the card's token makes it count once."""

    def __init__(self, port: int, email: str) -> None:
        super().__init__(port)
        self.email = email
        self.csrf_token = ""

    def log_in(self) -> None:
        _status, page = self.request("GET", "/auth/login")
        status, _ = self.request("POST", "/auth/login", {"email": self.email, "password": PASSWORD,
                                                          "csrf_token": CSRF.search(page).group(1)})
        if status != 302:
            raise RuntimeError(f"log-in failed for {self.email}: {status}")


def log_in_all(port: int, students: int) -> list[Student]:
    """Log everyone in before any timing starts: password hashing is slow on purpose."""
    clients = [Student(port, f"student{number}@bench.example") for number in range(students)]
    threads = [threading.Thread(target=client.log_in) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return clients


def study(clients: list[Student], answers_each: int, think_ms: int = 0) -> tuple[Result, int]:
    answers = Result("POST answer, next card back")
    acknowledged = [0]
    lock = threading.Lock()

    def run(client: Student) -> None:
        answer_ms, answer_errors, acked = [], 0, 0
        _status, card = client.request("GET", "/study/flashcards")
        csrf = client.csrf_token = CSRF.search(card).group(1)
        for index in range(answers_each):
            token = TOKEN.search(card)
            if token is None:
                break  # all caught up
            form = {"token": token.group(1), "rating": str(2 + index % 3), "mode": "flashcards", "csrf_token": csrf}
            started = time.perf_counter()
            status, body = client.request("POST", "/study/review", form, accept="application/json")
            answer_ms.append((time.perf_counter() - started) * 1000)
            if status == 200:
                acked += 1
                card = json.loads(body)["html"]
            else:
                answer_errors += 1
            if think_ms:
                time.sleep(think_ms / 1000)  # a student reads the next card before answering
        with lock:
            answers.latencies_ms.extend(answer_ms)
            answers.errors += answer_errors
            acknowledged[0] += acked

    run_timed(answers, [partial(run, client) for client in clients])
    return answers, acknowledged[0]


def do_nothing(clients: list[Student], requests_each: int) -> Result:
    """Each student sends POSTs that do nothing once signed in: the most an answer could reach."""
    result = Result("POST nothing, signed in (floor)")
    lock = threading.Lock()

    def run(client: Student) -> None:
        latencies, errors = [], 0
        for _ in range(requests_each):
            started = time.perf_counter()
            status, _body = client.request("POST", "/bench/nothing", {"csrf_token": client.csrf_token},
                                           accept="application/json")
            latencies.append((time.perf_counter() - started) * 1000)
            errors += status != 200
        with lock:
            result.latencies_ms.extend(latencies)
            result.errors += errors

    return run_timed(result, [partial(run, client) for client in clients])


SETUP = """
import json, sys
from studyapp import create_app
from studyapp.auth.accounts import create_user
from studyapp.banks.importer import import_bank
from studyapp.extensions import db
from studyapp.models import Role, Visibility
students, copies = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 3
app = create_app()
with app.app_context():
    bank = json.load(open("question_bank/us-colombia-relations.json"))
    for copy in range(copies):  # copies of the seed set, so that nobody runs out of cards
        teacher = create_user(db.session, email=f"teacher{copy}@bench.example", password="{password}",
                              display_name=f"Teacher {copy}", role=Role.TEACHER)
        import_bank(db.session, bank, owner=teacher, visibility=Visibility.PUBLIC, approve=True)
    for number in range(students):
        user = create_user(db.session, email=f"student{number}@bench.example", password="{password}",
                           display_name=f"Student {number}", role=Role.STUDENT)
        user.new_cards_per_day = 1000
    db.session.commit()
""".replace("{password}", PASSWORD)

COUNT_LOGS = """
from sqlalchemy import func, select
from studyapp import create_app
from studyapp.extensions import db
from studyapp.models import ReviewLog
app = create_app()
with app.app_context():
    print(db.session.scalar(select(func.count()).select_from(ReviewLog)))
"""


def python(code: str, env: dict[str, str], *args: str) -> str:
    completed = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env={**os.environ, **env},
                               capture_output=True, text=True, check=True)
    return completed.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", choices=("sync", "gevent"), default="sync",
                        help="gunicorn's worker class, for both endpoints: sync, as the README deploys the "
                             "app's pages (gevent serves the live quizzes' phones)")
    parser.add_argument("--students", type=int, default=16)
    parser.add_argument("--answers", type=int, default=60, help="answers per student")
    parser.add_argument("--think-ms", type=int, default=0,
                        help="pause after each answer, as a real student would (0: answer as fast as possible)")
    parser.add_argument("--skip-query", action="store_true", help="skip the 200,000-card query timing")
    arguments = parser.parse_args()

    with scratch_environment(arguments.postgresql) as env:
        python(SETUP, env, str(arguments.students))
        database = "PostgreSQL" if arguments.postgresql else "SQLite"
        print(f"{database}, gunicorn --workers {arguments.workers} --worker-class {arguments.worker_class}, "
              f"{arguments.students} students, "
              f"up to {arguments.answers} answers each, {arguments.think_ms} ms between answers")
        print(HEADER)
        with gunicorn("bench.bare_app:app", workers=arguments.workers, env=env,
                      worker_class=arguments.worker_class) as port:
            hammer("warm-up", port, get("/ping"), concurrency=4, total=200)
            bare = hammer("bare Flask GET /ping", port, get("/ping"),
                          concurrency=arguments.students, total=arguments.students * arguments.answers)
        print(bare.row())
        # The app itself, with one more route for the floor (bench/floor_app.py).
        with gunicorn("bench.floor_app:app", workers=arguments.workers, env=env,
                      worker_class=arguments.worker_class) as port:
            clients = log_in_all(port, arguments.students)
            # A short unmeasured round first, so each worker has compiled its templates and queries.
            _answers, warm_acknowledged = study(clients, 3)
            answers, acknowledged = study(clients, arguments.answers, arguments.think_ms)
            acknowledged += warm_acknowledged
            floor = do_nothing(clients, arguments.answers)
        print(f"{answers.row()}   {answers.per_second / bare.per_second:.0%} of bare")
        print(f"{floor.row()}   {floor.per_second / bare.per_second:.0%} of bare")
        stored = int(python(COUNT_LOGS, env))
        print(f"answers acknowledged {acknowledged}, stored {stored}, lost {max(0, acknowledged - stored)}, "
              f"doubled {max(0, stored - acknowledged)}")
        if not arguments.skip_query:
            subprocess.run([sys.executable, "bench/due_query.py"], cwd=ROOT, env={**os.environ, **env}, check=True)

if __name__ == "__main__":
    main()
