"""What a teacher's students know: a table per class and item statistics per question.

Item statistics follow Moodle's definitions, over each student's first answer to each
question: the facility index is the share answered right; the discrimination index is
the correlation between being right on this question and the student's score on the
set's other questions (near 0 or below: the question does not separate students who
know the set from those who do not, and deserves a look).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.models import (
    Assignment,
    CardState,
    Classroom,
    Enrollment,
    Question,
    QuestionSet,
    QuestionStatus,
    ReviewLog,
    User,
)
from studyapp.study.progress import MATURE_DAYS, true_retention

MATURE = MATURE_DAYS


@dataclass(frozen=True)
class StudentRow:
    student: User
    reviews: int
    retention: float | None
    mastery: dict[int, float]  # question set id → share of its approved questions mastered


@dataclass(frozen=True)
class ClassProgress:
    classroom: Classroom
    sets: list[QuestionSet]
    rows: list[StudentRow]


def class_progress(session: Session, classroom: Classroom) -> ClassProgress:
    sets = list(session.scalars(
        select(QuestionSet).join(Assignment, Assignment.question_set_id == QuestionSet.id)
        .where(Assignment.classroom_id == classroom.id).order_by(QuestionSet.title)
    ))
    students = list(session.scalars(
        select(User).join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == classroom.id).order_by(User.display_name)
    ))
    set_ids = [question_set.id for question_set in sets]
    approved: dict[int, set[int]] = defaultdict(set)
    for question_id, set_id in session.execute(
        select(Question.id, Question.question_set_id)
        .where(Question.question_set_id.in_(set_ids), Question.status == QuestionStatus.APPROVED)
    ):
        approved[set_id].add(question_id)
    question_set_of = {question_id: set_id for set_id, ids in approved.items() for question_id in ids}
    student_ids = [student.id for student in students]
    mastered: dict[int, Counter[int]] = defaultdict(Counter)
    for user_id, question_id, state, stability in session.execute(
        select(CardState.user_id, CardState.question_id, CardState.state, CardState.stability)
        .where(CardState.user_id.in_(student_ids), CardState.question_id.in_(list(question_set_of)))
    ):
        if state == 2 and (stability or 0) >= MATURE:
            mastered[user_id][question_set_of[question_id]] += 1
    logs: dict[int, list[tuple[int, object, int]]] = defaultdict(list)
    for user_id, question_id, reviewed_at, rating in session.execute(
        select(ReviewLog.user_id, ReviewLog.question_id, ReviewLog.reviewed_at, ReviewLog.rating)
        .where(ReviewLog.user_id.in_(student_ids), ReviewLog.question_id.in_(list(question_set_of)))
        .order_by(ReviewLog.user_id, ReviewLog.question_id, ReviewLog.reviewed_at)
    ):
        logs[user_id].append((question_id, reviewed_at, rating))
    rows = []
    for student in students:
        rows.append(StudentRow(
            student=student,
            reviews=len(logs[student.id]),
            retention=true_retention(logs[student.id])[0],
            mastery={set_id: mastered[student.id][set_id] / len(approved[set_id]) if approved[set_id] else 0.0
                     for set_id in set_ids},
        ))
    return ClassProgress(classroom, sets, rows)


@dataclass(frozen=True)
class ItemStatistics:
    question: Question
    attempts: int
    facility: float | None
    discrimination: float | None
    common_wrong_answer: str | None
    common_wrong_count: int


def item_statistics(session: Session, question_set: QuestionSet, teacher: User) -> list[ItemStatistics]:
    """Per question, over the first answer of each student in the teacher's classes."""
    students = select(Enrollment.student_id).join(Classroom, Classroom.id == Enrollment.classroom_id).where(
        Classroom.teacher_id == teacher.id)
    questions = [question for question in question_set.questions if question.status is not QuestionStatus.RETIRED]
    first: dict[tuple[int, int], tuple[bool, str]] = {}
    for user_id, question_id, correct, rating, answer in session.execute(
        select(ReviewLog.user_id, ReviewLog.question_id, ReviewLog.correct, ReviewLog.rating, ReviewLog.answer_given)
        .where(ReviewLog.question_id.in_([question.id for question in questions]), ReviewLog.user_id.in_(students))
        .order_by(ReviewLog.reviewed_at, ReviewLog.id)
    ):
        key = (user_id, question_id)
        if key not in first:
            right = correct if correct is not None else rating > 1
            first[key] = (bool(right), answer or "")
    score_by_student: dict[int, dict[int, float]] = defaultdict(dict)
    for (user_id, question_id), (right, _answer) in first.items():
        score_by_student[user_id][question_id] = 1.0 if right else 0.0
    result = []
    for question in questions:
        answered = [(user_id, scores[question.id]) for user_id, scores in score_by_student.items()
                    if question.id in scores]
        wrong = Counter(first[(user_id, question.id)][1] for user_id, score in answered
                        if not score and first[(user_id, question.id)][1])
        common = wrong.most_common(1)
        result.append(ItemStatistics(
            question=question,
            attempts=len(answered),
            facility=statistics.fmean(score for _user, score in answered) if answered else None,
            discrimination=_discrimination(question.id, answered, score_by_student),
            common_wrong_answer=common[0][0] if common else None,
            common_wrong_count=common[0][1] if common else 0,
        ))
    return result


def _discrimination(question_id: int, answered: list[tuple[int, float]],
                    score_by_student: dict[int, dict[int, float]]) -> float | None:
    """Correlation of this item's score with each student's mean score on the other items."""
    pairs = []
    for user_id, score in answered:
        others = [value for other_id, value in score_by_student[user_id].items() if other_id != question_id]
        if others:
            pairs.append((score, statistics.fmean(others)))
    if len(pairs) < 3:
        return None
    item, rest = zip(*pairs)
    try:
        return statistics.correlation(item, rest)
    except statistics.StatisticsError:
        return None  # everyone scored the same: the question cannot discriminate
