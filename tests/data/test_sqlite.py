"""SQLite set up for a server: WAL, foreign keys, a busy timeout and writers that queue, not fail."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from studyapp.auth.accounts import create_user
from studyapp.database import configure_sqlite, read_only_transactions
from studyapp.models import Role

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
