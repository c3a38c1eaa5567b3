"""The study loop against the database: which card comes next, and recording a review exactly once.

No Flask here: the pages call these functions with a session, a user and the time.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache

from sqlalchemy import Row, bindparam, exists, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, joinedload

from studyapp.access import visible_sets_condition, visible_sets_condition_for
from studyapp.models import CardState, Question, QuestionSet, QuestionStatus, ReviewLog, Role, User
from studyapp.srs import MemoryState, Rating, new_memory_state, review
from studyapp.study.days import start_of_day, zone_of


class StaleCard(Exception):
    """The card changed since it was shown (answered in another tab); nothing was recorded."""


@dataclass(frozen=True)
class NextCard:
    question: Question
    card: CardState | None  # None for a card the student has not met yet
    is_new: bool

    @property
    def version(self) -> int:
        return self.card.version if self.card is not None else 0

    @property
    def memory(self) -> MemoryState:
        return memory_of(self.card) if self.card is not None else new_memory_state(datetime.now(timezone.utc))


@dataclass(frozen=True)
class ReviewResult:
    log_id: int
    memory: MemoryState  # the card's state after the review
    repeated: bool  # the same answer arrived again; the first one stands


def memory_of(card: CardState | Row) -> MemoryState:
    """The memory state of a card, from its model or from a row of its table."""
    return MemoryState(
        state=card.state, step=card.step, stability=card.stability, difficulty=card.difficulty, due=card.due,
        last_review=card.last_review, reps=card.reps, lapses=card.lapses,
    )


# The study loop's statements are built once per role, with the user and the time as bound
# parameters: building a statement costs more Python than running it on an indexed table.
USER_ID, NOW, DAY_START = bindparam("user_id"), bindparam("now"), bindparam("day_start")


def _studyable(role: Role):
    """Approved questions in sets the user may see, each with its fact (the card shows its source)."""
    return (
        select(Question)
        .options(joinedload(Question.fact))
        .join(QuestionSet, Question.question_set_id == QuestionSet.id)
        .where(Question.status == QuestionStatus.APPROVED, visible_sets_condition_for(role, USER_ID))
    )


@cache
def _due_statement(role: Role):
    return (
        _studyable(role).add_columns(CardState)
        .join(CardState, CardState.question_id == Question.id)
        .where(CardState.user_id == USER_ID, CardState.due <= NOW)
        .order_by(CardState.due, CardState.id)
    )


@cache
def _first_due_statement(role: Role):
    return _due_statement(role).limit(1)


_NEW_CARDS_TODAY = (
    select(func.count()).select_from(CardState)
    .where(CardState.user_id == USER_ID, CardState.introduced_at >= DAY_START)
)


@cache
def _first_new_statement(role: Role, dialect: str):
    met = exists().where(CardState.user_id == USER_ID, CardState.question_id == Question.id)
    # A sibling (another question on a fact met today) would give itself away, so it waits a
    # day. Each database gets the form it runs well: after 100 cards met today, NOT IN took
    # 0.5 ms on SQLite and 5 ms on PostgreSQL, NOT EXISTS 9 ms and 2 ms.
    met_today = aliased(Question)
    if dialect == "sqlite":
        facts_met_today = (
            select(met_today.fact_id).join(CardState, CardState.question_id == met_today.id)
            .where(CardState.user_id == USER_ID, CardState.introduced_at >= DAY_START, met_today.fact_id.is_not(None))
        )
        no_sibling_met_today = or_(Question.fact_id.is_(None), Question.fact_id.not_in(facts_met_today))
    else:
        no_sibling_met_today = ~exists().where(
            CardState.user_id == USER_ID, CardState.introduced_at >= DAY_START,
            met_today.id == CardState.question_id, met_today.fact_id == Question.fact_id,
        )
    return (
        _studyable(role)
        .where(~met, no_sibling_met_today)
        .order_by(Question.question_set_id, Question.position, Question.id)
        .limit(1)
    )


def _day_start(user: User, now: datetime) -> datetime:
    return start_of_day(now, zone_of(user.time_zone))


def new_cards_left_today(session: Session, user: User, now: datetime) -> int:
    introduced = session.scalar(_NEW_CARDS_TODAY, {"user_id": user.id, "day_start": _day_start(user, now)})
    return max(0, user.new_cards_per_day - (introduced or 0))


def due_cards(user: User, now: datetime):
    """Questions with their card states that are due for ``user`` at ``now``, most overdue first.

    Served by the (user_id, due) index on card_states (bench/study_loop.py shows the plan).
    """
    return _due_statement(user.role).params(user_id=user.id, now=now)


def due_count(session: Session, user: User, now: datetime) -> int:
    return session.scalar(select(func.count()).select_from(due_cards(user, now).order_by(None).subquery())) or 0


def next_card(session: Session, user: User, now: datetime) -> NextCard | None:
    """The card to show now: the most overdue review, else a new card while today's allowance lasts."""
    user_id, role, daily_limit = user.id, user.role, user.new_cards_per_day
    due = session.execute(_first_due_statement(role), {"user_id": user_id, "now": now}).first()
    if due is not None:
        question, card = due
        return NextCard(question, card, is_new=False)
    day = {"user_id": user_id, "day_start": _day_start(user, now)}
    if (session.scalar(_NEW_CARDS_TODAY, day) or 0) >= daily_limit:
        return None
    question = session.scalar(_first_new_statement(role, session.get_bind().dialect.name), day)
    return NextCard(question, None, is_new=True) if question is not None else None


