"""Long articles are made into sets beside the request; the teacher watches the progress, then reviews."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from studyapp.database import utcnow
from studyapp.models import GenerationJob, GenerationStatus, QuestionSet, Role, Visibility
from studyapp.teach import generation
from studyapp.teach.generation import queue_generation, run_generation
from tests.conftest import csrf_token_from

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
SEED = (Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.txt").read_text()
SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"


@pytest.fixture
def teacher(make_user, login_as):
    return login_as(make_user(Role.TEACHER))


def post_article(client, text: str):
    page = client.get("/teach/sets/new").get_data(as_text=True)
    return client.post("/teach/sets/new", data={"text": text, "title": "Relations", "visibility": "private",
                                                "csrf_token": csrf_token_from(page)})


def wait_for_jobs(app) -> None:
    for thread in app.extensions.get("studyapp_generation_threads", []):
        thread.join(timeout=120)
        assert not thread.is_alive()


@BOTH
def test_a_long_article_is_made_beside_the_request_then_opens_for_review(app, client, db, teacher) -> None:
    app.config["GENERATE_IN_BACKGROUND_ABOVE"] = 1_000  # the seed article counts as long here
    response = post_article(client, SEED)
    assert response.status_code == 302 and "/teach/generations/" in response.headers["Location"]
    wait_for_jobs(app)
    finished = client.get(response.headers["Location"])
    assert finished.status_code == 302 and "/teach/sets/" in finished.headers["Location"]
    job = db.session.scalars(db.select(GenerationJob)).one()
    assert job.status is GenerationStatus.DONE and job.progress == 100 and job.article_text == ""
    question_set = db.session.get(QuestionSet, job.question_set_id)
    assert question_set.owner_id == teacher.id and question_set.title == "Relations"
    made = json.loads(SEED_BANK.read_text())["questions"]  # the committed bank is what the generator makes
    assert len(question_set.questions) == len(made) and question_set.source_text == SEED


def test_a_short_article_is_still_made_at_once(app, client, db, teacher) -> None:
    response = post_article(client, SEED)
    assert response.status_code == 302 and "/teach/sets/" in response.headers["Location"]
    assert db.session.scalars(db.select(GenerationJob)).all() == []


def test_the_page_shows_progress_and_refreshes_itself_while_the_job_runs(client, db, teacher) -> None:
    job = queue_generation(db.session, teacher, SEED, filename="article.txt", title=None,
                           visibility=Visibility.PRIVATE)
    job.status, job.progress = GenerationStatus.RUNNING, 40
    db.session.commit()
    page = client.get(f"/teach/generations/{job.id}").get_data(as_text=True)
    assert 'value="40"' in page and "Reading the article: 40%" in page
    assert '<meta http-equiv="refresh" content="2">' in page


def test_an_article_with_nothing_to_ask_ends_with_that_message(app, client, db, teacher) -> None:
    app.config["GENERATE_IN_BACKGROUND_ABOVE"] = 100
    response = post_article(client, "A title\n" + "The weather was calm and the sea was grey. " * 10)
    wait_for_jobs(app)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "No set was made" in page and "No dates, figures, quotations or people" in page
    assert "refresh" not in page
    assert db.session.scalars(db.select(QuestionSet)).all() == []


@BOTH
def test_an_unexpected_error_is_told_and_saves_nothing(client, db, teacher, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("the model fell over")

    monkeypatch.setattr(generation, "create_set_from_article", broken)
    job = queue_generation(db.session, teacher, SEED, filename="article.txt", title=None,
                           visibility=Visibility.PRIVATE)
    db.session.commit()
    run_generation(db.session, job.id)
    page = client.get(f"/teach/generations/{job.id}").get_data(as_text=True)
    assert "Something went wrong while reading this article" in page and "fell over" not in page
    assert db.session.scalars(db.select(QuestionSet)).all() == []


def test_a_job_whose_process_stopped_is_told_as_failed(client, db, teacher) -> None:
    job = queue_generation(db.session, teacher, SEED, filename="article.txt", title=None,
                           visibility=Visibility.PRIVATE)
    db.session.commit()
    job.status, job.updated_at = GenerationStatus.RUNNING, utcnow() - timedelta(minutes=10)
    db.session.commit()
    page = client.get(f"/teach/generations/{job.id}").get_data(as_text=True)
    assert "The server stopped while it was making this set" in page


def test_another_teacher_cannot_see_the_job(client, db, make_user, login_as, teacher) -> None:
    job = queue_generation(db.session, teacher, SEED, filename="article.txt", title=None,
                           visibility=Visibility.PRIVATE)
    db.session.commit()
    login_as(make_user(Role.TEACHER))
    assert client.get(f"/teach/generations/{job.id}").status_code == 404


def test_a_pasted_article_up_to_the_limit_is_taken(app, client, db, teacher, monkeypatch) -> None:
    queued = []
    monkeypatch.setattr("studyapp.teach.routes.start_generation", lambda app, job_id: queued.append(job_id))
    text = "A long article\n" + ("The council met on 3 March 2020 and approved 42 new buses. " * 16_000)[:990_000]
    response = post_article(client, text)
    assert response.status_code == 302 and "/teach/generations/" in response.headers["Location"]
    job = db.session.get(GenerationJob, queued[0])
    assert job.article_text == text and job.status is GenerationStatus.QUEUED
