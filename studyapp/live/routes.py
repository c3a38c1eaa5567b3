from __future__ import annotations

import io
from datetime import datetime, timezone

import segno
from flask import Response, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import SelectChoice

from studyapp.auth.forms import EmptyForm
from studyapp.auth.roles import managed_or_404, role_required
from studyapp.database import reads_before_writing, short_write
from studyapp.errors.responses import wants_json
from studyapp.extensions import db, limiter
from studyapp.live import bp, machine
from studyapp.live.forms import HostForm, JoinForm
from studyapp.live.machine import MoveRefused
from studyapp.live.players import NicknameError
from studyapp.live.public import PublicSnapshot, public_payload, timing_payload
from studyapp.live.results import PlayerResult, own_result
from studyapp.live.service import (
    AnswerRefused,
    GameMoved,
    OpenQuestion,
    PlayerKey,
    active_session,
    answer_counts,
    answer_of,
    answer_question,
    create_live_session,
    current_question,
    host_move,
    join,
    leaderboard,
    playable_questions,
    player_by_token,
    player_count,
    player_key_by_token,
    player_keys,
    settled_state,
    state_of,
    token_hash,
)
from studyapp.live.sharing import live_feed, player_directory, shared_result
from studyapp.models import LiveAnswer, LiveParticipant, LiveSession, QuestionSet, Role
from studyapp.spreadsheets import csv_download

COOKIE_PREFIX = "live_player_"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _hosted(session_id: int) -> LiveSession:
    return managed_or_404(LiveSession, session_id, LiveSession.host_id)


@bp.route("/new/<int:set_id>", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def new(set_id: int) -> str | WerkzeugResponse:
    question_set = managed_or_404(QuestionSet, set_id, QuestionSet.owner_id)
    playable = playable_questions(question_set)
    form = HostForm()
    form.questions.choices = [SelectChoice(question.id, question.prompt) for question in playable]
    if request.method == "GET":
        form.questions.data = [question.id for question in playable[:10]]
    if form.validate_on_submit():
        try:
            live = create_live_session(db.session, current_user, question_set, form.questions.data,
                                       form.seconds.data, _now())
        except MoveRefused as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            return redirect(url_for("live.host", session_id=live.id))
    return render_template("live/new.html", form=form, question_set=question_set, playable=playable)


def _qr_svg(url: str) -> Markup:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=8, border=2, xmldecl=False, svgns=True,
                                    title="QR code to join", svgclass="qr")
    return Markup(buffer.getvalue().decode())


LONG_POLL_SECONDS = 20


def _result_shared_first(session_id: int) -> tuple[int, PlayerResult] | None:
    """(revision, the asking player's result) from this process's shared results, once the game
    is past the reveal. Called before the request touches the database: a request waiting for
    another's shared read must not hold a pooled connection that read may need."""
    snapshot = live_feed().current(session_id)
    if snapshot is None:
        return None
    state = machine.settle(snapshot.state, _now())
    if state.phase not in machine.REVEALED:
        return None
    mine = shared_result(session_id, state, snapshot.question_id, _cookie_token_hash(session_id))
    return (state.revision, mine) if mine is not None else None


def _my_result(player: LiveParticipant, state: machine.LiveState, question_id: int | None,
               shared: tuple[int, PlayerResult] | None) -> PlayerResult:
    if shared is not None and shared[0] == state.revision and shared[1].participant_id == player.id:
        return shared[1]
    # Before the reveal answers are still arriving, and shared results would not show them.
    return own_result(db.session, player, state.phase, question_id)


def _player_token(session_id: int) -> str | None:
    """The rejoin token this browser was given for the game, if any."""
    return request.cookies.get(f"{COOKIE_PREFIX}{session_id}")


def _cookie_token_hash(session_id: int) -> str | None:
    token = _player_token(session_id)
    return token_hash(token) if token else None


def _state_payload(live: LiveSession, now: datetime, *, for_host: bool) -> dict:
    payload = timing_payload(state_of(live), now, player_count(db.session, live))
    if for_host and payload["phase"] == machine.QUESTION:
        question_id = live.question_ids[payload["index"]]
        payload["answers"] = db.session.scalar(
            select(func.count()).select_from(LiveAnswer)
            .where(LiveAnswer.session_id == live.id, LiveAnswer.question_id == question_id)) or 0
    return payload


