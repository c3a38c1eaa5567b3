"""``flask bank import``: all or nothing per file, and importing twice changes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studyapp.models import Fact, Question, QuestionSet, QuestionStatus, Role, Visibility


@pytest.fixture
def teacher(make_user):
    return make_user(Role.TEACHER, email="owner@school.org")


def import_banks(app, *args: str):
    return app.test_cli_runner().invoke(args=["bank", "import", *args])


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_import_creates_the_set_with_its_article(app, db, teacher, bank_folder) -> None:
    result = import_banks(app, str(bank_folder), "--owner", teacher.email, "--public", "--approve")
    assert result.exit_code == 0, result.output
    assert "created 'Trade and walls': 2 added" in result.output

    question_set = db.session.scalar(select(QuestionSet))
    assert question_set.owner_id == teacher.id
    assert question_set.visibility is Visibility.PUBLIC
    assert question_set.source_text.startswith("Colombia and the United States")
    assert [q.status for q in question_set.questions] == [QuestionStatus.APPROVED] * 2
    assert question_set.questions[1].fact.speaker == "Donald Trump"


def test_importing_twice_changes_nothing(app, db, teacher, bank_folder) -> None:
    import_banks(app, str(bank_folder), "--owner", teacher.email, "--approve")
    ids_before = db.session.scalars(select(Question.id).order_by(Question.id)).all()
    result = import_banks(app, str(bank_folder), "--owner", teacher.email, "--approve")
    assert result.exit_code == 0
    assert "already up to date (2 questions)" in result.output
    assert db.session.scalars(select(Question.id).order_by(Question.id)).all() == ids_before
    assert count(db, QuestionSet) == 1 and count(db, Fact) == 2


def test_a_regenerated_bank_keeps_unchanged_questions(app, db, teacher, bank_folder, bank) -> None:
    import_banks(app, str(bank_folder), "--owner", teacher.email, "--approve")
    kept_id = db.session.scalar(select(Question.id).where(Question.key == "q-000002"))

    bank["questions"][0]["prompt"] = "In which year did Colombia and the United States sign a trade agreement?"
    bank["questions"].append({"id": "q-000003", "fact_id": "f-000001", "type": "short_answer",
                              "prompt": "Colombia and the United States signed a trade agreement in which year?",
                              "answer": "2006"})
    removed = bank["questions"].pop(1)
    (bank_folder / "trade.json").write_text(json.dumps(bank))
    result = import_banks(app, str(bank_folder), "--owner", teacher.email)
    assert "1 added, 1 updated, 1 retired, 0 unchanged" in result.output

    db.session.expire_all()
    retired = db.session.scalar(select(Question).where(Question.key == removed["id"]))
    assert retired.id == kept_id and retired.status is QuestionStatus.RETIRED
    new = db.session.scalar(select(Question).where(Question.key == "q-000003"))
    assert new.status is QuestionStatus.DRAFT  # not approved without --approve


def test_a_bad_file_loads_nothing_and_says_why(app, db, teacher, bank_folder, bank) -> None:
    bank["questions"][1]["fact_id"] = "f-nowhere"
    (bank_folder / "trade.json").write_text(json.dumps(bank))
    result = import_banks(app, str(bank_folder), "--owner", teacher.email)
    assert result.exit_code == 1
    assert "questions[1].fact_id: no fact has the id 'f-nowhere'" in result.output
    assert "1 of 1 bank files could not be imported" in result.output
    assert count(db, QuestionSet) == 0 and count(db, Question) == 0 and count(db, Fact) == 0


def test_an_edited_article_is_noticed(app, db, teacher, bank_folder) -> None:
    (bank_folder / "trade.txt").write_text("Something else entirely.\n")
    result = import_banks(app, str(bank_folder), "--owner", teacher.email)
    assert result.exit_code == 1
    assert "trade.txt has changed since this bank was made" in result.output
    assert count(db, QuestionSet) == 0


def test_an_unknown_owner_is_a_clear_error(app, bank_folder) -> None:
    result = import_banks(app, str(bank_folder), "--owner", "nobody@school.org")
    assert result.exit_code == 1
    assert "No account with the email nobody@school.org" in result.output


def test_a_public_set_appears_on_a_students_home_page(app, client, teacher, bank_folder, make_user, login_as) -> None:
    import_banks(app, str(bank_folder), "--owner", teacher.email, "--public", "--approve")
    login_as(make_user(Role.STUDENT))
    html = client.get("/").get_data(as_text=True)
    assert "Trade and walls" in html
    assert "2 questions" in html


def test_a_private_set_stays_with_its_owner(app, client, teacher, bank_folder, make_user, login_as) -> None:
    import_banks(app, str(bank_folder), "--owner", teacher.email, "--approve")
    login_as(make_user(Role.TEACHER))
    assert "Trade and walls" not in client.get("/").get_data(as_text=True)
    login_as(teacher)
    assert "Trade and walls" in client.get("/").get_data(as_text=True)


def test_without_owner_the_first_admin_or_teacher_owns_the_set(app, db, make_user, bank_folder) -> None:
    make_user(Role.STUDENT)
    teacher = make_user(Role.TEACHER)
    result = import_banks(app, str(bank_folder / "trade.json"))
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(QuestionSet)).owner_id == teacher.id


def test_without_any_teacher_import_explains_what_to_do(app, db, bank_folder) -> None:
    result = import_banks(app, str(bank_folder))
    assert result.exit_code == 1
    assert "create one first" in result.output


SEED_FOLDER = Path(__file__).resolve().parents[2] / "question_bank"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)
def test_the_seed_bank_imports_with_its_article_and_reimports_unchanged(app, db, teacher) -> None:
    first = import_banks(app, str(SEED_FOLDER), "--owner", teacher.email, "--public", "--approve")
    assert first.exit_code == 0, first.output
    question_set = db.session.scalar(select(QuestionSet))
    assert question_set.title == "US-Colombia Relations"
    assert question_set.source_text.startswith("US-Colombia Relations\nPresident Donald Trump")
    assert count(db, Question) == len(json.loads((SEED_FOLDER / "us-colombia-relations.json").read_text())["questions"])
    again = import_banks(app, str(SEED_FOLDER), "--owner", teacher.email, "--public", "--approve")
    assert "already up to date" in again.output
