from __future__ import annotations

from datetime import datetime, timezone

from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from studyapp.database import read_only_transactions, reads_before_writing, short_write
from studyapp.errors.responses import wants_json
from studyapp.extensions import db, limiter
from studyapp.models import CardState, Question, QuestionType
from studyapp.srs import new_memory_state, rating_for_quiz
from studyapp.study import bp, tokens
from studyapp.study.forms import CheckForm, ReviewForm, SettingsForm
from studyapp.study.presenting import (
    CHOICE_TYPES,
    correct_order,
    grade,
    highlighted_source,
    order_items,
    rating_buttons,
)
from studyapp.study.service import (
    StaleCard,
    due_count,
    memory_of,
    new_cards_left_today,
    next_card,
    next_due_time,
    record_review,
)

MODES = ("flashcards", "quiz")
LONGEST_COUNTED_MS = 10 * 60 * 1000  # a card left open over lunch is not ten minutes of thinking


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _secret() -> str:
    return current_app.config["SECRET_KEY"]


@bp.route("/")
@login_required
def index() -> str:
    now = _now()
    return render_template(
        "study/index.html",
        due=due_count(db.session, current_user, now),
        new_left=new_cards_left_today(db.session, current_user, now),
        next_due=next_due_time(db.session, current_user),
        now=now,
    )


EXPIRED = "That card had expired, so the answer was not counted. Here is the next one."
ANSWERED_ELSEWHERE = "That card was already answered in another tab, so this answer was not counted again."
TITLES = {"flashcards": "Flashcards", "quiz": "Quiz", "done": "All done"}


def _next_card_view(mode: str) -> tuple[str, str, dict]:
    """What to show next in ``mode``: (page kind, fragment template, its context)."""
    now = _now()
    shown = next_card(db.session, current_user, now)
    if shown is None:
        return "done", "study/_done.html", {"mode": mode, "next_due": next_due_time(db.session, current_user),
                                            "now": now}
    question = shown.question
    token = tokens.issue(_secret(), current_user.id, question.id, shown.version)
    context = {"question": question, "token": token, "is_new": shown.is_new, "mode": mode,
               "QuestionType": QuestionType}
    if mode == "quiz":
        # formdata=None: on an answer sent in place, the form would otherwise take the answered
        # card's token from the request instead of the next card's.
        return "quiz", "study/_quiz.html", {
            **context, "form": CheckForm(formdata=None, token=token), "choice_types": CHOICE_TYPES,
            "order_items": order_items(question) if question.type is QuestionType.ORDER else [],
        }
    # The back comes with the front, so that a script can show it without asking again.
    return "flashcards", "study/_flashcard.html", {
        **context, "source": highlighted_source(question),
        "buttons": rating_buttons(shown.memory, now, current_user.desired_retention),
        "order": correct_order(question) if question.type is QuestionType.ORDER else [],
    }


def _show(mode: str) -> str:
    kind, _fragment, context = _next_card_view(mode)
    page = {"flashcards": "study/flashcard_front.html", "quiz": "study/quiz_front.html", "done": "study/done.html"}
    return render_template(page[kind], **context)


def _next_card_json(mode: str, notice: str | None = None) -> Response:
    """The next card as a fragment of HTML, for the study page's script to put in place."""
    # The answer is committed by now; finding the next card only reads, so on SQLite it
    # need not hold the write lock that other students' answers are waiting for. A commit
    # with nothing to end would still expire the user, to be read again.
    if db.session().in_transaction():
        db.session.commit()
    with read_only_transactions():
        kind, fragment, context = _next_card_view(mode)
    return jsonify(html=render_template(fragment, **context), title=TITLES[kind], notice=notice)


@bp.route("/flashcards")
@login_required
def flashcards() -> str:
    return _show("flashcards")


@bp.route("/quiz")
@login_required
def quiz() -> str:
    return _show("quiz")


def _shown_question(token: str | None):
    shown = tokens.read(_secret(), token or "")
    if shown is None or shown.user_id != current_user.id:
        return None, None
    question = db.session.get(Question, shown.question_id)
    return shown, question


def _memory_for(question: Question):
    card = db.session.scalar(
        select(CardState).where(CardState.user_id == current_user.id, CardState.question_id == question.id)
    )
    return memory_of(card) if card is not None else new_memory_state(_now())


@bp.route("/flashcards/answer")
@login_required
def flashcard_answer() -> str | Response:
    token = request.args.get("token")
    shown, question = _shown_question(token)
    if question is None:
        flash("That card could not be found any more. Here is the next one.", "info")
        return redirect(url_for("study.flashcards"))
    now = _now()
    return render_template(
        "study/flashcard_back.html", question=question, token=token, source=highlighted_source(question),
        buttons=rating_buttons(_memory_for(question), now, current_user.desired_retention),
        mode="flashcards", order=correct_order(question)
        if question.type is QuestionType.ORDER else [], QuestionType=QuestionType,
    )


