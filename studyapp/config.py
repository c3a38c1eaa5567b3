"""Configuration read from the environment, with safe defaults for local use."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_PATH = Path(os.environ.get("STUDYAPP_INSTANCE_PATH", PROJECT_ROOT / "instance"))


class ConfigurationError(RuntimeError):
    """Raised when the app is asked to start with an unsafe configuration."""


def normalise_database_url(url: str) -> str:
    """Send every PostgreSQL URL through psycopg 3, whatever scheme it was given with."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ConfigurationError(f"{name} must be a whole number, got {value!r}") from error


def stored_secret_key(instance_path: Path) -> str:
    """Return the key kept in the instance folder, creating it on first use.

    Generated once so that sessions survive restarts of a local install
    without anyone having to invent a secret.
    """
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # O_EXCL: when two processes start together, the loser reads the winner's key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


class Config:
    """Settings shared by every environment; read when the app is created."""

    ENV_NAME = "development"
    TESTING = False
    DEMO_ACCOUNTS_ALLOWED = True

    def __init__(self) -> None:
        self.INSTANCE_PATH = INSTANCE_PATH
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or None
        self.SQLALCHEMY_DATABASE_URI = normalise_database_url(
            os.environ.get("DATABASE_URL") or f"sqlite:///{INSTANCE_PATH / 'studyapp.sqlite3'}"
        )
        self.SQLITE_BUSY_TIMEOUT_MS = _env_int("SQLITE_BUSY_TIMEOUT_MS", 15000)
        self.DATABASE_POOL_SIZE = _env_int("DATABASE_POOL_SIZE", 5)
        self.DATABASE_POOL_OVERFLOW = _env_int("DATABASE_POOL_OVERFLOW", 10)
        self.REDIS_URL = os.environ.get("REDIS_URL") or None
        # Rate limits are counted in Redis when there is one, so every process shares them.
        self.RATELIMIT_STORAGE_URI = self.REDIS_URL or "memory://"
        self.RATELIMIT_ENABLED = _env_flag("RATELIMIT_ENABLED", True)
        # Number of reverse proxies in front of the app whose X-Forwarded-* headers we trust.
        self.TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)
        self.SESSION_COOKIE_SECURE = _env_flag("SESSION_COOKIE_SECURE", False)
        self.PERMANENT_SESSION_LIFETIME = _env_int("SESSION_LIFETIME_DAYS", 14) * 86400
        self.LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session does
    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    # Articles longer than this (in characters; about a second of the language model) are made into a set
    # beside the request, with a page that shows the progress, so that no request waits on a long article.
    GENERATE_IN_BACKGROUND_ABOVE = 20_000

    def finalise(self) -> None:
        """Fill in what may be derived; refuse what is unsafe."""
        if not self.SECRET_KEY:
            self.SECRET_KEY = stored_secret_key(self.INSTANCE_PATH)
        self._set_engine_options()

    def _set_engine_options(self) -> None:
        # A server database can drop idle connections, so each is checked before use;
        # a SQLite file cannot, and the check would cost a query on every request.
        is_sqlite = self.SQLALCHEMY_DATABASE_URI.startswith("sqlite")
        # A connect timeout, so that while PostgreSQL is down requests fail quickly with "try again".
        self.SQLALCHEMY_ENGINE_OPTIONS = {} if is_sqlite else {"pool_pre_ping": True,
                                                               "connect_args": {"connect_timeout": 5}}
        if not is_sqlite:
            # Connections each server process keeps to the database (SQLAlchemy's pool_size and max_overflow).
            self.SQLALCHEMY_ENGINE_OPTIONS |= {"pool_size": self.DATABASE_POOL_SIZE,
                                               "max_overflow": self.DATABASE_POOL_OVERFLOW}


class DevelopmentConfig(Config):
    ENV_NAME = "development"


class ProductionConfig(Config):
    ENV_NAME = "production"
    DEMO_ACCOUNTS_ALLOWED = False

    def __init__(self) -> None:
        super().__init__()
        # Production is served over HTTPS; the cookie flag may only be turned off on purpose.
        self.SESSION_COOKIE_SECURE = _env_flag("SESSION_COOKIE_SECURE", True)

    def finalise(self) -> None:
        self._set_engine_options()
        if not self.SECRET_KEY:
            raise ConfigurationError(
                "SECRET_KEY is not set. The production configuration will not start without one; "
                "generate it with: python -c 'import secrets; print(secrets.token_hex(32))'"
            )
        if len(self.SECRET_KEY) < 32:
            raise ConfigurationError("SECRET_KEY is too short: use at least 32 characters.")


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True

    def __init__(self) -> None:
        super().__init__()
        self.SECRET_KEY = "testing-secret-key-that-is-long-enough-0123456789"
        self.RATELIMIT_ENABLED = False  # the tests of the limits turn them on for themselves
        self.RATELIMIT_STORAGE_URI = "memory://"


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestingConfig,
}


def load_config(name: str | None = None, **overrides: object) -> Config:
    """Build the named configuration (``STUDYAPP_CONFIG`` when no name is given)."""
    name = name or os.environ.get("STUDYAPP_CONFIG", "development")
    try:
        config = CONFIGS[name]()
    except KeyError:
        known = ", ".join(sorted(CONFIGS))
        raise ConfigurationError(f"Unknown configuration {name!r}; choose one of: {known}") from None
    for key, value in overrides.items():
        setattr(config, key, value)
    config.finalise()
    return config
