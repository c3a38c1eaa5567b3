"""Live sessions in the database: any number of server processes can serve one session.

Every request reads the session's row, lets the state machine settle it by the clock,
and writes a host's move back with the revision bumped; answers are rows with a unique
(session, participant, question), so a doubled tap counts once.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studyapp.grading import grade_choice
from studyapp.live import machine
from studyapp.live.machine import LiveState, MoveRefused
from studyapp.live.players import NicknameError, clean_nickname, new_pin, nickname_key
from studyapp.live.results import ranked
from studyapp.models import (
    LiveAnswer,
    LiveParticipant,
    LivePhase,
    LiveSession,
    Question,
    QuestionSet,
    QuestionStatus,
    QuestionType,
    User,
)

LIVE_TYPES = {QuestionType.MULTIPLE_CHOICE, QuestionType.WHO_SAID, QuestionType.TRUE_FALSE}


class AnswerRefused(ValueError):
    """An answer that does not count; the message tells the player why."""


def state_of(live: LiveSession) -> LiveState:
    return LiveState(
        phase=live.phase.value, current_index=live.current_index, question_count=len(live.question_ids),
        seconds_per_question=live.seconds_per_question, phase_started_at=live.phase_started_at,
        deadline=live.phase_deadline, paused_remaining_ms=live.paused_remaining_ms, revision=live.revision,
    )


def _store(live: LiveSession, state: LiveState, now: datetime) -> None:
    live.phase = LivePhase(state.phase)
    live.current_index = state.current_index
    live.phase_started_at = state.phase_started_at
    live.phase_deadline = state.deadline
    live.paused_remaining_ms = state.paused_remaining_ms
    live.revision = state.revision
    if state.phase == machine.FINISHED and live.finished_at is None:
        live.finished_at = now


def playable_questions(question_set: QuestionSet) -> list[Question]:
    """Approved questions with choices to tap on a phone."""
    return [question for question in question_set.questions
            if question.status is QuestionStatus.APPROVED and question.type in LIVE_TYPES]


def create_live_session(session: Session, host: User, question_set: QuestionSet, question_ids: list[int],
                        seconds_per_question: int, now: datetime) -> LiveSession:
    allowed = {question.id for question in playable_questions(question_set)}
    chosen = [question_id for question_id in question_ids if question_id in allowed]
    if not chosen:
        raise MoveRefused("Choose at least one approved multiple-choice, who-said or true/false question.")
    state = machine.new_session(len(chosen), seconds_per_question, now)
    for _attempt in range(10):
        live = LiveSession(host_id=host.id, question_set_id=question_set.id, pin=new_pin(), question_ids=chosen,
                           seconds_per_question=seconds_per_question, phase=LivePhase.LOBBY, current_index=-1,
                           phase_started_at=now, revision=0)
        try:
            with session.begin_nested():
                session.add(live)
        except IntegrityError:
            continue  # that PIN is in use by a running session; draw another
        _store(live, state, now)
        return live
    raise MoveRefused("Could not find a free PIN; please try again.")


def active_session(session: Session, pin: str) -> LiveSession | None:
    pin = "".join(char for char in pin if char.isdigit())
    return session.scalar(select(LiveSession).where(LiveSession.pin == pin, LiveSession.phase != LivePhase.FINISHED))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def join(session: Session, live: LiveSession, raw_nickname: str, user: User | None) -> tuple[LiveParticipant, str]:
    """A new player; returns them with the secret rejoin token for their cookie (the caller commits)."""
    if live.phase is LivePhase.FINISHED:
        raise NicknameError("This quiz has finished.")
    nickname = clean_nickname(raw_nickname)
    token = secrets.token_urlsafe(24)
    player = LiveParticipant(session_id=live.id, user_id=user.id if user else None, nickname=nickname,
                             nickname_key=nickname_key(nickname), rejoin_token_hash=token_hash(token), score=0)
    try:
        with session.begin_nested():
            session.add(player)
    except IntegrityError:
        raise NicknameError(f"Someone here is already called {nickname}. Choose another nickname.") from None
    return player, token


def _holding(session_id: int, token: str):
    """The condition for the game's player whose rejoin token this is."""
    return (LiveParticipant.session_id == session_id) & (LiveParticipant.rejoin_token_hash == token_hash(token))


def player_by_token(session: Session, session_id: int, token: str | None) -> LiveParticipant | None:
    if not token:
        return None
    return session.scalar(select(LiveParticipant).where(_holding(session_id, token)))


