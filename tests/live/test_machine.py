"""The live session's state machine with fixed clocks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from studyapp.live.machine import (
    FINISHED,
    LEADERBOARD,
    LOBBY,
    QUESTION,
    REVEAL,
    MoveRefused,
    advance,
    answer_window_open,
    finish,
    new_session,
    pause,
    points_for,
    resume,
    settle,
    skip,
)

T0 = datetime(2026, 5, 4, 10, 0, tzinfo=timezone.utc)


def seconds(n: float) -> datetime:
    return T0 + timedelta(seconds=n)


def test_a_whole_game_of_two_questions() -> None:
    state = new_session(question_count=2, seconds_per_question=20, now=T0)
    assert (state.phase, state.current_index) == (LOBBY, -1)
    phases = []
    now = T0
    for _ in range(6):
        now += timedelta(seconds=5)
        state = advance(state, now)
        phases.append((state.phase, state.current_index))
    assert phases == [(QUESTION, 0), (REVEAL, 0), (LEADERBOARD, 0), (QUESTION, 1), (REVEAL, 1), (LEADERBOARD, 1)]
    assert advance(state, now + timedelta(seconds=1)).phase == FINISHED
    assert state.revision == 6


def test_a_question_ends_by_itself_at_its_deadline() -> None:
    state = advance(new_session(3, 20, T0), T0)
    assert state.deadline == seconds(20)
    assert settle(state, seconds(19.9)).phase == QUESTION
    revealed = settle(state, seconds(25))
    assert revealed.phase == REVEAL and revealed.phase_started_at == seconds(20)
    # The host's "next" after the deadline goes on from the reveal, not from the question.
    assert advance(state, seconds(25)).phase == LEADERBOARD


def test_answers_are_accepted_until_the_deadline_with_a_little_grace() -> None:
    state = advance(new_session(3, 20, T0), T0)
    assert answer_window_open(state, 0, seconds(19.9)) is None
    assert answer_window_open(state, 0, seconds(20.3)) is None  # in flight when time ran out
    assert answer_window_open(state, 0, seconds(21)) == "Time is up for this question."
    assert answer_window_open(state, 1, seconds(5)) == "Time is up for this question."
    assert answer_window_open(new_session(3, 20, T0), 0, T0) == "Time is up for this question."


def test_pause_keeps_the_time_left_and_resume_gives_it_back() -> None:
    state = advance(new_session(3, 20, T0), T0)
    paused = pause(state, seconds(8))
    assert paused.paused and paused.paused_remaining_ms == 12000 and paused.deadline is None
    assert answer_window_open(paused, 0, seconds(9)) == "The quiz is paused; wait for your teacher."
    assert settle(paused, seconds(100)).phase == QUESTION  # no deadline runs while paused
    resumed = resume(paused, seconds(60))
    assert resumed.deadline == seconds(72)
    with pytest.raises(MoveRefused):
        resume(resumed, seconds(61))


def test_skip_and_finish() -> None:
    state = advance(new_session(2, 20, T0), T0)
    skipped = skip(state, seconds(3))
    assert (skipped.phase, skipped.current_index, skipped.deadline) == (QUESTION, 1, seconds(23))
    assert skip(skipped, seconds(4)).phase == FINISHED
    ended = finish(state, seconds(5))
    assert ended.phase == FINISHED
    with pytest.raises(MoveRefused, match="already finished"):
        finish(ended, seconds(6))
    with pytest.raises(MoveRefused, match="has finished"):
        advance(ended, seconds(6))
    with pytest.raises(MoveRefused, match="Only a question can be skipped"):
        skip(new_session(2, 20, T0), T0)


@pytest.mark.parametrize(("count", "seconds_each"), [(0, 20), (3, 2), (3, 500)])
def test_bad_settings_are_refused(count: int, seconds_each: int) -> None:
    with pytest.raises(MoveRefused):
        new_session(count, seconds_each, T0)


@pytest.mark.parametrize(
    ("correct", "response_ms", "points"),
    [(True, 0, 1000), (True, 10_000, 750), (True, 20_000, 500), (True, 30_000, 500), (False, 0, 0), (True, -5, 1000)],
)
def test_points_reward_right_and_quick(correct: bool, response_ms: int, points: int) -> None:
    assert points_for(correct, response_ms, 20) == points
