"""Spaced repetition: FSRS scheduling through the ``fsrs`` package. Plain Python, no Flask, no database."""

from studyapp.srs.scheduling import (
    MemoryState,
    Rating,
    format_interval,
    new_memory_state,
    preview_intervals,
    rating_for_quiz,
    review,
)

__all__ = [
    "MemoryState",
    "Rating",
    "format_interval",
    "new_memory_state",
    "preview_intervals",
    "rating_for_quiz",
    "review",
]
