"""Accounts: registration, log-in, log-out, teacher invitations and role checks."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from studyapp.auth import (
    login,  # noqa: E402,F401  (registers the user loader)
    routes,  # noqa: E402,F401  (routes attach themselves to bp)
)
