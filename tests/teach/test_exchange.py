"""Export a set in every format and import files back, all or nothing."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from studyapp.banks.importer import import_bank
from studyapp.banks.validation import check_bank
from studyapp.interchange.anki import read_apkg_notes
from studyapp.interchange.sets import bank_from_set
from studyapp.models import Question, QuestionSet, QuestionStatus, QuestionType, Role
from tests.conftest import csrf_token_from

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def teacher(make_user, login_as):
    return login_as(make_user(Role.TEACHER))


@pytest.fixture
def seed_set(db, teacher):
    summary = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher)
    db.session.commit()
    return summary.question_set


@BOTH
def test_the_bank_json_round_trips_without_loss(client, db, seed_set) -> None:
    exported = client.get(f"/teach/sets/{seed_set.id}/export/json")
    assert exported.headers["Content-Disposition"] == 'attachment; filename="us-colombia-relations.json"'
    bank = exported.get_json()
    check_bank(bank)
    original = json.loads(SEED_BANK.read_text())
    for question in original["questions"]:
        question["status"] = "draft"  # what the set adds: each question's status
    assert bank == original


def test_every_export_downloads(client, seed_set) -> None:
    csv_text = client.get(f"/teach/sets/{seed_set.id}/export/csv?drafts=1").get_data(as_text=True)
    assert csv_text.startswith("\ufeffid,type,prompt,answer,choices,accept,explanation,source_sentence")
    assert len(csv_text.strip().splitlines()) == 1 + len(seed_set.questions)
    gift = client.get(f"/teach/sets/{seed_set.id}/export/gift?drafts=1").get_data(as_text=True)
    assert gift.count("::q-") == len(seed_set.questions)
    apkg = client.get(f"/teach/sets/{seed_set.id}/export/apkg?drafts=1")
    assert apkg.headers["Content-Disposition"].endswith('.apkg"')
    assert len(read_apkg_notes(apkg.data)) == len(seed_set.questions)
    assert client.get(f"/teach/sets/{seed_set.id}/export/pdf").status_code == 404


def test_exports_hold_approved_questions_unless_drafts_are_asked_for(client, db, seed_set) -> None:
    approved = seed_set.questions[:3]
    for question in seed_set.questions:
        question.status = QuestionStatus.APPROVED if question in approved else QuestionStatus.DRAFT
    db.session.commit()
    apkg = client.get(f"/teach/sets/{seed_set.id}/export/apkg").data
    assert len(read_apkg_notes(apkg)) == 3
    csv_text = client.get(f"/teach/sets/{seed_set.id}/export/csv").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == 1 + 3
    with_drafts = client.get(f"/teach/sets/{seed_set.id}/export/apkg?drafts=1").data
    assert len(read_apkg_notes(with_drafts)) == len(seed_set.questions)


def upload(client, name: str, content: bytes, title: str = ""):
    page = client.get("/teach/sets/import").get_data(as_text=True)
    return client.post("/teach/sets/import", content_type="multipart/form-data",
                       data={"upload": (io.BytesIO(content), name), "title": title, "csrf_token": csrf_token_from(page)})


def test_a_csv_export_imports_back_as_drafts(client, db, seed_set) -> None:
    csv_bytes = client.get(f"/teach/sets/{seed_set.id}/export/csv?drafts=1").data
    response = upload(client, "seed.csv", csv_bytes, title="Seed again")
    assert response.status_code == 302
    imported = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "Seed again"))
    assert len(imported.questions) == len(seed_set.questions)
    assert {q.status for q in imported.questions} == {QuestionStatus.DRAFT}
    assert [q.prompt for q in imported.questions] == [q.prompt for q in seed_set.questions]


def test_a_gift_file_imports(client, db, teacher) -> None:
    gift = b"::Q1:: In which year did the canal open? {=1869 ~1859 ~1875 ~1882}\n\n::Q2:: Suez is in Egypt. {T}\n"
    assert upload(client, "suez.gift", gift).status_code == 302
    imported = db.session.scalar(select(QuestionSet))
    assert imported.title == "suez"
    assert [q.type.value for q in imported.questions] == ["multiple_choice", "true_false"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.csv", b"type,prompt,answer\nshort_answer,When?,2019\nmultiple_choice,Which?,a\n",
         "bad.csv: line 3: a multiple-choice question needs 4 different choices"),
        ("bad.gift", b"::Q1:: Fine {=a =b}\n\n::Q2:: Broken question without braces\n",
         "bad.gift: line 3: not a GIFT question"),
        ("bad.json", b'{"format": "studyapp-bank/1", "title": "x"}', "bad.json: (the whole file): &#39;source&#39; is a required property"),
        ("bad.json", b"{not json", "bad.json: line 1, column 2: not valid JSON"),
        ("image.csv", b"\x89PNG\x00\x00", "image.csv looks like a binary file"),
        ("notes.pdf", b"%PDF", "Import a .json bank, a .csv or a GIFT (.txt or .gift) file."),
    ],
)
def test_a_bad_file_imports_nothing_and_says_where(client, db, teacher, name, content, message) -> None:
    response = upload(client, name, content)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == 0
    assert db.session.scalar(select(func.count()).select_from(Question)) == 0


def test_exports_are_only_for_the_owner(app, db, seed_set, make_user) -> None:
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(make_user(Role.TEACHER).id)
    assert other.get(f"/teach/sets/{seed_set.id}/export/json").status_code == 404


def test_bank_from_set_carries_questions_without_a_fact_and_every_status(db, seed_set) -> None:
    seed_set.questions.append(Question(key="q-hand", type=QuestionType.SHORT_ANSWER, prompt="Hand-written?", answer="Yes",
                                       status=QuestionStatus.APPROVED))
    db.session.flush()
    bank = bank_from_set(seed_set)
    hand = next(q for q in bank["questions"] if q["id"] == "q-hand")
    assert "fact_id" not in hand and hand["status"] == "approved"
    check_bank(bank)


def test_a_sets_json_export_imports_as_a_new_set_with_everything_and_exports_the_same(client, db, seed_set) -> None:
    # A hand-written question (no fact) and an approval: both must survive the round trip.
    seed_set.questions[0].status = QuestionStatus.APPROVED
    written = Question(key="q-hand", type=QuestionType.SHORT_ANSWER, prompt="Which river?\nName it.",
                       answer="Magdalena", accept=["The Magdalena"], position=999)
    seed_set.questions.append(written)
    db.session.commit()
    first = client.get(f"/teach/sets/{seed_set.id}/export/json").data
    response = upload(client, "us-colombia-relations.json", first, title="Colombia, second class")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    total = len(seed_set.questions)
    assert f"Imported {total} questions into “Colombia, second class”: 1 approved, {total - 1} drafts to review." in page
    copy = db.session.scalar(select(QuestionSet).where(QuestionSet.title == "Colombia, second class"))
    assert copy.id != seed_set.id
    # The set it came from is untouched: nothing merged, nothing retired.
    db.session.refresh(seed_set)
    assert seed_set.title == "US-Colombia Relations"
    assert all(question.status is not QuestionStatus.RETIRED for question in seed_set.questions)
    second = json.loads(client.get(f"/teach/sets/{copy.id}/export/json").data)
    first_bank = json.loads(first)
    assert second["questions"] == first_bank["questions"]
    assert second["facts"] == first_bank["facts"]
    hand = next(question for question in second["questions"] if question["id"] == "q-hand")
    assert "fact_id" not in hand and hand["prompt"] == "Which river?\nName it."


def test_a_file_past_the_size_cap_is_refused_whole(client, db, teacher) -> None:
    rows = "".join(f"short_answer,Question {n}?,Answer {n}\n" for n in range(5001))
    page = upload(client, "huge.csv", ("type,prompt,answer\n" + rows).encode()).get_data(as_text=True)
    assert "holds 5,001 questions; a set takes at most 5,000" in page
    assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == 0


def test_a_second_set_of_the_same_title_is_pointed_out(client, db, teacher) -> None:
    csv_bytes = b"type,prompt,answer\nshort_answer,Which river?,Magdalena\n"
    upload(client, "rivers.csv", csv_bytes, title="Rivers")
    response = upload(client, "rivers.csv", csv_bytes, title="Rivers")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "You already had a set called “Rivers”" in page


@BOTH
@pytest.mark.parametrize(("content", "message"), [
    (b"[" * 100_000 + b"]" * 100_000, "nests lists or objects far deeper than a bank does"),
    ("{}".encode(), "is a required property"),
])
def test_a_broken_bank_file_gets_a_message_and_writes_nothing(client, db, teacher, content, message) -> None:
    page = upload(client, "bank.json", content).get_data(as_text=True)
    assert message in page
    assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == 0


@BOTH
def test_a_bank_whose_title_is_too_long_to_store_is_refused_on_every_database(client, db, teacher) -> None:
    bank = json.loads(SEED_BANK.read_text())
    bank["title"] = "A very long title " * 20
    page = upload(client, "bank.json", json.dumps(bank).encode()).get_data(as_text=True)
    assert "title: 360 characters; at most 200 fit" in page
    assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == 0


@BOTH
def test_a_nul_character_in_a_bank_is_refused_on_every_database(client, db, teacher) -> None:
    bank = json.loads(SEED_BANK.read_text())
    bank["questions"][3]["prompt"] = "When did\u0000 it happen?"
    page = upload(client, "bank.json", json.dumps(bank).encode()).get_data(as_text=True)
    assert "questions[3].prompt: holds a NUL character" in page
    assert db.session.scalar(select(func.count()).select_from(QuestionSet)) == 0