@bp.route("/host/<int:session_id>")
@role_required(Role.TEACHER)
def host(session_id: int) -> str:
    live = _hosted(session_id)
    now = _now()
    state = settled_state(live, now)
    question = current_question(db.session, live, state)
    join_url = url_for("live.join_page", pin=live.pin, _external=True)
    players = db.session.scalars(select(LiveParticipant.nickname).where(LiveParticipant.session_id == live.id)
                                 .order_by(LiveParticipant.joined_at)).all()
    counts = answer_counts(db.session, live, question.id) if question is not None else {}
    return render_template(
        "live/host.html", live=live, state=state, question=question, join_url=join_url, qr=_qr_svg(join_url),
        players=players, counts=counts, standings=leaderboard(db.session, live, limit=5), form=EmptyForm(),
        payload=_state_payload(live, now, for_host=True), machine=machine,
    )


@bp.route("/host/<int:session_id>/state")
@role_required(Role.TEACHER)
def host_state(session_id: int) -> Response:
    return jsonify(_state_payload(_hosted(session_id), _now(), for_host=True))


@bp.route("/host/<int:session_id>/move", methods=["POST"])
@role_required(Role.TEACHER)
def move(session_id: int) -> WerkzeugResponse:
    live = _hosted(session_id)
    if EmptyForm().validate_on_submit():
        try:
            host_move(db.session, live, request.form.get("move", ""), _now())
        except MoveRefused as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            live_feed().forget(session_id)  # this process's players see the move at once; others within 0.1 s
    return redirect(url_for("live.host", session_id=session_id))


@bp.route("/host/<int:session_id>/results.csv")
@role_required(Role.TEACHER)
def results_csv(session_id: int) -> Response:
    live = _hosted(session_id)
    correct = dict(db.session.execute(
        select(LiveAnswer.participant_id, func.count()).where(LiveAnswer.session_id == live.id, LiveAnswer.correct)
        .group_by(LiveAnswer.participant_id)).all())
    rows = [["rank", "nickname", "score", "right answers", "questions"]]
    rows += [[standing.rank, standing.nickname, standing.score, correct.get(standing.participant_id, 0),
              len(live.question_ids)] for standing in leaderboard(db.session, live)]
    return csv_download(rows, f"live-{live.id}-results.csv")


def _failed_join(response) -> bool:
    return response.status_code == 200  # a wrong PIN or a taken nickname; joining redirects


def _player_key() -> str:
    # A whole class may share one address behind the school's router: count per player.
    cookies = [value for name, value in request.cookies.items() if name.startswith(COOKIE_PREFIX)]
    return "player:" + (cookies[0][:32] if cookies else (request.remote_addr or "unknown"))


@bp.route("/join", methods=["GET", "POST"])
@limiter.limit("20 per minute", methods=["POST"], deduct_when=_failed_join)
def join_page() -> str | WerkzeugResponse:
    form = JoinForm()
    if request.method == "GET" and request.args.get("pin"):
        form.pin.data = request.args["pin"]
    if form.validate_on_submit():
        live = active_session(db.session, form.pin.data or "")
        if live is None:
            form.pin.errors = ["No game is running with that PIN. Check the big screen."]
        else:
            existing = player_by_token(db.session, live.id, _player_token(live.id))
            if existing is not None:
                return redirect(url_for("live.play", session_id=live.id))
            try:
                player, token = join(db.session, live, form.nickname.data or "",
                                     current_user if current_user.is_authenticated else None)
            except NicknameError as error:
                db.session.rollback()
                form.nickname.errors = [str(error)]
            else:
                db.session.commit()
                response = redirect(url_for("live.play", session_id=live.id))
                response.set_cookie(f"{COOKIE_PREFIX}{live.id}", token, max_age=24 * 3600, httponly=True,
                                    samesite="Lax", secure=request.is_secure)
                return response
    return render_template("live/join.html", form=form)


def _player(live: LiveSession) -> LiveParticipant | None:
    return player_by_token(db.session, live.id, _player_token(live.id))


@bp.route("/play/<int:session_id>")
def play(session_id: int) -> str | WerkzeugResponse:
    shared = _result_shared_first(session_id)
    live = db.session.get(LiveSession, session_id)
    player = _player(live) if live is not None else None
    if player is None:
        flash("Join the game with its PIN first.", "info")
        return redirect(url_for("live.join_page"))
    now = _now()
    state = settled_state(live, now)
    question = current_question(db.session, live, state)
    return render_template(
        "live/play.html", live=live, state=state, question=question, player=player,
        my_answer=answer_of(db.session, player, question),
        mine=_my_result(player, state, question.id if question else None, shared),
        standings=leaderboard(db.session, live, limit=3), payload=_state_payload(live, now, for_host=False),
        machine=machine,
        reveal_answer=state.phase in {machine.REVEAL, machine.LEADERBOARD, machine.FINISHED},
    )


