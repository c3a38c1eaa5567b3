"""What a student can see of their own learning: what is due, what they did, what they know."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.access import visible_sets_condition
from studyapp.models import CardState, Fact, Question, QuestionSet, QuestionStatus, ReviewLog, User
from studyapp.srs.scheduling import State
from studyapp.study.days import local_date, zone_of

MATURE_DAYS = 21  # a card recalled over three weeks apart counts as mastered, as in Anki
DAYS_SHOWN = 30


@dataclass(frozen=True)
class Mastery:
    label: str
    total: int
    seen: int
    mastered: int

    @property
    def mastered_share(self) -> float:
        return self.mastered / self.total if self.total else 0.0

    @property
    def seen_share(self) -> float:
        return self.seen / self.total if self.total else 0.0


@dataclass(frozen=True)
class Progress:
    due_by_day: list[tuple[date, int]]  # today, then each of the next 30 days
    reviews_by_day: list[tuple[date, int]]  # the last 30 days, ending today
    true_retention: float | None  # share of reviews a day or more after the last that were recalled
    retention_reviews: int
    streak_days: int
    total_reviews: int
    by_kind: list[Mastery]
    by_set: list[Mastery]


def true_retention(logs) -> tuple[float | None, int]:
    """From (question id, reviewed at, rating) rows in time order per question: the share of
    reviews a day or more after the previous one that were recalled (not Again), and how many."""
    recalled = tested = 0
    previous: dict[int, datetime] = {}
    for question_id, reviewed_at, rating in logs:
        last = previous.get(question_id)
        if last is not None and reviewed_at - last >= timedelta(days=1):
            tested += 1
            recalled += rating > 1
        previous[question_id] = reviewed_at
    return (recalled / tested if tested else None), tested


def _is_mastered(card: CardState) -> bool:
    return card.state == State.Review.value and (card.stability or 0) >= MATURE_DAYS


def progress_for(session: Session, user: User, now: datetime) -> Progress:
    """Days here are the student's own (their time zone), so the streak and charts match their calendar."""
    zone = zone_of(user.time_zone)
    today = local_date(now, zone)
    cards = session.execute(
        select(CardState, Question, QuestionSet.title, Fact.kind)
        .join(Question, CardState.question_id == Question.id)
        .join(QuestionSet, Question.question_set_id == QuestionSet.id)
        .outerjoin(Fact, Question.fact_id == Fact.id)
        .where(CardState.user_id == user.id)
    ).all()

    due = Counter()
    for card, _question, _title, _kind in cards:
        due_day = max(local_date(card.due, zone), today)  # overdue cards are due today
        if due_day <= today + timedelta(days=DAYS_SHOWN):
            due[due_day] += 1
    due_by_day = [(today + timedelta(days=offset), due[today + timedelta(days=offset)])
                  for offset in range(DAYS_SHOWN + 1)]

    logs = session.execute(
        select(ReviewLog.question_id, ReviewLog.reviewed_at, ReviewLog.rating)
        .where(ReviewLog.user_id == user.id).order_by(ReviewLog.question_id, ReviewLog.reviewed_at)
    ).all()
    per_day = Counter(local_date(log.reviewed_at, zone) for log in logs)
    reviews_by_day = [(today - timedelta(days=offset), per_day[today - timedelta(days=offset)])
                      for offset in range(DAYS_SHOWN - 1, -1, -1)]

    retention, tested = true_retention(logs)

    streak = 0
    day = today if per_day[today] else today - timedelta(days=1)
    while per_day[day]:
        streak += 1
        day -= timedelta(days=1)

    return Progress(
        due_by_day=due_by_day,
        reviews_by_day=reviews_by_day,
        true_retention=retention,
        retention_reviews=tested,
        streak_days=streak,
        total_reviews=len(logs),
        by_kind=_mastery_by(session, user, cards, by="kind"),
        by_set=_mastery_by(session, user, cards, by="set"),
    )


def _mastery_by(session: Session, user: User, cards, by: str) -> list[Mastery]:
    """Mastery per fact kind or per question set, over every approved question the user may study."""
    key = (lambda title, kind: kind.value if kind else "other") if by == "kind" else (lambda title, kind: title)
    questions = session.execute(
        select(Question.id, QuestionSet.title, Fact.kind)
        .join(QuestionSet, Question.question_set_id == QuestionSet.id)
        .outerjoin(Fact, Question.fact_id == Fact.id)
        .where(Question.status == QuestionStatus.APPROVED, visible_sets_condition(user))
    ).all()
    totals: Counter[str] = Counter(key(title, kind) for _id, title, kind in questions)
    seen: Counter[str] = Counter()
    mastered: Counter[str] = Counter()
    for card, question, title, kind in cards:
        label = key(title, kind)
        seen[label] += 1
        mastered[label] += _is_mastered(card)
    labels = {"date": "Dates", "figure": "Figures", "quote": "Quotes", "person": "People", "other": "Other"}
    order = list(labels) if by == "kind" else sorted(totals)
    return [
        Mastery(labels.get(label, label) if by == "kind" else label, totals[label], seen[label], mastered[label])
        for label in order if totals[label]
    ]

