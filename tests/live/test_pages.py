"""Live quiz pages through the test client: host, players, and what a player's browser may see."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from studyapp.banks.importer import import_bank
from studyapp.database import read_only_transactions
from studyapp.live.service import playable_questions
from studyapp.models import LiveAnswer, LiveSession, Role
from tests.conftest import close_app, csrf_token_from, make_app

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"


@pytest.fixture
def hosted(app, db, make_user):
    """A teacher's client with a live session in its lobby, made through the pages."""
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    db.session.commit()
    host = app.test_client()
    with host.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
    page = host.get(f"/live/new/{question_set.id}").get_data(as_text=True)
    chosen = [q.id for q in playable_questions(question_set)[:2]]
    response = host.post(f"/live/new/{question_set.id}", data={"questions": chosen, "seconds": "20",
                                                                "csrf_token": csrf_token_from(page)})
    live = db.session.scalar(select(LiveSession))
    assert response.headers["Location"] == f"/live/host/{live.id}"
    return host, live


def player(app, live, nickname):
    client = app.test_client()
    page = client.get(f"/join?pin={live.pin}", follow_redirects=True).get_data(as_text=True)
    response = client.post("/live/join", data={"pin": live.pin, "nickname": nickname,
                                               "csrf_token": csrf_token_from(page)})
    assert response.headers["Location"] == f"/live/play/{live.id}", response.get_data(as_text=True)
    return client


def move(host, live, name):
    page = host.get(f"/live/host/{live.id}").get_data(as_text=True)
    host.post(f"/live/host/{live.id}/move", data={"move": name, "csrf_token": csrf_token_from(page)})


def test_lobby_shows_pin_qr_and_players(app, hosted) -> None:
    host, live = hosted
    player(app, live, "Ana")
    page = host.get(f"/live/host/{live.id}").get_data(as_text=True)
    assert live.pin in page and "<svg" in page and 'class="qr"' in page and "Ana" in page
    assert host.get(f"/live/host/{live.id}/state").get_json()["players"] == 1


def test_the_answer_never_reaches_a_player_before_the_reveal(app, db, hosted) -> None:
    host, live = hosted
    ana = player(app, live, "Ana")
    move(host, live, "next")
    from studyapp.models import Question
    question = db.session.get(Question, live.question_ids[0])
    page = ana.get(f"/live/play/{live.id}").get_data(as_text=True)
    state = ana.get(f"/live/play/{live.id}/state").get_data(as_text=True)
    assert question.prompt.replace("'", "&#39;") in page or question.prompt in page
    # Every choice is shown alike; nothing marks the right one.
    assert "is-right" not in page and "The answer" not in page
    # The state carries the choices, all alike, and not which one is right.
    shown = json.loads(state)["question"]
    assert shown == {"prompt": question.prompt, "choices": question.choices}
    assert "answer" not in json.dumps(json.loads(state)).replace(question.answer, "")
    buttons = re.findall(r'<button type="submit" name="choice" value="([^"]+)" class="([^"]+)"', page)
    assert len(buttons) == len(question.choices) and len({css.split()[0] for _v, css in buttons}) == 1

    page = ana.post(f"/live/play/{live.id}/answer", data={"index": "0", "choice": question.answer,
                                                         "csrf_token": csrf_token_from(page)}, follow_redirects=True)
    assert "Answer sent" in page.get_data(as_text=True)
    before_reveal = ana.get(f"/live/play/{live.id}/me").json
    assert before_reveal["answered"] is True and "result" not in before_reveal  # right or wrong: not yet
    # Nor does the score tell, on the page or in its data: it moves at the reveal, not at the answer.
    assert before_reveal["score"] == 0
    assert "data-live-score>0</span>" in ana.get(f"/live/play/{live.id}").get_data(as_text=True)
    move(host, live, "next")  # reveal
    revealed = ana.get(f"/live/play/{live.id}").get_data(as_text=True)
    assert "Right! +" in revealed and question.answer.replace("'", "&#39;") in revealed
    assert ana.get(f"/live/play/{live.id}/state").json["question"]["answer"] == question.answer
    me = ana.get(f"/live/play/{live.id}/me").json
    assert me["result"]["correct"] is True and me["result"]["points"] > 0 and me["rank"] == 1
    assert me["score"] == me["result"]["points"]
    # The verdict also comes with the state itself, so that phones need not ask for it after the reveal.
    assert ana.get(f"/live/play/{live.id}/state").json["me"] == me


def test_a_reload_rejoins_the_same_player_and_a_new_browser_must_join(app, db, hosted) -> None:
    _host, live = hosted
    ana = player(app, live, "Ana")
    assert "Ana" in ana.get(f"/live/play/{live.id}").get_data(as_text=True)
    page = ana.get("/live/join").get_data(as_text=True)
    again = ana.post("/live/join", data={"pin": live.pin, "nickname": "Someone else",
                                         "csrf_token": csrf_token_from(page)})
    assert again.headers["Location"] == f"/live/play/{live.id}"  # already in: no second player
    stranger = app.test_client()
    assert stranger.get(f"/live/play/{live.id}").headers["Location"] == "/live/join"
    # The phase and timer are no secret; in the lobby the state holds no questions and no scores.
    assert set(stranger.get(f"/live/play/{live.id}/state").get_json()) == {
        "revision", "phase", "index", "question_count", "paused", "remaining_ms", "players"}
    assert stranger.get(f"/live/play/{live.id}/me").status_code == 403  # a player's own score is theirs


