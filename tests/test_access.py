"""Who may open which page: one table of (route, role, expected status)."""

from __future__ import annotations

import pytest

from studyapp.models import Role
from tests.conftest import csrf_token_from

ANONYMOUS = None

# (method, path, role, expected status). 302 for anonymous means "sent to log in".
ACCESS_TABLE = [
    ("GET", "/", ANONYMOUS, 200),
    ("GET", "/", Role.STUDENT, 200),
    ("GET", "/", Role.TEACHER, 200),
    ("GET", "/healthz", ANONYMOUS, 200),
    ("GET", "/auth/login", ANONYMOUS, 200),
    ("GET", "/auth/login", Role.STUDENT, 302),
    ("GET", "/auth/register", ANONYMOUS, 200),
    ("GET", "/auth/register", Role.TEACHER, 302),
    ("GET", "/auth/invites", ANONYMOUS, 302),
    ("GET", "/auth/invites", Role.STUDENT, 403),
    ("GET", "/auth/invites", Role.TEACHER, 200),
    ("GET", "/auth/invites", Role.ADMIN, 200),
    ("POST", "/auth/invites", Role.STUDENT, 403),
    ("POST", "/auth/invites", Role.TEACHER, 302),
    ("POST", "/auth/logout", Role.STUDENT, 302),
    ("GET", "/auth/logout", Role.STUDENT, 405),
    ("GET", "/study/", ANONYMOUS, 302),
    ("GET", "/study/", Role.STUDENT, 200),
    ("GET", "/study/", Role.TEACHER, 200),
    ("GET", "/study/flashcards", ANONYMOUS, 302),
    ("GET", "/study/flashcards", Role.STUDENT, 200),
    ("GET", "/study/quiz", ANONYMOUS, 302),
    ("GET", "/study/quiz", Role.STUDENT, 200),
    ("GET", "/study/flashcards/answer", ANONYMOUS, 302),
    ("GET", "/study/flashcards/answer", Role.STUDENT, 302),  # no card token: back to the next card
    ("POST", "/study/quiz/check", Role.STUDENT, 302),
    ("POST", "/study/review", Role.STUDENT, 302),
    ("GET", "/study/progress", ANONYMOUS, 302),
    ("GET", "/study/progress", Role.STUDENT, 200),
    ("GET", "/teach/", ANONYMOUS, 302),
    ("GET", "/teach/", Role.STUDENT, 403),
    ("GET", "/teach/", Role.TEACHER, 200),
    ("GET", "/teach/", Role.ADMIN, 200),
    ("GET", "/teach/sets/new", Role.STUDENT, 403),
    ("GET", "/teach/sets/new", Role.TEACHER, 200),
    ("POST", "/teach/sets/new", Role.STUDENT, 403),
    ("GET", "/teach/sets/blank", Role.STUDENT, 403),
    ("GET", "/teach/sets/blank", Role.TEACHER, 200),
    ("GET", "/teach/sets/import", ANONYMOUS, 302),
    ("GET", "/teach/sets/import", Role.STUDENT, 403),
    ("GET", "/teach/sets/import", Role.TEACHER, 200),
    ("GET", "/teach/classes", ANONYMOUS, 302),
    ("GET", "/teach/classes", Role.STUDENT, 403),
    ("GET", "/teach/classes", Role.TEACHER, 200),
    ("POST", "/teach/classes", Role.STUDENT, 403),
    ("GET", "/classes/join", ANONYMOUS, 302),
    ("GET", "/classes/join", Role.STUDENT, 200),
    ("GET", "/study/settings", ANONYMOUS, 302),
    ("GET", "/study/settings", Role.STUDENT, 200),
]


@pytest.mark.parametrize(("method", "path", "role", "expected"), ACCESS_TABLE)
def test_route_access(client, make_user, login_as, method, path, role, expected) -> None:
    if role is not None:
        login_as(make_user(role))
    data = {}
    if method == "POST":
        # A valid token, so that the answer is about the role and not about CSRF.
        data["csrf_token"] = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.open(path, method=method, data=data)
    assert response.status_code == expected


def test_every_route_is_in_the_table(app) -> None:
    listed = {path for _method, path, _role, _expected in ACCESS_TABLE}
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    # Routes with a secret in the path are covered by their own tests (tests/auth/test_invites.py).
    unlisted = {route for route in routes - listed if "<" not in route}
    assert unlisted == set()
