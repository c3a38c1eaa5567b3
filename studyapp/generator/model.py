"""The generator's values: facts, questions, conflicts and the bank that holds them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

BANK_FORMAT = "studyapp-bank/1"

# How far back a rule looks for the words before a date, a figure or a name ("as many as", "the", "on"):
# a few words, never the whole sentence, so that a sentence of 100 KB is not scanned again for each number.
LOOK_BACK = 120


def short_hash(*parts: object, length: int = 6) -> str:
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()
    return digest[:length]


@dataclass
class Fact:
    """One checkable fact, anchored to the sentence it came from.

    ``start``/``end`` locate the fact's own text inside the article; ``event``
    (dates and figures) says in plain words what the date or figure is about,
    and is used to phrase questions. Neither is written to the bank file.
    """

    kind: str
    text: str
    sentence: str
    span: tuple[int, int]
    value: str | float | int | None = None
    unit: str | None = None
    speaker: str | None = None
    role: str | None = None
    start: int = 0
    end: int = 0
    sentence_index: int = 0
    id: str = ""

    def identity(self) -> tuple[object, ...]:
        # What the fact *is*: unchanged by edits elsewhere in the article.
        return (self.kind, self.text, self.value, self.unit, self.speaker, self.role, self.sentence)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "text": self.text}
        if self.value is not None:
            data["value"] = self.value
        for name in ("unit", "speaker", "role"):
            if getattr(self, name) is not None:
                data[name] = getattr(self, name)
        data["sentence"] = self.sentence
        data["span"] = list(self.span)
        return data


@dataclass
class Question:
    fact_id: str
    type: str
    prompt: str
    answer: str
    choices: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    explanation: str = ""
    fact_ids: list[str] = field(default_factory=list)
    variant: str = ""
    score: float = 0.0
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "fact_id": self.fact_id}
        if self.fact_ids:
            data["fact_ids"] = self.fact_ids
        data["type"] = self.type
        data["prompt"] = self.prompt
        data["answer"] = self.answer
        if self.choices:
            data["choices"] = self.choices
        if self.accept:
            data["accept"] = self.accept
        if self.explanation:
            data["explanation"] = self.explanation
        return data


@dataclass
class Conflict:
    fact_ids: list[str]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"fact_ids": self.fact_ids, "reason": self.reason}


@dataclass
class Bank:
    title: str
    source_file: str
    source_sha256: str
    facts: list[Fact]
    questions: list[Question]
    conflicts: list[Conflict]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": BANK_FORMAT,
            "title": self.title,
            "source": {"file": self.source_file, "sha256": self.source_sha256},
            "facts": [fact.to_dict() for fact in self.facts],
            "questions": [question.to_dict() for question in self.questions],
            "conflicts": [conflict.to_dict() for conflict in self.conflicts],
        }

    def to_json(self) -> str:
        """The bank file's text: the same bank always gives the same bytes."""
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
