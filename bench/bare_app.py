"""The baseline: a bare Flask endpoint with no database, served the same way as StudyApp."""

from flask import Flask

app = Flask(__name__)


@app.get("/ping")
def ping() -> str:
    return "pong"
