"""The role and ownership checks every feature's views use."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy.orm import InstrumentedAttribute

from studyapp.access import may_manage
from studyapp.extensions import db
from studyapp.models import Role

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M")


def role_required(*roles: Role) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Let in signed-in users with one of ``roles`` (admins always); others get 403."""

    def decorator(view: Callable[P, R]) -> Callable[P, R]:
        @wraps(view)
        @login_required
        def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def managed_or_404(model: type[M], object_id: int, owner: InstrumentedAttribute[Any]) -> M:
    """The row, if the signed-in user may manage it (its ``owner`` column is theirs, or they
    are an admin); 404 otherwise, so that ids reveal nothing about other teachers' things."""
    thing = db.session.get(model, object_id)
    if thing is None or not may_manage(current_user, getattr(thing, owner.key)):
        abort(404)
    return thing
