"""SQLite set up for a server: WAL, foreign keys, a busy timeout and writers that queue, not fail."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.exc import OperationalError

from studyapp.auth.accounts import create_user
from studyapp.database import configure_sqlite, read_only_transactions, short_write
from studyapp.models import Role, User

WORKERS = 4
INCREMENTS_EACH = 40


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_connections_use_wal_foreign_keys_and_busy_timeout(db) -> None:
    connection = db.session.connection()
    assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def _increment_many_times(database_path: str, user_id: int) -> str | None:
    """Read-modify-write in many short transactions, as request handlers do."""
    engine = create_engine(f"sqlite:///{database_path}")
    configure_sqlite(engine, busy_timeout_ms=15000)
    try:
        for _ in range(INCREMENTS_EACH):
            with engine.begin() as connection:
                current = connection.execute(
                    text("SELECT new_cards_per_day FROM users WHERE id = :id"), {"id": user_id}
                ).scalar_one()
                time.sleep(0.001)  # widen the window in which another writer could slip in
                connection.execute(
                    text("UPDATE users SET new_cards_per_day = :value WHERE id = :id"),
                    {"value": current + 1, "id": user_id},
                )
    except Exception as error:  # reported to the parent, which fails the test with it
        return repr(error)
    finally:
        engine.dispose()
    return None


def test_several_processes_writing_at_once_neither_fail_nor_lose_updates(db, app) -> None:
    user = create_user(db.session, email="counter@example.org", password="long-enough-pw", display_name="C",
                       role=Role.STUDENT)
    user.new_cards_per_day = 0
    user_id = user.id
    db.session.commit()
    # Outside a request every transaction begins IMMEDIATE, so an idle open one here
    # would hold the write lock for the whole test: end it.
    db.session.close()
    database_path = Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///"))

    context = multiprocessing.get_context("spawn")
    with context.Pool(WORKERS) as pool:
        errors = pool.starmap(_increment_many_times, [(str(database_path), user_id)] * WORKERS)

    assert errors == [None] * WORKERS
    db.session.expire_all()
    final = db.session.execute(text("SELECT new_cards_per_day FROM users WHERE id = :id"), {"id": user_id}).scalar()
    assert final == WORKERS * INCREMENTS_EACH


def test_read_only_blocks_do_not_take_the_write_lock(db, app) -> None:
    database_path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    engine = create_engine(f"sqlite:///{database_path}")
    configure_sqlite(engine, busy_timeout_ms=50)
    try:
        with engine.begin() as writer:
            writer.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: holds the write lock
            with read_only_transactions(), engine.connect() as reader:
                # A DEFERRED reader still gets in while the writer holds its lock.
                assert reader.execute(text("SELECT count(*) FROM users")).scalar() == 0
    finally:
        engine.dispose()


def _another_process_writes(app) -> None:
    database_path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    engine = create_engine(f"sqlite:///{database_path}")
    configure_sqlite(engine, busy_timeout_ms=50)
    try:
        with engine.begin() as writer:
            writer.execute(text("UPDATE users SET new_cards_per_day = new_cards_per_day + 1"))
    finally:
        engine.dispose()


@pytest.fixture
def reader_with_a_user(db, app):
    """A session that has read a user in a DEFERRED transaction, as a request's reads do."""
    create_user(db.session, email="reader@example.org", password="long-enough-pw", display_name="R",
                role=Role.STUDENT)
    db.session.commit()
    with read_only_transactions():
        return db.session.scalars(select(User)).one()


def test_a_write_after_reads_fails_when_another_process_wrote_meanwhile(db, app, reader_with_a_user) -> None:
    # The reason for short_write: the reading transaction's snapshot is stale, and SQLite
    # refuses to turn it into a writer at once, whatever the busy timeout.
    _another_process_writes(app)
    reader_with_a_user.display_name = "Renamed"
    with pytest.raises(OperationalError):
        db.session.commit()
    db.session.rollback()


def test_short_write_succeeds_after_another_process_wrote_and_keeps_what_was_read(db, app,
                                                                                  reader_with_a_user) -> None:
    _another_process_writes(app)
    with short_write(db.session()):
        reader_with_a_user.display_name = "Renamed"
        db.session.commit()
    # Nothing read was thrown away: using the user after both commits asks the database nothing.
    assert not inspect(reader_with_a_user).expired_attributes
    assert reader_with_a_user.display_name == "Renamed"
    assert db.session().expire_on_commit  # restored for the rest of the request
