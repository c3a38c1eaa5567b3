"""Creating and finding accounts; shared by the pages, the invitations and the command line."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from studyapp.models import Invite, Role, User

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128
MIN_PASSWORD_SCORE = 2  # zxcvbn's scale: 2 means at least a million guesses
ZXCVBN_MAX_LENGTH = 72
INVITE_LIFETIME = timedelta(days=7)


class AccountError(ValueError):
    """A request about accounts that cannot be carried out; the message says why."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def password_problem(password: str, user_inputs: Sequence[str] = ()) -> str | None:
    """Why a password is not acceptable, or None when it is.

    Beyond length, zxcvbn estimates how many guesses the password would take,
    knowing the most common passwords, words, names, keyboard patterns and dates,
    and ``user_inputs`` (the person's own email and name). Fewer than a million
    guesses is refused, with zxcvbn's advice.
    """
    if len(password) < PASSWORD_MIN_LENGTH:
        return f"Use at least {PASSWORD_MIN_LENGTH} characters."
    if len(password) > PASSWORD_MAX_LENGTH:
        return f"Use at most {PASSWORD_MAX_LENGTH} characters."
    # zxcvbn refuses very long input; the first 72 characters decide the strength anyway.
    estimate = zxcvbn(password[:ZXCVBN_MAX_LENGTH], user_inputs=[text for text in user_inputs if text])
    if estimate["score"] >= MIN_PASSWORD_SCORE:
        return None
    advice = [estimate["feedback"]["warning"], *estimate["feedback"]["suggestions"]]
    return " ".join(["This password is too easy to guess.", *[line for line in advice if line]])


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(session: Session, *, email: str, password: str, display_name: str, role: Role) -> User:
    """Add a new account to the session (the caller commits)."""
    email = normalise_email(email)
    if find_user_by_email(session, email) is not None:
        raise AccountError(f"An account for {email} already exists.")
    problem = password_problem(password, [email, display_name])
    if problem:
        raise AccountError(problem)
    user = User(email=email, display_name=display_name.strip() or email.split("@")[0], role=role)
    user.set_password(password)
    session.add(user)
    session.flush()
    return user


def _hash_token(token: str) -> str:
    # Only a hash is stored, so a leaked database does not leak working invitations.
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(session: Session, *, created_by: User, note: str, now: datetime) -> tuple[Invite, str]:
    """Make a teacher invitation; returns it with the secret token, which is never stored."""
    token = secrets.token_urlsafe(24)
    invite = Invite(
        token_hash=_hash_token(token),
        role=Role.TEACHER,
        note=note.strip(),
        created_by=created_by,
        created_at=now,
        expires_at=now + INVITE_LIFETIME,
    )
    session.add(invite)
    session.flush()
    return invite, token


def find_usable_invite(session: Session, token: str, now: datetime) -> Invite | None:
    invite = session.scalar(select(Invite).where(Invite.token_hash == _hash_token(token)))
    if invite is None or not invite.is_usable(now):
        return None
    return invite


def redeem_invite(session: Session, invite: Invite, user: User, now: datetime) -> None:
    """Mark the invitation used by ``user``; refuses if another request used it first."""
    result = session.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None))
        .values(used_at=now, used_by_id=user.id)
    )
    if result.rowcount != 1:
        raise AccountError("This invitation has already been used.")
