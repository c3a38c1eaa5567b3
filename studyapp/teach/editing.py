"""Writing and changing questions by hand, and fresh distractors for a generated one."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session

from studyapp.generator.dates import DateMention
from studyapp.generator.distractors import date_distractors, figure_distractors
from studyapp.models import FactKind, Question, QuestionSet, QuestionStatus, QuestionType
from studyapp.teach.forms import QuestionForm


def fill_form(form: QuestionForm, question: Question) -> None:
    form.type.data = question.type.value
    form.prompt.data = question.prompt
    form.answer.data = question.answer if question.type is not QuestionType.ORDER else ""
    for field, choice in zip((form.choice_1, form.choice_2, form.choice_3, form.choice_4), question.choices):
        field.data = choice
    if question.type is QuestionType.ORDER:
        form.items.data = "\n".join(question.answer.split(" → "))
    form.accept.data = "\n".join(question.accept)
    form.explanation.data = question.explanation


def apply_form(form: QuestionForm, question: Question) -> None:
    question.type = QuestionType(form.type.data)
    question.prompt = form.prompt.data.strip()
    question.explanation = (form.explanation.data or "").strip()
    question.accept = form.accepted() if question.type in {QuestionType.SHORT_ANSWER, QuestionType.CLOZE} else []
    if question.type is QuestionType.ORDER:
        items = form.order_items()
        question.answer = " → ".join(items)
        # Shown in a fixed but mixed order, so the list does not give the answer away.
        question.choices = sorted(items, key=lambda item: hashlib.sha256(item.encode()).hexdigest())
    elif question.type is QuestionType.TRUE_FALSE:
        question.answer = form.answer.data.strip().capitalize()
        question.choices = ["True", "False"]
    elif question.type in {QuestionType.MULTIPLE_CHOICE, QuestionType.WHO_SAID}:
        question.answer = form.answer.data.strip()
        question.choices = form.choices()
    else:
        question.answer = form.answer.data.strip()
        question.choices = []


def new_question(session: Session, question_set: QuestionSet, form: QuestionForm) -> Question:
    position = max((question.position for question in question_set.questions), default=-1) + 1
    question = Question(key="", status=QuestionStatus.DRAFT, position=position, fact_keys=[])
    apply_form(form, question)
    question.key = "q-" + hashlib.sha256(f"hand\x1f{question_set.id}\x1f{position}\x1f{question.prompt}".encode()
                                        ).hexdigest()[:8]
    question_set.questions.append(question)
    session.flush()
    return question


def _precision(value: str) -> str:
    if "/" in value:
        return "period"
    return {0: "year", 1: "month", 2: "day"}[value.count("-")]


class NoDistractors(ValueError):
    """Why no new wrong answers can be offered, in words a teacher can act on."""


def fresh_distractors(question: Question) -> list[str]:
    """Three other plausible wrong answers for a generated multiple-choice question; ``NoDistractors``
    says why when there are none."""
    fact = question.fact
    if question.type not in {QuestionType.MULTIPLE_CHOICE, QuestionType.WHO_SAID}:
        raise NoDistractors("Only multiple-choice and who-said questions have wrong answers to replace.")
    if fact is None:
        raise NoDistractors("This question was written by hand or imported, so no fact of the article stands "
                            "behind it to draw wrong answers from; edit the choices by hand.")
    used = set(question.choices)
    siblings = question.question_set.facts
    if question.type is QuestionType.WHO_SAID:
        pool = sorted({other.speaker for other in siblings if other.speaker} |
                      {other.text for other in siblings if other.kind is FactKind.PERSON})
        candidates = [name for name in pool if name not in used and name != question.answer]
        short = (f"The article names only {len(pool)} speakers and people, and the choices already show "
                 f"{len(used & set(pool))} of them; edit the choices by hand.")
    elif fact.kind is FactKind.DATE and isinstance(fact.value, str):
        mention = DateMention(0, len(fact.text), fact.text, fact.value, _precision(fact.value))
        values = [other.value for other in siblings if other.kind is FactKind.DATE and isinstance(other.value, str)]
        # The article's own dates first, then neighbouring ones; those already shown are skipped.
        pool = date_distractors(mention, values, set()) + date_distractors(mention, [], set())
        candidates = [text for text, _value, _from_article in pool if text not in used]
        short = ("Every date close enough to this one to be a fair wrong answer is among the choices already; "
                 "edit the choices by hand.")
    elif fact.kind is FactKind.FIGURE and isinstance(fact.value, (int, float)):
        others = [(other.text, float(other.value)) for other in siblings
                  if other.kind is FactKind.FIGURE and other.unit == fact.unit and other.id != fact.id]
        pool = figure_distractors(fact.text, float(fact.value), others)
        pool += figure_distractors(fact.text, float(fact.value), [])
        candidates = [text for text, _value, _from_article in pool if text not in used]
        short = ("Every figure close enough to this one to be a fair wrong answer is among the choices already; "
                 "edit the choices by hand.")
    else:
        raise NoDistractors(f"Wrong answers are drawn for dates, figures and speakers; this question is about "
                            f"a {fact.kind.value}, so edit its choices by hand.")
    fresh = list(dict.fromkeys(candidates))[:3]
    if len(fresh) < 3:
        raise NoDistractors(short)
    return fresh
