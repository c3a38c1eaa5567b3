"""Configuration comes from the environment; production refuses to start unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp import create_app
from studyapp.config import ConfigurationError, load_config, normalise_database_url


def test_secret_key_is_generated_once_and_kept(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = load_config("development", INSTANCE_PATH=tmp_path)
    second = load_config("development", INSTANCE_PATH=tmp_path)
    assert len(first.SECRET_KEY) >= 64
    assert first.SECRET_KEY == second.SECRET_KEY
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == first.SECRET_KEY
    assert key_file.stat().st_mode & 0o077 == 0  # readable by the owner only


def test_secret_key_from_the_environment_wins(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "k" * 40)
    assert load_config("development", INSTANCE_PATH=tmp_path).SECRET_KEY == "k" * 40
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_a_secret(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app(load_config("production", INSTANCE_PATH=tmp_path))
    monkeypatch.setenv("STUDYAPP_CONFIG", "production")
    with pytest.raises(ConfigurationError):
        create_app()


def test_production_refuses_a_short_secret(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ConfigurationError, match="too short"):
        load_config("production", INSTANCE_PATH=tmp_path)


def test_production_defaults(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    monkeypatch.setenv("DATABASE_URL", "postgres://user@db.internal/studyapp")
    config = load_config("production", INSTANCE_PATH=tmp_path)
    assert config.SESSION_COOKIE_SECURE is True
    assert config.DEMO_ACCOUNTS_ALLOWED is False
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://user@db.internal/studyapp"


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = load_config("development", INSTANCE_PATH=tmp_path)
    assert config.SQLALCHEMY_DATABASE_URI.startswith("sqlite:///")
    assert config.SQLALCHEMY_DATABASE_URI.endswith("instance/studyapp.sqlite3")


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////srv/studyapp.sqlite3", "sqlite:////srv/studyapp.sqlite3"),
    ],
)
def test_database_urls_go_through_psycopg_3(given: str, expected: str) -> None:
    assert normalise_database_url(given) == expected


def test_unknown_configuration_name_is_a_clear_error() -> None:
    with pytest.raises(ConfigurationError, match="choose one of: development, production, testing"):
        load_config("staging")


def test_bad_number_in_the_environment_is_a_clear_error(monkeypatch) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "one")
    with pytest.raises(ConfigurationError, match="TRUSTED_PROXIES must be a whole number"):
        load_config("testing")


def set_cookie_after_https_proxy_request(tmp_path: Path) -> str:
    """The Set-Cookie header of a request that a proxy says came over HTTPS."""
    app = create_app(load_config("testing", INSTANCE_PATH=tmp_path, SQLALCHEMY_DATABASE_URI="sqlite://"))

    @app.route("/touch-session")
    def touch_session() -> str:
        from flask import session

        session["seen"] = True
        return "ok"

    response = app.test_client().get("/touch-session", headers={"X-Forwarded-Proto": "https"})
    return response.headers["Set-Cookie"]


def test_trusted_proxy_headers_make_the_session_cookie_secure(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    assert "Secure" in set_cookie_after_https_proxy_request(tmp_path)


def test_forwarded_headers_are_ignored_without_a_trusted_proxy(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert "Secure" not in set_cookie_after_https_proxy_request(tmp_path)
