"""Which question sets a user may study, with how many approved questions each holds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studyapp.access import visible_sets_condition
from studyapp.models import Question, QuestionSet, QuestionStatus, User, Visibility


@dataclass(frozen=True)
class SetSummary:
    id: int
    title: str
    owner_name: str
    visibility: Visibility
    approved_questions: int


def set_summaries_for(session: Session, user: User) -> list[SetSummary]:
    approved = (
        select(Question.question_set_id, func.count().label("n"))
        .where(Question.status == QuestionStatus.APPROVED)
        .group_by(Question.question_set_id)
        .subquery()
    )
    rows = session.execute(
        select(QuestionSet, User.display_name, func.coalesce(approved.c.n, 0))
        .join(User, QuestionSet.owner_id == User.id)
        .outerjoin(approved, approved.c.question_set_id == QuestionSet.id)
        .where(visible_sets_condition(user))
        .order_by(QuestionSet.title)
    ).all()
    return [
        SetSummary(
            id=question_set.id,
            title=question_set.title,
            owner_name=owner_name,
            visibility=question_set.visibility,
            approved_questions=count,
        )
        for question_set, owner_name, count in rows
    ]
