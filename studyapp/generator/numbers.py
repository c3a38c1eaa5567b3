"""Numbers written in digits or words, and the scale words that multiply them."""

from __future__ import annotations

import re

SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "hundred": 100,
}
ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
}
SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "trillion": 1_000_000_000_000,
    "tn": 1_000_000_000_000,
}
WORD_NUMBER = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+dozen|dozen|a\s+hundred)"
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number that owns up to being rough: "2,000-odd", "$16-something", "300-plus".
APPROXIMATE = r"(?:-(?:odd|something|plus|ish))?"
# Any word that names a number, whatever its spelling; a cheap test before the patterns run.
ANY_NUMBER_WORD = r"\b(?:" + "|".join(sorted([*SMALL_NUMBERS, *ORDINAL_WORDS], key=len, reverse=True)) + r")"


def parse_number(text: str) -> float | None:
    """``"1,500"`` → 1500, ``"3.9"`` → 3.9, ``"twenty-five"`` → 25, ``"a dozen"`` → 12."""
    cleaned = re.sub(r"-(?:odd|something|plus|ish)$", "", text.strip().lower().replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        return float(cleaned)
    cleaned = re.sub(r"^an?\s+", "", cleaned)
    half = re.fullmatch(r"(.+?)\s+and\s+a\s+half", cleaned)
    if half:  # "one and a half" → 1.5
        whole = parse_number(half.group(1))
        return None if whole is None else whole + 0.5
    total = 0
    for part in cleaned.split("-"):
        if part not in SMALL_NUMBERS:
            return None
        total += SMALL_NUMBERS[part]
    return float(total)


def plain(value: float) -> int | float:
    """A whole number as an int (8000000000, not 8e9); otherwise the float, rounded sanely."""
    if value == int(value):
        return int(value)
    return round(value, 6)


def format_number(value: float) -> str:
    """``1500`` → ``"1,500"``; ``3.9`` → ``"3.9"``."""
    value = plain(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
