"""Classes: a teacher's group of students, joined with a code, and the sets assigned to it."""

from flask import Blueprint

bp = Blueprint("classes", __name__)

from studyapp.classes import routes  # noqa: E402,F401
