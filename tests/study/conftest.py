from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp.banks.importer import import_bank
from studyapp.models import Role, Visibility

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"


@pytest.fixture
def seed_set(db, make_user):
    """The seed bank, public and approved, owned by a teacher."""
    teacher = make_user(Role.TEACHER)
    summary = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher,
                          visibility=Visibility.PUBLIC, approve=True)
    db.session.commit()
    return summary.question_set
