"""Whole banks: the committed seed bank, the invariants every question keeps, and stable ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from studyapp.banks.validation import check_bank
from studyapp.generator import generate
from tests.generator.quality import GOLD_FOLDER, ROOT

SEED_ARTICLE = ROOT / "question_bank" / "us-colombia-relations.txt"
SEED_BANK = ROOT / "question_bank" / "us-colombia-relations.json"
ARTICLES = [ROOT / json.loads(path.read_text())["article"] for path in sorted(GOLD_FOLDER.glob("*.json"))]


def bank_for(article: Path):
    return generate(article.read_text(encoding="utf-8"), source_file=article.name)


def test_the_committed_seed_bank_is_what_the_generator_makes() -> None:
    assert bank_for(SEED_ARTICLE).to_json().encode() == SEED_BANK.read_bytes()


def test_the_seed_bank_lists_the_visa_conflict() -> None:
    bank = json.loads(SEED_BANK.read_text())
    facts = {fact["id"]: fact for fact in bank["facts"]}
    values = [{facts[fact_id]["value"] for fact_id in conflict["fact_ids"]} for conflict in bank["conflicts"]]
    assert {"2025-10-17", "2025-09-26"} in values


def check_question(question: dict, facts: dict[str, dict]) -> None:
    kind = question["type"]
    assert question["fact_id"] in facts
    assert question["prompt"].strip() and question["answer"].strip()
    if kind in {"multiple_choice", "who_said"}:
        choices = question["choices"]
        assert len(choices) == 4 and len(set(choices)) == 4, question
        assert choices.count(question["answer"]) == 1
        assert all(choice.strip() for choice in choices)
    if kind == "true_false":
        assert question["answer"] in {"True", "False"}
    if kind == "order":
        assert 3 <= len(question["fact_ids"]) <= 5
        assert sorted(question["answer"].split(" → ")) == sorted(question["choices"])
    if kind == "cloze":
        assert "_____" in question["prompt"]
    if kind not in {"true_false", "order", "cloze"}:
        # The answer never stands in its own question.
        assert question["answer"].lower() not in question["prompt"].lower(), question
    if kind == "who_said":
        speaker_words = question["answer"].split()
        assert speaker_words[-1].lower() not in question["prompt"].lower()


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_every_question_keeps_the_invariants(article: Path) -> None:
    bank = bank_for(article)
    data = bank.to_dict()
    check_bank(data)
    facts = {fact["id"]: fact for fact in data["facts"]}
    assert len({q["id"] for q in data["questions"]}) == len(data["questions"])
    for question in data["questions"]:
        check_question(question, facts)
    for fact in data["facts"]:
        start, end = fact["span"]
        assert article.read_text(encoding="utf-8")[start:end] == fact["sentence"]


def test_distractors_are_of_the_same_kind() -> None:
    bank = bank_for(SEED_ARTICLE).to_dict()
    facts = {fact["id"]: fact for fact in bank["facts"]}
    for question in bank["questions"]:
        fact = facts[question["fact_id"]]
        if question["type"] != "multiple_choice":
            continue
        if fact["kind"] == "date":
            assert all(re.search(r"\d{4}", choice) for choice in question["choices"])
        if fact["kind"] == "figure" and fact["unit"] == "USD":
            assert all(choice.startswith("$") for choice in question["choices"])


def test_question_kinds_cover_every_type() -> None:
    types = {question.type for question in bank_for(SEED_ARTICLE).questions}
    assert types == {"multiple_choice", "cloze", "true_false", "short_answer", "who_said", "order"}


def test_a_small_edit_keeps_every_unchanged_question_id() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    before = {q.id: q for q in generate(text).questions}
    edited = text.replace("Approximately 250 American businesses", "Approximately 300 American businesses")
    after = {q.id: q for q in generate(edited).questions}
    gone = set(before) - set(after)
    # Only questions about the edited sentence may change id.
    assert gone and all("American businesses" in before[qid].explanation for qid in gone)
    assert len(set(before) & set(after)) >= len(before) - len(gone)


def test_regenerating_gives_the_same_bytes() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    assert generate(text).to_json() == generate(text).to_json()
