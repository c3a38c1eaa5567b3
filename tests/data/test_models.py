"""The data layer on a real database: times, constraints, cascades."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, StatementError

from studyapp.models import (
    CardState,
    Fact,
    FactKind,
    LiveAnswer,
    LiveParticipant,
    LivePhase,
    LiveSession,
    Question,
    QuestionSet,
    QuestionType,
    ReviewLog,
    Role,
)

FIXED_NOW = datetime(2026, 3, 1, 12, 30, tzinfo=timezone.utc)


def make_question(db, owner) -> Question:
    question_set = QuestionSet(owner=owner, title="US-Colombia relations")
    fact = Fact(
        question_set=question_set,
        key="f-3c1a9e",
        kind=FactKind.DATE,
        text="19 October 2025",
        value="2025-10-19",
        sentence="President Donald Trump on 19 October 2025 said he would slash funding.",
        span_start=0,
        span_end=70,
    )
    question = Question(
        question_set=question_set,
        fact=fact,
        key="q-5e6f70",
        type=QuestionType.MULTIPLE_CHOICE,
        prompt="When did Donald Trump say he would slash US funding to Colombia?",
        answer="19 October 2025",
        choices=["19 October 2025", "19 October 2024", "9 October 2025", "19 November 2025"],
    )
    db.session.add(question)
    db.session.commit()
    return question


def test_times_come_back_timezone_aware_utc(db, make_user) -> None:
    student = make_user()
    question = make_question(db, student)
    bogota = timezone(timedelta(hours=-5))
    card = CardState(user=student, question=question, due=datetime(2026, 3, 1, 7, 30, tzinfo=bogota))
    db.session.add(card)
    db.session.commit()
    db.session.expire_all()

    stored = db.session.get(CardState, card.id)
    assert stored.due == FIXED_NOW
    assert stored.due.tzinfo is not None and stored.due.utcoffset() == timedelta(0)
    assert student.created_at.tzinfo is not None


def test_naive_datetimes_are_refused(db, make_user) -> None:
    student = make_user()
    question = make_question(db, student)
    db.session.add(CardState(user=student, question=question, due=datetime(2026, 3, 1, 12, 30)))
    with pytest.raises(StatementError, match="naive datetime"):
        db.session.commit()


def test_json_values_keep_their_type(db, make_user) -> None:
    teacher = make_user(Role.TEACHER)
    question = make_question(db, teacher)
    figure = Fact(
        question_set=question.question_set,
        key="f-88b2d0",
        kind=FactKind.FIGURE,
        text="$8 billion",
        value=8_000_000_000,
        unit="USD",
        sentence="The aid totalled $8 billion.",
        span_start=0,
        span_end=28,
    )
    db.session.add(figure)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Fact, figure.id).value == 8_000_000_000
    assert db.session.get(Question, question.id).choices[0] == "19 October 2025"


def test_one_card_state_per_user_and_question(db, make_user) -> None:
    student = make_user()
    question = make_question(db, student)
    db.session.add(CardState(user=student, question=question, due=FIXED_NOW))
    db.session.commit()
    db.session.add(CardState(user=student, question=question, due=FIXED_NOW))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_one_live_answer_per_participant_and_question(db, make_user) -> None:
    teacher = make_user(Role.TEACHER)
    question = make_question(db, teacher)
    live = LiveSession(host=teacher, question_set=question.question_set, pin="482913", question_ids=[question.id])
    player = LiveParticipant(session=live, nickname="Ana", nickname_key="ana", rejoin_token_hash="a" * 64)
    db.session.add_all([live, player])
    db.session.commit()

    def answer() -> LiveAnswer:
        return LiveAnswer(
            session_id=live.id, participant=player, question=question, choice="x", correct=False, response_ms=900
        )

    db.session.add(answer())
    db.session.commit()
    db.session.add(answer())
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_pin_names_one_running_session_at_a_time(db, make_user) -> None:
    teacher = make_user(Role.TEACHER)
    question_set = make_question(db, teacher).question_set
    finished = LiveSession(host=teacher, question_set=question_set, pin="111222", phase=LivePhase.FINISHED)
    running = LiveSession(host=teacher, question_set=question_set, pin="111222")
    db.session.add_all([finished, running])
    db.session.commit()
    db.session.add(LiveSession(host=teacher, question_set=question_set, pin="111222"))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_unique_email(db, make_user) -> None:
    make_user(email="same@example.org")
    with pytest.raises(Exception):
        make_user(email="same@example.org")


def test_foreign_keys_are_enforced(db) -> None:
    with pytest.raises(IntegrityError):
        db.session.execute(
            text("INSERT INTO question_sets (owner_id, title, visibility, source_file, source_sha256, source_text, "
                 "created_at, updated_at) VALUES (999999, 't', 'private', '', '', '', :now, :now)"),
            {"now": FIXED_NOW.replace(tzinfo=None)},
        )
        db.session.flush()


def test_enum_columns_reject_unknown_values(db) -> None:
    with pytest.raises(IntegrityError):
        db.session.execute(
            text("INSERT INTO users (email, password_hash, display_name, role, created_at, desired_retention, "
                 "new_cards_per_day) VALUES ('x@example.org', 'h', 'X', 'superuser', :now, 0.9, 20)"),
            {"now": FIXED_NOW.replace(tzinfo=None)},
        )


def test_deleting_a_user_removes_their_study_state(db, make_user) -> None:
    teacher = make_user(Role.TEACHER)
    student = make_user()
    question = make_question(db, teacher)
    db.session.add_all([
        CardState(user=student, question=question, due=FIXED_NOW),
        ReviewLog(user_id=student.id, question_id=question.id, rating=3, correct=True, reviewed_at=FIXED_NOW),
    ])
    db.session.commit()
    db.session.execute(text("DELETE FROM users WHERE id = :id"), {"id": student.id})
    db.session.commit()
    assert db.session.scalars(select(CardState)).all() == []
    assert db.session.scalars(select(ReviewLog)).all() == []
