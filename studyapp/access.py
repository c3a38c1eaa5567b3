"""Who may see which question sets: the one rule every page and query uses."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_, true

from studyapp.models import QuestionSet, Role, User, Visibility


def visible_sets_condition(user: User) -> ColumnElement[bool]:
    """Which sets ``user`` may see: their own and public ones; teachers also shared ones; admins all."""
    if user.role is Role.ADMIN:
        return true()
    allowed = [QuestionSet.owner_id == user.id, QuestionSet.visibility == Visibility.PUBLIC]
    if user.role is Role.TEACHER:
        allowed.append(QuestionSet.visibility == Visibility.SHARED)
    return or_(*allowed)
