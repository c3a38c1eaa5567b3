"""Is a typed answer right? Forgiving where a person would be, strict where it matters.

Case, accents, punctuation and articles never count; a surname alone is enough when
only one person has it; dates and numbers are equal whatever their written form; a
small typo in words is forgiven, but a different year or figure never is.
Plain Python, no Flask, no database.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateutil import parser as date_parser

from studyapp.generator.dates import find_dates
from studyapp.generator.numbers import ORDINAL_WORDS, SCALES, parse_number

TYPO_TOLERANCE = 0.85  # similarity (0 to 1) above which a misspelt word answer still counts
_ARTICLES = {"a", "an", "the"}


@dataclass(frozen=True)
class Grade:
    correct: bool
    note: str = ""  # why a not-quite-exact answer was accepted, or what was wrong


def normalise(text: str) -> str:
    """Lowercase, without accents, punctuation or articles: "The Pastrana Administration!" → "pastrana administration"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    plain = re.sub(r"(?<=\d),(?=\d{3}\b)", "", plain)  # 63,000 → 63000
    words = re.findall(r"[a-z0-9]+(?:\.[0-9]+)?", plain)
    return " ".join(word for word in words if word not in _ARTICLES)


def _date_values(text: str) -> set[str]:
    """Every date the whole text could mean, as ISO strings; empty when it is not just a date."""
    text = text.strip().rstrip(".")
    if re.fullmatch(r"\d{4}", text):
        return {text}
    if re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", text):
        return {text}
    for prefix in ("", "in "):
        found = find_dates(prefix + text)
        if found and found[0].start <= len(prefix) and found[0].end >= len(prefix + text) - 1:
            return {found[0].value}
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}", text):
        # 19/10/2025 is unambiguous; 1/2/2025 may be either order, and either is taken.
        values = set()
        for day_first in (True, False):
            try:
                values.add(date_parser.parse(text, dayfirst=day_first).date().isoformat())
            except (ValueError, OverflowError):
                pass
        return values
    return set()


_NUMBER = re.compile(
    r"^\s*(?:about|around|almost|nearly|some|approximately|over|more than)?\s*(?:us\$|u\.s\.\$|\$|€|£|¥)?\s*"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)"
    r"\s*(?P<ordinal>st|nd|rd|th)?\s*(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb])?\b"
    r"\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


def _number_value(text: str) -> tuple[float, str] | None:
    """The number a figure answer means and the words after it: "$8 billion" → (8e9, "")."""
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    written = match.group("number").lower()
    value = float(ORDINAL_WORDS[written]) if written in ORDINAL_WORDS else parse_number(written)
    if value is None:
        return None
    value *= SCALES.get((match.group("scale") or "").lower(), 1)
    rest = normalise(re.sub(r"^(?:%|percent|per cent)", "", match.group("rest").strip(), flags=re.I))
    return value, rest


def _surname_matches(given: str, answer: str, people: Sequence[str]) -> bool:
    """"Petro" for "Gustavo Petro", when the answer is a person and nobody else has that surname."""
    names = normalise(answer).split()
    if len(names) < 2 or given != names[-1]:
        return False
    sharing = {normalise(person) for person in people if normalise(person).split()[-1:] == names[-1:]}
    return sharing == {normalise(answer)}


def grade_typed(given: str, answer: str, accept: Iterable[str] = (), people: Sequence[str] = ()) -> Grade:
    """Grade a typed answer against the answer and the other accepted forms."""
    wanted = [answer, *accept]
    typed = normalise(given)
    if not typed:
        return Grade(False, "No answer was given.")
    if any(typed == normalise(form) for form in wanted):
        return Grade(True)

    expected_dates = set().union(*(_date_values(form) for form in wanted))
    if expected_dates:
        given_dates = _date_values(given)
        if given_dates & expected_dates:
            return Grade(True, "Same date, written differently.")
        return Grade(False, "That is a different date." if given_dates else "The answer is a date.")

    expected_number = _number_value(answer)
    given_number = _number_value(given)
    if expected_number is not None:
        if given_number is not None and given_number[0] == expected_number[0]:
            return Grade(True, "Same number, written differently.")
        return Grade(False, "That is a different number." if given_number else "The answer is a number.")

    if any(_surname_matches(typed, form, people) for form in wanted):
        return Grade(True, "The surname is enough here.")

    if not any(char.isdigit() for char in typed + normalise(answer)) and len(typed) >= 4:
        best = max(difflib.SequenceMatcher(None, typed, normalise(form)).ratio() for form in wanted)
        if best >= TYPO_TOLERANCE:
            return Grade(True, "Accepted despite a small typo.")
    return Grade(False)


def grade_choice(given: str, answer: str) -> Grade:
    """A chosen option (multiple choice, true/false, who said it) is right only if it is the answer."""
    return Grade(normalise(given) == normalise(answer) and bool(given.strip()))


def grade_order(given: Sequence[str], answer: Sequence[str]) -> Grade:
    """A timeline is right when every event is in its place."""
    in_place = sum(1 for placed, expected in zip(given, answer) if placed == expected)
    if list(given) == list(answer):
        return Grade(True)
    return Grade(False, f"{in_place} of {len(answer)} events in the right place.")
