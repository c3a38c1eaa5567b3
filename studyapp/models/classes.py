"""Classes a teacher runs, the students in them and the sets assigned to them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from studyapp.database import utcnow
from studyapp.extensions import db
from studyapp.models.bank import QuestionSet
from studyapp.models.user import User


class Classroom(db.Model):
    __tablename__ = "classrooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    archived_at: Mapped[datetime | None]

    teacher: Mapped[User] = relationship()
    enrollments: Mapped[list[Enrollment]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan"
    )
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan"
    )


class Enrollment(db.Model):
    __tablename__ = "enrollments"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="enrollments")
    student: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("classroom_id", "student_id"),)


class Assignment(db.Model):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"))
    question_set_id: Mapped[int] = mapped_column(
        ForeignKey("question_sets.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    question_set: Mapped[QuestionSet] = relationship()

    __table_args__ = (UniqueConstraint("classroom_id", "question_set_id"),)
