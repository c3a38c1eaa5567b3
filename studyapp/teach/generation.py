"""Generating a question set outside the request, for articles too long to wait for.

Plain Python with a session: queue a job, run it (in a thread or a test), and tell what a
job's teacher should see. The page that watches a job reads only the job's row, so any
worker process can serve it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from studyapp.database import utcnow
from studyapp.models import GenerationJob, GenerationStatus, User, Visibility
from studyapp.teach.service import NothingToAsk, create_set_from_article

log = logging.getLogger(__name__)

# A job whose row has not moved for this long lost its process (a restart, a crash): progress is
# written at least every few seconds while a job runs.
STALLED_AFTER = timedelta(minutes=2)
_PROGRESS_STEP = 5  # percent between two writes of the progress


@dataclass(frozen=True)
class JobView:
    """What the teacher sees of a job."""

    status: GenerationStatus
    progress: int
    message: str
    question_set_id: int | None

    @property
    def finished(self) -> bool:
        return self.status in {GenerationStatus.DONE, GenerationStatus.FAILED}


def queue_generation(session: Session, owner: User, text: str, *, filename: str, title: str | None,
                     visibility: Visibility) -> GenerationJob:
    """A job for the article (the caller commits, then starts it)."""
    job = GenerationJob(owner=owner, filename=filename[:255], title=title or None, visibility=visibility,
                        article_text=text, status=GenerationStatus.QUEUED, progress=0, message="")
    session.add(job)
    return job


def run_generation(session: Session, job_id: int) -> None:
    """Generate the job's set, writing its progress as it goes; every outcome ends in the job's row."""
    job = session.get(GenerationJob, job_id)
    if job is None or job.status is not GenerationStatus.QUEUED:
        return
    job.status = GenerationStatus.RUNNING
    session.commit()
    written = [0]

    def report(share: float) -> None:
        percent = min(99, int(share * 100))
        if percent - written[0] >= _PROGRESS_STEP:
            job.progress = written[0] = percent
            session.commit()

    try:
        question_set = create_set_from_article(session, job.owner, job.article_text, filename=job.filename,
                                               title=job.title, visibility=job.visibility, progress=report)
    except NothingToAsk as error:
        session.rollback()
        _finish(session, job_id, GenerationStatus.FAILED, str(error))
    except Exception:
        session.rollback()
        log.exception("generating the set of job %s failed", job_id)
        _finish(session, job_id, GenerationStatus.FAILED,
                "Something went wrong while reading this article, and nothing was saved. "
                "The error has been logged; try again, or try a shorter part of the article.")
    else:
        session.flush()
        _finish(session, job_id, GenerationStatus.DONE, "", question_set_id=question_set.id)


def _finish(session: Session, job_id: int, status: GenerationStatus, message: str,
            question_set_id: int | None = None) -> None:
    job = session.get(GenerationJob, job_id)
    if job is None:
        return
    job.status, job.message, job.question_set_id = status, message, question_set_id
    job.progress = 100 if status is GenerationStatus.DONE else job.progress
    job.article_text = ""  # the set keeps its own copy; the job needs it no more
    session.commit()


def view_of(job: GenerationJob, now: datetime | None = None) -> JobView:
    """The job as its teacher should see it; a job that stopped moving has failed."""
    now = now or utcnow()
    if job.status not in {GenerationStatus.DONE, GenerationStatus.FAILED} and now - job.updated_at > STALLED_AFTER:
        return JobView(GenerationStatus.FAILED, job.progress,
                       "The server stopped while it was making this set, so it was not finished. "
                       "Start it again from the article.", None)
    return JobView(job.status, job.progress, job.message, job.question_set_id)
