"""Running a generation job beside the request that queued it: one thread per job, in this process."""

from __future__ import annotations

import threading

from flask import Flask

from studyapp.extensions import db
from studyapp.teach.generation import run_generation


def start_generation(app: Flask, job_id: int) -> threading.Thread:
    """Run the job in a thread with its own app context and database session."""

    def work() -> None:
        with app.app_context():
            try:
                run_generation(db.session, job_id)
            finally:
                db.session.remove()

    thread = threading.Thread(target=work, name=f"generation-job-{job_id}", daemon=True)
    running = app.extensions.setdefault("studyapp_generation_threads", [])
    running[:] = [other for other in running if other.is_alive()]
    running.append(thread)  # kept so that tests, and a shutdown, can wait for them
    thread.start()
    return thread
