"""From a stored question set to the formats, and from imported records to a new set."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy.orm import Session

from studyapp.generator.model import BANK_FORMAT
from studyapp.interchange.records import QuestionRecord
from studyapp.models import Fact, Question, QuestionSet, QuestionStatus, QuestionType, User, Visibility


def _live(question_set: QuestionSet) -> list[Question]:
    return [question for question in question_set.questions if question.status is not QuestionStatus.RETIRED]


def exported_questions(question_set: QuestionSet, include_drafts: bool = False) -> list[Question]:
    """What an export carries: the approved questions, and the drafts too when the teacher asks for them."""
    return [question for question in _live(question_set)
            if include_drafts or question.status is QuestionStatus.APPROVED]


def records_of(questions: list[Question]) -> list[QuestionRecord]:
    """The questions in the neutral shape the CSV, GIFT and Anki writers take."""
    return [
        QuestionRecord(
            type=question.type.value, prompt=question.prompt, answer=question.answer, choices=list(question.choices),
            accept=list(question.accept), explanation=question.explanation, key=question.key,
            source_sentence=question.fact.sentence if question.fact is not None else "",
        )
        for question in questions
    ]


def _fact_dict(fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {"id": fact.key, "kind": fact.kind.value, "text": fact.text}
    if fact.value is not None:
        data["value"] = fact.value
    for name in ("unit", "speaker", "role"):
        if getattr(fact, name) is not None:
            data[name] = getattr(fact, name)
    data["sentence"] = fact.sentence
    data["span"] = [fact.span_start, fact.span_end]
    return data


def bank_from_set(question_set: QuestionSet) -> dict[str, Any]:
    """The set as a ``studyapp-bank/1`` bank, losing nothing: every question it holds (generated, written by
    hand or imported, these last with no fact) with its status, draft or approved."""
    questions = []
    for question in _live(question_set):
        data: dict[str, Any] = {"id": question.key}
        if question.fact is not None:
            data["fact_id"] = question.fact.key
        if question.fact_keys:
            data["fact_ids"] = list(question.fact_keys)
        data.update(type=question.type.value, prompt=question.prompt, answer=question.answer)
        if question.choices:
            data["choices"] = list(question.choices)
        if question.accept:
            data["accept"] = list(question.accept)
        if question.explanation:
            data["explanation"] = question.explanation
        data["status"] = question.status.value
        questions.append(data)
    sha256 = question_set.source_sha256 or hashlib.sha256(question_set.source_text.encode()).hexdigest()
    return {
        "format": BANK_FORMAT,
        "title": question_set.title,
        "source": {"file": question_set.source_file or "article.txt", "sha256": sha256},
        "facts": [_fact_dict(fact) for fact in question_set.facts],
        "questions": questions,
        "conflicts": [dict(conflict) for conflict in question_set.conflicts],
    }


def set_from_records(session: Session, owner: User, title: str, records: list[QuestionRecord],
                     source_file: str) -> QuestionSet:
    """A new set of draft questions from imported records (the caller commits)."""
    question_set = QuestionSet(owner=owner, title=title, source_file=source_file, visibility=Visibility.PRIVATE)
    session.add(question_set)
    used: set[str] = set()
    for position, record in enumerate(records):
        key = record.key if record.key and record.key not in used else \
            "q-" + hashlib.sha256(f"{record.type}\x1f{record.prompt}\x1f{position}".encode()).hexdigest()[:8]
        used.add(key)
        question_set.questions.append(Question(
            key=key, type=QuestionType(record.type), status=QuestionStatus.DRAFT, position=position,
            prompt=record.prompt, answer=record.answer, choices=record.choices, accept=record.accept,
            explanation=record.explanation or record.source_sentence, fact_keys=[],
        ))
    session.flush()
    return question_set
