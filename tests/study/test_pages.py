"""The study pages through the test client: flashcards, quiz, exactly once, settings."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from studyapp.models import CardState, Question, ReviewLog
from tests.conftest import csrf_token_from

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{name}"', html)
    assert match, f"no {name} on the page"
    return match.group(1).replace("&amp;", "&")


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@BOTH
def test_flashcard_loop(client, db, make_user, login_as, seed_set) -> None:
    student = login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    token = hidden(front, "token")
    first_question = db.session.get(Question, seed_set.questions[0].id)
    assert first_question.prompt in front.replace("&#39;", "'") or "card-prompt" in front
    # The back comes with the front for the page's script, but hidden until asked for.
    visible_front, hidden_back = front.split('<div class="card-back" data-card-back hidden>')
    assert first_question.answer not in re.sub(r"<li>.*?</li>", "", visible_front, flags=re.S)
    assert "<mark>" in hidden_back and 'name="rating" value="3"' in hidden_back

    back = client.get(f"/study/flashcards/answer?token={token}").get_data(as_text=True)
    assert "<mark>" in back  # the answer marked in its source sentence
    assert re.search(r'name="rating" value="1"[^>]*>\s*<span class="rating-name">Again</span>\s*'
                     r'<span class="rating-interval">1m</span>', back)

    response = client.post("/study/review", data={"token": token, "rating": "3", "mode": "flashcards",
                                                   "csrf_token": csrf_token_from(back)})
    assert response.status_code == 302 and response.headers["Location"] == "/study/flashcards"
    log = db.session.scalar(select(ReviewLog))
    assert (log.user_id, log.rating, log.correct) == (student.id, 3, True)
    assert log.duration_ms is not None and log.duration_ms >= 0


@BOTH
def test_a_double_clicked_rating_counts_once(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    token = hidden(client.get("/study/flashcards").get_data(as_text=True), "token")
    back = client.get(f"/study/flashcards/answer?token={token}").get_data(as_text=True)
    form = {"token": token, "rating": "4", "mode": "flashcards", "csrf_token": csrf_token_from(back)}
    client.post("/study/review", data=form)
    client.post("/study/review", data=form)
    assert count(db, ReviewLog) == 1
    assert db.session.scalar(select(CardState.reps)) == 1


JSON = {"Accept": "application/json"}


@BOTH
def test_answering_in_place_returns_the_next_card_with_a_fresh_token(client, db, make_user, login_as,
                                                                      seed_set) -> None:
    """The study page's script: one POST per card, the next card coming back as HTML to put in place."""
    login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    token, csrf = hidden(front, "token"), csrf_token_from(front)
    seen_tokens = [token]
    for rating in ("3", "4", "1"):
        response = client.post("/study/review", headers=JSON,
                               data={"token": token, "rating": rating, "mode": "flashcards", "csrf_token": csrf})
        assert response.status_code == 200 and response.json["title"] == "Flashcards"
        assert response.json["notice"] is None
        rating_form = response.json["html"].split("data-study-rating", 1)[1]
        token = hidden(rating_form, "token")  # the token the rating buttons will send
        seen_tokens.append(token)
    assert len(set(seen_tokens)) == 4  # the answered card's token never comes back in the next card's form
    logs = db.session.scalars(select(ReviewLog).order_by(ReviewLog.id)).all()
    assert [log.rating for log in logs] == [3, 4, 1]
    assert len({log.question_id for log in logs}) == 3


def test_answering_in_place_twice_counts_once_and_explains_problems(client, db, make_user, login_as,
                                                                    seed_set) -> None:
    login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    form = {"token": hidden(front, "token"), "rating": "3", "mode": "flashcards", "csrf_token": csrf_token_from(front)}
    first = client.post("/study/review", headers=JSON, data=form)
    again = client.post("/study/review", headers=JSON, data=form)
    assert first.status_code == again.status_code == 200
    assert count(db, ReviewLog) == 1

    refused = client.post("/study/review", headers=JSON, data={**form, "rating": "7"})
    assert refused.status_code == 400 and "Again, Hard, Good or Easy" in refused.json["message"]
    forged = client.post("/study/review", headers=JSON, data={**form, "token": "forged.token"})
    assert forged.status_code == 200 and "expired" in forged.json["notice"]
    assert "Show answer" in forged.json["html"]
    assert count(db, ReviewLog) == 1


def test_answering_the_last_card_in_place_says_all_done(client, db, make_user, login_as, seed_set) -> None:
    student = login_as(make_user())
    student.new_cards_per_day = 1
    db.session.commit()
    front = client.get("/study/quiz").get_data(as_text=True)
    response = client.post("/study/review", headers=JSON, data={
        "token": hidden(front, "token"), "rating": "4", "mode": "quiz", "answer": "x",
        "csrf_token": csrf_token_from(front)})
    assert response.json["title"] == "All done" and "All caught up" in response.json["html"]
    assert count(db, ReviewLog) == 1


