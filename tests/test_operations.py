"""Operations: backups of a running SQLite database, and one JSON log line per request."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from sqlalchemy import text

from studyapp.models import Role


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
