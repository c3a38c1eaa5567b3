"""Live sessions on a real database: join, answer once, score, and the host's moves."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studyapp.banks.importer import import_bank
from studyapp.live import machine
from studyapp.live.machine import MoveRefused
from studyapp.live.players import NicknameError
from studyapp.live.results import load_results, own_result
from studyapp.live.service import (
    AnswerRefused,
    active_session,
    create_live_session,
    current_question,
    host_move,
    join,
    leaderboard,
    playable_questions,
    player_by_token,
    settled_state,
    submit_answer,
)
from studyapp.models import LiveAnswer, Role

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
T0 = datetime(2026, 5, 4, 10, 0, tzinfo=timezone.utc)
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def game(db, make_user):
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    questions = playable_questions(question_set)[:3]
    live = create_live_session(db.session, teacher, question_set, [q.id for q in questions], 20, T0)
    db.session.commit()
    return live, questions


@BOTH
def test_a_short_game(db, game) -> None:
    live, questions = game
    assert len(live.pin) == 7 and active_session(db.session, live.pin).id == live.id
    ana, ana_token = join(db.session, live, "Ana", None)
    ben, _ = join(db.session, live, "Ben", None)
    db.session.commit()
    assert player_by_token(db.session, live.id, ana_token).id == ana.id

    host_move(db.session, live, "next", T0 + timedelta(seconds=5))
    db.session.commit()
    question = current_question(db.session, live, settled_state(live, T0 + timedelta(seconds=6)))
    assert question.id == questions[0].id
    wrong = next(choice for choice in question.choices if choice != question.answer)
    submit_answer(db.session, live, ana, 0, question.answer, T0 + timedelta(seconds=7))  # 2 s: 950 points
    submit_answer(db.session, live, ben, 0, wrong, T0 + timedelta(seconds=9))
    db.session.expire_all()
    standings = leaderboard(db.session, live)
    assert [(s.rank, s.nickname, s.score) for s in standings] == [(1, "Ana", 950), (2, "Ben", 0)]


@BOTH
def test_a_doubled_tap_counts_once(db, game) -> None:
    live, _questions = game
    player, _ = join(db.session, live, "Ana", None)
    host_move(db.session, live, "next", T0)
    db.session.commit()
    question = current_question(db.session, live, settled_state(live, T0))
    first = submit_answer(db.session, live, player, 0, question.answer, T0 + timedelta(seconds=1))
    again = submit_answer(db.session, live, player, 0, question.choices[0], T0 + timedelta(seconds=2))
    assert again.id == first.id and again.choice == question.answer
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 1
    db.session.expire_all()
    assert leaderboard(db.session, live)[0].score == first.points


def test_late_and_wrong_answers_are_refused_with_a_reason(db, game) -> None:
    live, _questions = game
    player, _ = join(db.session, live, "Ana", None)
    with pytest.raises(AnswerRefused, match="Time is up"):
        submit_answer(db.session, live, player, 0, "anything", T0)  # still in the lobby
    host_move(db.session, live, "next", T0)
    db.session.commit()
    question = current_question(db.session, live, settled_state(live, T0))
    with pytest.raises(AnswerRefused, match="Choose one of the answers shown."):
        submit_answer(db.session, live, player, 0, "not a choice", T0 + timedelta(seconds=1))
    with pytest.raises(AnswerRefused, match="Time is up"):
        submit_answer(db.session, live, player, 0, question.answer, T0 + timedelta(seconds=21))
    assert db.session.scalar(select(func.count()).select_from(LiveAnswer)) == 0


def test_nicknames_are_unique_in_a_session_whatever_their_case(db, game) -> None:
    live, _questions = game
    join(db.session, live, "Ana", None)
    with pytest.raises(NicknameError, match="already called ANA"):
        join(db.session, live, "ANA", None)


def test_a_finished_session_frees_its_pin_and_takes_no_players(db, game) -> None:
    live, _questions = game
    host_move(db.session, live, "end", T0)
    db.session.commit()
    assert active_session(db.session, live.pin) is None
    with pytest.raises(NicknameError, match="finished"):
        join(db.session, live, "Late", None)
    with pytest.raises(MoveRefused):
        host_move(db.session, live, "next", T0)


def test_only_playable_questions_can_be_chosen(db, make_user) -> None:
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher).question_set  # drafts
    with pytest.raises(MoveRefused, match="Choose at least one approved"):
        create_live_session(db.session, teacher, question_set, [q.id for q in question_set.questions], 20, T0)


@BOTH
def test_a_signed_in_players_answer_feeds_their_spaced_repetition(db, game, make_user) -> None:
    from studyapp.models import CardState, ReviewLog

    live, _questions = game
    student = make_user()
    player, _ = join(db.session, live, "Sam", student)
    host_move(db.session, live, "next", T0)
    db.session.commit()
    question = current_question(db.session, live, settled_state(live, T0))
    submit_answer(db.session, live, player, 0, question.answer, T0 + timedelta(seconds=2))
    submit_answer(db.session, live, player, 0, question.answer, T0 + timedelta(seconds=3))  # a doubled tap
    log = db.session.scalar(select(ReviewLog).where(ReviewLog.user_id == student.id))
    assert (log.question_id, log.correct, log.rating) == (question.id, True, 4)  # right within a third: Easy
    assert db.session.scalar(select(func.count()).select_from(ReviewLog)) == 1
    assert db.session.scalar(select(CardState.reps).where(CardState.user_id == student.id)) == 1


def test_each_players_place_agrees_with_the_leaderboard_ties_included(db, game) -> None:
    live, _questions = game
    players = [join(db.session, live, name, None)[0] for name in ("Ana", "Ben", "Cy", "Dee", "Eve")]
    for player, score in zip(players, (300, 950, 300, 0, 950)):
        player.score = score
    db.session.commit()
    board = leaderboard(db.session, live)
    assert [(s.rank, s.score) for s in board] == [(1, 950), (1, 950), (3, 300), (3, 300), (5, 0)]
    results = load_results(db.session, live.id, machine.LEADERBOARD, live.revision, None)
    assert {s.participant_id: s.rank for s in board} == {
        mine.participant_id: mine.rank for mine in results.by_token_hash.values()}
    assert [s.nickname for s in leaderboard(db.session, live, limit=2)] == [s.nickname for s in board[:2]]


@BOTH
def test_scores_and_places_move_at_the_reveal_not_at_the_answer(db, game) -> None:
    live, _questions = game
    ana, ben = (join(db.session, live, name, None)[0] for name in ("Ana", "Ben"))
    ben.score = 500  # from an earlier question
    host_move(db.session, live, "next", T0)
    db.session.commit()
    question = current_question(db.session, live, settled_state(live, T0))
    submit_answer(db.session, live, ana, 0, question.answer, T0 + timedelta(seconds=1))  # 975 points
    db.session.expire_all()
    asking = own_result(db.session, ana, machine.QUESTION, question.id)
    assert (asking.score, asking.rank, asking.answered, asking.correct) == (0, 2, True, None)
    shared = load_results(db.session, live.id, machine.QUESTION, live.revision, question.id)
    assert {mine.nickname: (mine.score, mine.rank) for mine in shared.by_token_hash.values()} == {
        "Ana": (0, 2), "Ben": (500, 1)}

    host_move(db.session, live, "next", T0 + timedelta(seconds=2))  # the reveal
    db.session.commit()
    revealed = own_result(db.session, ana, machine.REVEAL, question.id)
    assert (revealed.score, revealed.rank, revealed.correct, revealed.points) == (975, 1, True, 975)
    shared = load_results(db.session, live.id, machine.REVEAL, live.revision, question.id)
    assert shared.by_token_hash[ana.rejoin_token_hash] == revealed
