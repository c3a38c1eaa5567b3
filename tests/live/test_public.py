"""The shared state a player receives: the right answer only once the question is over."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from studyapp.live import machine
from studyapp.live.machine import LiveState
from studyapp.live.public import PublicSnapshot, public_payload

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


def snapshot(phase: str, **changes) -> PublicSnapshot:
    state = LiveState(phase=phase, current_index=0, question_count=2, seconds_per_question=20,
                      phase_started_at=START, deadline=START + timedelta(seconds=20) if phase == machine.QUESTION
                      else None, paused_remaining_ms=None, revision=1)
    return PublicSnapshot(revision=1, state=state, players=3, question_id=7, prompt="When?", choices=("2004", "2006"),
                          answer="2006", top=((1, "Ana", 950), (2, "Ben", 0)), **changes)


def test_during_the_question_the_choices_come_without_the_answer() -> None:
    payload = public_payload(snapshot(machine.QUESTION), START + timedelta(seconds=5))
    assert payload["question"] == {"prompt": "When?", "choices": ["2004", "2006"]}
    assert payload["remaining_ms"] == 15000 and "top" not in payload


def test_when_the_time_is_up_the_clock_reveals_the_answer() -> None:
    payload = public_payload(snapshot(machine.QUESTION), START + timedelta(seconds=21))
    assert payload["phase"] == machine.REVEAL and payload["revision"] == 2
    assert payload["question"]["answer"] == "2006"


def test_the_leaders_show_at_the_leaderboard_and_the_podium_only() -> None:
    assert "top" not in public_payload(snapshot(machine.REVEAL), START)
    board = public_payload(snapshot(machine.LEADERBOARD), START)
    assert board["top"][0] == {"rank": 1, "nickname": "Ana", "score": 950}
    finished = public_payload(snapshot(machine.FINISHED), START)
    assert "question" not in finished and len(finished["top"]) == 2


def test_the_lobby_shows_no_question() -> None:
    payload = public_payload(snapshot(machine.LOBBY), START)
    assert "question" not in payload and payload["players"] == 3
