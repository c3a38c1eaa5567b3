"""Classes, enrollments and assignments. No Flask here."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studyapp.database import utcnow
from studyapp.models import Assignment, Classroom, Enrollment, Question, QuestionSet, QuestionStatus, User

# No 0/O, 1/I/L: a code read aloud or copied from a projector should not be misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class ClassError(ValueError):
    """Something about classes that cannot be done; the message says why."""


def normalise_code(code: str) -> str:
    return "".join(char for char in code.upper() if char.isalnum())


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def create_class(session: Session, teacher: User, name: str) -> Classroom:
    """A new class with a fresh join code (the caller commits)."""
    for _attempt in range(5):
        classroom = Classroom(teacher_id=teacher.id, name=name.strip(), join_code=_new_code())
        try:
            with session.begin_nested():
                session.add(classroom)
        except IntegrityError:
            continue  # the code was taken; draw another
        return classroom
    raise ClassError("Could not find a free join code; please try again.")


def rotate_code(session: Session, classroom: Classroom) -> str:
    """A new join code for the class; the old one stops working (a code that went round the wrong group)."""
    old = classroom.join_code
    for _attempt in range(5):
        try:
            with session.begin_nested():
                classroom.join_code = _new_code()
                session.flush()
        except IntegrityError:
            classroom.join_code = old
            continue
        return classroom.join_code
    raise ClassError("Could not find a free join code; please try again.")


def _enrollment(session: Session, classroom_id: int, student_id: int) -> Enrollment | None:
    return session.scalar(select(Enrollment).where(Enrollment.classroom_id == classroom_id,
                                                   Enrollment.student_id == student_id))


def remove_student(session: Session, classroom: Classroom, student_id: int) -> User:
    """Takes a student out of the class. Their reviews and progress stay theirs; only the class link goes."""
    enrollment = _enrollment(session, classroom.id, student_id)
    if enrollment is None:
        raise ClassError("That student is not in this class.")
    student = enrollment.student
    session.delete(enrollment)
    return student


def leave_class(session: Session, student: User, classroom_id: int) -> Classroom:
    enrollment = _enrollment(session, classroom_id, student.id)
    if enrollment is None:
        raise ClassError("You are not in that class.")
    classroom = enrollment.classroom
    session.delete(enrollment)
    return classroom


def set_archived(classroom: Classroom, archived: bool) -> None:
    """An archived class takes no one new and drops out of its students' assignments; nothing is deleted."""
    classroom.archived_at = utcnow() if archived else None


def classes_joined_by(session: Session, student: User) -> list[Classroom]:
    return list(session.scalars(
        select(Classroom).join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(Enrollment.student_id == student.id, Classroom.archived_at.is_(None)).order_by(Classroom.name)
    ))


def join_class(session: Session, student: User, code: str) -> Classroom:
    classroom = session.scalar(select(Classroom).where(Classroom.join_code == normalise_code(code)))
    if classroom is None or classroom.archived_at is not None:
        raise ClassError("No class has that code. Check it with your teacher; it has 8 letters and digits.")
    if classroom.teacher_id == student.id:
        raise ClassError("This is your own class.")
    if _enrollment(session, classroom.id, student.id) is not None:
        raise ClassError(f"You are already in {classroom.name}.")
    session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
    return classroom


def assign_set(session: Session, classroom: Classroom, question_set: QuestionSet, due_at: datetime | None) -> None:
    existing = session.scalar(select(Assignment).where(Assignment.classroom_id == classroom.id,
                                                       Assignment.question_set_id == question_set.id))
    if existing is not None:
        existing.due_at = due_at
        return
    session.add(Assignment(classroom_id=classroom.id, question_set_id=question_set.id, due_at=due_at))


def classes_taught_by(session: Session, teacher: User) -> list[tuple[Classroom, int]]:
    """The teacher's classes with their number of students."""
    students = (select(Enrollment.classroom_id, func.count().label("n")).group_by(Enrollment.classroom_id)
                .subquery())
    rows = session.execute(
        select(Classroom, func.coalesce(students.c.n, 0))
        .outerjoin(students, students.c.classroom_id == Classroom.id)
        .where(Classroom.teacher_id == teacher.id).order_by(Classroom.name)
    ).all()
    return [(classroom, count) for classroom, count in rows]


@dataclass(frozen=True)
class AssignmentView:
    class_name: str
    set_title: str
    due_at: datetime | None
    approved_questions: int


def assignments_for(session: Session, student: User) -> list[AssignmentView]:
    """What a student's classes have been given to study, soonest due first."""
    approved = (
        select(Question.question_set_id, func.count().label("n"))
        .where(Question.status == QuestionStatus.APPROVED).group_by(Question.question_set_id).subquery()
    )
    rows = session.execute(
        select(Classroom.name, QuestionSet.title, Assignment.due_at, func.coalesce(approved.c.n, 0))
        .join(Assignment, Assignment.classroom_id == Classroom.id)
        .join(QuestionSet, QuestionSet.id == Assignment.question_set_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .outerjoin(approved, approved.c.question_set_id == QuestionSet.id)
        .where(Enrollment.student_id == student.id, Classroom.archived_at.is_(None))
    ).all()
    views = [AssignmentView(*row) for row in rows]
    return sorted(views, key=lambda view: (view.due_at is None, view.due_at or datetime.max, view.set_title))