def next_due_time(session: Session, user: User) -> datetime | None:
    """When the next card falls due (to tell a student who has finished when to come back)."""
    return session.scalar(
        select(func.min(CardState.due))
        .join(Question, CardState.question_id == Question.id)
        .join(QuestionSet, Question.question_set_id == QuestionSet.id)
        .where(CardState.user_id == user.id, Question.status == QuestionStatus.APPROVED, visible_sets_condition(user))
    )


def token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def record_review(
    session: Session,
    user: User,
    question: Question,
    *,
    rating: Rating | int,
    shown_version: int,
    token: str,
    now: datetime,
    answer_given: str = "",
    correct: bool | None = None,
    duration_ms: int | None = None,
    fuzz: bool = True,
) -> ReviewResult:
    """Apply one answer to the card and log it, once, then commit.

    The same ``token`` arriving twice (a double click, a resent form) returns the
    first result and changes nothing. A card answered since it was shown
    (``shown_version`` is old: another tab) raises StaleCard and changes nothing.
    """
    key = token_key(token)
    # No look-up first: a repeated token finds the card already moved on (StaleCard) or
    # collides on the unique token (IntegrityError), and both paths return the first result.
    try:
        result = _apply_review(session, user, question.id, Rating(int(rating)), shown_version, key, now,
                               answer_given, correct, duration_ms, fuzz)
        session.commit()
        return result
    except IntegrityError:
        # Another request with this token, or for this new card, committed first.
        session.rollback()
        earlier = _result_for_token(session, key)
        if earlier is not None:
            return earlier
        raise StaleCard() from None
    except StaleCard:
        # Perhaps stale because this very answer, sent twice at once, won the race.
        session.rollback()
        earlier = _result_for_token(session, key)
        if earlier is not None:
            return earlier
        raise


# The answer's statements: the table's own, without the ORM's unit of work, which cost
# more Python than everything else an answer does to the database (bench/study_loop.py).
_CARDS, _LOGS = CardState.__table__, ReviewLog.__table__
_CARD = select(_CARDS).where(_CARDS.c.user_id == USER_ID, _CARDS.c.question_id == bindparam("question_id"))
_LOCK_CARD = _CARD.with_for_update()
_MOVE_CARD = update(_CARDS).where(_CARDS.c.id == bindparam("card_id"), _CARDS.c.version == bindparam("shown"))
_NEW_CARD = insert(_CARDS)
_LOG = insert(_LOGS).returning(_LOGS.c.id)


def _result_for_token(session: Session, key: str) -> ReviewResult | None:
    log = session.execute(select(_LOGS.c.id, _LOGS.c.user_id, _LOGS.c.question_id)
                          .where(_LOGS.c.request_token == key)).first()
    if log is None:
        return None
    card = session.execute(_CARD, {"user_id": log.user_id, "question_id": log.question_id}).first()
    return ReviewResult(log.id, memory_of(card), repeated=True)


def _apply_review(session: Session, user: User, question_id: int, rating: Rating, shown_version: int, key: str,
                  now: datetime, answer_given: str, correct: bool | None, duration_ms: int | None,
                  fuzz: bool) -> ReviewResult:
    connection = session.connection()
    card = connection.execute(_LOCK_CARD, {"user_id": user.id, "question_id": question_id}).first()
    if (card.version if card is not None else 0) != shown_version:
        raise StaleCard()
    before = memory_of(card) if card is not None else new_memory_state(now)
    after = review(before, rating, now, desired_retention=user.desired_retention, duration_ms=duration_ms,
                   fuzz=fuzz)
    memory = {"state": after.state, "step": after.step, "stability": after.stability,
              "difficulty": after.difficulty, "due": after.due, "last_review": after.last_review,
              "reps": after.reps, "lapses": after.lapses, "version": shown_version + 1}
    if card is None:
        # A new card: the unique (user, question) pair refuses a second tab's copy.
        connection.execute(_NEW_CARD, {"user_id": user.id, "question_id": question_id, "introduced_at": now,
                                       **memory})
    elif connection.execute(_MOVE_CARD, {"card_id": card.id, "shown": shown_version, **memory}).rowcount != 1:
        raise StaleCard()
    log_id = connection.execute(_LOG, {
        "user_id": user.id, "question_id": question_id, "rating": rating.value,
        "answer_given": answer_given[:2000], "correct": (rating != Rating.Again) if correct is None else correct,
        "duration_ms": duration_ms, "reviewed_at": now, "request_token": key,
    }).scalar_one()
    # A card state this session loaded may be this one, now behind its row: read them again on use.
    for loaded in [obj for obj in session.identity_map.values() if isinstance(obj, CardState)]:
        session.expire(loaded)
    return ReviewResult(log_id, after, repeated=False)
