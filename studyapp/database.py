"""The declarative base and column types of every model, and an engine set-up that makes
SQLite safe for several processes writing at once. Free of Flask."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import DateTime, Engine, MetaData, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session, registry
from sqlalchemy.types import TypeDecorator

# Stable names let Alembic drop and alter constraints the same way on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python.

    PostgreSQL keeps the offset (``timestamptz``); SQLite keeps no offset at
    all, so values are stored as UTC and given their zone back when read.
    Naive datetimes are refused rather than guessed at.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given; use a timezone-aware UTC datetime")
        value = value.astimezone(timezone.utc)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    # Given as a registry rather than class attributes so that Flask-SQLAlchemy's
    # subclass of this base inherits both unchanged.
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime},
    )


# How SQLite transactions begin. IMMEDIATE takes the write lock up front, so a
# transaction that reads and then writes can wait on busy_timeout instead of
# failing with "database is locked" when another process wrote in between.
# Requests that only read switch to DEFERRED so readers never queue for the lock.
_sqlite_begin_mode: ContextVar[str] = ContextVar("sqlite_begin_mode", default="IMMEDIATE")


def begin_deferred() -> Token[str]:
    """From now on in this context, SQLite transactions begin DEFERRED; undo with the token."""
    return _sqlite_begin_mode.set("DEFERRED")


def restore_begin_mode(token: Token[str]) -> None:
    _sqlite_begin_mode.reset(token)


@contextmanager
def read_only_transactions() -> Iterator[None]:
    """Within this block, SQLite transactions begin DEFERRED (readers don't take the write lock)."""
    token = begin_deferred()
    try:
        yield
    finally:
        restore_begin_mode(token)


def reads_before_writing(view: Callable[..., Any]) -> Callable[..., Any]:
    """Marks a view that reads first and then makes one short write inside ``short_write``.

    Its request begins DEFERRED, like a GET, so the write lock waits until the write itself.
    """
    view.reads_before_writing = True  # type: ignore[attr-defined]
    return view


@contextmanager
def short_write(session: Session) -> Iterator[None]:
    """Make the writes of this block, after a request's reads, holding SQLite's write lock briefly.

    On SQLite the reading transaction ends first (a DEFERRED reader that then writes fails at
    once if another process wrote meanwhile) and the write begins IMMEDIATE. What was read stays
    loaded through both commits instead of being read again: reading the user and the question
    anew inside the write would lengthen it, and the rows a write depends on are read there
    anyway, with a lock. On PostgreSQL the one transaction simply goes on.
    """
    keep = session.expire_on_commit
    session.expire_on_commit = False
    token = _sqlite_begin_mode.set("IMMEDIATE")
    try:
        if session.in_transaction() and session.get_bind().dialect.name == "sqlite":
            session.commit()  # only reads so far: nothing is written, no lock is held
        yield
    finally:
        _sqlite_begin_mode.reset(token)
        session.expire_on_commit = keep


def configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL journal, enforced foreign keys, a busy timeout and explicit BEGINs."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from the sqlite3 module, which would
        # otherwise begin lazily and DEFERRED; the "begin" hook below issues BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if _sqlite_begin_mode.get() == "DEFERRED":
            connection.exec_driver_sql("BEGIN DEFERRED")
        else:
            _begin_immediate(connection.connection.driver_connection, busy_timeout_ms)


def _begin_immediate(dbapi_connection: Any, busy_timeout_ms: int) -> None:
    """Take the write lock, waiting for it in short steps.

    SQLite's own busy handler backs off to 100 ms sleeps, which makes a queue of
    writers slow to drain; waiting here in steps of a few milliseconds keeps the
    slowest writes close to the typical ones.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    pause = 0.0005
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_connection.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error) or time.monotonic() > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 1.5, 0.004)
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")


def configure_engine(engine: Engine, *, sqlite_busy_timeout_ms: int) -> None:
    if engine.dialect.name == "sqlite":
        configure_sqlite(engine, sqlite_busy_timeout_ms)
    note_writes(engine)


# Statements that change nothing (BEGIN: SQLite's, sent as a transaction starts; not WITH,
# which can hold an UPDATE on PostgreSQL). Anything else counts as a write, to be safe.
_READING = ("SELECT", "SHOW", "EXPLAIN", "BEGIN")


def note_writes(engine: Engine) -> None:
    """Keep on each connection whether its transaction has sent anything but a read."""

    @event.listens_for(engine, "after_cursor_execute")
    def _note(connection, _cursor, statement, _parameters, _context, _executemany) -> None:
        if not statement.lstrip()[:7].upper().startswith(_READING):
            connection.info["wrote"] = True

    @event.listens_for(engine, "begin")
    def _forget(connection) -> None:
        connection.info.pop("wrote", None)


def end_reads_with_commit(session: Session) -> None:
    """End a transaction that only read with a COMMIT, which for it is the same as a ROLLBACK.

    psycopg forgets the statements it has prepared on every ROLLBACK, and closing a session
    rolls back, so a request that only read would leave PostgreSQL to plan its queries again
    on the next request: planning the study loop's card queries took longer than running
    them. Transactions that wrote anything, or hold unflushed changes, are left to be
    rolled back as before.
    """
    transaction = session.get_transaction()
    # Not active: a flush failed, and only the rollback may follow.
    if transaction is None or not transaction.is_active or session.new or session.dirty or session.deleted:
        return
    if session.connection().info.get("wrote"):  # the app's one database: the transaction's connection
        return
    # Nothing was changed, so nothing read need be read again: what was loaded stays usable
    # after the session closes, as it would after a rollback.
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    try:
        session.commit()
    finally:
        session.expire_on_commit = expire_on_commit
