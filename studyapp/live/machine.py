"""The live session's rules as a state machine: plain Python, every time passed in.

lobby → question → reveal → leaderboard → question → … → finished. The host moves it
on; a question also ends by itself when its deadline passes. Deadlines come from the
server's clock, never the players'.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

LOBBY, QUESTION, REVEAL, LEADERBOARD, FINISHED = "lobby", "question", "reveal", "leaderboard", "finished"
REVEALED = frozenset({REVEAL, LEADERBOARD, FINISHED})  # the phases in which the question's answer is known
GRACE = timedelta(milliseconds=500)  # answers sent just before the deadline may arrive just after it
MAX_POINTS = 1000


class MoveRefused(ValueError):
    """The host asked for a move the session's phase does not allow; the message says why."""


@dataclass(frozen=True)
class LiveState:
    phase: str
    current_index: int  # -1 in the lobby
    question_count: int
    seconds_per_question: int
    phase_started_at: datetime
    deadline: datetime | None = None
    paused_remaining_ms: int | None = None
    revision: int = 0

    @property
    def paused(self) -> bool:
        return self.paused_remaining_ms is not None

    @property
    def is_last_question(self) -> bool:
        return self.current_index >= self.question_count - 1


def _moved(state: LiveState, now: datetime, **changes) -> LiveState:
    return replace(state, phase_started_at=now, revision=state.revision + 1, paused_remaining_ms=None, **changes)


def new_session(question_count: int, seconds_per_question: int, now: datetime) -> LiveState:
    if question_count < 1:
        raise MoveRefused("A live session needs at least one question.")
    if not 5 <= seconds_per_question <= 240:
        raise MoveRefused("Give between 5 and 240 seconds per question.")
    return LiveState(LOBBY, -1, question_count, seconds_per_question, now)


def settle(state: LiveState, now: datetime) -> LiveState:
    """Apply what the clock decides: a question whose time is up is revealed."""
    if state.phase == QUESTION and not state.paused and state.deadline is not None and now >= state.deadline:
        return _moved(state, state.deadline, phase=REVEAL, deadline=None)
    return state


def advance(state: LiveState, now: datetime) -> LiveState:
    """The host's "next": start, reveal early, show the leaderboard, go on, or finish."""
    state = settle(state, now)
    if state.phase == LOBBY or state.phase == LEADERBOARD:
        if state.phase == LEADERBOARD and state.is_last_question:
            return _moved(state, now, phase=FINISHED, deadline=None)
        index = state.current_index + 1
        return _moved(state, now, phase=QUESTION, current_index=index,
                      deadline=now + timedelta(seconds=state.seconds_per_question))
    if state.phase == QUESTION:
        return _moved(state, now, phase=REVEAL, deadline=None)
    if state.phase == REVEAL:
        return _moved(state, now, phase=LEADERBOARD)
    raise MoveRefused("The session has finished.")


def skip(state: LiveState, now: datetime) -> LiveState:
    """Leave the current question out: straight to the next one (or the end), no reveal, no points."""
    state = settle(state, now)
    if state.phase not in {QUESTION, REVEAL}:
        raise MoveRefused("Only a question can be skipped.")
    if state.is_last_question:
        return _moved(state, now, phase=FINISHED, deadline=None)
    return _moved(state, now, phase=QUESTION, current_index=state.current_index + 1,
                  deadline=now + timedelta(seconds=state.seconds_per_question))


def pause(state: LiveState, now: datetime) -> LiveState:
    state = settle(state, now)
    if state.phase != QUESTION or state.paused or state.deadline is None:
        raise MoveRefused("Only a running question can be paused.")
    remaining = max(0, int((state.deadline - now).total_seconds() * 1000))
    return replace(state, paused_remaining_ms=remaining, deadline=None, revision=state.revision + 1)


def resume(state: LiveState, now: datetime) -> LiveState:
    if not state.paused:
        raise MoveRefused("The session is not paused.")
    return replace(state, deadline=now + timedelta(milliseconds=state.paused_remaining_ms or 0),
                   paused_remaining_ms=None, revision=state.revision + 1)


def finish(state: LiveState, now: datetime) -> LiveState:
    if state.phase == FINISHED:
        raise MoveRefused("The session has already finished.")
    return _moved(state, now, phase=FINISHED, deadline=None)


def answer_window_open(state: LiveState, question_index: int, now: datetime) -> str | None:
    """None when an answer to ``question_index`` may count now; otherwise why not, for the player."""
    state = settle(state, now - GRACE)
    if state.phase != QUESTION or state.current_index != question_index:
        return "Time is up for this question."
    if state.paused:
        return "The quiz is paused; wait for your teacher."
    if state.deadline is not None and now > state.deadline + GRACE:
        return "Time is up for this question."
    return None


def points_for(correct: bool, response_ms: int, seconds_per_question: int) -> int:
    """Kahoot-style: 1000 for an instant right answer, falling to 500 at the deadline; 0 when wrong."""
    if not correct:
        return 0
    limit_ms = seconds_per_question * 1000
    fraction = min(max(response_ms, 0), limit_ms) / limit_ms
    return round(MAX_POINTS * (1 - fraction / 2))
