"""A teacher makes a set from an article, reviews it, and approves what students will see."""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studyapp.models import Question, QuestionSet, QuestionStatus, Role
from studyapp.study.service import next_card
from tests.conftest import csrf_token_from

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.txt"
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def teacher(make_user, login_as):
    return login_as(make_user(Role.TEACHER))


def make_set(client, **fields):
    page = client.get("/teach/sets/new").get_data(as_text=True)
    data = {"title": "", "text": "", "visibility": "private", "csrf_token": csrf_token_from(page), **fields}
    return client.post("/teach/sets/new", data=data, content_type="multipart/form-data")


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@BOTH
def test_pasting_an_article_makes_a_set_of_drafts_to_review(client, db, teacher) -> None:
    response = make_set(client, text=SEED_ARTICLE.read_text())
    assert response.status_code == 302
    question_set = db.session.scalar(select(QuestionSet))
    assert response.headers["Location"] == f"/teach/sets/{question_set.id}"
    assert question_set.title == "US-Colombia Relations" and question_set.owner_id == teacher.id
    assert {q.status for q in question_set.questions} == {QuestionStatus.DRAFT}
    assert len(question_set.conflicts) == 1

    page = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    assert "The article disagrees with itself" in page
    for heading in ("Dates", "Figures", "Quotations", "People"):
        assert f"<h2>{heading}</h2>" in page
    assert "President Donald Trump on 19 October 2025 said he would slash US funding" in page


def test_an_uploaded_web_page_or_markdown_file_works(client, db, teacher) -> None:
    html = b"<html><body><nav>Home | News</nav><h1>Dam opens</h1><p>The dam opened on 3 May 2021 and cost $40 million.</p></body></html>"
    assert make_set(client, upload=(io.BytesIO(html), "dam.html")).status_code == 302
    markdown = b"# Bridge\n\nThe **bridge** opened in June 1931 and carries 95,000 vehicles a day.\n"
    assert make_set(client, upload=(io.BytesIO(markdown), "bridge.md")).status_code == 302
    titles = sorted(db.session.scalars(select(QuestionSet.title)))
    assert titles == ["Bridge", "Dam opens"]
    dam = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "Dam opens"))
    assert "Home | News" not in dam.source_text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({}, "Paste the article&#39;s text here, or choose a file to upload."),
        ({"upload": (io.BytesIO(b"%PDF-1.4 \x00\x01"), "paper.pdf")}, "Upload a .txt, .md or .html file."),
        ({"upload": (io.BytesIO(b"\x00\x01\x02binary"), "notes.txt")}, "looks like a binary file"),
        ({"upload": (io.BytesIO("caf\u00e9 in 2019".encode("latin-1")), "notes.txt")}, "is not UTF-8 text"),
        ({"upload": (io.BytesIO(b""), "empty.txt")}, "is empty"),
        ({"text": "Nothing to ask about here at all."}, "No dates, figures, quotations or people were found"),
        ({"text": "In 2019 it rained.", "upload": (io.BytesIO(b"In 2020 it snowed."), "a.txt")},
         "Paste text or upload a file, not both."),
    ],
)
def test_bad_articles_are_explained_and_nothing_is_saved(client, db, teacher, fields, message) -> None:
    response = make_set(client, **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert count(db, QuestionSet) == 0 and count(db, Question) == 0


@BOTH
def test_only_approved_questions_reach_students(app, client, db, teacher, make_user) -> None:
    make_set(client, text=SEED_ARTICLE.read_text(), visibility="public")
    question_set = db.session.scalar(select(QuestionSet))
    student = make_user()
    now = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
    assert next_card(db.session, student, now) is None

    review = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    first, second = question_set.questions[0].id, question_set.questions[1].id
    csrf = csrf_token_from(review)
    client.post(f"/teach/sets/{question_set.id}/questions/{first}/approve", data={"csrf_token": csrf})
    client.post(f"/teach/sets/{question_set.id}/questions/{second}/delete", data={"csrf_token": csrf})
    db.session.expire_all()
    assert db.session.get(Question, first).status is QuestionStatus.APPROVED
    assert db.session.get(Question, second).status is QuestionStatus.RETIRED
    assert next_card(db.session, student, now).question.id == first

    client.post(f"/teach/sets/{question_set.id}/approve-all", data={"csrf_token": csrf})
    statuses = db.session.scalars(select(Question.status).where(Question.question_set_id == question_set.id)).all()
    assert statuses.count(QuestionStatus.RETIRED) == 1
    assert statuses.count(QuestionStatus.APPROVED) == len(statuses) - 1


def test_teacher_text_is_escaped(client, db, teacher) -> None:
    article = ('Title line\n<script>alert(1)</script> Mayor Ana Ruiz said on 3 May 2021 that '
               '"the <b>plan</b> will work for everyone," and the council agreed.\n')
    make_set(client, text=article, title="<img src=x onerror=alert(1)>")
    question_set = db.session.scalar(select(QuestionSet))
    for path in ("/teach/", f"/teach/sets/{question_set.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_other_teachers_and_students_cannot_touch_a_set(app, client, db, teacher, make_user) -> None:
    make_set(client, text=SEED_ARTICLE.read_text())
    question_set = db.session.scalar(select(QuestionSet))
    question_id = question_set.questions[0].id
    for role, expected in ((Role.TEACHER, 404), (Role.STUDENT, 403)):
        other = app.test_client()
        with other.session_transaction() as session:
            session["_user_id"] = str(make_user(role).id)
        csrf = csrf_token_from(other.get("/").get_data(as_text=True))
        assert other.get(f"/teach/sets/{question_set.id}").status_code == expected
        response = other.post(f"/teach/sets/{question_set.id}/questions/{question_id}/approve", data={"csrf_token": csrf})
        assert response.status_code == expected
        response = other.post(f"/teach/sets/{question_set.id}/approve-all", data={"csrf_token": csrf})
        assert response.status_code == expected
    db.session.expire_all()
    assert db.session.get(Question, question_id).status is QuestionStatus.DRAFT


def test_a_question_of_another_set_cannot_be_changed_through_mine(client, db, teacher) -> None:
    make_set(client, text=SEED_ARTICLE.read_text())
    make_set(client, text="Title\nThe dam opened on 3 May 2021 and cost $40 million.\n")
    mine, other = db.session.scalars(select(QuestionSet).order_by(QuestionSet.id)).all()
    csrf = csrf_token_from(client.get("/").get_data(as_text=True))
    response = client.post(f"/teach/sets/{mine.id}/questions/{other.questions[0].id}/approve", data={"csrf_token": csrf})
    assert response.status_code == 404


def test_visibility_can_be_changed_and_is_checked(client, db, teacher) -> None:
    make_set(client, text=SEED_ARTICLE.read_text())
    question_set = db.session.scalar(select(QuestionSet))
    csrf = csrf_token_from(client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True))
    client.post(f"/teach/sets/{question_set.id}/visibility", data={"visibility": "public", "csrf_token": csrf})
    page = client.post(f"/teach/sets/{question_set.id}/visibility", data={"visibility": "everyone!", "csrf_token": csrf},
                       follow_redirects=True).get_data(as_text=True)
    assert "Choose who may study this set from the list." in page
    db.session.expire_all()
    assert db.session.get(QuestionSet, question_set.id).visibility.value == "public"
    assert re.search(r"<td>public</td>", client.get("/teach/").get_data(as_text=True))