@pytest.mark.parametrize(("pin", "nickname", "message"), [
    ("0000000", "Ana", "No game is running with that PIN."),
    (None, "", "Choose a nickname."),
    (None, "x" * 30, "Use at most 20 characters."),
])
def test_join_mistakes_are_explained(app, hosted, pin, nickname, message) -> None:
    _host, live = hosted
    client = app.test_client()
    page = client.get("/live/join").get_data(as_text=True)
    response = client.post("/live/join", data={"pin": pin or live.pin, "nickname": nickname,
                                                "csrf_token": csrf_token_from(page)})
    assert message in response.get_data(as_text=True)


def test_a_taken_nickname_is_refused(app, hosted) -> None:
    _host, live = hosted
    player(app, live, "Ana")
    client = app.test_client()
    page = client.get("/live/join").get_data(as_text=True)
    response = client.post("/live/join", data={"pin": live.pin, "nickname": "ana", "csrf_token": csrf_token_from(page)})
    assert "already called ana" in response.get_data(as_text=True)


def test_a_whole_game_to_the_podium_and_the_results(app, db, hosted) -> None:
    host, live = hosted
    players = {name: player(app, live, name) for name in ("Ana", "Ben", "Cy")}
    from studyapp.models import Question
    for index in range(2):
        move(host, live, "next")  # question
        question = db.session.get(Question, live.question_ids[index])
        for position, (name, client) in enumerate(players.items()):
            choice = question.answer if position < 2 - index else next(c for c in question.choices if c != question.answer)
            page = client.get(f"/live/play/{live.id}").get_data(as_text=True)
            client.post(f"/live/play/{live.id}/answer", data={"index": str(index), "choice": choice,
                                                              "csrf_token": csrf_token_from(page)})
        move(host, live, "next")  # reveal
        assert "live-count" in host.get(f"/live/host/{live.id}").get_data(as_text=True)
        move(host, live, "next")  # leaderboard
    move(host, live, "next")  # finish
    podium = host.get(f"/live/host/{live.id}").get_data(as_text=True)
    assert "Podium" in podium
    results = host.get(f"/live/host/{live.id}/results.csv").get_data(as_text=True).splitlines()
    assert results[0] == "rank,nickname,score,right answers,questions"
    assert results[1].startswith("1,Ana,") and results[1].endswith(",2,2")
    assert len(db.session.scalars(select(LiveAnswer)).all()) == 6
    assert "Finished" in players["Cy"].get(f"/live/play/{live.id}").get_data(as_text=True)


def test_a_late_answer_gets_a_message(app, db, hosted) -> None:
    host, live = hosted
    ana = player(app, live, "Ana")
    move(host, live, "next")
    page = ana.get(f"/live/play/{live.id}").get_data(as_text=True)
    move(host, live, "next")  # the host reveals before Ana answers
    response = ana.post(f"/live/play/{live.id}/answer", data={"index": "0", "choice": "x",
                                                              "csrf_token": csrf_token_from(page)},
                        follow_redirects=True)
    assert "Time is up for this question." in response.get_data(as_text=True)


def test_other_teachers_cannot_host_or_see_results(app, hosted, make_user) -> None:
    _host, live = hosted
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(make_user(Role.TEACHER).id)
    assert other.get(f"/live/host/{live.id}").status_code == 404
    assert other.get(f"/live/host/{live.id}/results.csv").status_code == 404
    assert other.get(f"/live/new/{live.question_set_id}").status_code == 404


def test_a_formula_for_a_nickname_stays_text_in_the_results(app, hosted) -> None:
    host, live = hosted
    player(app, live, "=HYPERLINK(1)")
    results = host.get(f"/live/host/{live.id}/results.csv").get_data(as_text=True).splitlines()
    assert results[1] == "1,'=HYPERLINK(1),0,0,2"


def test_answers_are_checked_against_the_game_as_it_stands_not_a_lagging_snapshot(app, db, hosted, tmp_path) -> None:
    """Each server process keeps a snapshot of the game for its players; one may lag a move
    made through another process. An answer is never judged by a snapshot that lags."""
    host, live = hosted
    other = make_app(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path / "other")  # a second server process
    db.session.commit()
    # This test's own reads must not hold the write lock the other process's requests need.
    with read_only_transactions():
        _play_through_two_processes(db, host, live, other)


def _play_through_two_processes(db, host, live, other) -> None:
    from studyapp.models import Question
    try:
        ana, ben = player(other, live, "Ana"), player(other, live, "Ben")
        assert ana.get(f"/live/play/{live.id}/state").json["phase"] == "lobby"  # the other process's snapshot
        move(host, live, "next")  # the question, through the first process
        page = ana.get(f"/live/play/{live.id}").get_data(as_text=True)  # read afresh; the snapshot stays
        question = db.session.get(Question, live.question_ids[0])
        db.session.commit()
        answer = {"index": "0", "choice": question.answer, "csrf_token": csrf_token_from(page)}
        sent = ana.post(f"/live/play/{live.id}/answer", data=answer, headers={"Accept": "application/json"})
        assert sent.status_code == 200 and sent.json["recorded"] is True  # the lobby snapshot did not refuse it

        assert ben.get(f"/live/play/{live.id}/state").json["phase"] == "question"
        page = ben.get(f"/live/play/{live.id}").get_data(as_text=True)
        move(host, live, "next")  # the reveal, through the first process
        db.session.commit()
        late = ben.post(f"/live/play/{live.id}/answer", data={**answer, "csrf_token": csrf_token_from(page)},
                        headers={"Accept": "application/json"})
        assert late.status_code == 409 and late.json["message"] == "Time is up for this question."
        db.session.commit()  # a new snapshot of the database, with the answers
        assert len(db.session.scalars(select(LiveAnswer)).all()) == 1
    finally:
        close_app(other)
