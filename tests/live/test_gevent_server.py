"""A live game on gunicorn, deployed as the README deploys it: gevent workers hold the
phones' state requests, sync workers serve everything else, the answers included.

A host's move must reach every held request at once, whichever worker holds it; an
answer stored by a sync worker must be in the verdict that a gevent worker sends with
the reveal.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
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
def servers(database_url: str, tmp_path: Path):
    """(the sync workers' port, the gevent workers' port), both serving the app on one database."""
    env = {"STUDYAPP_CONFIG": "development", "SECRET_KEY": "gevent-test-" + "k" * 40, "RATELIMIT_ENABLED": "false",
           "DATABASE_URL": database_url, "STUDYAPP_INSTANCE_PATH": str(tmp_path / "server")}
    with gunicorn_server("studyapp:create_app()", workers=2, env=env) as pages, \
            gunicorn_server("studyapp:create_app()", workers=2, env=env, worker_class="gevent") as live:
        yield pages.port, live.port


def test_a_move_reaches_every_held_phone_at_once_and_the_verdict_comes_with_the_reveal(
        db, make_user, servers) -> None:
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    question = playable_questions(question_set)[0]
    live = create_live_session(db.session, teacher, question_set, [question.id], 30, datetime.now(timezone.utc))
    db.session.flush()
    live_id, pin, revision, right = live.id, live.pin, live.revision, question.answer
    db.session.commit()  # and no transaction of this test's holds SQLite's write lock while phones write
    phones: list[Phone] = []
    try:
        _play(live, live_id, pin, revision, right, phones, servers, db)
    finally:
        for phone in phones:
            phone.pages.close()
            phone.waits.close()


@dataclass
class Phone:
    pages: Client  # to the sync workers
    waits: Client  # to the gevent workers, with the same cookies, as a browser sends them to both
    csrf_token: str = ""


def _play(live, live_id, pin, revision, right, phones, servers, db) -> None:
    pages_port, live_port = servers
    for number in range(PLAYERS):
        phone = Phone(Client(pages_port), Client(live_port))
        phone.waits.cookies = phone.pages.cookies
        phones.append(phone)
        page = phone.pages.request("GET", "/live/join")[1]
        phone.csrf_token = csrf_token_from(page)
        status, _ = phone.pages.request("POST", "/live/join", {"pin": pin, "nickname": f"phone{number}",
                                                               "csrf_token": phone.csrf_token})
        assert status == 302

    def wait_for_move(phone: Phone, after: int, seen: list) -> None:
        status, body = phone.waits.request("GET", f"/live/play/{live_id}/state?after={after}",
                                           accept="application/json")
        seen.append((status, json.loads(body), time.monotonic()))

    def all_phones_wait(after: int, move: str) -> list:
        seen: list = []
        waiting = [threading.Thread(target=wait_for_move, args=(phone, after, seen)) for phone in phones]
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
    for phone in phones[:2]:  # two answer right
        status, body = phone.pages.request("POST", f"/live/play/{live_id}/answer",
                                           {"index": "0", "choice": right, "csrf_token": phone.csrf_token},
                                           accept="application/json")
        assert status == 200 and json.loads(body) == {"recorded": True}

    db.session.expire_all()
    states = all_phones_wait(revision, "next")
    assert {state["phase"] for state in states} == {"reveal"}
    verdicts = sorted(state["me"].get("result", {}).get("correct", False) for state in states)
    assert verdicts == [False] * (PLAYERS - 2) + [True] * 2
    assert all(re.fullmatch(r"phone\d", state["me"]["nickname"]) for state in states)
