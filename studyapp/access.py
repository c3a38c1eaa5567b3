"""Who may see which question sets: the one rule every page and query uses."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, select, true

from studyapp.models import Assignment, Classroom, Enrollment, QuestionSet, Role, User, Visibility


def visible_sets_condition(user: User) -> ColumnElement[bool]:
    """Which sets ``user`` may see: their own, public ones and those assigned to their classes;
    teachers also shared ones; admins all."""
    return visible_sets_condition_for(user.role, user.id)


def visible_sets_condition_for(role: Role, user_id: Any) -> ColumnElement[bool]:
    """The same rule for a role, with ``user_id`` a value or a bound parameter.

    With a bound parameter the statement can be built once and reused for every
    request, which matters on the study loop's hot path.
    """
    if role is Role.ADMIN:
        return true()
    assigned = (
        select(Assignment.question_set_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id)
        .join(Enrollment, Enrollment.classroom_id == Classroom.id)
        .where(Enrollment.student_id == user_id, Classroom.archived_at.is_(None))
    )
    allowed = [QuestionSet.owner_id == user_id, QuestionSet.visibility == Visibility.PUBLIC,
               QuestionSet.id.in_(assigned)]
    if role is Role.TEACHER:
        allowed.append(QuestionSet.visibility == Visibility.SHARED)
    return or_(*allowed)


def may_manage(user: User, owner_id: int) -> bool:
    """May ``user`` change something owned by ``owner_id`` (a set, a class, a live session)? Admins may."""
    return user.id == owner_id or user.role is Role.ADMIN
