from __future__ import annotations

import json
import re
from datetime import timezone

from flask import Response as FlaskResponse
from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from studyapp.auth.forms import EmptyForm
from studyapp.auth.roles import managed_or_404, role_required
from studyapp.banks.articles import ArticleError, article_text, decode_article
from studyapp.classes.forms import AssignForm, NewClassForm
from studyapp.classes.service import (
    ClassError,
    assign_set,
    classes_taught_by,
    create_class,
    remove_student,
    rotate_code,
    set_archived,
)
from studyapp.extensions import db
from studyapp.models import (
    Assignment,
    Classroom,
    Enrollment,
    GenerationJob,
    GenerationStatus,
    QuestionSet,
    QuestionStatus,
    Role,
    User,
    Visibility,
)
from studyapp.spreadsheets import csv_download
from studyapp.teach import bp
from studyapp.teach.background import start_generation
from studyapp.teach.editing import NoDistractors, apply_form, fill_form, fresh_distractors, new_question
from studyapp.teach.forms import ImportForm, NewBlankSetForm, NewSetForm, QuestionForm, VisibilityForm
from studyapp.teach.generation import queue_generation, view_of
from studyapp.teach.service import (
    NothingToAsk,
    approve_all,
    create_set_from_article,
    review_of,
    set_status,
    sets_owned_by,
)


def _own_set(set_id: int) -> QuestionSet:
    """The set, if it is the signed-in teacher's (admins may see any); 404 otherwise, so ids leak nothing."""
    return managed_or_404(QuestionSet, set_id, QuestionSet.owner_id)


@bp.route("/")
@role_required(Role.TEACHER)
def index() -> str:
    return render_template("teach/index.html", sets=sets_owned_by(db.session, current_user),
                           QuestionStatus=QuestionStatus)


@bp.route("/sets/new", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def new_set() -> str | Response:
    form = NewSetForm()
    if form.validate_on_submit():
        try:
            if form.upload.data and form.upload.data.filename:
                filename = form.upload.data.filename
                text = article_text(form.upload.data.read(), filename)
            else:
                filename = "pasted-article.txt"
                text = decode_article(form.text.data.encode("utf-8"), "The pasted text")
            if len(text) > current_app.config["GENERATE_IN_BACKGROUND_ABOVE"]:
                # A long article takes longer than a page may wait: made beside the request, watched here.
                job = queue_generation(db.session, current_user, text, filename=filename, title=form.title.data,
                                       visibility=Visibility(form.visibility.data))
                db.session.commit()
                start_generation(current_app._get_current_object(), job.id)
                return redirect(url_for("teach.generation", job_id=job.id))
            question_set = create_set_from_article(
                db.session, current_user, text, filename=filename, title=form.title.data,
                visibility=Visibility(form.visibility.data),
            )
        except (ArticleError, NothingToAsk) as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Made {len(question_set.questions)} questions. Review them, then approve the ones to use.",
                  "success")
            return redirect(url_for("teach.review", set_id=question_set.id))
    return render_template("teach/new.html", form=form)


@bp.route("/generations/<int:job_id>")
@role_required(Role.TEACHER)
def generation(job_id: int) -> str | Response:
    """How far a long article's set has come; the finished set's review page when it is made."""
    job = managed_or_404(GenerationJob, job_id, GenerationJob.owner_id)
    view = view_of(job)
    if view.status is GenerationStatus.DONE and view.question_set_id is not None:
        question_set = db.session.get(QuestionSet, view.question_set_id)
        if question_set is not None:
            flash(f"Made {len(question_set.questions)} questions. Review them, then approve the ones to use.",
                  "success")
            return redirect(url_for("teach.review", set_id=question_set.id))
    return render_template("teach/generation.html", job=job, view=view, GenerationStatus=GenerationStatus)


@bp.route("/sets/<int:set_id>")
@role_required(Role.TEACHER)
def review(set_id: int) -> str:
    question_set = _own_set(set_id)
    return render_template(
        "teach/review.html", review=review_of(db.session, question_set.id), action_form=EmptyForm(),
        visibility_form=VisibilityForm(visibility=question_set.visibility.value), QuestionStatus=QuestionStatus,
    )


