"""Registering, logging in and out through the real forms, with CSRF on."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from sqlalchemy import select

from studyapp.auth.accounts import AccountError, create_user, password_problem
from studyapp.models import Role, User
from tests.conftest import TEST_PASSWORD

REGISTRATION = {
    "display_name": "Ana María",
    "email": "Ana@School.org",
    "password": "a-long-enough-password",
    "confirm": "a-long-enough-password",
}


def test_register_creates_a_student_with_a_hashed_password_and_logs_in(client, db, post_form) -> None:
    response = post_form("/auth/register", REGISTRATION, follow_redirects=True)
    assert response.status_code == 200
    assert "Hello, Ana María" in response.get_data(as_text=True)

    user = db.session.scalar(select(User))
    assert user.email == "ana@school.org"
    assert user.role is Role.STUDENT
    assert user.password_hash.startswith("scrypt:")
    assert "a-long-enough-password" not in user.password_hash
    assert user.check_password("a-long-enough-password")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"email": "not-an-email"}, "Enter an email address such as name@school.org."),
        ({"password": "short", "confirm": "short"}, "Use between 10 and 128 characters."),
        ({"password": "1234567890", "confirm": "1234567890"}, "This is a top-100 common password."),
        ({"password": "password123", "confirm": "password123"}, "This password is too easy to guess."),
        ({"password": "ana@school.org1", "confirm": "ana@school.org1"}, "This password is too easy to guess."),
        ({"confirm": "something-else-entirely"}, "The two passwords differ."),
        ({"display_name": ""}, "This field is required."),
    ],
)
def test_register_explains_what_is_wrong(client, db, post_form, changes, message) -> None:
    response = post_form("/auth/register", {**REGISTRATION, **changes})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(User)) is None


@pytest.mark.parametrize("password", ["qwertyuiop", "iloveyou12", "Password1234", "football99", "ana@school.org1"])
def test_common_and_personal_passwords_are_refused_everywhere(db, password) -> None:
    assert password_problem(password, ["ana@school.org", "Ana María"]) is not None
    with pytest.raises(AccountError, match="too easy to guess"):
        create_user(db.session, email="ana@school.org", password=password, display_name="Ana María",
                    role=Role.STUDENT)


@pytest.mark.parametrize("password", ["correct-horse-battery", "a-long-enough-password", "tulip sonnet vapor"])
def test_unusual_passwords_are_accepted(password) -> None:
    assert password_problem(password, ["ana@school.org", "Ana María"]) is None


def test_a_very_long_password_is_checked_without_error() -> None:
    assert password_problem("purple-elephant-" * 8) is None  # 128 characters, beyond zxcvbn's own limit


def test_register_refuses_an_email_already_used(client, make_user, post_form) -> None:
    make_user(email="ana@school.org")
    response = post_form("/auth/register", REGISTRATION)
    assert "An account with this email already exists" in response.get_data(as_text=True)


def test_login_and_logout(client, make_user, post_form) -> None:
    user = make_user(name="Bea")
    response = post_form("/auth/login", {"email": user.email.upper(), "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Hello, Bea" in client.get("/").get_data(as_text=True)

    response = post_form("/auth/logout", {}, page="/", follow_redirects=True)
    assert "You have logged out." in response.get_data(as_text=True)
    assert "Create a student account" in client.get("/").get_data(as_text=True)


def test_wrong_password_gets_one_clear_message(client, make_user, post_form) -> None:
    user = make_user()
    wrong_password = post_form("/auth/login", {"email": user.email, "password": "not-the-password"})
    unknown_email = post_form("/auth/login", {"email": "nobody@example.org", "password": "whatever-it-is"})
    for response in (wrong_password, unknown_email):
        assert response.status_code == 200
        assert "That email and password do not match an account" in response.get_data(as_text=True)


def test_logout_is_a_post_with_csrf(client, make_user, login_as) -> None:
    login_as(make_user())
    assert client.get("/auth/logout").status_code == 405
    refused = client.post("/auth/logout")
    assert refused.status_code == 400
    assert "Reload the page" in refused.get_data(as_text=True)
    assert "Log out" in client.get("/").get_data(as_text=True)  # still signed in


def test_forms_without_a_csrf_token_are_refused(client, make_user) -> None:
    user = make_user()
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 400
    assert "Form expired" in response.get_data(as_text=True)


def test_login_follows_a_local_next(client, make_user, post_form) -> None:
    user = make_user(Role.TEACHER)
    response = post_form("/auth/login?next=/auth/invites", {"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/auth/invites"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)"])
def test_login_ignores_a_next_that_leaves_the_site(client, make_user, post_form, target) -> None:
    user = make_user()
    response = post_form(f"/auth/login?next={quote(target)}", {"email": user.email, "password": TEST_PASSWORD})
    assert response.headers["Location"] == "/"


def test_pages_that_need_a_login_send_you_to_log_in_and_back(client) -> None:
    response = client.get("/auth/invites")
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/login?next=/auth/invites"


def test_session_cookie_flags(client, make_user, post_form) -> None:
    user = make_user()
    post_form("/auth/login", {"email": user.email, "password": TEST_PASSWORD})
    cookie = client.get_cookie("session")
    assert cookie.http_only
    assert cookie.same_site == "Lax"
    assert not cookie.secure  # plain HTTP in development


def test_session_cookie_is_secure_over_https(app, make_user) -> None:
    client = app.test_client()
    user = make_user()
    page = client.get("/auth/login", base_url="https://localhost")
    from tests.conftest import csrf_token_from

    client.post(
        "/auth/login",
        base_url="https://localhost",
        data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": csrf_token_from(page.get_data(as_text=True))},
    )
    assert client.get_cookie("session", domain="localhost").secure


def test_logging_in_starts_a_new_session(client, make_user, post_form) -> None:
    user = make_user()
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    post_form("/auth/login", {"email": user.email, "password": TEST_PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
