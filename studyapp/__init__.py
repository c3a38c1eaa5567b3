"""StudyApp: turn an article into a question bank and learn it."""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy.exc import DBAPIError
from werkzeug.middleware.proxy_fix import ProxyFix

from studyapp.config import PROJECT_ROOT, Config, load_config
from studyapp.database import begin_deferred, configure_engine, end_reads_with_commit, restore_begin_mode
from studyapp.extensions import csrf, db, limiter, login_manager, migrate
from studyapp.static_files import register_static_versions
from studyapp.templating import register_filters

READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
request_log = logging.getLogger("studyapp.requests")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


class SessionCookieInterface(SecureCookieSessionInterface):
    """Marks the session cookie Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        configured = super().get_cookie_secure(app)
        return configured or (has_request_context() and request.is_secure)


def create_app(config: str | Config | None = None) -> Flask:
    """Build the app. ``config`` is a configuration name, an object, or None for ``STUDYAPP_CONFIG``."""
    if not isinstance(config, Config):
        config = load_config(config)
    app = Flask(
        __name__,
        instance_path=str(config.INSTANCE_PATH),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.from_object(config)
    app.session_interface = SessionCookieInterface()
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_prefix=hops)
    configure_logging(app)

    register_extensions(app)
    register_static_versions(app)
    register_filters(app)
    register_blueprints(app)
    register_request_hooks(app)
    register_commands(app)
    return app


def configure_logging(app: Flask) -> None:
    """The app's log lines (one JSON object per request among them) go to standard error."""
    logger = logging.getLogger("studyapp")
    logger.setLevel(app.config["LOG_LEVEL"])
    if not app.testing and not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)


def end_database_session(error: BaseException | None) -> None:
    """Close the request's database session.

    If the database went away after the response was made (a restart), only the dead
    connection is lost here, not the response: an answer already saved is acknowledged.
    """
    try:
        if error is None:
            end_reads_with_commit(db.session())
        db.session.remove()
    except DBAPIError as error:
        logging.getLogger("studyapp").warning("database connection lost at the end of a request: %s",
                                              str(error).splitlines()[0])
        db.session().invalidate()  # drop the connection without trying to roll it back
        db.session.remove()


def register_extensions(app: Flask) -> None:
    db.init_app(app)

    # Registered after the extension, so it runs before the extension's own clean-up.
    app.teardown_appcontext(end_database_session)
    with app.app_context():
        configure_engine(db.engine, sqlite_busy_timeout_ms=app.config["SQLITE_BUSY_TIMEOUT_MS"])
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    login_manager.init_app(app)
    limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    from studyapp.auth import bp as auth_bp
    from studyapp.classes import bp as classes_bp
    from studyapp.errors import register_error_handlers
    from studyapp.live import bp as live_bp
    from studyapp.main import bp as main_bp
    from studyapp.study import bp as study_bp
    from studyapp.teach import bp as teach_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(study_bp, url_prefix="/study")
    app.register_blueprint(teach_bp, url_prefix="/teach")
    app.register_blueprint(classes_bp, url_prefix="/classes")
    app.register_blueprint(live_bp, url_prefix="/live")
    register_error_handlers(app)


def register_request_hooks(app: Flask) -> None:
    # Flask runs a request in one context from before_request to teardown, so
    # the context variable set here is the one the engine's begin hook reads.
    @app.before_request
    def _choose_transaction_mode() -> None:
        view = app.view_functions.get(request.endpoint or "")
        if request.method in READ_ONLY_METHODS or getattr(view, "reads_before_writing", False):
            g.begin_mode_token = begin_deferred()

    @app.before_request
    def _start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def _log_request(response):
        # One JSON line per request, for log tools to read; no query strings (they may hold tokens).
        started = g.get("request_started")
        request_log.info(json.dumps({
            "event": "request", "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "user": session.get("_user_id"), "ip": request.remote_addr,
        }))
        return response

    @app.after_request
    def _security_headers(response):
        # Every script and style is a file of ours, so nothing inline needs allowing.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.teardown_request
    def _restore_transaction_mode(_error: BaseException | None) -> None:
        token = g.pop("begin_mode_token", None)
        if token is not None:
            restore_begin_mode(token)


def register_commands(app: Flask) -> None:
    from studyapp.auth.commands import users_cli
    from studyapp.backup import backup_cli
    from studyapp.banks.commands import bank_cli
    from studyapp.demo import demo_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(bank_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(backup_cli)
