"""Put a checked bank into the database, keeping every unchanged question (and its progress)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.models import Fact, FactKind, Question, QuestionSet, QuestionStatus, QuestionType, User, Visibility


@dataclass
class ImportSummary:
    question_set: QuestionSet
    created_set: bool = False
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def changed_anything(self) -> bool:
        return self.created_set or bool(self.added or self.updated or self.retired)


def _fact_values(fact: dict[str, Any]) -> dict[str, Any]:
    start, end = fact["span"]
    return {
        "kind": FactKind(fact["kind"]),
        "text": fact["text"],
        "value": fact.get("value"),
        "unit": fact.get("unit"),
        "speaker": fact.get("speaker"),
        "role": fact.get("role"),
        "sentence": fact["sentence"],
        "span_start": start,
        "span_end": end,
    }


def _question_values(question: dict[str, Any], position: int) -> dict[str, Any]:
    return {
        "type": QuestionType(question["type"]),
        "prompt": question["prompt"],
        "answer": question["answer"],
        "choices": list(question.get("choices", [])),
        "accept": list(question.get("accept", [])),
        "explanation": question.get("explanation", ""),
        "fact_keys": list(question.get("fact_ids", [])),
        "position": position,
    }


def _apply(row: Any, values: dict[str, Any]) -> bool:
    """Copy values that differ onto row; True when something changed."""
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def import_bank(
    session: Session,
    bank: dict[str, Any],
    *,
    owner: User,
    source_text: str = "",
    visibility: Visibility = Visibility.PRIVATE,
    approve: bool = False,
    as_new_set: bool = False,
    title: str | None = None,
) -> ImportSummary:
    """Create or update the owner's set for this bank's source file. The caller commits.

    Facts and questions are matched by their bank ids, which are stable across
    regenerations, so a question that did not change keeps its row. Questions
    gone from the bank are retired rather than deleted, keeping review history.

    ``as_new_set``: a file a teacher uploads always makes a set of its own (named ``title``, else the bank's
    title), whatever sets share its source file: an upload never changes or retires anything already there.
    A question keeps the status the file gives it.
    """
    source = bank["source"]
    question_set = None if as_new_set else session.scalar(
        select(QuestionSet).where(QuestionSet.owner_id == owner.id, QuestionSet.source_file == source["file"])
    )
    summary = ImportSummary(question_set=question_set)  # type: ignore[arg-type]
    if question_set is None:
        question_set = QuestionSet(owner=owner, source_file=source["file"], visibility=visibility)
        session.add(question_set)
        summary.question_set = question_set
        summary.created_set = True
    _apply(question_set, {"title": title or bank["title"], "source_sha256": source["sha256"],
                          "conflicts": [dict(conflict) for conflict in bank.get("conflicts", [])]})
    if source_text:
        _apply(question_set, {"source_text": source_text})

    facts_by_key = {fact.key: fact for fact in question_set.facts}
    for fact_data in bank["facts"]:
        fact = facts_by_key.get(fact_data["id"])
        if fact is None:
            fact = Fact(key=fact_data["id"], **_fact_values(fact_data))
            question_set.facts.append(fact)
            facts_by_key[fact.key] = fact
        else:
            _apply(fact, _fact_values(fact_data))

    questions_by_key = {question.key: question for question in question_set.questions}
    new_status = QuestionStatus.APPROVED if approve else QuestionStatus.DRAFT
    for position, question_data in enumerate(bank["questions"]):
        values = _question_values(question_data, position)
        question = questions_by_key.pop(question_data["id"], None)
        if question is None:
            status = QuestionStatus(question_data["status"]) if "status" in question_data else new_status
            question = Question(key=question_data["id"], status=status, **values)
            question_set.questions.append(question)
            summary.added.append(question.key)
        else:
            changed = _apply(question, values)
            if question.status is QuestionStatus.RETIRED:
                question.status = new_status
                changed = True
            if changed:
                summary.updated.append(question.key)
            else:
                summary.unchanged += 1
        question.fact = facts_by_key[question_data["fact_id"]] if "fact_id" in question_data else None

    for question in questions_by_key.values():
        if question.status is not QuestionStatus.RETIRED:
            question.status = QuestionStatus.RETIRED
            summary.retired.append(question.key)
    session.flush()
    return summary
