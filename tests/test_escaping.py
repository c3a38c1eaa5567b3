"""Script written into any field by a teacher, a student or a player comes back as text.

Every field people write (set and question text, facts, class names, display names,
invitation notes, typed answers, live nicknames) carries its own <script> payload.
Then every page of the access table is opened as each kind of visitor and the
pages a player sees are opened too: no HTML response may contain a bare <script>
(the app's own scripts are all <script src=...>), and each payload must show up
escaped somewhere, which proves the field was rendered at all.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from studyapp.auth.accounts import create_invite
from studyapp.banks.importer import import_bank
from studyapp.live.service import create_live_session
from studyapp.models import Assignment, Classroom, Enrollment, LiveSession, Role, Visibility
from studyapp.teach.generation import queue_generation
from tests.banks.conftest import small_bank
from tests.conftest import csrf_token_from
from tests.test_access import ROUTES


def payload(field: str) -> str:
    return f"<script>{field}</script>"


def escaped(field: str) -> str:
    return f"&lt;script&gt;{field}&lt;/script&gt;"


# Nicknames are at most 20 characters, so the player's payload is a short one.
FIELDS = ["set-title", "prompt", "answer", "choice", "speaker", "sentence", "class-name", "teacher-name",
          "student-name", "invite-note", "typed", "nk", "job-title"]


def hostile_bank() -> dict:
    bank = small_bank()
    bank["title"] = "Trade " + payload("set-title")
    date_fact, quote_fact = bank["facts"]
    date_fact["sentence"] = date_fact["sentence"].rstrip(".") + " " + payload("sentence") + "."
    quote_fact["speaker"] = "Donald Trump " + payload("speaker")
    multiple_choice, who_said = bank["questions"]
    multiple_choice["prompt"] = "When " + payload("prompt") + "?"
    multiple_choice["answer"] = "2006 " + payload("answer")
    multiple_choice["choices"] = ["2004 " + payload("choice"), multiple_choice["answer"], "2008", "2012"]
    who_said["answer"] = who_said["choices"][0] = quote_fact["speaker"]
    return bank


@pytest.fixture
def hostile_world(app, db, make_user):
    teacher = make_user(Role.TEACHER, email="owner@school.org", name="Teacher " + payload("teacher-name"))
    student = make_user(Role.STUDENT, email="student@school.org", name="Student " + payload("student-name"))
    question_set = import_bank(db.session, hostile_bank(), owner=teacher, approve=True).question_set
    classroom = Classroom(teacher_id=teacher.id, name="Class " + payload("class-name"), join_code="HOSTILE1")
    db.session.add(classroom)
    db.session.flush()
    db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
    assignment = Assignment(classroom_id=classroom.id, question_set_id=question_set.id)
    db.session.add(assignment)
    create_invite(db.session, created_by=teacher, note="For " + payload("invite-note"), now=datetime.now(timezone.utc))
    live = create_live_session(db.session, teacher, question_set, [q.id for q in question_set.questions], 20,
                               datetime.now(timezone.utc))
    job = queue_generation(db.session, teacher, "An article.", filename="article.txt",
                           title="Article " + payload("job-title"), visibility=Visibility.PRIVATE)
    db.session.commit()
    ids = {"set_id": question_set.id, "question_id": question_set.questions[0].id, "class_id": classroom.id,
           "assignment_id": assignment.id, "live_id": live.id, "job_id": job.id}
    return {"teacher": teacher, "student": student}, ids


def signed_in(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(user.id)
    return client


def type_a_hostile_answer(client) -> None:
    """The student answers a quiz question by typing script (it ends up in the item statistics)."""
    page = client.get("/study/quiz").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/study/review", data={"token": token, "rating": "1", "mode": "quiz", "answer": payload("typed"),
                                       "csrf_token": csrf_token_from(page)})


def join_as_player(app, live: LiveSession):
    client = app.test_client()
    page = client.get(f"/join?pin={live.pin}", follow_redirects=True).get_data(as_text=True)
    response = client.post("/live/join", data={"pin": live.pin, "nickname": payload("nk"),
                                               "csrf_token": csrf_token_from(page)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def test_everything_people_write_comes_back_escaped(app, db, hostile_world) -> None:
    people, ids = hostile_world
    teacher, student = signed_in(app, people["teacher"]), signed_in(app, people["student"])
    type_a_hostile_answer(student)
    live = db.session.scalar(select(LiveSession))
    player = join_as_player(app, live)

    pages: dict[str, str] = {}
    for who, client in (("teacher", teacher), ("student", student), ("player", player)):
        for method, route, _expected in ROUTES:
            if method != "GET":
                continue
            response = client.get(route.format(**ids), follow_redirects=True)
            assert response.status_code < 500
            if response.mimetype == "text/html":
                pages[f"{who} {route}"] = response.get_data(as_text=True)
            else:
                # JSON and downloads are never sniffed into HTML by the browser.
                assert response.headers["X-Content-Type-Options"] == "nosniff"
                assert response.mimetype in {"application/json", "text/csv", "application/octet-stream",
                                             "text/plain", "image/svg+xml", "application/zip"}, route

    assert len(pages) > 40
    for name, html in pages.items():
        assert "<script>" not in html, f"unescaped script on {name}"
    everything = "\n".join(pages.values())
    missing = [field for field in FIELDS if escaped(field) not in everything]
    assert missing == []
