"""What every player of a live session may know, as one snapshot shared by all of them.

The snapshot holds the question's right answer, so that it need not be loaded again at
the reveal. ``public_payload`` is the only way out of it, and it includes the answer
only once the settled phase is past the question: before the reveal, no player's
browser receives it in any form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from studyapp.live import machine
from studyapp.live.machine import LiveState
from studyapp.live.service import leaderboard, player_count, state_of
from studyapp.models import LiveSession, Question

TOP_SHOWN = 3


@dataclass(frozen=True)
class PublicSnapshot:
    revision: int
    state: LiveState
    players: int
    question_id: int | None  # for the server's own look-ups; never sent
    prompt: str | None
    choices: tuple[str, ...]
    answer: str | None  # kept back by public_payload until the reveal
    top: tuple[tuple[int, str, int], ...]  # (rank, nickname, score) of the leaders


def load_snapshots(session: Session, session_ids: list[int]) -> dict[int, PublicSnapshot]:
    snapshots = {}
    for live in session.scalars(select(LiveSession).where(LiveSession.id.in_(session_ids))):
        state = state_of(live)
        question = None
        if 0 <= state.current_index < len(live.question_ids):
            question = session.get(Question, live.question_ids[state.current_index])
        top = tuple((standing.rank, standing.nickname, standing.score)
                    for standing in leaderboard(session, live, limit=TOP_SHOWN))
        snapshots[live.id] = PublicSnapshot(
            revision=live.revision, state=state, players=player_count(session, live),
            question_id=question.id if question else None, prompt=question.prompt if question else None,
            choices=tuple(question.choices) if question else (),
            answer=question.answer if question else None, top=top,
        )
    return snapshots


def load_revisions(session: Session, session_ids: list[int]) -> dict[int, int]:
    return dict(session.execute(select(LiveSession.id, LiveSession.revision)
                                .where(LiveSession.id.in_(session_ids))).all())


def timing_payload(state: LiveState, now: datetime, players: int) -> dict:
    """The phase, its timer and the number of players (what the host's page polls as well)."""
    state = machine.settle(state, now)
    payload = {"revision": state.revision, "phase": state.phase, "index": state.current_index,
               "question_count": state.question_count, "paused": state.paused, "remaining_ms": None,
               "players": players}
    if state.deadline is not None:
        payload["remaining_ms"] = max(0, int((state.deadline - now).total_seconds() * 1000))
    elif state.paused:
        payload["remaining_ms"] = state.paused_remaining_ms
    return payload


def public_payload(snapshot: PublicSnapshot, now: datetime) -> dict:
    """Everything a player's page needs to draw the phase, and nothing a player may not see yet."""
    payload = timing_payload(snapshot.state, now, snapshot.players)
    phase = payload["phase"]
    if phase in (machine.QUESTION, machine.REVEAL, machine.LEADERBOARD) and snapshot.prompt is not None:
        payload["question"] = {"prompt": snapshot.prompt, "choices": list(snapshot.choices)}
        if phase != machine.QUESTION:
            payload["question"]["answer"] = snapshot.answer
    if phase in (machine.LEADERBOARD, machine.FINISHED):
        payload["top"] = [{"rank": rank, "nickname": nickname, "score": score}
                          for rank, nickname, score in snapshot.top]
    return payload
