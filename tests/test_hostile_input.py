"""Random and hostile values posted to the forms: a clear answer every time, never a server error."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.banks.importer import import_bank
from studyapp.models import Role
from tests.conftest import csrf_token_from

SEED_BANK = Path(__file__).resolve().parents[1] / "question_bank" / "us-colombia-relations.json"
HOSTILE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "99999999999999999999", "<script>alert(1)</script>",
                     "' OR 1=1 --", "\x00", "\u202e", "😀" * 50, "a" * 5000, "../../etc/passwd", "{{7*7}}"]),
)
FORMS = {
    "/auth/register": ["display_name", "email", "password", "confirm"],
    "/auth/login": ["email", "password"],
    "/study/settings": ["desired_retention", "new_cards_per_day"],
    "/teach/sets/new": ["title", "text", "visibility"],
    "/teach/sets/blank": ["title"],
    "/teach/classes": ["name"],
    "/classes/join": ["code"],
    "/live/join": ["pin", "nickname"],
    "/study/quiz/check": ["token", "answer", "elapsed_ms"],
    "/study/review": ["token", "rating", "mode", "answer", "elapsed_ms"],
    "/auth/invites": ["note"],
}
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def teacher_client(app, db, make_user):
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    db.session.commit()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
    return client, question_set


ANONYMOUS_FORMS = {"/auth/register", "/auth/login", "/live/join"}


@pytest.mark.parametrize("path", sorted(FORMS))
def test_forms_answer_hostile_values_without_a_server_error(app, teacher_client, path) -> None:
    client, _question_set = teacher_client
    if path in ANONYMOUS_FORMS:
        client = app.test_client()  # signed-in users are sent away from these forms
    token = csrf_token_from(client.get(path if path in ANONYMOUS_FORMS else "/").get_data(as_text=True))

    @SETTINGS
    @given(st.fixed_dictionaries({field: HOSTILE for field in FORMS[path]}))
    def post(values: dict[str, str]) -> None:
        response = client.post(path, data={**values, "csrf_token": token}, follow_redirects=True)
        assert response.status_code < 500, (path, values)

    post()


def test_question_form_answers_hostile_values_without_a_server_error(teacher_client) -> None:
    client, question_set = teacher_client
    url = f"/teach/sets/{question_set.id}/questions/new"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    fields = ["type", "prompt", "answer", "choice_1", "choice_2", "choice_3", "choice_4", "items", "accept",
              "explanation"]

    @SETTINGS
    @given(st.fixed_dictionaries({field: HOSTILE for field in fields}),
           st.sampled_from(["multiple_choice", "who_said", "true_false", "short_answer", "cloze", "order", "x"]))
    def post(values: dict[str, str], kind: str) -> None:
        response = client.post(url, data={**values, "type": kind, "csrf_token": token}, follow_redirects=True)
        assert response.status_code < 500, values

    post()


def test_uploads_of_random_bytes_import_nothing_and_never_fail(teacher_client, db) -> None:
    import io

    from sqlalchemy import func, select

    from studyapp.models import QuestionSet

    client, _question_set = teacher_client
    token = csrf_token_from(client.get("/teach/sets/import").get_data(as_text=True))
    before = db.session.scalar(select(func.count()).select_from(QuestionSet))

    @SETTINGS
    @given(st.binary(max_size=2000), st.sampled_from(["a.json", "a.csv", "a.gift", "a.txt"]))
    def upload(content: bytes, name: str) -> None:
        response = client.post("/teach/sets/import", content_type="multipart/form-data",
                               data={"upload": (io.BytesIO(content), name), "title": "", "csrf_token": token})
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == before

    upload()


def test_an_upload_over_the_size_limit_is_refused_with_a_message(teacher_client) -> None:
    client, _question_set = teacher_client
    # A raw body, so the test client keeps it in memory rather than in a temporary file.
    body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.json\"\r\n\r\n"
    body += b"x" * (5 * 1024 * 1024) + b"\r\n--b--\r\n"
    response = client.post("/teach/sets/import", data=body, content_type="multipart/form-data; boundary=b")
    assert response.status_code == 413
    assert "That upload is too large." in response.get_data(as_text=True)


def test_json_endpoints_answer_hostile_values_with_json_and_write_nothing(app, db, teacher_client) -> None:
    from sqlalchemy import func, select

    from studyapp.live.service import create_live_session, host_move, playable_questions
    from studyapp.models import LiveAnswer, ReviewLog

    client, question_set = teacher_client
    live = create_live_session(db.session, question_set.owner, question_set,
                               [q.id for q in playable_questions(question_set)[:2]], 20, datetime.now(timezone.utc))
    db.session.commit()
    phone = app.test_client()
    page = phone.get(f"/join?pin={live.pin}", follow_redirects=True).get_data(as_text=True)
    phone.post("/live/join", data={"pin": live.pin, "nickname": "Ana", "csrf_token": csrf_token_from(page)})
    host_move(db.session, live, "next", datetime.now(timezone.utc))  # the first question is open
    db.session.commit()
    study_token = csrf_token_from(client.get("/").get_data(as_text=True))
    phone_token = csrf_token_from(phone.get(f"/live/play/{live.id}").get_data(as_text=True))
    json_please = {"Accept": "application/json"}

    @SETTINGS
    @given(HOSTILE, HOSTILE, HOSTILE)
    def post(first: str, second: str, third: str) -> None:
        review = client.post("/study/review", headers=json_please, data={
            "token": first, "rating": second, "mode": third, "answer": first, "csrf_token": study_token})
        assert review.status_code < 500 and review.is_json, (first, second, third)
        answer = phone.post(f"/live/play/{live.id}/answer", headers=json_please, data={
            "index": first, "choice": second, "csrf_token": phone_token})
        assert answer.status_code < 500 and answer.is_json, (first, second)
        state = phone.get(f"/live/play/{live.id}/state?after={quote(third)}")
        assert state.status_code == 200 and state.is_json

    post()
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 0
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0  # no hostile value is a choice
