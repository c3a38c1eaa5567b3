from __future__ import annotations

from functools import cache

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.wrappers import Response

from studyapp.auth import bp
from studyapp.auth.accounts import (
    AccountError,
    create_invite,
    create_user,
    find_usable_invite,
    find_user_by_email,
    redeem_invite,
)
from studyapp.auth.forms import EmptyForm, InviteForm, LoginForm, RegisterForm
from studyapp.auth.roles import role_required
from studyapp.auth.safe_redirect import is_safe_next
from studyapp.extensions import db, limiter
from studyapp.models import Invite, Role, User, utcnow


@cache
def _dummy_hash() -> str:
    # Checked when the email is unknown, so a wrong email costs as long as a wrong password.
    return generate_password_hash("not-a-real-password", method="scrypt")


def _start_session(user: User) -> None:
    # A fresh session on every log-in: a session id planted before it is worth nothing after.
    session.clear()
    session.permanent = True
    login_user(user)


def _redirect_after_login() -> Response:
    target = request.args.get("next")
    return redirect(target if is_safe_next(target) else url_for("main.home"))


def _failed_form(response) -> bool:
    # A form shown again (200) is a failed attempt; a redirect is a success and costs nothing.
    return response.status_code == 200


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute;50 per hour", methods=["POST"], deduct_when=_failed_form)
def login() -> str | Response:
    if current_user.is_authenticated:
        return _redirect_after_login()
    form = LoginForm()
    if form.validate_on_submit():
        user = find_user_by_email(db.session, form.email.data or "")
        password = form.password.data or ""
        if user is None:
            check_password_hash(_dummy_hash(), password)
        elif user.check_password(password):
            _start_session(user)
            flash(f"Welcome back, {user.display_name}.", "success")
            return _redirect_after_login()
        form.form_errors.append("That email and password do not match an account. Check both and try again.")
    return render_template("auth/login.html", form=form)


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def register() -> str | Response:
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = _create_account_from(form, Role.STUDENT)
        if user is not None:
            db.session.commit()
            _start_session(user)
            flash("Your account is ready.", "success")
            return _redirect_after_login()
    return render_template("auth/register.html", form=form)


def _create_account_from(form: RegisterForm, role: Role) -> User | None:
    try:
        return create_user(
            db.session,
            email=form.email.data or "",
            password=form.password.data or "",
            display_name=form.display_name.data or "",
            role=role,
        )
    except AccountError as error:
        form.form_errors.append(str(error))
        return None


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    if EmptyForm().validate_on_submit():
        logout_user()
        session.clear()
        flash("You have logged out.", "info")
    return redirect(url_for("main.home"))


@bp.route("/invites", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def invites() -> str | Response:
    form = InviteForm()
    if form.validate_on_submit():
        _invite, token = create_invite(db.session, created_by=current_user, note=form.note.data or "", now=utcnow())
        db.session.commit()
        link = url_for("auth.accept_invite", token=token, _external=True)
        flash(link, "invite-link")
        return redirect(url_for("auth.invites"))
    sent = db.session.scalars(
        select(Invite).where(Invite.created_by_id == current_user.id).order_by(Invite.created_at.desc())
    ).all()
    return render_template("auth/invites.html", form=form, invites=sent, now=utcnow())


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str) -> str | Response:
    invite = find_usable_invite(db.session, token, utcnow())
    if invite is None:
        return render_template("auth/invite_unusable.html"), 404
    if current_user.is_authenticated:
        flash("Log out first to create the invited account.", "info")
        return redirect(url_for("main.home"))
    form = RegisterForm()
    if form.validate_on_submit():
        user = _create_account_from(form, invite.role)
        if user is not None:
            try:
                redeem_invite(db.session, invite, user, utcnow())
            except AccountError as error:
                db.session.rollback()
                form.form_errors.append(str(error))
            else:
                db.session.commit()
                _start_session(user)
                flash(f"Your {invite.role.value} account is ready.", "success")
                return redirect(url_for("main.home"))
    return render_template("auth/register.html", form=form, invite=invite)
