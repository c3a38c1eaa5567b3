"""Operations: backups of a running SQLite database, one JSON log line per request, and
what people are told while the database cannot be reached."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from studyapp.models import Role
from tests.conftest import csrf_token_from, make_app


def test_backup_copies_the_database_while_it_is_in_use(app, db, make_user, tmp_path: Path) -> None:
    make_user(Role.TEACHER)
    make_user(Role.STUDENT)
    db.session.execute(text("SELECT 1"))  # an open transaction in this process, as a running app would have
    destination = tmp_path / "copy.sqlite3"
    result = app.test_cli_runner().invoke(args=["backup", str(destination)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(destination) as copy:
        assert copy.execute("SELECT count(*) FROM users").fetchone() == (2,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    again = app.test_cli_runner().invoke(args=["backup", str(destination)])
    assert again.exit_code == 1 and "exists already" in again.output


def test_backup_by_default_goes_to_the_instance_folder(app, db) -> None:
    result = app.test_cli_runner().invoke(args=["backup"])
    assert result.exit_code == 0
    assert list((Path(app.instance_path) / "backups").glob("studyapp-*.sqlite3"))


def test_each_request_is_logged_as_one_json_line(client, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="studyapp.requests"):
        client.get("/auth/login?next=/secret-token-here")
    lines = [json.loads(record.getMessage()) for record in caplog.records if record.name == "studyapp.requests"]
    assert lines[-1]["path"] == "/auth/login" and lines[-1]["status"] == 200 and lines[-1]["method"] == "GET"
    assert lines[-1]["ms"] >= 0
    assert "secret-token-here" not in caplog.text


@pytest.fixture
def app_without_its_database(tmp_path: Path):
    # Nothing listens on port 1: every connection is refused, as while PostgreSQL restarts.
    return make_app("postgresql+psycopg://postgres@127.0.0.1:1/studyapp", tmp_path)


def test_while_the_database_is_down_pages_say_try_again(app_without_its_database, caplog) -> None:
    client = app_without_its_database.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = "1"  # a signed-in student: loading them needs the database
    response = client.get("/study/")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    page = response.get_data(as_text=True)
    assert "cannot reach its database just now" in page and "Try again" in page
    assert "Traceback" not in page
    assert any("database unavailable" in record.getMessage() for record in caplog.records)


def test_while_the_database_is_down_scripts_get_json_to_retry_on(app_without_its_database) -> None:
    client = app_without_its_database.test_client()
    csrf = csrf_token_from(client.get("/auth/login").get_data(as_text=True))  # a page that needs no database
    with client.session_transaction() as session:
        session["_user_id"] = "1"
    response = client.post("/study/review", headers={"Accept": "application/json"},
                           data={"rating": "3", "csrf_token": csrf})
    assert response.status_code == 503
    assert response.json["error"] == "try_again" and "try again in a moment" in response.json["message"].lower()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json["database"] == "unreachable"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_connection_dropped_after_the_response_is_made_costs_only_the_connection(app) -> None:
    """PostgreSQL restarting just as a request ends: the response still goes out, and the next
    request gets a fresh connection (the pool's pre-ping)."""

    def answer_then_lose_the_connection() -> str:
        from studyapp.extensions import db

        backend_pid = db.session.scalar(text("SELECT pg_backend_pid()"))
        with db.engine.connect() as other:  # as the server's shutdown would, from outside
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend_pid})
        return "saved"

    app.add_url_rule("/test-only/lose-connection", view_func=answer_then_lose_the_connection)
    client = app.test_client()
    response = client.get("/test-only/lose-connection")
    assert response.status_code == 200 and response.get_data(as_text=True) == "saved"
    assert client.get("/healthz").status_code == 200


def test_when_every_database_connection_is_busy_the_answer_is_try_again(database_url, tmp_path: Path,
                                                                        caplog) -> None:
    from sqlalchemy.pool import QueuePool

    from studyapp.extensions import db as flask_db

    app = make_app(database_url, tmp_path)
    with app.app_context():
        # A pool of one connection that gives up at once, and that one connection held.
        flask_db.engines[None] = flask_db.create_engine(database_url, poolclass=QueuePool, pool_size=1,
                                                        max_overflow=0, pool_timeout=0.01)
        held = flask_db.engine.connect()
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = "1"
        response = client.get("/study/", headers={"Accept": "application/json"})
        held.close()
    assert response.status_code == 503 and response.json["error"] == "try_again"
    assert any("QueuePool limit" in record.getMessage() for record in caplog.records)
