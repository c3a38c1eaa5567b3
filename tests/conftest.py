"""Fixtures shared by every test: an app on a freshly migrated database, a client, users.

The schema always comes from the Alembic migrations, never from ``create_all``.
SQLite tests copy one migrated template file; PostgreSQL tests (when
``TEST_DATABASE_URL`` is set) use a database made for this run and emptied
after each test.
"""

from __future__ import annotations

import contextvars
import os
import re
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask, current_app, has_app_context
from flask.testing import FlaskClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import URL
from werkzeug.security import generate_password_hash

from studyapp import create_app
from studyapp.auth.accounts import AccountError, find_user_by_email, normalise_email
from studyapp.config import load_config, normalise_database_url
from studyapp.extensions import db as flask_db
from studyapp.models import Role, User

TEST_PASSWORD = "correct-horse-battery"
POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


class IsolatedClient(FlaskClient):
    """A test client whose requests run as they would in a server.

    Each request gets its own app context (so ``g``, the login cache and the
    database session are its own), and whatever the test wrote is committed
    first, so the request sees it and no test transaction holds a lock or an
    old snapshot while the request runs.
    """

    def open(self, *args, **kwargs):
        if has_app_context() and current_app._get_current_object() is self.application:
            flask_db.session.commit()
        return contextvars.Context().run(super().open, *args, **kwargs)


def make_app(database_url: str, instance_path: Path, config_name: str = "testing") -> Flask:
    config = load_config(config_name, SQLALCHEMY_DATABASE_URI=database_url, INSTANCE_PATH=instance_path)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    return app


def migrate_to_head(database_url: str, instance_path: Path) -> None:
    app = make_app(database_url, instance_path)
    with app.app_context():
        flask_migrate.upgrade()
        flask_db.engine.dispose()


class PostgresServer:
    """Makes and drops throwaway databases on the server named by TEST_DATABASE_URL."""

    def __init__(self, url: str) -> None:
        self.base_url: URL = make_url(normalise_database_url(url))
        self.admin = create_engine(self.base_url, isolation_level="AUTOCOMMIT")

    def create_database(self) -> str:
        name = f"studyapp_test_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        return self.base_url.set(database=name).render_as_string(hide_password=False)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self.admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL tests run when TEST_DATABASE_URL is set (CI sets it)")
    server = PostgresServer(POSTGRES_URL)
    yield server
    server.admin.dispose()


@pytest.fixture
def empty_database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, for the migration tests."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    migrate_to_head(f"sqlite:///{path}", folder / "instance")
    return path


@pytest.fixture(scope="session")
def postgres_migrated(postgres_server: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = postgres_server.create_database()
    migrate_to_head(url, tmp_path_factory.mktemp("pg-instance"))
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: SQLite, unless a test asks for more.

    tests/data overrides this to run everything on both; a single test may use
    ``@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)``.
    """
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "app.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_migrated")
    yield url
    engine = create_engine(url)
    with engine.begin() as connection:
        tables = connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename != 'alembic_version'")
        ).scalars()
        names = ", ".join(f'"{name}"' for name in tables)
        if names:
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = make_app(database_url, tmp_path / "instance")
    yield app
    close_app(app)


def close_app(app: Flask) -> None:
    """Close every database connection the app opened (PostgreSQL would run out of them)."""
    from studyapp.live.sharing import close_shared_reads

    close_shared_reads(app)
    with app.app_context():
        flask_db.session.remove()
        flask_db.engine.dispose()


@pytest.fixture
def db(app: Flask):
    """The Flask-SQLAlchemy object, inside an app context."""
    with app.app_context():
        yield flask_db
        flask_db.session.rollback()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def test_password_hash() -> str:
    # Hashing is slow on purpose; the test accounts share one hash of TEST_PASSWORD.
    return generate_password_hash(TEST_PASSWORD, method="scrypt")


@pytest.fixture
def make_user(db, test_password_hash: str) -> Callable[..., User]:
    """Factory: ``make_user(role=Role.TEACHER)`` creates and commits an account (password TEST_PASSWORD)."""
    counter = iter(range(1, 10_000))

    def factory(role: Role = Role.STUDENT, email: str | None = None, name: str | None = None) -> User:
        number = next(counter)
        email = normalise_email(email or f"{role.value}{number}@example.org")
        if find_user_by_email(db.session, email) is not None:
            raise AccountError(f"An account for {email} already exists.")
        user = User(email=email, password_hash=test_password_hash, role=role,
                    display_name=name or f"{role.value.title()} {number}")
        db.session.add(user)
        db.session.commit()
        return user

    return factory


@pytest.fixture
def login_as(client: FlaskClient) -> Callable[[User], User]:
    """Sign the test client in as ``user`` (through the session, skipping the form)."""

    def sign_in(user: User) -> User:
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return sign_in


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token_from(html: str) -> str:
    match = CSRF_FIELD.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


@pytest.fixture
def post_form(client: FlaskClient) -> Callable[..., object]:
    """Open ``page`` as a browser would, then post ``data`` with the page's CSRF token to ``url``."""

    def post(url: str, data: dict[str, str], page: str | None = None, **kwargs):
        html = client.get(page or url).get_data(as_text=True)
        return client.post(url, data={**data, "csrf_token": csrf_token_from(html)}, **kwargs)

    return post


def pytest_terminal_summary(terminalreporter) -> None:
    """Print the generator's measured quality (recall per kind, misattributions) after the run."""
    from tests.generator.quality import REPORT

    if REPORT:
        terminalreporter.section("question generator against the gold files")
        for line in REPORT:
            terminalreporter.write_line(line)