def _given_answer(question: Question) -> str | list[str]:
    if question.type is not QuestionType.ORDER:
        return (request.form.get("answer") or "").strip()[:2000]
    items = order_items(question)
    positions: dict[int, str] = {}
    for index, item in enumerate(items):
        raw = request.form.get(f"position-{index}", "")
        if not raw.isdigit() or not 1 <= int(raw) <= len(items) or int(raw) in positions:
            return []  # incomplete or repeated positions: graded as wrong, with a note
        positions[int(raw)] = item
    return [positions[place] for place in sorted(positions)]


@bp.route("/quiz/check", methods=["POST"])
@login_required
def quiz_check() -> str | Response:
    form = CheckForm()
    shown, question = _shown_question(form.token.data) if form.validate_on_submit() else (None, None)
    if question is None:
        flash("That question had expired, so it was not checked. Here is the next one.", "info")
        return redirect(url_for("study.quiz"))
    given = _given_answer(question)
    result = grade(question, given)
    now = _now()
    elapsed_ms = min(int((now - shown.shown_at).total_seconds() * 1000), LONGEST_COUNTED_MS)
    client_ms = form.elapsed_ms.data
    if client_ms and client_ms.isdigit() and int(client_ms) <= elapsed_ms + 5000:
        elapsed_ms = int(client_ms)  # the page's own clock leaves out the time spent loading it
    suggested = rating_for_quiz(result.correct, elapsed_ms / 1000)
    given_text = " → ".join(given) if isinstance(given, list) else given
    return render_template(
        "study/quiz_feedback.html", question=question, result=result, given=given_text, suggested=suggested.value,
        source=highlighted_source(question), buttons=rating_buttons(_memory_for(question), now,
                                                                    current_user.desired_retention),
        token=form.token.data, mode="quiz", elapsed_ms=elapsed_ms,
        order=correct_order(question) if question.type is QuestionType.ORDER else [], QuestionType=QuestionType,
    )


def student_limit_key() -> str:
    # The id from the signed session cookie: the limit is counted before anything is read from
    # the database (login_required, inside the limit, turns away a cookie that names nobody).
    return f"user:{session.get('_user_id')}"


@bp.route("/review", methods=["POST"])
@reads_before_writing
@limiter.limit("240 per minute", key_func=student_limit_key)
@login_required
def review() -> Response:
    form = ReviewForm()
    mode = form.mode.data if form.mode.data in MODES else "flashcards"
    if not form.validate_on_submit():
        message = "Choose Again, Hard, Good or Easy to rate the card."
        if wants_json():
            return jsonify(error="invalid", message=message), 400
        flash(message, "error")
        return redirect(url_for(f"study.{mode}"))
    shown, question = _shown_question(form.token.data)
    if question is None:
        return _after_review(mode, EXPIRED)
    now = _now()
    answer_given, correct = "", None
    if mode == "quiz":
        # Graded again here: what the page sends back is not trusted to say it was right.
        answer_given = (form.answer.data or "")[:2000]
        given = answer_given.split(" → ") if question.type is QuestionType.ORDER else answer_given
        correct = grade(question, given).correct
    duration_ms = min(int((now - shown.shown_at).total_seconds() * 1000), LONGEST_COUNTED_MS)
    if form.elapsed_ms.data and form.elapsed_ms.data.isdigit():
        duration_ms = min(duration_ms, int(form.elapsed_ms.data))
    try:
        with short_write(db.session()):
            record_review(
                db.session, current_user, question, rating=form.rating.data, shown_version=shown.version,
                token=form.token.data, now=now, answer_given=answer_given, correct=correct,
                duration_ms=duration_ms,
            )
    except StaleCard:
        return _after_review(mode, ANSWERED_ELSEWHERE)
    return _after_review(mode)


def _after_review(mode: str, notice: str | None = None) -> Response:
    """The next card: in place for the study page's script, else by a redirect to the next page."""
    if wants_json():
        return _next_card_json(mode, notice)
    if notice:
        flash(notice, "info")
    return redirect(url_for(f"study.{mode}"))


@bp.route("/progress")
@login_required
def progress() -> str:
    from studyapp.study.charts import bar_chart
    from studyapp.study.progress import progress_for

    now = _now()
    report = progress_for(db.session, current_user, now)
    return render_template(
        "study/progress.html", report=report,
        due_chart=bar_chart(report.due_by_day, "Cards due today and in the next 30 days", highlight_first=True),
        reviews_chart=bar_chart(report.reviews_by_day, "Reviews in the last 30 days"),
    )


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> str | Response:
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.desired_retention = float(form.desired_retention.data)
        current_user.new_cards_per_day = form.new_cards_per_day.data
        current_user.time_zone = form.time_zone.data
        db.session.commit()
        flash("Your study settings are saved.", "success")
        return redirect(url_for("study.index"))
    return render_template("study/settings.html", form=form)
