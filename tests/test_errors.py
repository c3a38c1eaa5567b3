"""Errors get a page a person can read, or JSON a script can."""

from __future__ import annotations

import pytest

from studyapp.models import Role


def test_404_page(client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "There is nothing at this address" in response.get_data(as_text=True)


def test_404_json_for_scripts(client) -> None:
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.get_json() == {
        "error": "not_found",
        "message": "There is nothing at this address. It may have moved, or the link may be mistyped.",
    }


def test_403_page(client, make_user, login_as) -> None:
    login_as(make_user(Role.STUDENT))
    response = client.get("/auth/invites")
    assert response.status_code == 403
    assert "You do not have permission" in response.get_data(as_text=True)


def test_401_json_for_scripts_that_are_not_logged_in(client) -> None:
    response = client.get("/auth/invites", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.get_json()["error"] == "unauthorized"


@pytest.fixture
def failing_app(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.route("/explode")
    def explode() -> str:
        raise RuntimeError("boom")

    return app


def test_500_page_hides_the_traceback(failing_app, caplog) -> None:
    response = failing_app.test_client().get("/explode")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong on our side" in body
    assert "RuntimeError" not in body and "boom" not in body
    assert "boom" in caplog.text  # but the log keeps it


def test_500_json(failing_app) -> None:
    response = failing_app.test_client().get("/explode", headers={"Accept": "application/json"})
    assert response.status_code == 500
    assert response.get_json()["error"] == "server_error"


def test_health_checks_the_database(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
