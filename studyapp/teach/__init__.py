"""Teaching: question sets made from articles, reviewed and approved by their teacher."""

from flask import Blueprint

bp = Blueprint("teach", __name__)

from studyapp.teach import routes  # noqa: E402,F401
