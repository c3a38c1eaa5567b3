"""Making and reviewing question sets. No Flask here: the pages call these with a session."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from studyapp.banks.importer import import_bank
from studyapp.generator import generate
from studyapp.models import Fact, FactKind, Question, QuestionSet, QuestionStatus, User, Visibility


class NothingToAsk(ValueError):
    """The article gave no dates, figures, quotations or people to ask about."""


def stored_file_name(filename: str, text: str) -> str:
    """A name that is the same for the same article and differs for another one."""
    stem = re.sub(r"[^A-Za-z0-9-]+", "-", Path(filename).stem).strip("-")[:60] or "article"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}.txt"


def create_set_from_article(session: Session, owner: User, text: str, *, filename: str, title: str | None,
                            visibility: Visibility, progress=None) -> QuestionSet:
    """Generate a bank from the article and store it as a set of draft questions (the caller commits).

    ``progress`` hears the share of the generator's work done, from 0 to 1.
    """
    bank = generate(text, title=title or None, source_file=stored_file_name(filename, text), progress=progress)
    if not bank.questions:
        raise NothingToAsk("No dates, figures, quotations or people were found to ask about in this article.")
    summary = import_bank(session, bank.to_dict(), owner=owner, source_text=text, visibility=visibility)
    return summary.question_set


@dataclass
class FactGroup:
    fact: Fact
    questions: list[Question] = field(default_factory=list)
    in_conflict: bool = False


@dataclass
class SetReview:
    question_set: QuestionSet
    groups_by_kind: dict[FactKind, list[FactGroup]]
    conflicts: list[tuple[str, list[Fact]]]
    counts: dict[QuestionStatus, int]
    unlinked: list[Question]  # written by hand or imported: tied to no fact of an article


def review_of(session: Session, question_set_id: int) -> SetReview | None:
    question_set = session.scalar(
        select(QuestionSet).where(QuestionSet.id == question_set_id)
        .options(selectinload(QuestionSet.facts), selectinload(QuestionSet.questions))
    )
    if question_set is None:
        return None
    facts_by_key = {fact.key: fact for fact in question_set.facts}
    conflicted = {key for conflict in question_set.conflicts for key in conflict["fact_ids"]}
    groups: dict[int, FactGroup] = {
        fact.id: FactGroup(fact, in_conflict=fact.key in conflicted) for fact in question_set.facts
    }
    counts = {status: 0 for status in QuestionStatus}
    timelines: list[Question] = []
    unlinked: list[Question] = []
    for question in question_set.questions:
        counts[question.status] += 1
        if question.status is QuestionStatus.RETIRED:
            continue
        if question.type.value == "order" and question.fact_id is not None:
            timelines.append(question)
        elif question.fact_id in groups:
            groups[question.fact_id].questions.append(question)
        else:
            unlinked.append(question)
    by_kind: dict[FactKind, list[FactGroup]] = {kind: [] for kind in FactKind}
    for group in groups.values():
        if group.questions:
            by_kind[group.fact.kind].append(group)
    if timelines:
        # Timelines span several dated facts; they are listed with the first one's kind.
        by_kind[FactKind.DATE].append(FactGroup(Fact(kind=FactKind.DATE, text="Timelines", sentence=""),
                                                timelines))
    conflicts = [
        (conflict["reason"], [facts_by_key[key] for key in conflict["fact_ids"] if key in facts_by_key])
        for conflict in question_set.conflicts
    ]
    return SetReview(question_set, {kind: groups for kind, groups in by_kind.items() if groups}, conflicts, counts,
                     unlinked)


def set_status(session: Session, question_set: QuestionSet, question_id: int, status: QuestionStatus) -> bool:
    result = session.execute(
        update(Question)
        .where(Question.id == question_id, Question.question_set_id == question_set.id)
        .values(status=status)
    )
    return result.rowcount == 1


def approve_all(session: Session, question_set: QuestionSet) -> int:
    result = session.execute(
        update(Question)
        .where(Question.question_set_id == question_set.id, Question.status == QuestionStatus.DRAFT)
        .values(status=QuestionStatus.APPROVED)
    )
    return result.rowcount


def sets_owned_by(session: Session, user: User) -> list[QuestionSet]:
    return list(session.scalars(
        select(QuestionSet).where(QuestionSet.owner_id == user.id).order_by(QuestionSet.created_at.desc())
        .options(selectinload(QuestionSet.questions))
    ))
