"""How Flask-Login finds the signed-in user and turns away those who are not."""

from __future__ import annotations

from flask import flash, jsonify, redirect, request, url_for
from werkzeug.wrappers import Response

from studyapp.errors.responses import wants_json
from studyapp.extensions import db, login_manager
from studyapp.models import User

login_manager.session_protection = "basic"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    if not user_id.isdigit():
        return None
    return db.session.get(User, int(user_id))


@login_manager.unauthorized_handler
def ask_to_log_in() -> Response | tuple[Response, int]:
    if wants_json():
        return jsonify(error="unauthorized", message="Log in to use this."), 401
    flash("Please log in to see that page.", "info")
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
