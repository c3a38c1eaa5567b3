"""Live classroom quiz sessions: a PIN, phones, a timer and a leaderboard."""

from flask import Blueprint

bp = Blueprint("live", __name__)

from studyapp.live import routes  # noqa: E402,F401
