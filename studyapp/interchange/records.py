"""The neutral shape every format reads into and writes from."""

from __future__ import annotations

from dataclasses import dataclass, field

QUESTION_TYPES = ("multiple_choice", "cloze", "true_false", "short_answer", "who_said", "order")


class FormatError(ValueError):
    """A file that cannot be imported; the message names the line or field at fault."""


@dataclass
class QuestionRecord:
    type: str
    prompt: str
    answer: str
    choices: list[str] = field(default_factory=list)
    accept: list[str] = field(default_factory=list)
    explanation: str = ""
    key: str = ""  # the question's id in its bank, when it has one
    source_sentence: str = ""

    def problem(self) -> str | None:
        """Why this question cannot be used, in words a teacher understands; None when it is fine."""
        if self.type not in QUESTION_TYPES:
            return f"unknown question type {self.type!r} (use one of: {', '.join(QUESTION_TYPES)})"
        if not self.prompt.strip():
            return "the question has no text"
        if not self.answer.strip():
            return "the question has no answer"
        if self.type in {"multiple_choice", "who_said"}:
            if len(self.choices) != 4 or len(set(self.choices)) != 4:
                return "a multiple-choice question needs 4 different choices"
            if self.answer not in self.choices:
                return "the answer must be one of the choices"
        if self.type == "true_false" and self.answer not in {"True", "False"}:
            return "a true/false answer must be True or False"
        return None