def _change_status(set_id: int, question_id: int, status: QuestionStatus, message: str) -> Response:
    question_set = _own_set(set_id)
    if EmptyForm().validate_on_submit() and set_status(db.session, question_set, question_id, status):
        db.session.commit()
        flash(message, "success")
    else:
        abort(404)
    return redirect(url_for("teach.review", set_id=set_id, _anchor=f"question-{question_id}"))


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/approve", methods=["POST"])
@role_required(Role.TEACHER)
def approve_question(set_id: int, question_id: int) -> Response:
    return _change_status(set_id, question_id, QuestionStatus.APPROVED, "Question approved.")


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/unapprove", methods=["POST"])
@role_required(Role.TEACHER)
def unapprove_question(set_id: int, question_id: int) -> Response:
    return _change_status(set_id, question_id, QuestionStatus.DRAFT, "Question moved back to draft.")


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/delete", methods=["POST"])
@role_required(Role.TEACHER)
def delete_question(set_id: int, question_id: int) -> Response:
    # Retired, not removed: students' past answers to it stay in their history.
    return _change_status(set_id, question_id, QuestionStatus.RETIRED, "Question deleted.")


@bp.route("/sets/<int:set_id>/approve-all", methods=["POST"])
@role_required(Role.TEACHER)
def approve_all_questions(set_id: int) -> Response:
    question_set = _own_set(set_id)
    if EmptyForm().validate_on_submit():
        count = approve_all(db.session, question_set)
        db.session.commit()
        flash(f"Approved {count} question{'s' if count != 1 else ''}.", "success")
    return redirect(url_for("teach.review", set_id=set_id))


@bp.route("/sets/<int:set_id>/visibility", methods=["POST"])
@role_required(Role.TEACHER)
def change_visibility(set_id: int) -> Response:
    question_set = _own_set(set_id)
    form = VisibilityForm()
    if form.validate_on_submit():
        question_set.visibility = Visibility(form.visibility.data)
        db.session.commit()
        flash("Saved who may study this set.", "success")
    else:
        flash("Choose who may study this set from the list.", "error")
    return redirect(url_for("teach.review", set_id=set_id))


def _own_class(class_id: int) -> Classroom:
    return managed_or_404(Classroom, class_id, Classroom.teacher_id)


