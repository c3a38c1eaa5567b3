"""Studying: flashcards and quizzes scheduled by FSRS, and the student's progress."""

from flask import Blueprint

bp = Blueprint("study", __name__)

from studyapp.study import routes  # noqa: E402,F401
