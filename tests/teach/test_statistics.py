"""What students know: the class table and Moodle-style item statistics."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from studyapp.banks.importer import import_bank
from studyapp.models import Assignment, Classroom, Enrollment, QuestionType, Role
from studyapp.study.service import record_review
from studyapp.teach.statistics import class_progress, item_statistics

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
MONDAY = datetime(2026, 3, 2, 9, tzinfo=timezone.utc)
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def classroom_with_answers(db, make_user):
    """Four students answer the first four multiple-choice questions; better students get more right."""
    teacher = make_user(Role.TEACHER)
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher, approve=True).question_set
    classroom = Classroom(teacher_id=teacher.id, name="History 9B", join_code="HIST9BAB")
    db.session.add(classroom)
    db.session.flush()
    db.session.add(Assignment(classroom_id=classroom.id, question_set_id=question_set.id))
    questions = [q for q in question_set.questions if q.type is QuestionType.MULTIPLE_CHOICE][:4]
    students = [make_user(name=f"Student {n}") for n in range(4)]
    for student in students:
        db.session.add(Enrollment(classroom_id=classroom.id, student_id=student.id))
    db.session.commit()
    # Student n gets the first n questions right; question 0 is right for all but the weakest.
    for number, student in enumerate(students):
        for index, question in enumerate(questions):
            right = index < number
            wrong_choice = next(choice for choice in question.choices if choice != question.answer)
            record_review(db.session, student, question, rating=3 if right else 1, shown_version=0,
                          token=f"{student.id}-{question.id}", now=MONDAY, correct=right,
                          answer_given=question.answer if right else wrong_choice, fuzz=False)
    return teacher, classroom, question_set, questions, students


@BOTH
def test_item_statistics(db, classroom_with_answers) -> None:
    teacher, _classroom, question_set, questions, _students = classroom_with_answers
    stats = {item.question.id: item for item in item_statistics(db.session, question_set, teacher)}
    first = stats[questions[0].id]
    assert first.attempts == 4 and first.facility == pytest.approx(0.75)
    assert first.discrimination is not None and first.discrimination > 0.5
    last = stats[questions[3].id]
    assert last.facility == 0.0 and last.discrimination is None  # nobody right: nothing to correlate
    assert last.common_wrong_answer is not None and last.common_wrong_count == 4
    unanswered = [item for item in stats.values() if item.question.id not in {q.id for q in questions}]
    assert all(item.attempts == 0 and item.facility is None for item in unanswered)


def test_another_teachers_students_are_not_counted(db, classroom_with_answers, make_user) -> None:
    _teacher, _classroom, question_set, _questions, _students = classroom_with_answers
    other_teacher = make_user(Role.TEACHER)
    assert all(item.attempts == 0 for item in item_statistics(db.session, question_set, other_teacher))


@BOTH
def test_class_progress_table(db, classroom_with_answers) -> None:
    _teacher, classroom, question_set, _questions, students = classroom_with_answers
    progress = class_progress(db.session, classroom)
    assert [row.student.display_name for row in progress.rows] == [s.display_name for s in students]
    assert [row.reviews for row in progress.rows] == [4, 4, 4, 4]
    assert progress.sets == [question_set]
    assert all(row.mastery[question_set.id] == 0.0 for row in progress.rows)  # one day is not mastery


def test_pages_and_csv_downloads(app, db, classroom_with_answers) -> None:
    teacher, classroom, question_set, questions, _students = classroom_with_answers
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(teacher.id)
    page = client.get(f"/teach/classes/{classroom.id}/progress").get_data(as_text=True)
    assert "What History 9B knows" in page and "Student 3" in page
    csv_text = client.get(f"/teach/classes/{classroom.id}/progress.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0] == "student,email,reviews,retention,mastered: US-Colombia Relations"
    assert len(csv_text.splitlines()) == 5
    page = client.get(f"/teach/sets/{question_set.id}/statistics").get_data(as_text=True)
    assert "How each question works" in page and "75%" in page
    stats_csv = client.get(f"/teach/sets/{question_set.id}/statistics.csv").get_data(as_text=True)
    assert stats_csv.splitlines()[0].startswith("id,type,question,answers,facility,discrimination")
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(_students[0].id)
    assert other.get(f"/teach/classes/{classroom.id}/progress").status_code == 403
    assert other.get(f"/teach/sets/{question_set.id}/statistics.csv").status_code == 403


def test_retention_counts_reviews_a_day_apart(db, classroom_with_answers) -> None:
    _teacher, classroom, question_set, questions, students = classroom_with_answers
    student, question = students[3], questions[0]
    from sqlalchemy import select

    from studyapp.models import CardState
    card = db.session.scalar(select(CardState).where(CardState.user_id == student.id,
                                                     CardState.question_id == question.id))
    record_review(db.session, student, question, rating=3, shown_version=card.version, token="later",
                  now=MONDAY + timedelta(days=2), fuzz=False)
    row = next(row for row in class_progress(db.session, classroom).rows if row.student.id == student.id)
    assert row.retention == 1.0 and row.reviews == 5
