"""How a question is shown: its choices, its source sentence with the answer marked, its rating hints."""

from __future__ import annotations

import re
from datetime import datetime

from markupsafe import Markup, escape

from studyapp.grading import Grade, grade_choice, grade_order, grade_typed
from studyapp.models import Question, QuestionType
from studyapp.srs import MemoryState, Rating, format_interval, preview_intervals

RATING_LABELS = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
CHOICE_TYPES = {QuestionType.MULTIPLE_CHOICE, QuestionType.WHO_SAID, QuestionType.TRUE_FALSE}


def highlighted_source(question: Question) -> Markup:
    """The source sentence, escaped, with the fact's own words marked."""
    fact = question.fact
    if fact is None:
        return Markup("")
    sentence, marked = fact.sentence, fact.text
    index = sentence.find(marked)
    if index < 0:
        return escape(sentence)
    return escape(sentence[:index]) + Markup("<mark>") + escape(marked) + Markup("</mark>") + escape(
        sentence[index + len(marked):]
    )


def order_items(question: Question) -> list[str]:
    return list(question.choices)


def correct_order(question: Question) -> list[str]:
    return question.answer.split(" → ")


def rating_buttons(memory: MemoryState, now: datetime, desired_retention: float) -> list[tuple[int, str, str]]:
    """(rating, label, interval) for the four buttons, as Anki shows them."""
    intervals = preview_intervals(memory, now, desired_retention)
    return [(rating.value, RATING_LABELS[rating], format_interval(intervals[rating])) for rating in Rating]


def people_in_set(question: Question) -> list[str]:
    names = {fact.text for fact in question.question_set.facts if fact.kind.value == "person"}
    names |= {fact.speaker for fact in question.question_set.facts if fact.speaker}
    return sorted(names)


def grade(question: Question, given: str | list[str]) -> Grade:
    """Grade a quiz answer of any type."""
    if question.type is QuestionType.ORDER:
        return grade_order(given if isinstance(given, list) else [], correct_order(question))
    text = given if isinstance(given, str) else ""
    if question.type in CHOICE_TYPES:
        return grade_choice(text, question.answer)
    return grade_typed(text, question.answer, question.accept, people_in_set(question))


def prompt_without_blank_noise(prompt: str) -> str:
    return re.sub(r"_{3,}", "_____", prompt)
