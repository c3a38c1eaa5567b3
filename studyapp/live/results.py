"""Every player's own score, place and verdict, as the players may know them, worked out once.

At a reveal a thousand phones want their own result at the same moment. Rather than a
thousand look-ups, a server process reads the game's players and the question's answers
once (two queries) and each phone's result is then a dictionary look-up. The results of a
revision are kept for ``max_age`` seconds at most, so that an answer which was being saved
as the question closed is counted in them a moment later.

Before the reveal a score leaves out the current question's points: a score that jumped
would tell a player, and everyone looking over their shoulder, that the answer was right.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from studyapp.live.locks import LockPerGame
from studyapp.live.machine import REVEALED
from studyapp.models import LiveAnswer, LiveParticipant


@dataclass(frozen=True)
class PlayerResult:
    participant_id: int
    nickname: str
    score: int  # as the players may know it
    rank: int  # equal scores share a place
    answered: bool  # the current question
    correct: bool | None = None  # None until the reveal
    points: int | None = None

    def payload(self, revision: int) -> dict:
        """What the player's own page shows: the same fields as /live/play/<id>/me."""
        mine = {"revision": revision, "nickname": self.nickname, "score": self.score, "rank": self.rank,
                "answered": self.answered}
        if self.correct is not None:
            mine["result"] = {"correct": self.correct, "points": self.points}
        return mine


@dataclass(frozen=True)
class Results:
    revision: int
    by_token_hash: dict[str, PlayerResult]


def ranked(rows: list[tuple[int, str, int]]) -> list[tuple[int, int, str, int]]:
    """(rank, participant id, nickname, score) for rows already in leaderboard order."""
    standings, rank, previous = [], 0, None
    for position, (participant_id, nickname, score) in enumerate(rows, start=1):
        if score != previous:
            rank, previous = position, score
        standings.append((rank, participant_id, nickname, score))
    return standings


def load_results(session: Session, session_id: int, phase: str, revision: int, question_id: int | None) -> Results:
    """Every player's result at this phase of the game, in two queries."""
    revealed = phase in REVEALED
    answers = {} if question_id is None else {
        participant_id: (correct, points) for participant_id, correct, points in session.execute(
            select(LiveAnswer.participant_id, LiveAnswer.correct, LiveAnswer.points)
            .where(LiveAnswer.session_id == session_id, LiveAnswer.question_id == question_id))
    }
    players = session.execute(
        select(LiveParticipant.id, LiveParticipant.nickname, LiveParticipant.score, LiveParticipant.rejoin_token_hash,
               LiveParticipant.joined_at)
        .where(LiveParticipant.session_id == session_id)
    ).all()
    known = []
    for participant_id, nickname, score, token_hash, joined_at in players:
        points = answers.get(participant_id, (None, 0))[1]
        known.append((score if revealed else score - points, joined_at, participant_id, nickname, token_hash))
    known.sort(key=lambda player: (-player[0], player[1], player[2]))  # the leaderboard's order
    by_token_hash = {}
    standings = ranked([(participant_id, nickname, score) for score, _joined, participant_id, nickname, _hash in known])
    for (rank, participant_id, nickname, score), player in zip(standings, known):  # ranked keeps the order
        mine = answers.get(participant_id)
        by_token_hash[player[4]] = PlayerResult(
            participant_id, nickname, score, rank, answered=mine is not None,
            correct=mine[0] if mine is not None and revealed else None,
            points=mine[1] if mine is not None and revealed else None,
        )
    return Results(revision, by_token_hash)


def own_result(session: Session, player: LiveParticipant, phase: str, question_id: int | None) -> PlayerResult:
    """One player's result, read for them alone: before the reveal, when answers still come in."""
    revealed = phase in REVEALED
    mine = None if question_id is None else session.execute(
        select(LiveAnswer.correct, LiveAnswer.points)
        .where(LiveAnswer.session_id == player.session_id, LiveAnswer.participant_id == player.id,
               LiveAnswer.question_id == question_id)
    ).first()
    unrevealed_points = LiveAnswer.points if question_id is not None and not revealed else None
    score = player.score - (mine.points if mine is not None and unrevealed_points is not None else 0)
    known_score = LiveParticipant.score
    ahead = select(func.count()).select_from(LiveParticipant).where(LiveParticipant.session_id == player.session_id)
    if unrevealed_points is not None:
        ahead = ahead.outerjoin(LiveAnswer, (LiveAnswer.participant_id == LiveParticipant.id)
                                & (LiveAnswer.question_id == question_id))
        known_score = LiveParticipant.score - func.coalesce(unrevealed_points, 0)
    rank = 1 + (session.scalar(ahead.where(known_score > score)) or 0)
    return PlayerResult(player.id, player.nickname, score, rank, answered=mine is not None,
                        correct=mine.correct if mine is not None and revealed else None,
                        points=mine.points if mine is not None and revealed else None)


class ResultsCache:
    """One process's results per game: built by the first request that needs them, shared by the rest."""

    def __init__(self, *, max_age: float = 1.0) -> None:
        self.max_age = max_age
        self._lock = threading.Lock()
        self._building = LockPerGame()
        self._results: dict[int, tuple[float, Results]] = {}

    def get(self, session_id: int, revision: int, build: Callable[[], Results], *, renew: bool = False) -> Results:
        """The game's results at ``revision``; ``renew`` builds them again unless they are brand new."""
        max_age = 0.05 if renew else self.max_age
        cached = self._fresh(session_id, revision, max_age)
        if cached is not None:
            return cached
        # Only one request builds; the others, woken by the same reveal, wait for its results.
        with self._building(session_id):
            cached = self._fresh(session_id, revision, max_age)
            if cached is not None:
                return cached
            results = build()
            with self._lock:
                self._results[session_id] = (time.monotonic(), results)
                if len(self._results) > 1000:  # finished games fall out
                    oldest = min(self._results, key=lambda key: self._results[key][0])
                    self._results.pop(oldest)
                    self._building.forget(oldest)
            return results

    def _fresh(self, session_id: int, revision: int, max_age: float) -> Results | None:
        with self._lock:
            cached = self._results.get(session_id)
        if cached is None or cached[1].revision != revision or time.monotonic() - cached[0] > max_age:
            return None
        return cached[1]
