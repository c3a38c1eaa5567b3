"""Hundreds of simulated phones in one live quiz against gunicorn.

    .venv/bin/python bench/live_session.py --players 300                       # SQLite
    .venv/bin/python bench/live_session.py --players 1000 --postgresql URL    # PostgreSQL

Each player does what the player page's script does: joins with the PIN and a nickname,
loads the player page, then asks for the state "after revision R", which the server holds
open until the game moves on. As the README deploys the app, gevent workers hold those
requests and sync workers serve the rest, answers included; with one gunicorn of sync
workers (--worker-class sync) the state is answered at once and the phone asks again every
--poll-ms. From the reveal on, the state brings the player's own verdict and score. It
answers each question at a random moment within --reading-ms (5 s) of seeing it;
the page sends one request per answer however often it is tapped (--taps 2 sends two). A
host moves the game on. All the phones run on one asyncio loop, so that the load generator
costs little beside the server on the same cores. Prints players, answers sent,
acknowledged and stored, lost or doubled answers, answer latency p50/p99, how long after
the host's move each player had the new phase (p50/p95), and the time spent inside the app
per kind of request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.loadgen import ROOT, gunicorn_server, scratch_environment  # noqa: E402

CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
PASSWORD = "bench-password-123"
# The requests the README's nginx sends to the gevent workers: a phone's wait for the next phase.
LONG_POLL = re.compile(r"^/live/play/\d+/state(\?|$)")

SETUP = """
import json, sys
from datetime import datetime, timezone
from studyapp import create_app
from studyapp.auth.accounts import create_user
from studyapp.banks.importer import import_bank
from studyapp.extensions import db
from studyapp.live.service import create_live_session, playable_questions
from studyapp.models import Role
app = create_app()
with app.app_context():
    teacher = create_user(db.session, email="host@bench.example", password="{password}", display_name="Host",
                          role=Role.TEACHER)
    question_set = import_bank(db.session, json.load(open("question_bank/us-colombia-relations.json")),
                               owner=teacher, approve=True).question_set
    questions = playable_questions(question_set)[:int(sys.argv[1])]
    live = create_live_session(db.session, teacher, question_set, [q.id for q in questions], 30,
                               datetime.now(timezone.utc))
    db.session.commit()
    print(json.dumps({"id": live.id, "pin": live.pin, "choices": [q.choices for q in questions]}))
""".replace("{password}", PASSWORD)

COUNT = """
import sys
from sqlalchemy import func, select
from studyapp import create_app
from studyapp.extensions import db
from studyapp.models import LiveAnswer, LiveParticipant
app = create_app()
with app.app_context():
    print(db.session.scalar(select(func.count()).select_from(LiveAnswer)),
          db.session.scalar(select(func.count()).select_from(LiveParticipant)))
