"""Who may open which page: one table of (method, route, who, expected status) over every route.

"student" is enrolled in the owner's class; "other student" and "other teacher" have no
link to the owner's set or class. 302 for anonymous means "sent to log in"; 404 for
another teacher means the set or class is not theirs (its existence is not revealed).
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from studyapp.banks.importer import import_bank
from studyapp.live.service import create_live_session
from studyapp.models import Assignment, Classroom, Enrollment, Role, Visibility
from studyapp.teach.generation import queue_generation
from tests.banks.conftest import small_bank
from tests.conftest import csrf_token_from

ANON, STUDENT, OTHER_STUDENT, TEACHER, OTHER_TEACHER, ADMIN = (
    "anonymous", "student", "other student", "teacher", "other teacher", "admin")
EVERYONE = (ANON, STUDENT, OTHER_STUDENT, TEACHER, OTHER_TEACHER)


def expect(**by_who: int) -> dict[str, int]:
    return by_who


SET = "/teach/sets/{set_id}"
QUESTION = SET + "/questions/{question_id}"
CLASS = "/teach/classes/{class_id}"
TEACHERS_ONLY = {ANON: 302, STUDENT: 403, OTHER_STUDENT: 403, TEACHER: 200, OTHER_TEACHER: 200}
OWNER_ONLY = {ANON: 302, STUDENT: 403, OTHER_STUDENT: 403, TEACHER: 200, OTHER_TEACHER: 404}
OWNER_ACTION = {ANON: 302, STUDENT: 403, OTHER_STUDENT: 403, TEACHER: 302, OTHER_TEACHER: 404}
SIGNED_IN = {ANON: 302, STUDENT: 200, OTHER_STUDENT: 200, TEACHER: 200, OTHER_TEACHER: 200}

ROUTES: list[tuple[str, str, dict[str, int]]] = [
    ("GET", "/", dict.fromkeys(EVERYONE, 200)),
    ("GET", "/healthz", dict.fromkeys(EVERYONE, 200)),
    ("GET", "/auth/login", {ANON: 200, STUDENT: 302, OTHER_STUDENT: 302, TEACHER: 302, OTHER_TEACHER: 302}),
    ("GET", "/auth/register", {ANON: 200, STUDENT: 302, OTHER_STUDENT: 302, TEACHER: 302, OTHER_TEACHER: 302}),
    ("POST", "/auth/logout", dict.fromkeys(EVERYONE, 302)),
    ("GET", "/auth/invites", TEACHERS_ONLY),
    ("POST", "/auth/invites", {**TEACHERS_ONLY, TEACHER: 302, OTHER_TEACHER: 302}),
    ("GET", "/auth/invite/not-a-real-token", {ANON: 404, STUDENT: 404, OTHER_STUDENT: 404, TEACHER: 404,
                                               OTHER_TEACHER: 404}),
    ("GET", "/study/", SIGNED_IN),
    ("GET", "/study/flashcards", SIGNED_IN),
    ("GET", "/study/quiz", SIGNED_IN),
    ("GET", "/study/flashcards/answer", {**SIGNED_IN, STUDENT: 302, OTHER_STUDENT: 302, TEACHER: 302,
                                         OTHER_TEACHER: 302}),  # without a card token: back to the next card
    ("POST", "/study/quiz/check", {**SIGNED_IN, STUDENT: 302, OTHER_STUDENT: 302, TEACHER: 302, OTHER_TEACHER: 302}),
    ("POST", "/study/review", {**SIGNED_IN, STUDENT: 302, OTHER_STUDENT: 302, TEACHER: 302, OTHER_TEACHER: 302}),
    ("GET", "/study/progress", SIGNED_IN),
    ("GET", "/study/settings", SIGNED_IN),
    ("GET", "/classes/join", SIGNED_IN),
    ("GET", "/teach/", TEACHERS_ONLY),
    ("GET", "/teach/sets/new", TEACHERS_ONLY),
    ("GET", "/teach/sets/blank", TEACHERS_ONLY),
    ("GET", "/teach/sets/import", TEACHERS_ONLY),
    ("GET", "/teach/classes", TEACHERS_ONLY),
    ("GET", "/teach/generations/{job_id}", OWNER_ONLY),
    ("GET", SET, OWNER_ONLY),
    ("GET", SET + "/statistics", OWNER_ONLY),
    ("GET", SET + "/statistics.csv", OWNER_ONLY),
    ("GET", SET + "/export/json", OWNER_ONLY),
    ("GET", SET + "/export/csv", OWNER_ONLY),
    ("GET", SET + "/export/gift", OWNER_ONLY),
    ("GET", SET + "/export/apkg", OWNER_ONLY),
    ("GET", SET + "/questions/new", OWNER_ONLY),
    ("GET", QUESTION + "/edit", OWNER_ONLY),
    ("POST", QUESTION + "/approve", OWNER_ACTION),
    ("POST", QUESTION + "/unapprove", OWNER_ACTION),
    ("POST", QUESTION + "/distractors", OWNER_ACTION),
    ("POST", QUESTION + "/delete", OWNER_ACTION),
    ("POST", SET + "/approve-all", OWNER_ACTION),
    ("POST", SET + "/visibility", OWNER_ACTION),
    ("GET", CLASS, OWNER_ONLY),
    ("GET", CLASS + "/progress", OWNER_ONLY),
    ("GET", CLASS + "/progress.csv", OWNER_ONLY),
    ("POST", CLASS + "/assignments/{assignment_id}/remove", OWNER_ACTION),
    ("POST", CLASS + "/students/{student_id}/remove", OWNER_ACTION),
    ("POST", CLASS + "/code", OWNER_ACTION),
    ("POST", CLASS + "/archive", OWNER_ACTION),
    # Only a student of the class can leave it; for anyone else there is no such membership.
    ("POST", "/classes/{class_id}/leave", {ANON: 302, STUDENT: 302, OTHER_STUDENT: 404, TEACHER: 404,
                                           OTHER_TEACHER: 404}),
    ("GET", "/join", dict.fromkeys(EVERYONE, 302)),
    ("GET", "/live/join", dict.fromkeys(EVERYONE, 200)),
    ("GET", "/live/new/{set_id}", OWNER_ONLY),
    ("GET", "/live/host/{live_id}", OWNER_ONLY),
    ("GET", "/live/host/{live_id}/state", OWNER_ONLY),
    ("GET", "/live/host/{live_id}/results.csv", OWNER_ONLY),
    ("POST", "/live/host/{live_id}/move", OWNER_ACTION),
    # Players are known by their game cookie, not their account: without one, join first.
    ("GET", "/live/play/{live_id}", dict.fromkeys(EVERYONE, 302)),
    ("GET", "/live/play/{live_id}/state", dict.fromkeys(EVERYONE, 200)),  # what every player may see
    ("GET", "/live/play/{live_id}/me", dict.fromkeys(EVERYONE, 403)),  # a player's own score: players only
    ("POST", "/live/play/{live_id}/answer", dict.fromkeys(EVERYONE, 403)),
]


@pytest.fixture
def world(db, make_user):
    """An owner with a set and a class with one enrolled student, and two outsiders."""
    people = {
        TEACHER: make_user(Role.TEACHER, email="owner@school.org"),
        OTHER_TEACHER: make_user(Role.TEACHER, email="other-teacher@school.org"),
        STUDENT: make_user(Role.STUDENT, email="student@school.org"),
        OTHER_STUDENT: make_user(Role.STUDENT, email="other-student@school.org"),
    }
    question_set = import_bank(db.session, small_bank(), owner=people[TEACHER], approve=True).question_set
    classroom = Classroom(teacher_id=people[TEACHER].id, name="History 9B", join_code="HIST9BAB")
    db.session.add(classroom)
    db.session.flush()
    db.session.add(Enrollment(classroom_id=classroom.id, student_id=people[STUDENT].id))
    assignment = Assignment(classroom_id=classroom.id, question_set_id=question_set.id)
    db.session.add(assignment)
    live = create_live_session(db.session, people[TEACHER], question_set, [q.id for q in question_set.questions],
                               20, datetime.now(timezone.utc))
    job = queue_generation(db.session, people[TEACHER], "An article.", filename="article.txt", title=None,
                           visibility=Visibility.PRIVATE)
    db.session.commit()
    ids = {"set_id": question_set.id, "question_id": question_set.questions[0].id, "class_id": classroom.id,
           "assignment_id": assignment.id, "live_id": live.id, "job_id": job.id, "student_id": people[STUDENT].id}
    return people, ids


@pytest.mark.parametrize(("method", "route", "expected"), ROUTES, ids=[f"{m} {r}" for m, r, _ in ROUTES])
@pytest.mark.parametrize("who", EVERYONE)
def test_route_access(app, world, method, route, expected, who) -> None:
    people, ids = world
    client = app.test_client()
    if who != ANON:
        with client.session_transaction() as session:
            session["_user_id"] = str(people[who].id)
    data = {}
    if method == "POST":
        # A valid token, so that the answer is about who is asking and not about CSRF.
        data["csrf_token"] = csrf_token_from(client.get("/auth/login" if who == ANON else "/").get_data(as_text=True))
    response = client.open(route.format(**ids), method=method, data=data)
    assert response.status_code == expected[who]


def test_every_route_is_in_the_table(app) -> None:
    def shape(rule: str) -> str:
        import re
        return re.sub(r"<[^>]+>|\{[^}]+\}|not-a-real-token|json|csv|gift|apkg", "*", rule)

    listed = {shape(route) for _method, route, _expected in ROUTES}
    routes = {shape(rule.rule) for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    assert routes - listed == set()


def test_admins_may_open_any_teachers_set(app, world, make_user) -> None:
    _people, ids = world
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(make_user(Role.ADMIN).id)
    assert client.get(SET.format(**ids)).status_code == 200
    assert client.get(CLASS.format(**ids)).status_code == 200