def test_a_second_tab_is_told_and_changes_nothing(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    token_tab_one = hidden(front, "token")
    token_tab_two = hidden(client.get("/study/flashcards").get_data(as_text=True), "token")
    assert token_tab_one != token_tab_two
    csrf = csrf_token_from(front)
    client.post("/study/review", data={"token": token_tab_one, "rating": "3", "mode": "flashcards", "csrf_token": csrf})
    page = client.post("/study/review", data={"token": token_tab_two, "rating": "1", "mode": "flashcards",
                                              "csrf_token": csrf}, follow_redirects=True)
    assert "already answered in another tab" in page.get_data(as_text=True)
    assert count(db, ReviewLog) == 1


@BOTH
def test_quiz_grades_and_suggests_a_rating(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    front = client.get("/study/quiz").get_data(as_text=True)
    token = hidden(front, "token")
    question = db.session.get(Question, seed_set.questions[0].id)
    assert question.type.value == "multiple_choice"
    feedback = client.post("/study/quiz/check", data={"token": token, "answer": question.answer,
                                                      "csrf_token": csrf_token_from(front)}).get_data(as_text=True)
    assert "Right" in feedback
    assert re.search(r'class="rating rating-easy suggested"', feedback)  # right, and quick
    client.post("/study/review", data={"token": token, "rating": "3", "mode": "quiz", "answer": question.answer,
                                       "elapsed_ms": hidden(feedback, "elapsed_ms"),
                                       "csrf_token": csrf_token_from(feedback)})
    log = db.session.scalar(select(ReviewLog))
    assert (log.correct, log.answer_given, log.rating) == (True, question.answer, 3)


def test_the_server_grades_again_rather_than_trust_the_page(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    front = client.get("/study/quiz").get_data(as_text=True)
    client.post("/study/review", data={"token": hidden(front, "token"), "rating": "4", "mode": "quiz",
                                       "answer": "certainly not the answer", "csrf_token": csrf_token_from(front)})
    assert db.session.scalar(select(ReviewLog.correct)) is False


def test_a_forged_token_records_nothing(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    page = client.post("/study/review", data={"token": "forged.token.value", "rating": "3", "mode": "flashcards",
                                              "csrf_token": csrf_token_from(front)}, follow_redirects=True)
    assert "expired" in page.get_data(as_text=True)
    assert count(db, ReviewLog) == 0


def test_another_students_token_records_nothing(app, client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    token = hidden(client.get("/study/flashcards").get_data(as_text=True), "token")
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(make_user().id)
    page = other.get("/study/flashcards").get_data(as_text=True)
    other.post("/study/review", data={"token": token, "rating": "3", "mode": "flashcards",
                                      "csrf_token": csrf_token_from(page)})
    assert count(db, ReviewLog) == 0


@pytest.mark.parametrize("rating", ["0", "5", "x", ""])
def test_a_bad_rating_is_refused_with_a_message(client, db, make_user, login_as, seed_set, rating) -> None:
    login_as(make_user())
    front = client.get("/study/flashcards").get_data(as_text=True)
    page = client.post("/study/review", data={"token": hidden(front, "token"), "rating": rating, "mode": "flashcards",
                                              "csrf_token": csrf_token_from(front)}, follow_redirects=True)
    assert "Choose Again, Hard, Good or Easy" in page.get_data(as_text=True)
    assert count(db, ReviewLog) == 0


def test_when_everything_is_done(client, db, make_user, login_as, seed_set) -> None:
    student = make_user()
    student.new_cards_per_day = 0
    db.session.commit()
    login_as(student)
    assert "All caught up" in client.get("/study/flashcards").get_data(as_text=True)


def test_settings_are_validated_and_saved(client, db, make_user, login_as, post_form) -> None:
    student = login_as(make_user())
    zone = {"time_zone": "UTC"}
    page = post_form("/study/settings", {"desired_retention": "0.99", "new_cards_per_day": "10", **zone})
    assert "Choose between 0.70 and 0.97." in page.get_data(as_text=True)
    page = post_form("/study/settings", {"desired_retention": "0.85", "new_cards_per_day": "-1", **zone})
    assert "Choose a number from 0 to 1000." in page.get_data(as_text=True)
    page = post_form("/study/settings", {"desired_retention": "0.85", "new_cards_per_day": "5",
                                         "time_zone": "Mars/Olympus_Mons"})
    assert "Not a valid choice." in page.get_data(as_text=True)
    response = post_form("/study/settings", {"desired_retention": "0.85", "new_cards_per_day": "12",
                                             "time_zone": "America/Bogota"})
    assert response.status_code == 302
    db.session.refresh(student)
    assert (student.desired_retention, student.new_cards_per_day, student.time_zone) == (0.85, 12, "America/Bogota")


def test_progress_page_draws_its_charts_on_the_server(client, db, make_user, login_as, seed_set) -> None:
    login_as(make_user())
    token = hidden(client.get("/study/flashcards").get_data(as_text=True), "token")
    back = client.get(f"/study/flashcards/answer?token={token}").get_data(as_text=True)
    client.post("/study/review", data={"token": token, "rating": "3", "mode": "flashcards",
                                       "csrf_token": csrf_token_from(back)})
    html = client.get("/study/progress").get_data(as_text=True)
    assert html.count('<svg class="chart"') == 2 and 'role="img"' in html
    assert 'aria-label="Reviews in the last 30 days: 1 in all, at most 1 on one day"' in html
    assert "US-Colombia Relations" in html and "Dates" in html
    assert "<script" not in html.split("</head>")[1]  # no inline or page script needed