@bp.route("/classes", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def classes() -> str | Response:
    form = NewClassForm()
    if form.validate_on_submit():
        try:
            classroom = create_class(db.session, current_user, form.name.data or "")
        except ClassError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(f"Class created. Students join it with the code {classroom.join_code}.", "success")
            return redirect(url_for("teach.class_detail", class_id=classroom.id))
    return render_template("teach/classes.html", form=form, classes=classes_taught_by(db.session, current_user))


def _assign_form() -> AssignForm:
    form = AssignForm()
    form.question_set.choices = [SelectChoice(question_set.id, question_set.title)
                                 for question_set in sets_owned_by(db.session, current_user)]
    return form


@bp.route("/classes/<int:class_id>", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def class_detail(class_id: int) -> str | Response:
    classroom = _own_class(class_id)
    form = _assign_form()
    if form.validate_on_submit():
        question_set = _own_set(form.question_set.data)
        due_at = form.due_at.data.replace(tzinfo=timezone.utc) if form.due_at.data else None
        assign_set(db.session, classroom, question_set, due_at)
        db.session.commit()
        flash(f"Assigned {question_set.title} to {classroom.name}.", "success")
        return redirect(url_for("teach.class_detail", class_id=class_id))
    students = db.session.scalars(
        select(User).join(Enrollment, Enrollment.student_id == User.id)
        .where(Enrollment.classroom_id == classroom.id).order_by(User.display_name)
    ).all()
    assignments = db.session.execute(
        select(Assignment, QuestionSet.title).join(QuestionSet, QuestionSet.id == Assignment.question_set_id)
        .where(Assignment.classroom_id == classroom.id).order_by(Assignment.created_at)
    ).all()
    return render_template("teach/class.html", classroom=classroom, students=students, assignments=assignments,
                           form=form, action_form=EmptyForm())


@bp.route("/classes/<int:class_id>/assignments/<int:assignment_id>/remove", methods=["POST"])
@role_required(Role.TEACHER)
def remove_assignment(class_id: int, assignment_id: int) -> Response:
    classroom = _own_class(class_id)
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.classroom_id != classroom.id or not EmptyForm().validate_on_submit():
        abort(404)
    db.session.delete(assignment)
    db.session.commit()
    flash("Assignment removed. Students keep what they have learnt.", "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/students/<int:student_id>/remove", methods=["POST"])
@role_required(Role.TEACHER)
def remove_class_student(class_id: int, student_id: int) -> Response:
    classroom = _own_class(class_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        student = remove_student(db.session, classroom, student_id)
    except ClassError:
        abort(404)
    db.session.commit()
    flash(f"{student.display_name} is no longer in {classroom.name}. Their own progress stays theirs.", "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/code", methods=["POST"])
@role_required(Role.TEACHER)
def new_class_code(class_id: int) -> Response:
    classroom = _own_class(class_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        code = rotate_code(db.session, classroom)
    except ClassError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(f"The new join code is {code}; the old one no longer works. Students already in stay.", "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))


@bp.route("/classes/<int:class_id>/archive", methods=["POST"])
@role_required(Role.TEACHER)
def archive_class(class_id: int) -> Response:
    classroom = _own_class(class_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    archive = request.form.get("archived") != "0"
    set_archived(classroom, archive)
    db.session.commit()
    flash(f"{classroom.name} is archived: no one can join, and its assignments leave students' lists."
          if archive else f"{classroom.name} is open again.", "success")
    return redirect(url_for("teach.class_detail", class_id=class_id))


EXPORTS = {
    "json": ("application/json", "json"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "gift": ("text/plain; charset=utf-8", "gift.txt"),
    "apkg": ("application/octet-stream", "apkg"),
}


@bp.route("/sets/<int:set_id>/export/<kind>")
@role_required(Role.TEACHER)
def export_set(set_id: int, kind: str) -> FlaskResponse:
    from studyapp.interchange.anki import write_apkg
    from studyapp.interchange.csv_format import write_csv
    from studyapp.interchange.gift import write_gift
    from studyapp.interchange.sets import bank_from_set, exported_questions, records_of

    question_set = _own_set(set_id)
    if kind not in EXPORTS:
        abort(404)
    exported = exported_questions(question_set, include_drafts=request.args.get("drafts") == "1")
    records = records_of(exported)
    if kind == "json":
        body: str | bytes = json.dumps(bank_from_set(question_set), indent=2, ensure_ascii=False) + "\n"
    elif kind == "csv":
        body = write_csv(records)
    elif kind == "gift":
        body = write_gift(records, question_set.title)
    else:
        # The latest edit dates the notes: Anki replaces a note it holds only with a newer one.
        modified = max([question_set.updated_at, *(question.updated_at for question in exported)])
        body = write_apkg(records, question_set.title, modified=modified)
    mimetype, suffix = EXPORTS[kind]
    name = re.sub(r"[^A-Za-z0-9-]+", "-", question_set.title).strip("-").lower() or "question-set"
    return FlaskResponse(body, mimetype=mimetype,
                         headers={"Content-Disposition": f'attachment; filename="{name}.{suffix}"'})


@bp.route("/sets/import", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def import_set() -> str | Response:
    from studyapp.teach.importing import ImportProblem, import_upload

    form = ImportForm()
    if form.validate_on_submit():
        upload = form.upload.data
        try:
            question_set = import_upload(db.session, current_user, upload.read(), upload.filename or "upload",
                                         title=form.title.data)
        except ImportProblem as error:
            db.session.rollback()
            form.upload.errors = [str(error)]
        else:
            db.session.commit()
            flash(_import_message(question_set), "success")
            return redirect(url_for("teach.review", set_id=question_set.id))
    return render_template("teach/import.html", form=form)


def _same_title_note(question_set: QuestionSet) -> str:
    """" You already had a set called “Canal history”; rename one to tell them apart." when that is so."""
    same = db.session.scalar(select(func.count()).select_from(QuestionSet).where(
        QuestionSet.owner_id == question_set.owner_id, QuestionSet.title == question_set.title,
        QuestionSet.id != question_set.id))
    return f" You already had a set called “{question_set.title}”; rename one to tell them apart." if same else ""


def _import_message(question_set: QuestionSet) -> str:
    """The flash after an upload: "Imported 12 questions into “Canal history”: 9 approved, 3 drafts to review."."""
    statuses = [question.status for question in question_set.questions]
    approved, drafts = statuses.count(QuestionStatus.APPROVED), statuses.count(QuestionStatus.DRAFT)
    total = approved + drafts
    parts = [f"{approved} approved"] if approved else []
    if drafts:
        parts.append(f"{drafts} {'draft' if drafts == 1 else 'drafts'} to review")
    noun = "question" if total == 1 else "questions"
    return f"Imported {total} {noun} into “{question_set.title}”: {', '.join(parts)}." + _same_title_note(question_set)


@bp.route("/sets/blank", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def new_blank_set() -> str | Response:
    form = NewBlankSetForm()
    if form.validate_on_submit():
        question_set = QuestionSet(owner=current_user, title=form.title.data.strip(), visibility=Visibility.PRIVATE)
        db.session.add(question_set)
        db.session.commit()
        flash("Set created. Add its first question.", "success")
        return redirect(url_for("teach.add_question", set_id=question_set.id))
    return render_template("teach/blank.html", form=form)


@bp.route("/sets/<int:set_id>/questions/new", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def add_question(set_id: int) -> str | Response:
    question_set = _own_set(set_id)
    form = QuestionForm()
    if form.validate_on_submit():
        question = new_question(db.session, question_set, form)
        db.session.commit()
        flash("Question added as a draft.", "success")
        return redirect(url_for("teach.review", set_id=set_id, _anchor=f"question-{question.id}"))
    return render_template("teach/question_form.html", form=form, question_set=question_set, question=None)


def _own_question(question_set: QuestionSet, question_id: int):
    from studyapp.models import Question

    question = db.session.get(Question, question_id)
    if question is None or question.question_set_id != question_set.id:
        abort(404)
    return question


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/edit", methods=["GET", "POST"])
@role_required(Role.TEACHER)
def edit_question(set_id: int, question_id: int) -> str | Response:
    question_set = _own_set(set_id)
    question = _own_question(question_set, question_id)
    form = QuestionForm()
    if form.validate_on_submit():
        apply_form(form, question)
        db.session.commit()
        flash("Question saved.", "success")
        return redirect(url_for("teach.review", set_id=set_id, _anchor=f"question-{question.id}"))
    if not form.is_submitted():
        fill_form(form, question)
    return render_template("teach/question_form.html", form=form, question_set=question_set, question=question)


@bp.route("/sets/<int:set_id>/questions/<int:question_id>/distractors", methods=["POST"])
@role_required(Role.TEACHER)
def regenerate_distractors(set_id: int, question_id: int) -> Response:
    question_set = _own_set(set_id)
    question = _own_question(question_set, question_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        fresh = fresh_distractors(question)
    except NoDistractors as reason:
        flash(str(reason), "info")
    else:
        # The answer keeps its place; the three others are replaced.
        wrong = iter(fresh)
        question.choices = [choice if choice == question.answer else next(wrong) for choice in question.choices]
        db.session.commit()
        flash("New wrong answers: " + ", ".join(fresh) + ".", "success")
    return redirect(url_for("teach.review", set_id=set_id, _anchor=f"question-{question_id}"))


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


@bp.route("/classes/<int:class_id>/progress")
@role_required(Role.TEACHER)
def class_progress_page(class_id: int) -> str:
    from studyapp.teach.statistics import class_progress

    return render_template("teach/class_progress.html", progress=class_progress(db.session, _own_class(class_id)),
                           percent=_percent)


@bp.route("/classes/<int:class_id>/progress.csv")
@role_required(Role.TEACHER)
def class_progress_csv(class_id: int) -> FlaskResponse:
    from studyapp.teach.statistics import class_progress

    progress = class_progress(db.session, _own_class(class_id))
    rows: list[list[object]] = [["student", "email", "reviews", "retention",
                                 *[f"mastered: {question_set.title}" for question_set in progress.sets]]]
    for row in progress.rows:
        rows.append([row.student.display_name, row.student.email, row.reviews, _percent(row.retention),
                     *[_percent(row.mastery[question_set.id]) for question_set in progress.sets]])
    name = re.sub(r"[^A-Za-z0-9-]+", "-", progress.classroom.name).strip("-").lower() or "class"
    return csv_download(rows, f"{name}-progress.csv")


@bp.route("/sets/<int:set_id>/statistics")
@role_required(Role.TEACHER)
def set_statistics(set_id: int) -> str:
    from studyapp.teach.statistics import item_statistics

    question_set = _own_set(set_id)
    items = item_statistics(db.session, question_set, current_user)
    # The questions most worth a look first: those that separate students least.
    items.sort(key=lambda item: (item.discrimination is None, item.discrimination or 0, item.question.position))
    return render_template("teach/statistics.html", question_set=question_set, items=items, percent=_percent)


@bp.route("/sets/<int:set_id>/statistics.csv")
@role_required(Role.TEACHER)
def set_statistics_csv(set_id: int) -> FlaskResponse:
    from studyapp.teach.statistics import item_statistics

    question_set = _own_set(set_id)
    rows: list[list[object]] = [["id", "type", "question", "answers", "facility", "discrimination",
                                 "most chosen wrong answer", "times chosen"]]
    for item in item_statistics(db.session, question_set, current_user):
        rows.append([item.question.key, item.question.type.value, item.question.prompt, item.attempts,
                     _percent(item.facility), "" if item.discrimination is None else f"{item.discrimination:.2f}",
                     item.common_wrong_answer or "", item.common_wrong_count or ""])
    name = re.sub(r"[^A-Za-z0-9-]+", "-", question_set.title).strip("-").lower() or "question-set"
    return csv_download(rows, f"{name}-statistics.csv")
