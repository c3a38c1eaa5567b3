"""Question sets and the facts and questions inside them (bank format ``studyapp-bank/1``)."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Enum, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.database import utcnow
from studyapp.extensions import db
from studyapp.models.user import User


def _values_enum(enum_class: type[enum.Enum], name: str) -> Enum:
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=24,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Visibility(str, enum.Enum):
    PRIVATE = "private"  # the owner only
    SHARED = "shared"  # the owner and other teachers
    PUBLIC = "public"  # everyone with an account


class FactKind(str, enum.Enum):
    DATE = "date"
    FIGURE = "figure"
    QUOTE = "quote"
    PERSON = "person"


class QuestionType(str, enum.Enum):
    MULTIPLE_CHOICE = "multiple_choice"
    CLOZE = "cloze"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    WHO_SAID = "who_said"
    ORDER = "order"


class QuestionStatus(str, enum.Enum):
    DRAFT = "draft"  # generated or written, waiting for the teacher's review
    APPROVED = "approved"  # students see it
    RETIRED = "retired"  # kept for the history of reviews, shown to nobody


class QuestionSet(db.Model):
    __tablename__ = "question_sets"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    visibility: Mapped[Visibility] = mapped_column(
        _values_enum(Visibility, "visibility"), default=Visibility.PRIVATE
    )
    source_file: Mapped[str] = mapped_column(String(255), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    source_text: Mapped[str] = mapped_column(Text, default="")
    # The bank's conflicts, as written there: [{"fact_ids": [fact keys], "reason": "..."}].
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[User] = relationship()
    facts: Mapped[list[Fact]] = relationship(
        back_populates="question_set", cascade="all, delete-orphan", order_by="Fact.id"
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="question_set", cascade="all, delete-orphan", order_by="Question.position"
    )

    __table_args__ = (Index(None, "visibility"),)


class Fact(db.Model):
    __tablename__ = "facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))  # the bank's own id, e.g. "f-3c1a9e"
    kind: Mapped[FactKind] = mapped_column(_values_enum(FactKind, "fact_kind"))
    text: Mapped[str] = mapped_column(Text)
    # A date is an ISO string, a figure a number: JSON keeps each as it came.
    value: Mapped[Any | None] = mapped_column(JSON)
    unit: Mapped[str | None] = mapped_column(String(40))
    speaker: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str | None] = mapped_column(String(200))
    sentence: Mapped[str] = mapped_column(Text)
    span_start: Mapped[int]
    span_end: Mapped[int]

    question_set: Mapped[QuestionSet] = relationship(back_populates="facts")

    __table_args__ = (UniqueConstraint("question_set_id", "key"),)


class Question(db.Model):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_set_id: Mapped[int] = mapped_column(ForeignKey("question_sets.id", ondelete="CASCADE"))
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="SET NULL"), index=True)
    key: Mapped[str] = mapped_column(String(40))  # the bank's own id, e.g. "q-5e6f70"
    type: Mapped[QuestionType] = mapped_column(_values_enum(QuestionType, "question_type"))
    status: Mapped[QuestionStatus] = mapped_column(
        _values_enum(QuestionStatus, "question_status"), default=QuestionStatus.DRAFT
    )
    position: Mapped[int] = mapped_column(default=0)
    prompt: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    accept: Mapped[list[str]] = mapped_column(JSON, default=list)
    explanation: Mapped[str] = mapped_column(Text, default="")
    # An ordering question spans several facts; the bank lists their keys in order.
    fact_keys: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    question_set: Mapped[QuestionSet] = relationship(back_populates="questions")
    fact: Mapped[Fact | None] = relationship()

    __table_args__ = (
        UniqueConstraint("question_set_id", "key"),
        Index(None, "question_set_id", "status", "position"),
    )
