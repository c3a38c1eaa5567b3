"""How a request's transaction ends: one that only read commits, anything else rolls back.

The commit keeps psycopg's prepared statements (a rollback drops them), so PostgreSQL
need not plan the study loop's queries again on every request.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, insert, select, text

from studyapp.database import end_reads_with_commit
from studyapp.models import User

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


def _user_count(db) -> int:
    return db.session.scalar(select(func.count()).select_from(User))


@BOTH
def test_a_transaction_that_only_read_ends_with_a_commit_and_keeps_what_it_loaded(db, make_user) -> None:
    make_user()
    user = db.session.scalars(select(User)).one()
    assert db.session().in_transaction()
    end_reads_with_commit(db.session())
    assert not db.session().in_transaction()
    db.session.close()
    assert user.email.endswith("@example.org")  # still loaded, as after a rollback


@BOTH
def test_a_transaction_that_wrote_is_left_to_roll_back(db, make_user) -> None:
    make_user()
    before = _user_count(db)
    db.session.execute(insert(User).values(email="core@example.org", password_hash="x", display_name="Core"))
    end_reads_with_commit(db.session())
    assert db.session().in_transaction()  # not committed
    db.session.rollback()
    assert _user_count(db) == before


@BOTH
def test_a_transaction_with_unflushed_changes_is_left_to_roll_back(db, make_user) -> None:
    user = make_user(name="Before")
    user.display_name = "Changed, then the request failed to finish"
    end_reads_with_commit(db.session())
    db.session.rollback()
    assert db.session.get(User, user.id).display_name == "Before"


@BOTH
def test_a_text_statement_that_writes_counts_as_a_write(db, make_user) -> None:
    user = make_user(name="Before")
    db.session.execute(text("UPDATE users SET display_name = 'Raw' WHERE id = :id"), {"id": user.id})
    end_reads_with_commit(db.session())
    db.session.rollback()
    assert db.session.get(User, user.id).display_name == "Before"


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_pages_that_only_read_leave_postgresql_its_prepared_statements(app, db, client, make_user) -> None:
    make_user()
    for _ in range(8):  # psycopg prepares a statement on its fifth run on a connection
        assert client.get("/healthz").status_code == 200
    db.session.remove()  # give this test's connection back: the pool's one idle connection is the requests'
    prepared = db.session.scalars(text("SELECT statement FROM pg_prepared_statements")).all()
    assert prepared, "a rollback at the end of each request dropped the prepared statements"


@BOTH
def test_a_transaction_broken_by_a_failed_flush_is_left_to_roll_back(db, make_user) -> None:
    from sqlalchemy.exc import IntegrityError

    user = make_user()
    db.session.add(User(email=user.email, password_hash="x", display_name="Same address"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    end_reads_with_commit(db.session())  # no error: the rollback that closing makes is still to come
    db.session.rollback()
    assert _user_count(db) == 1