"""


class Browser:
    """One phone: a keep-alive HTTP/1.1 connection and a cookie jar, on asyncio.

    A thousand phones share one thread and one event loop, so that the load generator's
    own cost stays small beside the server's on the same cores.
    """

    def __init__(self, port: int, long_poll_port: int | None = None) -> None:
        """``long_poll_port``: where the state requests go (the README's nginx sends them to gevent
        workers, and the rest to sync workers); by default everything goes to ``port``."""
        self.port, self.long_poll_port = port, long_poll_port or port
        self.cookies: dict[str, str] = {}  # a browser sends them to any port of the host
        self._connections: dict[int, tuple[asyncio.StreamReader, asyncio.StreamWriter]] = {}

    async def request(self, method: str, path: str, form: dict[str, str] | None = None,
                      accept: str = "text/html") -> tuple[int, str]:
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Accept: {accept}"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{name}={value}" for name, value in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        message = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        port = self.long_poll_port if LONG_POLL.match(path) else self.port
        for attempt in range(3):
            try:
                if port not in self._connections:
                    self._connections[port] = await asyncio.open_connection("127.0.0.1", port)
                reader, writer = self._connections[port]
                writer.write(message)
                await writer.drain()
                status, headers, text = await self._response(reader)
                break
            except (OSError, asyncio.IncompleteReadError, ValueError):
                self._close(port)  # a worker restarted, say: connect again and resend, as a browser does
                if attempt == 2:
                    raise
        for name, value in headers:
            if name == "set-cookie":
                cookie, _, rest = value.partition("=")
                self.cookies[cookie] = rest.split(";", 1)[0]
            elif name == "connection" and value.lower() == "close":
                self._close(port)
        return status, text

    @staticmethod
    async def _response(reader: asyncio.StreamReader) -> tuple[int, list[tuple[str, str]], str]:
        status_line = await reader.readline()
        if not status_line:
            raise ValueError("connection closed")
        headers = []
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        length = next((int(value) for name, value in headers if name == "content-length"), None)
        body = await reader.readexactly(length) if length is not None else await reader.read()
        return int(status_line.split()[1]), headers, body.decode()

    def _close(self, port: int) -> None:
        if (connection := self._connections.pop(port, None)) is not None:
            connection[1].close()

    def close(self) -> None:
        for port in list(self._connections):
            self._close(port)


def _server_times(log: str) -> dict[str, list[float]]:
    """Time spent inside the app per kind of request, from its JSON request log."""
    times: dict[str, list[float]] = {"answer": [], "state": [], "own score": []}
    for line in log.splitlines():
        if line.startswith('{"event": "request"'):
            entry = json.loads(line)
            kind = ("answer" if entry["path"].endswith("/answer") else "state" if entry["path"].endswith("/state")
                    else "own score" if entry["path"].endswith("/me") else None)
            if kind and entry["ms"] is not None:
                times[kind].append(entry["ms"])
    return times


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--postgresql", metavar="URL")
    parser.add_argument("--players", type=int, default=300)
    parser.add_argument("--questions", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="workers per gunicorn")
    parser.add_argument("--worker-class", choices=("split", "sync", "gthread", "gevent"), default="split",
                        help="split (the README's): gevent workers hold each phone's wait for the next phase, "
                             "sync workers serve the rest, answers included; or one gunicorn of one kind: "
                             "gevent, or sync, which answers a state request at once and the phone asks again "
                             "every --poll-ms")
    parser.add_argument("--threads", type=int, default=300, help="threads per gthread worker")
    parser.add_argument("--poll-ms", type=int, default=1000)
    parser.add_argument("--taps", type=int, default=1,
                        help="requests per answer: the page sends one however often it is tapped; "
                             "2 models a page without scripts, tapped twice")
    parser.add_argument("--reading-ms", type=int, default=5000,
                        help="each phone answers at a random moment this long into the question, as people "
                             "read and think first (the bench's questions last 30 s); 0: everyone answers the "
                             "moment the question appears, the worst case")
    arguments = parser.parse_args()

    with scratch_environment(arguments.postgresql) as env:
        run = subprocess.run([sys.executable, "-c", SETUP, str(arguments.questions)], cwd=ROOT,
                             env={**os.environ, **env}, capture_output=True, text=True, check=True)
        game = json.loads(run.stdout.strip().splitlines()[-1])
        split = arguments.worker_class == "split"
        with ExitStack() as servers:
            pages = servers.enter_context(gunicorn_server(
                "studyapp:create_app()", workers=arguments.workers, env=env,
                worker_class="sync" if split else arguments.worker_class, threads=arguments.threads))
            long_polls = servers.enter_context(gunicorn_server(
                "studyapp:create_app()", workers=arguments.workers, env=env, worker_class="gevent")) if split else pages
            result = play(pages.port, game, arguments, long_poll_port=long_polls.port)
            log = pages.log_text() + (long_polls.log_text() if split else "")
            server_ms = _server_times(log)
            if os.environ.get("LIVE_BENCH_LOG"):
                Path(os.environ["LIVE_BENCH_LOG"]).write_text(log)
        stored, joined = (int(value) for value in subprocess.run(
            [sys.executable, "-c", COUNT], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True,
            check=True).stdout.split())
    database = "PostgreSQL" if arguments.postgresql else "SQLite"
    acknowledged = result["acknowledged"]
    workers = f"--workers {arguments.workers} --worker-class {arguments.worker_class}" + (
        f" --threads {arguments.threads}" if arguments.worker_class == "gthread" else "")
    if split:
        workers = (f"--workers {arguments.workers} (sync) for pages and answers, "
                   f"--workers {arguments.workers} --worker-class gevent for the state")
    print(f"{database}, gunicorn {workers}, {arguments.players} players, "
          f"{arguments.questions} questions, polling every {arguments.poll_ms} ms, "
          + (f"answering within {arguments.reading_ms} ms" if arguments.reading_ms else "answering at once"))
    print(f"players joined {joined} (join errors {result['join_errors']}), reached the podium "
          f"{result['finished_players']}, stopped by an error {dict(result['player_failures'])}")
    print(f"answers sent {result['sent']} ({arguments.taps} per answer), acknowledged {acknowledged}, stored {stored}, "
          f"lost {max(0, acknowledged - stored)}, doubled {max(0, stored - acknowledged)}, "
          f"taps refused {result['refused']} {dict(result['refusals'])}")
    answers, seen = result["answer_ms"], result["seen_ms"]
    print(f"answer request p50 {percentile(answers, 0.5):.0f} ms, p99 {percentile(answers, 0.99):.0f} ms")
    print(f"phase change on the players' screens p50 {percentile(seen, 0.5):.0f} ms, "
          f"p95 {percentile(seen, 0.95):.0f} ms ({len(seen)} sightings)")
    if os.environ.get("LIVE_BENCH_PHASES"):
        for revision, times in sorted(result["seen_by_revision"].items()):
            print(f"  revision {revision}: seen by {len(times)}, p50 {percentile(times, 0.5):.0f} ms, "
                  f"p95 {percentile(times, 0.95):.0f} ms, last {max(times):.0f} ms")
    for name, times in server_ms.items():
        print(f"  in the app: {name} p50 {percentile(times, 0.5):.1f} ms, p99 {percentile(times, 0.99):.1f} ms "
              f"({len(times)} requests)")
    print(f"own-score requests {result['page_loads']}, errors {result['page_errors']}")
    print(f"state requests {result['polls']} ({result['polls'] / result['seconds']:.0f}/s), "
          f"errors {result['poll_errors']}")


def play(port: int, game: dict, arguments: argparse.Namespace,
         on_question: Callable[[int], None] | None = None, long_poll_port: int | None = None) -> dict:
    """Play the game to the end; ``on_question(index)`` is called (in a thread) as each question starts.

    The phones' state requests go to ``long_poll_port`` if given, everything else to ``port``.
    """
    return asyncio.run(_play(port, game, arguments, on_question, long_poll_port))


async def _play(port: int, game: dict, arguments: argparse.Namespace,
                on_question: Callable[[int], None] | None, long_poll_port: int | None) -> dict:
    live_id, pin, choices = game["id"], game["pin"], game["choices"]
    changed_at: dict[int, float] = {}  # revision → when the host asked for it
    result = {"acknowledged": 0, "sent": 0, "refused": 0, "answer_ms": [], "seen_ms": [], "polls": 0,
              "poll_errors": 0, "join_errors": 0, "finished_players": 0, "page_loads": 0, "page_errors": 0,
              "refusals": Counter(), "seen_by_revision": {}}
    finished = asyncio.Event()
    joined = asyncio.Barrier(arguments.players + 1)
    # The host starts once every phone shows the lobby, as a teacher waits for the class.
    in_lobby = asyncio.Barrier(arguments.players + 1)
    reading_ms = getattr(arguments, "reading_ms", 0)

    async def player(number: int) -> None:
        browser = Browser(port, long_poll_port)
        try:
            _status, page = await browser.request("GET", f"/live/join?pin={pin}")
            status, _ = await browser.request("POST", "/live/join", {
                "pin": pin, "nickname": f"player{number}", "csrf_token": CSRF.search(page).group(1)})
            if status != 302:
                raise RuntimeError(status)
            token = CSRF.search(page).group(1)
        except Exception:  # counted; the others play on
            result["join_errors"] += 1
            await joined.wait()
            await in_lobby.wait()
            return
        await joined.wait()
        try:
            _status, page = await browser.request("GET", f"/live/play/{live_id}")  # where joining leads
        finally:
            await in_lobby.wait()
        revision = int(re.search(r'data-revision="(\d+)"', page).group(1))
        answered: set[int] = set()
        have_score = False
        while not finished.is_set():
            asked = time.perf_counter()
            try:
                status, body = await browser.request("GET", f"/live/play/{live_id}/state?after={revision}",
                                                     accept="application/json")
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status, body = 0, ""
            result["polls"] += 1
            if status != 200:
                result["poll_errors"] += 1
                await asyncio.sleep(arguments.poll_ms / 1000)
                continue
            state = json.loads(body)
            if state["revision"] != revision:
                if state["revision"] in changed_at:
                    seen_ms = (time.perf_counter() - changed_at[state["revision"]]) * 1000
                    result["seen_ms"].append(seen_ms)
                    result["seen_by_revision"].setdefault(state["revision"], []).append(seen_ms)
                if "me" in state:
                    have_score = True  # the verdict came with the state, as it does from the reveal on
                elif state["phase"] == "reveal" or (state["phase"] in ("leaderboard", "finished") and not have_score):
                    me_status, _me = await browser.request("GET", f"/live/play/{live_id}/me",
                                                           accept="application/json")
                    result["page_loads"] += 1
                    result["page_errors"] += me_status != 200
                    have_score = True
                elif state["phase"] == "question":
                    have_score = False
                revision = state["revision"]
            if state["phase"] == "finished":
                result["finished_players"] += 1
                break
            if state["phase"] == "question" and state["index"] not in answered:
                index = state["index"]
                if reading_ms:
                    await asyncio.sleep(random.uniform(0, reading_ms) / 1000)
                choice = random.choice(state["question"]["choices"])
                acknowledged_now = False  # either tap acknowledged counts as the answer acknowledged
                for _tap in range(arguments.taps):
                    started = time.perf_counter()
                    status, body = await browser.request(
                        "POST", f"/live/play/{live_id}/answer",
                        {"index": str(index), "choice": choice, "csrf_token": token}, accept="application/json")
                    result["answer_ms"].append((time.perf_counter() - started) * 1000)
                    result["sent"] += 1
                    if status != 200:
                        result["refused"] += 1
                        message = json.loads(body).get("message", "") if body.startswith("{") else ""
                        result["refusals"][f"{status} {message}".strip()] += 1
                    acknowledged_now = status == 200 or acknowledged_now
                result["acknowledged"] += acknowledged_now
                answered.add(index)
            elif time.perf_counter() - asked < 0.5:
                # The server answered at once (it cannot hold requests open): ask again a beat later.
                await asyncio.sleep(arguments.poll_ms / 1000 * random.uniform(0.9, 1.1))
        browser.close()

    started = time.perf_counter()
    players = []
    for number in range(arguments.players):
        players.append(asyncio.create_task(player(number)))
        await asyncio.sleep(0.002)
    await joined.wait()

    host = Browser(port)
    _status, page = await host.request("GET", "/auth/login")
    await host.request("POST", "/auth/login", {"email": "host@bench.example", "password": PASSWORD,
                                               "csrf_token": CSRF.search(page).group(1)})
    await in_lobby.wait()
    await asyncio.sleep(1)  # every phone is now waiting for the game to start

    async def move() -> None:
        _status, page = await host.request("GET", f"/live/host/{live_id}")
        state = json.loads((await host.request("GET", f"/live/host/{live_id}/state", accept="application/json"))[1])
        changed_at[state["revision"] + 1] = time.perf_counter()
        await host.request("POST", f"/live/host/{live_id}/move",
                           {"move": "next", "csrf_token": CSRF.search(page).group(1)})

    for index, _question in enumerate(choices):
        await move()  # the question
        if on_question:
            await asyncio.to_thread(on_question, index)
        deadline = time.perf_counter() + 25
        while time.perf_counter() < deadline:
            state = json.loads((await host.request("GET", f"/live/host/{live_id}/state",
                                                   accept="application/json"))[1])
            if state.get("answers", 0) >= arguments.players - result["join_errors"]:
                break
            await asyncio.sleep(0.5)
        await move()  # the reveal
        await asyncio.sleep(2)
        await move()  # the leaderboard
        await asyncio.sleep(2)
    await move()  # finished
    await asyncio.sleep(3)
    finished.set()
    await asyncio.wait(players, timeout=30)
    failures = [task.exception() for task in players if task.done() and task.exception() is not None]
    result["player_failures"] = Counter(f"{type(error).__name__}: {error}"[:120] for error in failures)
    host.close()
    result["seconds"] = time.perf_counter() - started
    return result


if __name__ == "__main__":
    main()
