"""A live game on gunicorn's gevent workers, as the README deploys the phones' requests.

The phones' state requests are held open by the server; a host's move must reach every
held request at once, whichever worker holds it, and the verdict must come with the reveal.
"""

from __future__ import annotations

import json
import re
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bench.loadgen import Client, gunicorn_server
from studyapp.banks.importer import import_bank
from studyapp.live.service import create_live_session, host_move, playable_questions
from studyapp.models import Role
from tests.conftest import csrf_token_from

ROOT = Path(__file__).resolve().parents[2]
SEED_BANK = ROOT / "question_bank" / "us-colombia-relations.json"
PLAYERS = 6


@pytest.fixture
def gevent_server(database_url: str, tmp_path: Path):
    env = {"STUDYAPP_CONFIG": "development", "SECRET_KEY": "gevent-test-" + "k" * 40, "RATELIMIT_ENABLED": "false",
           "DATABASE_URL": database_url, "STUDYAPP_INSTANCE_PATH": str(tmp_path / "server")}
    with gunicorn_server("studyapp:create_app()", workers=2, env=env, worker_class="gevent") as server:
        yield server.port


def test_a_move_reaches_every_held_phone_at_once_and_the_verdict_comes_with_the_reveal(
        db, make_user, gevent_server) -> None:
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    question = playable_questions(question_set)[0]
    live = create_live_session(db.session, teacher, question_set, [question.id], 30, datetime.now(timezone.utc))
    db.session.flush()
    live_id, pin, revision, right = live.id, live.pin, live.revision, question.answer
    db.session.commit()  # and no transaction of this test's holds SQLite's write lock while phones write
    phones: list[tuple[Client, str]] = []
    try:
        _play(live, live_id, pin, revision, right, phones, gevent_server, db)
    finally:
        for phone, _token in phones:
            phone.close()


def _play(live, live_id, pin, revision, right, phones, port, db) -> None:
    for number in range(PLAYERS):
        phone = Client(port)
        page = phone.request("GET", "/live/join")[1]
        status, _ = phone.request("POST", "/live/join", {"pin": pin, "nickname": f"phone{number}",
                                                         "csrf_token": csrf_token_from(page)})
        assert status == 302
        phones.append((phone, csrf_token_from(page)))

    def wait_for_move(phone: Client, after: int, seen: list) -> None:
        status, body = phone.request("GET", f"/live/play/{live_id}/state?after={after}", accept="application/json")
        seen.append((status, json.loads(body), time.monotonic()))

    def all_phones_wait(after: int, move: str) -> list:
        seen: list = []
        waiting = [threading.Thread(target=wait_for_move, args=(phone, after, seen)) for phone, _token in phones]
        for thread in waiting:
            thread.start()
        time.sleep(1.5)  # every phone's request is now held by one of the two workers
        assert seen == []
        host_move(db.session, live, move, datetime.now(timezone.utc))
        db.session.commit()
        moved_at = time.monotonic()
        for thread in waiting:
            thread.join(timeout=10)
        assert [status for status, _state, _when in seen] == [200] * PLAYERS
        # Each worker's watcher reads the revisions ten times a second.
        assert max(when for _status, _state, when in seen) - moved_at < 1.0
        return [state for _status, state, _when in seen]

    states = all_phones_wait(revision, "next")
    assert {state["phase"] for state in states} == {"question"}
    assert all("answer" not in state["question"] and "me" not in state for state in states)

    revision = states[0]["revision"]
    for phone, token in phones[:2]:  # two answer right
        status, body = phone.request("POST", f"/live/play/{live_id}/answer",
                                     {"index": "0", "choice": right, "csrf_token": token}, accept="application/json")
        assert status == 200 and json.loads(body) == {"recorded": True}

    db.session.expire_all()
    states = all_phones_wait(revision, "next")
    assert {state["phase"] for state in states} == {"reveal"}
    verdicts = sorted(state["me"].get("result", {}).get("correct", False) for state in states)
    assert verdicts == [False] * (PLAYERS - 2) + [True] * 2
    assert all(re.fullmatch(r"phone\d", state["me"]["nickname"]) for state in states)