@dataclass(frozen=True)
class PlayerKey:
    """All an answer needs to know of the player giving it."""

    id: int
    session_id: int
    user_id: int | None


def player_key_by_token(session: Session, session_id: int, token: str | None) -> PlayerKey | None:
    if not token:
        return None
    row = session.execute(select(LiveParticipant.id, LiveParticipant.session_id, LiveParticipant.user_id)
                          .where(_holding(session_id, token))).first()
    return PlayerKey(*row) if row is not None else None


def player_keys(session: Session, session_id: int) -> dict[str, PlayerKey]:
    """Every player of the game, by the hash of their rejoin token."""
    return {token: PlayerKey(participant_id, session_id, user_id) for participant_id, user_id, token in session.execute(
        select(LiveParticipant.id, LiveParticipant.user_id, LiveParticipant.rejoin_token_hash)
        .where(LiveParticipant.session_id == session_id))}


def host_move(session: Session, live: LiveSession, move: str, now: datetime) -> LiveState:
    """Apply the host's move ("next", "skip", "pause", "resume", "end"); the caller commits."""
    moves = {"next": machine.advance, "skip": machine.skip, "pause": machine.pause, "resume": machine.resume,
             "end": machine.finish}
    if move not in moves:
        raise MoveRefused("Unknown move.")
    state = moves[move](state_of(live), now)
    _store(live, state, now)
    return state


def settled_state(live: LiveSession, now: datetime) -> LiveState:
    return machine.settle(state_of(live), now)


def current_question(session: Session, live: LiveSession, state: LiveState) -> Question | None:
    if not 0 <= state.current_index < len(live.question_ids):
        return None
    return session.get(Question, live.question_ids[state.current_index])


def answer_of(session: Session, player: LiveParticipant | PlayerKey, question: Question | int | None,
              ) -> LiveAnswer | None:
    """The player's answer to ``question`` (or the question of that id), if they gave one."""
    if question is None:
        return None
    question_id = question if isinstance(question, int) else question.id
    return session.scalar(select(LiveAnswer).where(LiveAnswer.session_id == player.session_id,
                                                   LiveAnswer.participant_id == player.id,
                                                   LiveAnswer.question_id == question_id))


@dataclass(frozen=True)
class OpenQuestion:
    """What an answer is checked against: the game's state and its current question, as last read."""

    session_id: int
    state: LiveState
    question_id: int | None
    choices: tuple[str, ...]
    answer: str | None


class GameMoved(Exception):
    """The game has moved on since it was read; read it again and check the answer against that."""


def open_question(session: Session, live: LiveSession) -> OpenQuestion:
    state = state_of(live)
    question = current_question(session, live, state)
    return OpenQuestion(live.id, state, question.id if question else None,
                        tuple(question.choices) if question else (), question.answer if question else None)


ANSWER_COLUMNS = ("session_id", "participant_id", "question_id", "choice", "correct", "points", "response_ms",
                  "answered_at")


@cache
def _insert_at_revision(dialect_name: str):
    """INSERT ... SELECT ... ON CONFLICT DO NOTHING: the answer goes in only while the game is
    still at the revision it was checked against, and only once (the unique constraint decides
    between racing taps). Built once: it is the statement a whole hall runs at once."""
    insert = postgresql_insert if dialect_name == "postgresql" else sqlite_insert
    columns = LiveAnswer.__table__.c
    unchanged = exists().where(LiveSession.id == bindparam("session_id"), LiveSession.revision == bindparam("revision"))
    row = select(*(bindparam(name, type_=columns[name].type).label(name) for name in ANSWER_COLUMNS))
    # The table, not the mapped class: with the revision among its parameters, the ORM would
    # take the statement for a bulk insert of LiveAnswer objects.
    return (insert(LiveAnswer.__table__).from_select(list(ANSWER_COLUMNS), row.where(unchanged))
            .on_conflict_do_nothing(index_elements=["session_id", "participant_id", "question_id"])
            .returning(columns.id))


_ADD_POINTS = (update(LiveParticipant).where(LiveParticipant.id == bindparam("participant"))
               .values(score=LiveParticipant.score + bindparam("points")))


def submit_answer(session: Session, live: LiveSession, player: LiveParticipant, question_index: int, choice: str,
                  now: datetime) -> LiveAnswer:
    """Record one answer (once), score it, and commit. A repeat returns the first answer unchanged."""
    return answer_question(session, open_question(session, live), player, question_index, choice, now)


