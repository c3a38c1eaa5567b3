"""Guessing is slow: failed log-ins and wrong PINs are limited per address, with a clear answer."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from tests.conftest import close_app, csrf_token_from, make_app


@pytest.fixture
def limited_app(database_url: str, tmp_path: Path):
    app = make_app(database_url, tmp_path / "instance")
    app.config["RATELIMIT_ENABLED"] = True
    from studyapp.extensions import limiter

    limiter.init_app(app)  # again, now that limits are on for this app
    limiter.reset()
    yield app
    limiter.reset()
    close_app(app)


def test_failed_log_ins_are_limited_with_retry_after(limited_app) -> None:
    client = limited_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    statuses = [client.post("/auth/login", data={"email": "x@example.org", "password": "wrong-password-1",
                                                 "csrf_token": token}).status_code for _ in range(11)]
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429
    refused = client.post("/auth/login", data={"email": "x@example.org", "password": "wrong",
                                               "csrf_token": token})
    assert refused.status_code == 429
    assert "Too many attempts" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) > 0


def test_guessing_pins_is_limited(limited_app) -> None:
    client = limited_app.test_client()
    token = csrf_token_from(client.get("/live/join").get_data(as_text=True))
    statuses = [client.post("/live/join", data={"pin": f"{guess:07d}", "nickname": "Guess", "csrf_token": token})
                .status_code for guess in range(21)]
    assert statuses.count(200) == 20 and statuses[-1] == 429
    json_refusal = client.post("/live/join", data={"pin": "1234567", "nickname": "G", "csrf_token": token},
                               headers={"Accept": "application/json"})
    assert json_refusal.status_code == 429 and json_refusal.get_json()["error"] == "too_many_requests"


def test_registrations_are_limited_per_address(limited_app) -> None:
    client = limited_app.test_client()
    token = csrf_token_from(client.get("/auth/register").get_data(as_text=True))
    # Refused forms (the passwords differ) count too: the limit is on attempts.
    statuses = [client.post("/auth/register", data={
        "display_name": "Spam", "email": f"spam{number}@example.org", "password": "a-long-enough-password",
        "confirm": "something-else-entirely", "csrf_token": token}).status_code for number in range(21)]
    assert statuses[:20] == [200] * 20 and statuses[20] == 429


def test_study_answers_are_limited_per_student(db, make_user, limited_app) -> None:
    # (limited_app comes last: the limiter is one object, and each app it joins sets it on or off.)
    student_id = make_user().id
    db.session.commit()  # end the read, so that the other app's requests may write
    client = limited_app.test_client()
    token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
    with client.session_transaction() as session:
        session["_user_id"] = str(student_id)
    statuses = [client.post("/study/review", data={"rating": "3", "csrf_token": token},
                            headers={"Accept": "application/json"}).status_code for _ in range(241)]
    assert statuses[:240] == [400] * 240  # no card token: refused with a message, but counted
    assert statuses[240] == 429


def test_live_answers_are_limited_per_player(limited_app) -> None:
    client = limited_app.test_client()
    token = csrf_token_from(client.get("/live/join").get_data(as_text=True))
    client.set_cookie("live_player_1", "a-player-cookie")
    statuses = [client.post("/live/play/1/answer", data={"index": "0", "choice": "x", "csrf_token": token})
                .status_code for _ in range(61)]
    assert statuses[:60] == [403] * 60 and statuses[60] == 429


REDIS_URL = os.environ.get("TEST_REDIS_URL")


@pytest.mark.skipif(not REDIS_URL, reason="runs when TEST_REDIS_URL names a Redis server (CI sets it)")
def test_with_redis_the_limits_are_counted_where_every_process_sees_them(database_url: str, tmp_path: Path) -> None:
    """A guesser cannot get fresh tries by landing on another gunicorn worker."""
    import redis

    from studyapp.extensions import limiter

    prefix = f"studyapp-test-{uuid.uuid4().hex[:8]}"
    server = redis.Redis.from_url(REDIS_URL)
    app = make_app(database_url, tmp_path / "instance")
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=REDIS_URL, RATELIMIT_KEY_PREFIX=prefix)
    limiter.init_app(app)
    try:
        client = app.test_client()
        token = csrf_token_from(client.get("/auth/login").get_data(as_text=True))
        statuses = [client.post("/auth/login", data={"email": "x@example.org", "password": "wrong-password-1",
                                                     "csrf_token": token}).status_code for _ in range(11)]
        assert statuses == [200] * 10 + [429]
        counts = [int(server.get(key)) for key in server.scan_iter(f"*/{prefix}/*")]
        assert 10 in counts  # the failed log-ins, kept in Redis
    finally:
        for key in server.scan_iter(f"*/{prefix}/*"):
            server.delete(key)
        limiter.init_app(make_app(database_url, tmp_path / "after"))  # back to counting in memory
        close_app(app)