@bp.route("/play/<int:session_id>/state")
def play_state(session_id: int) -> Response:
    """The game as every player may see it, from this process's shared snapshot.

    With ``?after=R`` the request waits (up to LONG_POLL_SECONDS, or until the question's
    time is up) until the game has moved past revision R, so a phone hears of a change
    within a tenth of a second without asking every second. Servers that run one request
    per process at a time (gunicorn's sync workers) answer at once instead, and the page
    asks again a second later.
    """
    feed = live_feed()
    snapshot = feed.current(session_id)
    if snapshot is None:
        return jsonify(error="not_found", message="There is no such game."), 404
    now = _now()
    after = request.args.get("after", "")
    settled = machine.settle(snapshot.state, now)
    if after.isdigit() and int(after) == settled.revision and request.environ.get("wsgi.multithread"):
        timeout = LONG_POLL_SECONDS
        if settled.deadline is not None:  # the clock reveals the question: answer by then
            timeout = min(timeout, max(0.0, (settled.deadline - now).total_seconds()) + 0.05)
        snapshot = feed.wait_for_change(session_id, snapshot.revision, timeout)
        now = _now()
    payload = public_payload(snapshot, now)
    if payload["phase"] in machine.REVEALED:
        # The player's own verdict comes with the reveal, rather than in a thousand requests after it.
        mine = shared_result(session_id, machine.settle(snapshot.state, now), snapshot.question_id,
                              _cookie_token_hash(session_id))
        if mine is not None:
            payload["me"] = mine.payload(payload["revision"])
    return jsonify(payload)


@bp.route("/play/<int:session_id>/me")
def play_me(session_id: int) -> Response:
    """The asking player's own score and place, and after the reveal whether they were right."""
    shared = _result_shared_first(session_id)
    live = db.session.get(LiveSession, session_id)
    player = _player(live) if live is not None else None
    if player is None:
        return jsonify(error="not_playing", message="Join the game with its PIN first."), 403
    state = settled_state(live, _now())
    question = current_question(db.session, live, state)
    mine = _my_result(player, state, question.id if question else None, shared)
    return jsonify(mine.payload(state.revision))


def _answering_player(session_id: int) -> PlayerKey | None:
    """The player the cookie names, from this process's directory of the game's players."""
    token = _player_token(session_id)
    if not token:
        return None
    return player_directory().find(session_id, token_hash(token), lambda: player_keys(db.session, session_id),
                                   lambda: player_key_by_token(db.session, session_id, token))


def _answer_as_the_game_stands(snapshot: PublicSnapshot | None, session_id: int, player: PlayerKey, index: int,
                               choice: str) -> None:
    """Check the answer against this process's snapshot of the game, which a thousand answers
    share. A snapshot may lag a host's move by a moment: when it refuses the answer, or the
    game has moved on since it was read, the answer is checked again against a fresh one."""
    for fresh in (False, True):
        if fresh:
            # The rollback before this gave the pooled connection back, so waiting for the read
            # (another request's, perhaps) holds none.
            snapshot = live_feed().current(session_id, fresh=True)
        if snapshot is None:
            raise AnswerRefused("There is no such game.")
        game = OpenQuestion(session_id, snapshot.state, snapshot.question_id, snapshot.choices, snapshot.answer)
        try:
            with short_write(db.session()):
                answer_question(db.session, game, player, index, choice, _now())
            return
        except (AnswerRefused, GameMoved) as error:
            db.session.rollback()
            if fresh and isinstance(error, AnswerRefused):
                raise
    raise AnswerRefused("The game moved on as you answered: look at the big screen.")


@bp.route("/play/<int:session_id>/answer", methods=["POST"])
@reads_before_writing
@limiter.limit("60 per minute", key_func=_player_key)
def answer(session_id: int) -> WerkzeugResponse:
    snapshot = live_feed().current(session_id)  # before the database: see _result_shared_first
    player = _answering_player(session_id)
    if player is None or not EmptyForm().validate_on_submit():
        abort(403)
    index = request.form.get("index", "")
    try:
        if not index.isdigit():
            raise AnswerRefused("That answer could not be read; tap it again.")
        _answer_as_the_game_stands(snapshot, session_id, player, int(index), request.form.get("choice", ""))
    except AnswerRefused as error:
        db.session.rollback()
        if wants_json():
            return jsonify(recorded=False, message=str(error)), 409
        flash(str(error), "error")
    else:
        if wants_json():
            return jsonify(recorded=True)
    return redirect(url_for("live.play", session_id=session_id))

