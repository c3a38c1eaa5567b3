"""StudyApp with one more route, which does nothing but what every signed-in POST does.

Served in place of the app by bench/study_loop.py, it shows in the same run how fast an
answer could be at most on this stack: the session cookie, the CSRF check, the rate
limit and the signed-in user cost the same for a POST that does nothing as for an answer.
"""

from flask import jsonify
from flask_login import login_required

from studyapp import create_app
from studyapp.extensions import limiter
from studyapp.study.routes import student_limit_key

app = create_app()


@app.post("/bench/nothing")
@limiter.limit("240 per minute", key_func=student_limit_key)
@login_required
def nothing():
    return jsonify(done=True)
