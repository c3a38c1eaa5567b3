"""Live classroom quiz sessions: the session's state machine, its players and their answers."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.database import utcnow
from studyapp.extensions import db
from studyapp.models.bank import Question, QuestionSet
from studyapp.models.user import User


class LivePhase(str, enum.Enum):
    LOBBY = "lobby"
    QUESTION = "question"
    REVEAL = "reveal"
    LEADERBOARD = "leaderboard"
    FINISHED = "finished"


class LiveSession(db.Model):
    __tablename__ = "live_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    question_set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    pin: Mapped[str] = mapped_column(String(12))
    phase: Mapped[LivePhase] = mapped_column(
        Enum(
            LivePhase,
            name="live_phase",
            native_enum=False,
            create_constraint=True,
            length=16,
            values_callable=lambda phases: [phase.value for phase in phases],
            validate_strings=True,
        ),
        default=LivePhase.LOBBY,
    )
    question_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    seconds_per_question: Mapped[int] = mapped_column(default=20)
    current_index: Mapped[int] = mapped_column(default=-1)
    phase_started_at: Mapped[datetime] = mapped_column(default=utcnow)
    phase_deadline: Mapped[datetime | None]
    paused_remaining_ms: Mapped[int | None]
    # Bumped on every phase change; players poll for a newer one.
    revision: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]

    host: Mapped[User] = relationship()
    question_set: Mapped[QuestionSet] = relationship()

    __table_args__ = (
        # A PIN names one running session at a time; finished sessions give theirs back.
        Index(
            "uq_live_sessions_active_pin",
            "pin",
            unique=True,
            sqlite_where=text("phase != 'finished'"),
            postgresql_where=text("phase != 'finished'"),
        ),
    )


class LiveParticipant(db.Model):
    __tablename__ = "live_participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    nickname: Mapped[str] = mapped_column(String(24))
    # Case-folded nickname: "ANA" and "ana" cannot both play in one session.
    nickname_key: Mapped[str] = mapped_column(String(96))
    # Kept in the player's cookie so that a reload rejoins the same player.
    rejoin_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    score: Mapped[int] = mapped_column(default=0)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    session: Mapped[LiveSession] = relationship()
    user: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("session_id", "nickname_key"),)


class LiveAnswer(db.Model):
    __tablename__ = "live_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("live_participants.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    choice: Mapped[str] = mapped_column(String(500))
    correct: Mapped[bool]
    points: Mapped[int] = mapped_column(default=0)
    response_ms: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)

    participant: Mapped[LiveParticipant] = relationship()
    question: Mapped[Question] = relationship()

    __table_args__ = (
        # One answer per player per question, however often the button is pressed.
        UniqueConstraint("session_id", "participant_id", "question_id"),
    )
