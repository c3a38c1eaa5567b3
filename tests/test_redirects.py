"""No page can be made to send a visitor to another site through its ``next`` parameter.

Log-in and registration follow ``next``; every other page must ignore it. Each page
of the access table is opened with each hostile target, signed in and not, and
every redirect that comes back must stay on this site.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from studyapp.models import Role
from tests.auth.test_safe_redirect import UNSAFE_TARGETS
from tests.conftest import TEST_PASSWORD
from tests.test_access import ROUTES


def stays_on_site(location: str) -> bool:
    parts = urlsplit(location)
    return not parts.scheme and not parts.netloc and location.startswith("/") and not location.startswith("//") \
        and "\\" not in location


@pytest.mark.parametrize("target", [target for target in UNSAFE_TARGETS if target])
def test_logging_in_never_follows_next_off_the_site(client, make_user, post_form, target) -> None:
    user = make_user()
    response = post_form(f"/auth/login?next={quote(target)}", {"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    # Already signed in, the log-in page sends you on: still not off the site.
    again = client.get(f"/auth/login?next={quote(target)}")
    assert again.headers["Location"] == "/"


@pytest.mark.parametrize("target", [target for target in UNSAFE_TARGETS if target])
def test_registering_never_follows_next_off_the_site(post_form, target) -> None:
    response = post_form(f"/auth/register?next={quote(target)}", {
        "display_name": "Ana", "email": "ana@school.org", "password": "a-long-enough-password",
        "confirm": "a-long-enough-password"})
    assert response.status_code == 302 and response.headers["Location"] == "/"


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
def test_no_page_redirects_off_the_site(app, db, make_user, signed_in) -> None:
    client = app.test_client()
    if signed_in:
        with client.session_transaction() as session:
            session["_user_id"] = str(make_user(Role.TEACHER).id)
    ids = {"set_id": 1, "question_id": 1, "class_id": 1, "assignment_id": 1, "live_id": 1, "job_id": 1}
    redirects = 0
    for method, route, _expected in ROUTES:
        if method != "GET":
            continue
        for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
            response = client.get(f"{route.format(**ids)}?next={quote(target)}")
            if 300 <= response.status_code < 400:
                redirects += 1
                assert stays_on_site(response.headers["Location"]), (route, response.headers["Location"])
    assert redirects > 10  # the sweep did meet redirects (log-in prompts, the join shortcut, ...)
