"""Students' progress is kept per question id: regenerating the seed bank must not renumber what did not change.

``previous/us-colombia-relations.json`` is the seed bank as the rule-based generator made it, before the
language model came in. Every fact the new generator still finds unchanged keeps its id, and so does every
question built on it; the facts that did change are listed with the reason, as the run's report shows.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.generator.quality import REPORT, ROOT

PREVIOUS = Path(__file__).resolve().parent / "previous" / "us-colombia-relations.json"
CURRENT = ROOT / "question_bank" / "us-colombia-relations.json"


def _identity(fact: dict) -> tuple:
    return tuple(fact.get(key) for key in ("kind", "text", "value", "unit", "speaker", "role", "sentence"))


def _why(fact: dict, current_facts: list[dict]) -> str:
    same_sentence = [other for other in current_facts if other["kind"] == fact["kind"]
                     and other["sentence"] == fact["sentence"] and other.get("value") == fact.get("value")
                     and other.get("speaker") == fact.get("speaker")]
    if fact["kind"] == "person":
        same_sentence = [other for other in current_facts if other["kind"] == "person" and other["text"] == fact["text"]]
    if same_sentence:
        other = same_sentence[0]
        changed = [key for key in ("text", "role", "unit") if other.get(key) != fact.get(key)]
        return f"{fact['kind']} {fact['text']!r}: its " + ", ".join(
            f"{key} is now {other.get(key)!r}" for key in changed)
    return f"{fact['kind']} {fact['text']!r}: no longer found"


def test_unchanged_facts_and_their_questions_keep_their_ids() -> None:
    previous, current = json.loads(PREVIOUS.read_text()), json.loads(CURRENT.read_text())
    current_by_identity = {_identity(fact): fact["id"] for fact in current["facts"]}
    kept = [fact for fact in previous["facts"] if _identity(fact) in current_by_identity]
    assert all(current_by_identity[_identity(fact)] == fact["id"] for fact in kept)
    changed = [fact for fact in previous["facts"] if _identity(fact) not in current_by_identity]
    REPORT.append(f"seed bank regenerated: {len(kept)} of {len(previous['facts'])} facts unchanged, same ids; "
                  f"{len(current['facts']) - len(kept)} new or changed")
    REPORT.extend("    changed: " + _why(fact, current["facts"]) for fact in changed)

    kept_ids = {fact["id"] for fact in kept}
    current_questions = {(tuple(q.get("fact_ids") or [q["fact_id"]]), q["type"], q["prompt"]): q["id"]
                         for q in current["questions"]}
    for question in previous["questions"]:
        basis = tuple(question.get("fact_ids") or [question["fact_id"]])
        key = (basis, question["type"], question["prompt"])
        if set(basis) <= kept_ids and key in current_questions:
            assert current_questions[key] == question["id"], question["prompt"]
    # Most of the seed is unchanged: the new pipeline must not churn students' progress.
    assert len(kept) >= 0.9 * len(previous["facts"])
