"""Teacher accounts come from an invitation link (or the command line)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from studyapp.auth.accounts import create_invite
from studyapp.models import Invite, Role, User, utcnow

NEW_TEACHER = {
    "display_name": "Carla Gómez",
    "email": "carla@school.org",
    "password": "a-long-enough-password",
    "confirm": "a-long-enough-password",
}


def invite_link_from(html: str) -> str:
    match = re.search(r'value="(http://localhost/auth/invite/[^"]+)"', html)
    assert match, "no invitation link on the page"
    return match.group(1).removeprefix("http://localhost")


def test_a_teacher_invites_a_colleague_who_becomes_a_teacher(app, db, make_user, login_as, post_form) -> None:
    inviter = login_as(make_user(Role.TEACHER))
    response = post_form("/auth/invites", {"note": "Carla, history"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    link = invite_link_from(html)
    assert "Carla, history" in html

    guest = app.test_client()
    html = guest.get(link).get_data(as_text=True)
    assert f"{inviter.display_name} invited you" in html
    from tests.conftest import csrf_token_from

    response = guest.post(link, data={**NEW_TEACHER, "csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    teacher = db.session.scalar(select(User).where(User.email == "carla@school.org"))
    assert teacher.role is Role.TEACHER

    # The link works once.
    again = app.test_client().get(link)
    assert again.status_code == 404
    assert "This invitation cannot be used" in again.get_data(as_text=True)
    invite = db.session.scalar(select(Invite))
    assert invite.used_by_id == teacher.id


def test_the_token_itself_is_not_stored(db, make_user) -> None:
    _invite, token = create_invite(db.session, created_by=make_user(Role.TEACHER), note="", now=utcnow())
    db.session.commit()
    assert token not in db.session.scalar(select(Invite.token_hash))


def test_an_expired_invitation_is_refused(client, db, make_user) -> None:
    past = utcnow() - timedelta(days=8)
    _invite, token = create_invite(db.session, created_by=make_user(Role.TEACHER), note="", now=past)
    db.session.commit()
    assert client.get(f"/auth/invite/{token}").status_code == 404


def test_an_unknown_token_is_refused(client) -> None:
    assert client.get("/auth/invite/made-up-token").status_code == 404


def test_students_cannot_invite(client, make_user, login_as) -> None:
    login_as(make_user(Role.STUDENT))
    assert client.get("/auth/invites").status_code == 403
