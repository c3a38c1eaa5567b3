from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from studyapp.auth.forms import EmptyForm
from studyapp.classes import bp
from studyapp.classes.forms import JoinClassForm
from studyapp.classes.service import ClassError, classes_joined_by, join_class, leave_class
from studyapp.extensions import db


@bp.route("/join", methods=["GET", "POST"])
@login_required
def join() -> str | Response:
    form = JoinClassForm()
    if form.validate_on_submit():
        try:
            classroom = join_class(db.session, current_user, form.code.data or "")
        except ClassError as error:
            db.session.rollback()
            form.code.errors = [str(error)]
        else:
            db.session.commit()
            flash(f"You joined {classroom.name}.", "success")
            return redirect(url_for("main.home"))
    return render_template("classes/join.html", form=form, joined=classes_joined_by(db.session, current_user),
                           leave_form=EmptyForm())


@bp.route("/<int:class_id>/leave", methods=["POST"])
@login_required
def leave(class_id: int) -> Response:
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        classroom = leave_class(db.session, current_user, class_id)
    except ClassError:
        abort(404)
    db.session.commit()
    flash(f"You left {classroom.name}. What you have learnt stays yours.", "success")
    return redirect(url_for("classes.join"))
