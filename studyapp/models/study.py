"""Spaced-repetition state: one card per (user, question) and a log of every review."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.database import utcnow
from studyapp.extensions import db
from studyapp.models.bank import Question
from studyapp.models.user import User


class CardState(db.Model):
    """The FSRS memory state of one question for one user."""

    __tablename__ = "card_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    # FSRS fields, as the fsrs package's Card names them.
    state: Mapped[int] = mapped_column(default=1)  # 1 learning, 2 review, 3 relearning
    step: Mapped[int | None] = mapped_column(default=0)
    stability: Mapped[float | None]
    difficulty: Mapped[float | None]
    due: Mapped[datetime] = mapped_column(default=utcnow)
    last_review: Mapped[datetime | None]
    # When the student first met this card: counts against the daily limit of new cards.
    introduced_at: Mapped[datetime] = mapped_column(default=utcnow)
    reps: Mapped[int] = mapped_column(default=0)
    lapses: Mapped[int] = mapped_column(default=0)
    # Bumped on every review so that two tabs answering at once cannot both win.
    version: Mapped[int] = mapped_column(default=0)

    user: Mapped[User] = relationship()
    question: Mapped[Question] = relationship()

    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        # The due-card lookup: WHERE user_id = ? AND due <= ? ORDER BY due.
        Index(None, "user_id", "due"),
        Index(None, "user_id", "introduced_at"),
    )


class ReviewLog(db.Model):
    """One answer to one card; never updated, only appended."""

    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    rating: Mapped[int]
    answer_given: Mapped[str] = mapped_column(Text, default="")
    correct: Mapped[bool | None]
    duration_ms: Mapped[int | None]
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    # One token per shown card: a resent answer finds its first copy instead of counting twice.
    request_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    __table_args__ = (
        CheckConstraint("rating >= 1 AND rating <= 4", name="rating_range"),
        Index(None, "user_id", "reviewed_at"),
    )
