"""Writing questions by hand and editing them, with checks that say what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from studyapp.banks.importer import import_bank
from studyapp.models import Question, QuestionSet, QuestionStatus, QuestionType, Role
from tests.conftest import csrf_token_from

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"
BLANK = {"type": "short_answer", "prompt": "", "answer": "", "choice_1": "", "choice_2": "", "choice_3": "",
         "choice_4": "", "items": "", "accept": "", "explanation": ""}


@pytest.fixture
def teacher(make_user, login_as):
    return login_as(make_user(Role.TEACHER))


@pytest.fixture
def blank_set(client, db, teacher, post_form):
    post_form("/teach/sets/blank", {"title": "My own questions"})
    return db.session.scalar(select(QuestionSet))


def add(client, question_set, **fields):
    url = f"/teach/sets/{question_set.id}/questions/new"
    page = client.get(url).get_data(as_text=True)
    return client.post(url, data={**BLANK, **fields, "csrf_token": csrf_token_from(page)})


@pytest.mark.parametrize(
    ("fields", "stored_type", "answer", "choices"),
    [
        ({"type": "multiple_choice", "prompt": "When did the canal open?", "answer": "1869", "choice_1": "1859",
          "choice_2": "1869", "choice_3": "1875", "choice_4": "1882"}, "multiple_choice", "1869",
         ["1859", "1869", "1875", "1882"]),
        ({"type": "who_said", "prompt": "Who said “Walls work”?", "answer": "Donald Trump", "choice_1": "Donald Trump",
          "choice_2": "Gustavo Petro", "choice_3": "Joe Biden", "choice_4": "Juan Manuel Santos"}, "who_said",
         "Donald Trump", ["Donald Trump", "Gustavo Petro", "Joe Biden", "Juan Manuel Santos"]),
        ({"type": "true_false", "prompt": "The canal opened in 1869.", "answer": "true"}, "true_false", "True",
         ["True", "False"]),
        ({"type": "cloze", "prompt": "The canal opened in _____.", "answer": "1869", "accept": "Nov 1869"}, "cloze",
         "1869", []),
        ({"type": "order", "prompt": "Put in order.", "items": "Work began\nThe canal opened\nBritain bought shares"},
         "order", "Work began → The canal opened → Britain bought shares", None),
    ],
)
def test_every_type_can_be_written_by_hand(client, db, blank_set, fields, stored_type, answer, choices) -> None:
    response = add(client, blank_set, **fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    question = db.session.scalar(select(Question))
    assert (question.type.value, question.answer, question.status) == (stored_type, answer, QuestionStatus.DRAFT)
    if choices is not None:
        assert question.choices == choices
    else:
        assert sorted(question.choices) == sorted(answer.split(" → "))
    page = client.get(f"/teach/sets/{blank_set.id}").get_data(as_text=True)
    assert "Written by hand or imported" in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"type": "short_answer", "prompt": "", "answer": "x"}, "Write the question."),
        ({"type": "short_answer", "prompt": "When?", "answer": ""}, "Give the right answer."),
        ({"type": "multiple_choice", "prompt": "When?", "answer": "1869", "choice_1": "1869", "choice_2": "1870"},
         "Give four choices."),
        ({"type": "multiple_choice", "prompt": "When?", "answer": "1869", "choice_1": "1869", "choice_2": "1870",
          "choice_3": "1871", "choice_4": "1869"}, "The four choices must all be different."),
        ({"type": "multiple_choice", "prompt": "When?", "answer": "1900", "choice_1": "1869", "choice_2": "1870",
          "choice_3": "1871", "choice_4": "1872"}, "The answer must be one of the four choices"),
        ({"type": "who_said", "prompt": "Who said it?", "answer": "A", "choice_1": "A", "choice_2": "B",
          "choice_3": "C", "choice_4": "D"}, "Quote the words in the question"),
        ({"type": "true_false", "prompt": "It is so.", "answer": "maybe"}, "Write True or False."),
        ({"type": "cloze", "prompt": "The canal opened in 1869.", "answer": "1869"}, "Write _____ (five underscores)"),
        ({"type": "order", "prompt": "Order these.", "items": "one\ntwo"}, "Write 3 to 5 events"),
        ({"type": "essay", "prompt": "Why?", "answer": "x"}, "Not a valid choice"),
    ],
)
def test_mistakes_are_explained_and_nothing_is_saved(client, db, blank_set, fields, message) -> None:
    response = add(client, blank_set, **fields)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(Question)) is None


def test_editing_a_generated_question(client, db, teacher) -> None:
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher).question_set
    db.session.commit()
    question = question_set.questions[0]
    url = f"/teach/sets/{question_set.id}/questions/{question.id}/edit"
    page = client.get(url).get_data(as_text=True)
    assert 'value="19 October 2025"' in page and "President Donald Trump on 19 October 2025" in page
    fields = {**BLANK, "type": "multiple_choice", "prompt": "On what date did Trump threaten to cut aid to Colombia?",
              "answer": "19 October 2025", "choice_1": "19 October 2025", "choice_2": "1 October 2025",
              "choice_3": "9 October 2025", "choice_4": "29 October 2025", "csrf_token": csrf_token_from(page)}
    assert client.post(url, data=fields).status_code == 302
    db.session.expire_all()
    edited = db.session.get(Question, question.id)
    assert edited.prompt.startswith("On what date") and edited.key == question.key  # progress stays attached


def test_new_wrong_answers_for_a_generated_question(client, db, teacher) -> None:
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher).question_set
    db.session.commit()
    question = next(q for q in question_set.questions if q.type is QuestionType.MULTIPLE_CHOICE)
    before = list(question.choices)
    page = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    client.post(f"/teach/sets/{question_set.id}/questions/{question.id}/distractors",
                data={"csrf_token": csrf_token_from(page)})
    db.session.expire_all()
    after = db.session.get(Question, question.id).choices
    assert question.answer in after and len(set(after)) == 4
    assert set(after) - {question.answer} != set(before) - {question.answer}


def test_another_teacher_cannot_edit(app, db, teacher, make_user) -> None:
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher).question_set
    db.session.commit()
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = str(make_user(Role.TEACHER).id)
    question_id = question_set.questions[0].id
    assert other.get(f"/teach/sets/{question_set.id}/questions/{question_id}/edit").status_code == 404
    assert other.get(f"/teach/sets/{question_set.id}/questions/new").status_code == 404


def test_new_wrong_answers_say_why_when_there_are_none(client, db, teacher) -> None:
    question_set = import_bank(db.session, json.loads(SEED_BANK.read_text()), owner=teacher).question_set
    hand = Question(key="q-hand", type=QuestionType.MULTIPLE_CHOICE, prompt="Which river?", answer="Magdalena",
                    choices=["Magdalena", "Cauca", "Atrato", "Meta"], position=999)
    question_set.questions.append(hand)
    db.session.commit()
    page = client.get(f"/teach/sets/{question_set.id}").get_data(as_text=True)
    response = client.post(f"/teach/sets/{question_set.id}/questions/{hand.id}/distractors",
                           data={"csrf_token": csrf_token_from(page)})
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "written by hand or imported" in shown
    assert db.session.get(Question, hand.id).choices == ["Magdalena", "Cauca", "Atrato", "Meta"]
