"""Scoring the generator against hand-made gold files: recall per kind and misattributions."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from studyapp.generator import Bank, generate

ROOT = Path(__file__).resolve().parents[2]
GOLD_FOLDER = Path(__file__).resolve().parent / "gold"
REPORT: list[str] = []  # printed at the end of the test run (see tests/conftest.py)


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass
class Score:
    name: str
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    misattributed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    wrong_people: list[str] = field(default_factory=list)
    roles_right: int = 0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    def line(self) -> str:
        parts = [f"{kind} {self.found[kind]}/{self.total[kind]}" for kind in ("date", "figure", "quote", "person")]
        return (f"{self.name}: " + ", ".join(parts) + f"; roles right {self.roles_right}/{self.total['person']}; "
                f"misattributed {len(self.misattributed)}; not-people named {len(self.wrong_people)}")


def score(gold: dict, bank: Bank, name: str) -> Score:
    result = Score(name)
    facts = {kind: [fact for fact in bank.facts if fact.kind == kind] for kind in ("date", "figure", "quote", "person")}

    def take(kind: str, matches) -> object | None:
        for fact in facts[kind]:
            if matches(fact):
                facts[kind].remove(fact)
                return fact
        return None

    for item in gold["dates"]:
        result.total["date"] += 1
        if take("date", lambda f: f.value == item["value"]):
            result.found["date"] += 1
        else:
            result.missed.append(f"date {item['text']}")
    for item in gold["figures"]:
        result.total["figure"] += 1
        if take("figure", lambda f: float(f.value) == float(item["value"]) and _normal(item["text"]).split()[-1]
                in _normal(f.text) + " " + _normal(f.unit or "")):
            result.found["figure"] += 1
        else:
            result.missed.append(f"figure {item['text']}")
    for item in gold["quotes"]:
        result.total["quote"] += 1
        fact = take("quote", lambda f: _normal(item["text"]) in _normal(f.text) and f.speaker == item["speaker"])
        if fact is None:
            fact = take("quote", lambda f: _normal(item["text"]) in _normal(f.text))
            if fact is not None:
                result.misattributed.append(f"{item['text']!r}: {fact.speaker} instead of {item['speaker']}")
            else:
                result.missed.append(f"quote {item['text']!r}")
            continue
        result.found["quote"] += 1
    for text in gold.get("unattributed_quotes", []):
        for fact in facts["quote"]:
            if _normal(text) in _normal(fact.text):
                result.misattributed.append(f"{text!r}: given to {fact.speaker}, but the article names no speaker")
    for item in gold["people"]:
        result.total["person"] += 1
        fact = take("person", lambda f: f.text == item["name"])
        if fact is None:
            result.missed.append(f"person {item['name']}")
            continue
        result.found["person"] += 1
        if fact.role in item["roles"]:
            result.roles_right += 1
    names = [fact.text for fact in bank.facts if fact.kind == "person"]
    names += [fact.speaker for fact in bank.facts if fact.kind == "quote"]
    result.wrong_people = [name for name in gold.get("not_people", []) if name in names]
    return result


def score_gold_file(path: Path) -> Score:
    gold = json.loads(path.read_text(encoding="utf-8"))
    article = ROOT / gold["article"]
    bank = generate(article.read_text(encoding="utf-8"), source_file=article.name)
    return score(gold, bank, path.stem)


def corpus_checks(gold: dict, bank: Bank, text: str) -> Counter[str]:
    """What ``score`` leaves out: weights read as money, numbers in names read as figures, conflicts flagged."""
    counts: Counter[str] = Counter()
    figures = [fact for fact in bank.facts if fact.kind == "figure"]
    for item in gold["figures"]:
        if item.get("unit", "").startswith("pounds (weight)"):
            counts["weights"] += 1
            counts["weight_as_money"] += any(
                fact.unit == "GBP" and float(fact.value) == float(item["value"]) for fact in figures)
    for needle in gold.get("not_figures", []):
        counts["not_figures"] += 1
        spans = [(index, index + len(needle)) for index in _occurrences(text, needle)]
        counts["not_figures_taken"] += any(fact.start < end and start < fact.end
                                           for fact in figures for start, end in spans)
    facts = {fact.id: fact for fact in bank.facts}
    for conflict in gold.get("conflicts", []):
        counts["conflicts"] += 1
        counts["conflicts_flagged"] += any(
            {facts[i].text for i in found.fact_ids if i in facts} >= set(conflict["dates"]) for found in bank.conflicts)
    return counts


def _occurrences(text: str, needle: str) -> list[int]:
    found, start = [], 0
    while (index := text.find(needle, start)) >= 0:
        found.append(index)
        start = index + 1
    return found
