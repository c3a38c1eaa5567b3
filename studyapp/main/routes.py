from __future__ import annotations

from datetime import datetime, timezone

from flask import jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.wrappers import Response

from studyapp.classes.service import assignments_for
from studyapp.extensions import csrf, db
from studyapp.main import bp
from studyapp.main.queries import set_summaries_for


@bp.route("/")
def home() -> str:
    if not current_user.is_authenticated:
        return render_template("main/landing.html")
    return render_template(
        "main/home.html",
        sets=set_summaries_for(db.session, current_user),
        assignments=assignments_for(db.session, current_user),
        now=datetime.now(timezone.utc),
    )


@bp.route("/join")
def join() -> Response:
    """The short address players type from the big screen."""
    return redirect(url_for("live.join_page", **request.args))


@bp.route("/healthz")
@csrf.exempt
def health() -> tuple[Response, int]:
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok"), 200
