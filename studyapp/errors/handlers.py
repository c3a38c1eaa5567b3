from __future__ import annotations

import logging

from flask import Flask, g, jsonify, render_template
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError
from werkzeug.wrappers import Response

from studyapp.errors.responses import wants_json
from studyapp.extensions import db, login_manager

logger = logging.getLogger(__name__)

# What a person is told, in words they can act on.
MESSAGES = {
    400: "The request could not be understood. Go back, check what you entered and try again.",
    403: "You do not have permission to see this page.",
    404: "There is nothing at this address. It may have moved, or the link may be mistyped.",
    405: "That action is not allowed here.",
    413: "That upload is too large.",
    429: "Too many attempts. Wait a moment and try again.",
    500: "Something went wrong on our side. Nothing you did caused it; please try again.",
    503: "StudyApp cannot reach its database just now, so nothing was saved from this request. "
         "Try again in a moment.",
}
RETRY_AFTER_SECONDS = 5


def _error_response(status: int, title: str, message: str) -> tuple[Response | str, int]:
    if wants_json():
        return jsonify(error=title.lower().replace(" ", "_"), message=message), status
    return render_template("errors/error.html", status=status, title=title, message=message), status


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf_failed(_error: CSRFError) -> tuple[Response | str, int]:
        return _error_response(
            400,
            "Form expired",
            "This form was open too long or came from another site. Reload the page and send it again.",
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> tuple[Response | str, int] | HTTPException:
        status = error.code or 500
        if status < 400:
            return error
        message = MESSAGES.get(status, error.description or "")
        return _error_response(status, error.name, message)

    @app.errorhandler(OperationalError)
    @app.errorhandler(InterfaceError)
    @app.errorhandler(PoolTimeout)
    def _database_unavailable(error: Exception) -> tuple[Response | str, int, dict[str, str]]:
        # The database is down, restarting, (SQLite) locked for too long, or every pooled
        # connection stayed busy too long. The pool's pre-ping replaces dead connections
        # once it is back, so the next try can work.
        logger.warning("database unavailable: %s", str(error).splitlines()[0])
        try:
            db.session.rollback()
        except (OperationalError, InterfaceError):
            pass  # the connection is gone, and with it the transaction
        if "_login_user" not in g:
            g._login_user = login_manager.anonymous_user()  # the page must not ask the database who you are
        body, status = _error_response(503, "Try again", MESSAGES[503])
        return body, status, {"Retry-After": str(RETRY_AFTER_SECONDS)}

    @app.errorhandler(InternalServerError)
    def _server_error(error: InternalServerError) -> tuple[Response | str, int]:
        # The failed transaction must not leak into the rendering of the error page.
        db.session.rollback()
        logger.error("unhandled error", exc_info=error.original_exception or error)
        return _error_response(500, "Server error", MESSAGES[500])
