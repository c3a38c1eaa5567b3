"""Two different dates for what reads as the same event: the teacher should know."""

from __future__ import annotations

import re
from itertools import combinations

from studyapp.generator.model import Conflict

_STOP = set("the a an of to in on at for and or that it its his her their was were is are be been has had have by "
            "with from as this these those he she they said says would will".split())
SIMILAR = 0.6


def _content_words(statement: str) -> set[str]:
    words = re.findall(r"[a-z][a-z-]+", statement.lower().replace("’", "'"))
    # A crude stem is enough to match "revoking" with "revoke" and "Petro's" with "Petro".
    return {re.sub(r"(?:ing|ed|e|s|'s)$", "", word) for word in words if word not in _STOP}


def similarity(first: str, second: str) -> float:
    a, b = _content_words(first), _content_words(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def find_conflicts(dated: list[tuple[str, str, str, int]]) -> list[Conflict]:
    """``dated`` holds (fact id, value, event statement, sentence index) for every dated event."""
    conflicts: list[Conflict] = []
    words = {statement: _content_words(statement) for _, _, statement, _ in dated}
    for (first_id, first_value, first_event, first_sentence), (second_id, second_value, second_event,
                                                                second_sentence) in combinations(dated, 2):
        if first_value == second_value or first_sentence == second_sentence:
            continue
        if first_value.startswith(second_value) or second_value.startswith(first_value):
            continue  # "2025" and "2025-10" do not disagree
        a, b = words[first_event], words[second_event]
        if a and b and len(a & b) / len(a | b) >= SIMILAR:
            conflicts.append(Conflict(
                [first_id, second_id],
                f"two dates ({first_value} and {second_value}) for the same event: {first_event}",
            ))
    return conflicts
