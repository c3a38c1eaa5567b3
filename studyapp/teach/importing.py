"""Importing a teacher's file: a bank, a CSV or GIFT; all of it or nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from studyapp.banks.articles import ArticleError, decode_article
from studyapp.banks.importer import import_bank
from studyapp.banks.validation import BankError, parse_bank
from studyapp.interchange.csv_format import read_csv
from studyapp.interchange.gift import read_gift
from studyapp.interchange.records import FormatError
from studyapp.interchange.sets import set_from_records
from studyapp.models import QuestionSet, User


# A set a teacher could review and students could study; a file past this is a mistake or a whole course,
# better split into sets.
MOST_QUESTIONS_PER_SET = 5000


class ImportProblem(ValueError):
    """Why a file was not imported; nothing of it was."""


def _too_many(count: int, filename: str) -> None:
    if count > MOST_QUESTIONS_PER_SET:
        raise ImportProblem(f"{filename} holds {count:,} questions; a set takes at most "
                            f"{MOST_QUESTIONS_PER_SET:,}. Split the file into several sets.")


def import_upload(session: Session, owner: User, raw: bytes, filename: str, title: str | None = None) -> QuestionSet:
    suffix = Path(filename).suffix.lower()
    try:
        text = decode_article(raw, filename)
        if suffix == ".json":
            bank = parse_bank(text)
            _too_many(len(bank["questions"]), filename)
            # An upload is a set of its own: never merged into (nor retiring questions of) a set with the
            # same source file, such as the one the file was exported from.
            return import_bank(session, bank, owner=owner, as_new_set=True,
                               title=(title or "").strip()[:200] or None).question_set
        records = read_csv(text) if suffix == ".csv" else read_gift(text)
    except (ArticleError, BankError, FormatError) as error:
        raise ImportProblem(f"{filename}: {error}") from None
    _too_many(len(records), filename)
    name = title or Path(filename).stem.replace("-", " ").replace("_", " ").strip() or "Imported questions"
    return set_from_records(session, owner, name[:200], records, source_file=filename[:255])
