"""The due-card query on 200,000 card states and a million review-log rows: its time and its plan.

Run by bench/study_loop.py against the database in DATABASE_URL (after the loop has used it),
or on its own: DATABASE_URL=... .venv/bin/python bench/due_query.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text  # noqa: E402

from studyapp import create_app  # noqa: E402
from studyapp.extensions import db  # noqa: E402
from studyapp.models import CardState, Question, QuestionSet, ReviewLog, User  # noqa: E402
from studyapp.study.service import due_cards  # noqa: E402

USERS, QUESTIONS_PER_USER, LOGS_PER_CARD = 1000, 200, 5
NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
BATCH = 20_000


def fill() -> tuple[int, int]:
    """Add USERS students who each hold a card for every one of QUESTIONS_PER_USER questions."""
    random.seed(7)
    owner_id = db.session.scalar(select(func.min(User.id)))
    question_set = QuestionSet(owner_id=owner_id, title="Due-query bench", source_file="bench.txt")
    db.session.add(question_set)
    db.session.flush()
    db.session.execute(insert(Question), [
        {"question_set_id": question_set.id, "key": f"q-bench-{n}", "type": "short_answer", "status": "approved",
         "position": n, "prompt": f"Question {n}?", "answer": str(n), "choices": [], "accept": [], "fact_keys": []}
        for n in range(QUESTIONS_PER_USER)
    ])
    question_ids = db.session.scalars(select(Question.id).where(Question.question_set_id == question_set.id)).all()
    first_user = (db.session.scalar(select(func.max(User.id))) or 0) + 1
    db.session.execute(insert(User), [
        {"id": first_user + n, "email": f"due{n}@bench.example", "password_hash": "x", "display_name": f"D{n}",
         "role": "student", "created_at": NOW, "desired_retention": 0.9, "new_cards_per_day": 20}
        for n in range(USERS)
    ])
    db.session.commit()
    cards, logs = [], []
    for user in range(first_user, first_user + USERS):
        for question_id in question_ids:
            due = NOW + timedelta(hours=random.uniform(-24 * 30, 24 * 60))
            cards.append({"user_id": user, "question_id": question_id, "state": 2, "step": None, "stability": 10.0,
                          "difficulty": 5.0, "due": due, "last_review": due - timedelta(days=10), "introduced_at":
                          due - timedelta(days=40), "reps": LOGS_PER_CARD, "lapses": 0, "version": LOGS_PER_CARD})
            for back in range(LOGS_PER_CARD):
                logs.append({"user_id": user, "question_id": question_id, "rating": 3, "answer_given": "",
                             "correct": True, "duration_ms": 4000, "reviewed_at": due - timedelta(days=10 * (back + 1))})
            if len(logs) >= BATCH:
                db.session.execute(insert(CardState), cards)
                db.session.execute(insert(ReviewLog), logs)
                db.session.commit()
                cards, logs = [], []
    if cards:
        db.session.execute(insert(CardState), cards)
        db.session.execute(insert(ReviewLog), logs)
        db.session.commit()
    return first_user, first_user + USERS - 1


def main() -> None:
    app = create_app()
    with app.app_context():
        started = time.perf_counter()
        first_user, last_user = fill()
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))
        else:
            db.session.execute(text("ANALYZE"))
        db.session.commit()
        cards = db.session.scalar(select(func.count()).select_from(CardState))
        logs = db.session.scalar(select(func.count()).select_from(ReviewLog))
        print(f"due-card query: {cards:,} card states, {logs:,} review-log rows (filled in "
              f"{time.perf_counter() - started:.0f} s)")
        users = [db.session.get(User, user_id) for user_id in random.sample(range(first_user, last_user + 1), 50)]
        timings = []
        for user in users * 4:
            statement = due_cards(user, NOW).limit(1)
            began = time.perf_counter()
            db.session.execute(statement).first()
            timings.append((time.perf_counter() - began) * 1000)
        print(f"  next due card for one student: median {statistics.median(timings):.2f} ms, "
              f"p99 {sorted(timings)[int(len(timings) * 0.99) - 1]:.2f} ms over {len(timings)} queries")
        compiled = due_cards(users[0], NOW).limit(1).compile(db.engine, compile_kwargs={"literal_binds": True})
        explain = "EXPLAIN ANALYZE " if db.engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
        print("  plan:")
        for row in db.session.execute(text(explain + str(compiled))):
            print("    " + " | ".join(str(part) for part in row))


if __name__ == "__main__":
    main()
