"""The command line that scripts and the docs rely on."""

from __future__ import annotations

from sqlalchemy import func, select

from studyapp.demo import DEMO_ACCOUNTS
from studyapp.models import Role, User
from tests.conftest import make_app


def test_users_create_with_a_password(app, db) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "T@School.org", "--role", "teacher", "--password", "a-long-password", "--name", "Tina"]
    )
    assert result.exit_code == 0, result.output
    assert "Created teacher t@school.org" in result.output
    user = db.session.scalar(select(User))
    assert (user.email, user.role, user.display_name) == ("t@school.org", Role.TEACHER, "Tina")
    assert user.check_password("a-long-password")


def test_users_create_prompts_for_the_password(app, db) -> None:
    result = app.test_cli_runner().invoke(
        args=["users", "create", "admin@school.org", "--role", "admin"],
        input="a-long-password\na-long-password\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(User)).role is Role.ADMIN


def test_users_create_explains_refusals(app, db, make_user) -> None:
    make_user(email="taken@school.org")
    runner = app.test_cli_runner()
    taken = runner.invoke(args=["users", "create", "taken@school.org", "--password", "a-long-password"])
    short = runner.invoke(args=["users", "create", "new@school.org", "--password", "short"])
    bad_role = runner.invoke(args=["users", "create", "new@school.org", "--role", "owner", "--password", "x" * 12])
    assert taken.exit_code == 1 and "already exists" in taken.output
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    assert bad_role.exit_code == 2 and "'owner' is not one of" in bad_role.output
    assert db.session.scalar(select(func.count()).select_from(User)) == 1


def test_demo_accounts_are_created_once(app, db) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo"])
    second = runner.invoke(args=["demo"])
    assert first.exit_code == second.exit_code == 0
    for email, _name, _role, password in DEMO_ACCOUNTS:
        assert email in second.output and password in second.output
    users = db.session.scalars(select(User).order_by(User.email)).all()
    assert [user.email for user in users] == sorted(email for email, *_ in DEMO_ACCOUNTS)
    assert all(user.check_password(password) for user, (*_, password) in zip(
        sorted(users, key=lambda u: [e for e, *_ in DEMO_ACCOUNTS].index(u.email)), DEMO_ACCOUNTS))


def test_demo_accounts_are_refused_in_production(database_url, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "p" * 64)
    app = make_app(database_url, tmp_path / "instance", config_name="production")
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 1
    assert "not created under the production configuration" in result.output
