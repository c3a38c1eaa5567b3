"""The database model; Alembic migrations in ``migrations/`` are the only way its schema is made."""

from studyapp.database import Base, UTCDateTime, utcnow
from studyapp.models.bank import Fact, FactKind, Question, QuestionSet, QuestionStatus, QuestionType, Visibility
from studyapp.models.classes import Assignment, Classroom, Enrollment
from studyapp.models.jobs import GenerationJob, GenerationStatus
from studyapp.models.live import LiveAnswer, LiveParticipant, LivePhase, LiveSession
from studyapp.models.study import CardState, ReviewLog
from studyapp.models.user import Invite, Role, User

__all__ = [
    "Assignment",
    "Base",
    "CardState",
    "Classroom",
    "Enrollment",
    "Fact",
    "FactKind",
    "GenerationJob",
    "GenerationStatus",
    "Invite",
    "LiveAnswer",
    "LiveParticipant",
    "LivePhase",
    "LiveSession",
    "Question",
    "QuestionSet",
    "QuestionStatus",
    "QuestionType",
    "ReviewLog",
    "Role",
    "User",
    "UTCDateTime",
    "Visibility",
    "utcnow",
]
