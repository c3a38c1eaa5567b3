"""Classes: create one, join it with its code, assign sets, and students see them."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studyapp.banks.importer import import_bank
from studyapp.classes.service import CODE_ALPHABET, CODE_LENGTH
from studyapp.models import Assignment, Classroom, Enrollment, Role, Visibility
from studyapp.study.service import next_card
from tests.conftest import csrf_token_from

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


def signed_in(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    return client


def post(client, url, data, page=None):
    html = client.get(page or url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token_from(html)})


@pytest.fixture
def private_set(db, make_user):
    teacher = make_user(Role.TEACHER)
    summary = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher,
                          visibility=Visibility.PRIVATE, approve=True)
    db.session.commit()
    return summary.question_set


@BOTH
def test_a_class_from_creation_to_a_student_studying_its_set(app, db, make_user, private_set) -> None:
    teacher = private_set.owner
    teacher_client = signed_in(app, teacher)
    response = post(teacher_client, "/teach/classes", {"name": "History 9B"})
    classroom = db.session.scalar(select(Classroom))
    assert response.headers["Location"] == f"/teach/classes/{classroom.id}"
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}", classroom.join_code)

    student = make_user()
    now = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    assert next_card(db.session, student, now) is None  # a private set: not yet
    student_client = signed_in(app, student)
    typed = classroom.join_code.lower()[:4] + "-" + classroom.join_code.lower()[4:]  # as a student might type it
    response = post(student_client, "/classes/join", {"code": typed})
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 1

    post(teacher_client, f"/teach/classes/{classroom.id}",
         {"question_set": str(private_set.id), "due_at": "2026-03-09T17:00"})
    assignment = db.session.scalar(select(Assignment))
    assert assignment.due_at == datetime(2026, 3, 9, 17, tzinfo=timezone.utc)

    home = student_client.get("/").get_data(as_text=True)
    assert "Assignments" in home and "History 9B" in home and "09 Mar 2026 17:00 UTC" in home
    assert next_card(db.session, student, now) is not None  # assigned: now studyable
    assert "Student" in teacher_client.get(f"/teach/classes/{classroom.id}").get_data(as_text=True)


@pytest.mark.parametrize(("code", "message"), [("NOPE1234", "No class has that code."), ("", "This field is required.")])
def test_a_wrong_code_is_explained(app, db, make_user, code, message) -> None:
    client = signed_in(app, make_user())
    page = post(client, "/classes/join", {"code": code}).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0


def test_joining_twice_is_explained(app, db, make_user, private_set) -> None:
    classroom = Classroom(teacher_id=private_set.owner_id, name="Math", join_code="ABCD2345")
    db.session.add(classroom)
    db.session.commit()
    client = signed_in(app, make_user())
    post(client, "/classes/join", {"code": "ABCD2345"})
    page = post(client, "/classes/join", {"code": "abcd2345"}).get_data(as_text=True)
    assert "You are already in Math." in page
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 1


def test_other_teachers_cannot_see_or_change_a_class(app, db, make_user, private_set) -> None:
    classroom = Classroom(teacher_id=private_set.owner_id, name="Math", join_code="ABCD2345")
    db.session.add(classroom)
    db.session.commit()
    other = signed_in(app, make_user(Role.TEACHER))
    assert other.get(f"/teach/classes/{classroom.id}").status_code == 404
    student = signed_in(app, make_user())
    assert student.get(f"/teach/classes/{classroom.id}").status_code == 403
    assert student.get("/teach/classes").status_code == 403


def test_a_teacher_cannot_assign_someone_elses_set(app, db, make_user, private_set) -> None:
    teacher = make_user(Role.TEACHER)
    import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True)  # a set of their own
    classroom = Classroom(teacher_id=teacher.id, name="Math", join_code="ABCD2345")
    db.session.add(classroom)
    db.session.commit()
    client = signed_in(app, teacher)
    response = post(client, f"/teach/classes/{classroom.id}", {"question_set": str(private_set.id)})
    assert response.status_code == 200  # not one of the choices: the form says so
    assert "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Assignment)) == 0


@BOTH
def test_a_teacher_removes_a_student_rotates_the_code_and_archives_the_class(app, db, make_user,
                                                                          private_set) -> None:
    teacher_client = signed_in(app, private_set.owner)
    classroom = Classroom(teacher_id=private_set.owner_id, name="Math", join_code="ABCD2345")
    db.session.add(classroom)
    db.session.commit()
    student, other = make_user(), make_user()
    for who in (student, other):
        post(signed_in(app, who), "/classes/join", {"code": "ABCD2345"})
    page = f"/teach/classes/{classroom.id}"

    response = post(teacher_client, f"/teach/classes/{classroom.id}/students/{student.id}/remove", {}, page=page)
    assert response.status_code == 302
    assert db.session.scalars(select(Enrollment.student_id)).all() == [other.id]
    assert post(teacher_client, f"/teach/classes/{classroom.id}/students/{student.id}/remove", {},
                page=page).status_code == 404  # no longer there

    post(teacher_client, f"/teach/classes/{classroom.id}/code", {}, page=page)
    db.session.refresh(classroom)
    assert classroom.join_code != "ABCD2345"
    assert "No class has that code." in post(signed_in(app, make_user()), "/classes/join",
                                             {"code": "ABCD2345"}).get_data(as_text=True)

    post(teacher_client, f"/teach/classes/{classroom.id}/archive", {"archived": "1"}, page=page)
    db.session.refresh(classroom)
    assert classroom.archived_at is not None
    assert "No class has that code." in post(signed_in(app, make_user()), "/classes/join",
                                             {"code": classroom.join_code}).get_data(as_text=True)
    post(teacher_client, f"/teach/classes/{classroom.id}/archive", {"archived": "0"}, page=page)
    db.session.refresh(classroom)
    assert classroom.archived_at is None


def test_a_student_leaves_a_class_and_nobody_else_can_change_it(app, db, make_user, private_set) -> None:
    classroom = Classroom(teacher_id=private_set.owner_id, name="Math", join_code="ABCD2345")
    db.session.add(classroom)
    db.session.commit()
    student = make_user()
    client = signed_in(app, student)
    post(client, "/classes/join", {"code": "ABCD2345"})
    assert "Math" in client.get("/classes/join").get_data(as_text=True)
    stranger = signed_in(app, make_user(Role.TEACHER))
    assert post(stranger, f"/teach/classes/{classroom.id}/students/{student.id}/remove", {},
                page="/teach/classes").status_code == 404
    assert post(client, f"/teach/classes/{classroom.id}/code", {}, page="/classes/join").status_code == 403
    response = post(client, f"/classes/{classroom.id}/leave", {}, page="/classes/join")
    assert response.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Enrollment)) == 0
    assert post(client, f"/classes/{classroom.id}/leave", {}, page="/classes/join").status_code == 404
    assert client.post(f"/classes/{classroom.id}/leave").status_code == 400  # no CSRF token