def answer_question(session: Session, game: OpenQuestion, player: LiveParticipant | PlayerKey, question_index: int,
                    choice: str, now: datetime) -> LiveAnswer:
    """Record one answer (once) against ``game`` as last read, score it, and commit.

    A repeat returns the first answer unchanged. If the game has moved on since ``game`` was
    read (a host's move), nothing is written and GameMoved is raised. A player signed in to
    an account also gets the answer as a review of that card, so a class quiz counts
    towards their spaced repetition.
    """
    state = game.state
    refusal = machine.answer_window_open(state, question_index, now)
    if refusal:
        raise AnswerRefused(refusal)
    if game.question_id is None or choice not in game.choices:
        raise AnswerRefused("Choose one of the answers shown.")
    correct = grade_choice(choice, game.answer).correct
    response_ms = max(0, int((now - state.phase_started_at).total_seconds() * 1000))
    points = machine.points_for(correct, response_ms, state.seconds_per_question)
    values = dict(session_id=game.session_id, participant_id=player.id, question_id=game.question_id,
                  choice=choice[:500], correct=correct, points=points, response_ms=response_ms, answered_at=now)
    user_id = player.user_id  # read before a commit or rollback, which would expire it and cost a query
    statement = _insert_at_revision(session.get_bind().dialect.name)
    try:
        inserted = session.execute(statement, {**values, "revision": state.revision}).scalar()
    except IntegrityError:  # the player or the game is gone (a repeat is no error: it inserts nothing)
        session.rollback()
        raise AnswerRefused("There is no such game.") from None
    if inserted is None:
        session.rollback()
        earlier = answer_of(session, player, game.question_id)
        if earlier is not None:
            return earlier
        raise GameMoved()
    # Added in the database, not in Python: two processes scoring at once both count.
    session.execute(_ADD_POINTS, {"participant": player.id, "points": points})
    session.commit()
    answer = LiveAnswer(id=inserted, **values)  # as stored; read back, it would cost a query
    if user_id is not None:
        _feed_spaced_repetition(session, user_id, session.get(Question, game.question_id), answer,
                                state.seconds_per_question, now)
    return answer


@dataclass(frozen=True)
class Standing:
    rank: int
    nickname: str
    score: int
    participant_id: int


def leaderboard(session: Session, live: LiveSession, limit: int | None = None) -> list[Standing]:
    """The players by score, best first; equal scores share a rank. ``limit`` keeps the top few."""
    rows = session.execute(
        select(LiveParticipant.id, LiveParticipant.nickname, LiveParticipant.score)
        .where(LiveParticipant.session_id == live.id)
        .order_by(LiveParticipant.score.desc(), LiveParticipant.joined_at, LiveParticipant.id)
        .limit(limit)
    ).all()
    return [Standing(rank, nickname, score, participant_id) for rank, participant_id, nickname, score in ranked(rows)]


def answer_counts(session: Session, live: LiveSession, question_id: int) -> dict[str, int]:
    return dict(session.execute(
        select(LiveAnswer.choice, func.count()).where(LiveAnswer.session_id == live.id,
                                                      LiveAnswer.question_id == question_id)
        .group_by(LiveAnswer.choice)
    ).all())


def player_count(session: Session, live: LiveSession) -> int:
    return session.scalar(select(func.count()).select_from(LiveParticipant)
                          .where(LiveParticipant.session_id == live.id)) or 0


def _feed_spaced_repetition(session: Session, user_id: int, question: Question, answer: LiveAnswer,
                            seconds_per_question: int, now: datetime) -> None:
    from studyapp.models import CardState
    from studyapp.srs import rating_for_quiz
    from studyapp.study.service import StaleCard, record_review

    user = session.get(User, user_id)
    card = session.scalar(select(CardState).where(CardState.user_id == user_id, CardState.question_id == question.id))
    # Quick for a live question is a third of its time; slow is most of it.
    rating = rating_for_quiz(answer.correct, answer.response_ms / 1000, fast_within=seconds_per_question / 3,
                             slow_after=seconds_per_question * 0.8)
    try:
        record_review(session, user, question, rating=rating, shown_version=card.version if card else 0,
                      token=f"live-answer-{answer.id}", now=now, answer_given=answer.choice, correct=answer.correct,
                      duration_ms=answer.response_ms)
    except StaleCard:
        pass  # the card changed at this very moment in another tab; the live answer still counts
