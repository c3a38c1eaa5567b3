"""One card's memory state in, the next state out, as FSRS schedules it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import cache

from fsrs import Card, Rating, Scheduler, State

__all__ = ["MemoryState", "Rating", "format_interval", "new_memory_state", "preview_intervals", "rating_for_quiz",
           "review"]


@dataclass(frozen=True)
class MemoryState:
    """What the database keeps for one (user, question): the fields of fsrs.Card, plus counters."""

    state: int = State.Learning.value
    step: int | None = 0
    stability: float | None = None
    difficulty: float | None = None
    due: datetime | None = None
    last_review: datetime | None = None
    reps: int = 0
    lapses: int = 0

    def to_card(self) -> Card:
        # An explicit card_id: without one fsrs makes a unique id by sleeping a millisecond.
        return Card(
            card_id=0,
            state=State(self.state), step=self.step, stability=self.stability, difficulty=self.difficulty,
            due=_aware(self.due), last_review=_aware(self.last_review),
        )


def _aware(moment: datetime | None) -> datetime | None:
    # fsrs refuses naive datetimes; a naive one here can only mean UTC read back from SQLite.
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def new_memory_state(now: datetime) -> MemoryState:
    return MemoryState(due=_aware(now))


@cache
def _scheduler(desired_retention: float, fuzz: bool) -> Scheduler:
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def review(state: MemoryState, rating: Rating | int, now: datetime, *, desired_retention: float = 0.9,
           duration_ms: int | None = None, fuzz: bool = True) -> MemoryState:
    """The state after answering with ``rating`` at ``now``.

    Args:
        state: the card's state before this review.
        rating: Again (1), Hard (2), Good (3) or Easy (4).
        now: when the review happened; timezone-aware.
        desired_retention: the student's target probability of recall, 0.7 to 0.97.
        duration_ms: how long the answer took, kept by fsrs in its review log.
        fuzz: spread intervals a little so cards learnt together do not fall due together.
            Tests turn it off to get exact intervals.

    Returns:
        The new MemoryState; ``reps`` counts reviews and ``lapses`` forgotten review cards.
    """
    rating = Rating(int(rating))
    card, _log = _scheduler(desired_retention, fuzz).review_card(
        state.to_card(), rating, review_datetime=_aware(now), review_duration=duration_ms
    )
    lapsed = state.state == State.Review.value and rating == Rating.Again
    return replace(
        state,
        state=card.state.value,
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
        reps=state.reps + 1,
        lapses=state.lapses + lapsed,
    )


def preview_intervals(state: MemoryState, now: datetime, desired_retention: float = 0.9) -> dict[Rating, timedelta]:
    """For each rating, how long until the card would be due again (shown on the buttons, as Anki does)."""
    return {
        rating: review(state, rating, now, desired_retention=desired_retention, fuzz=False).due - _aware(now)
        for rating in Rating
    }


def format_interval(interval: timedelta) -> str:
    """``<1m``, ``10m``, ``3h``, ``4d``, ``1.5mo``, ``2.1y``: short enough for a button."""
    seconds = interval.total_seconds()
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{days / 30:.1f}mo".replace(".0mo", "mo")
    return f"{days / 365:.1f}y".replace(".0y", "y")


def rating_for_quiz(correct: bool, seconds: float, *, slow_after: float = 20.0, fast_within: float = 5.0) -> Rating:
    """A quiz answer's rating: wrong is Again; right is Easy when quick, Hard when slow, else Good."""
    if not correct:
        return Rating.Again
    if seconds <= fast_within:
        return Rating.Easy
    if seconds >= slow_after:
        return Rating.Hard
    return Rating.Good
