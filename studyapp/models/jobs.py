"""A question set being generated outside the request: a long article takes longer than a page may wait."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.database import utcnow
from studyapp.extensions import db
from studyapp.models.bank import QuestionSet, Visibility, _values_enum
from studyapp.models.user import User


class GenerationStatus(str, enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class GenerationJob(db.Model):
    __tablename__ = "generation_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    title: Mapped[str | None] = mapped_column(String(200))
    visibility: Mapped[Visibility] = mapped_column(_values_enum(Visibility, "visibility"))
    article_text: Mapped[str] = mapped_column(Text)
    status: Mapped[GenerationStatus] = mapped_column(
        _values_enum(GenerationStatus, "generation_status"), default=GenerationStatus.QUEUED
    )
    progress: Mapped[int] = mapped_column(default=0)  # percent
    message: Mapped[str] = mapped_column(Text, default="")  # why it failed, in words a teacher understands
    question_set_id: Mapped[int | None] = mapped_column(ForeignKey("question_sets.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    owner: Mapped[User] = relationship()
    question_set: Mapped[QuestionSet | None] = relationship()
