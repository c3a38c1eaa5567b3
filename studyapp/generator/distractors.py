"""Wrong answers worth considering: the article's own values first, then close variations."""

from __future__ import annotations

import re
from datetime import date

from studyapp.generator.dates import DateMention, format_like
from studyapp.generator.numbers import ORDINAL_WORDS, SMALL_NUMBERS, parse_number, plain

WANTED = 3
# How far from the answer another of the article's dates may lie and still be a fair alternative.
_PLAUSIBLE_DAYS = {"day": 3 * 365, "month": 4 * 365, "year": 25 * 365, "period": 30 * 365}


def _shift_date(value: str, years: int = 0, months: int = 0, days: int = 0) -> str | None:
    parts = [int(part) for part in value.split("-")]
    year = parts[0] + years
    if len(parts) == 1:
        return f"{year:04d}"
    month = parts[1] + months
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, parts[2]).fromordinal(date(year, month, parts[2]).toordinal() + days).isoformat()
    except ValueError:
        return None


def _date_variations(value: str) -> list[str]:
    if "/" in value:
        first, last = (int(part) for part in value.split("/"))
        shifts = (-2, 2, -1, 1, -3, 3)
        return [f"{first + shift}/{last + shift}" for shift in shifts] + [f"{first}/{last + 2}", f"{first - 2}/{last}"]
    precision = value.count("-")
    if precision == 0:
        shifts = [(-1, 0, 0), (1, 0, 0), (-2, 0, 0), (2, 0, 0), (-3, 0, 0), (3, 0, 0)]
    elif precision == 1:
        shifts = [(0, -1, 0), (0, 1, 0), (-1, 0, 0), (1, 0, 0), (0, -2, 0), (0, 2, 0)]
    else:
        shifts = [(0, -1, 0), (0, 1, 0), (-1, 0, 0), (1, 0, 0), (0, 0, -7), (0, 0, 7), (0, 0, -3), (0, 0, 3)]
    shifted = (_shift_date(value, *shift) for shift in shifts)
    return [candidate for candidate in shifted if candidate]


def _distance(first: str, second: str) -> float:
    def ordinal(value: str) -> float:
        parts = [int(part) for part in value.split("/")[0].split("-")]
        while len(parts) < 3:
            parts.append(1)
        return date(*parts).toordinal()

    return abs(ordinal(first) - ordinal(second))


def date_distractors(
    answer: DateMention, article_values: list[str], excluded: set[str]
) -> list[tuple[str, str, bool]]:
    """Three wrong dates written like the answer: (text, ISO value, whether it comes from the article)."""
    same_precision = [value for value in article_values if value.count("-") == answer.value.count("-")
                      and ("/" in value) == ("/" in answer.value)]
    window = _PLAUSIBLE_DAYS[answer.precision]
    from_article = sorted(
        (value for value in set(same_precision) if _distance(value, answer.value) <= window),
        key=lambda value: (_distance(value, answer.value), value),
    )
    chosen: list[tuple[str, str, bool]] = []
    seen = {format_like(answer.value, answer)} | {format_like(value, answer) for value in excluded}
    for values, is_from_article in ((from_article, True), (_date_variations(answer.value), False)):
        for value in values:
            if value == answer.value or value in excluded:
                continue
            text = format_like(value, answer)
            if text in seen:
                continue
            seen.add(text)
            chosen.append((text, value, is_from_article))
            if len(chosen) == WANTED:
                return chosen
    return chosen


_NUMBER_IN_TEXT = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)")
_WORDS_FOR = {number: word for word, number in SMALL_NUMBERS.items() if word not in {"dozen", "hundred"}}
_ORDINAL_WORDS_FOR = {number: word for word, number in ORDINAL_WORDS.items()}


def _read_number(written: str) -> float | None:
    return float(ORDINAL_WORDS[written]) if written in ORDINAL_WORDS else parse_number(written)


def _number_part(text: str) -> re.Match[str] | None:
    for match in _NUMBER_IN_TEXT.finditer(text):
        if _read_number(match.group("number")) is not None:
            return match
    return None


def rewrite_figure(text: str, old_value: float, new_value: float) -> str | None:
    """``"$8 billion"`` with 8e9 → 4e9 gives ``"$4 billion"``: the same words around a new number."""
    match = _number_part(text)
    if match is None:
        return None
    written = match.group("number")
    shown = _read_number(written)
    if not shown:
        return None
    scale = old_value / shown
    number = new_value / scale
    if written in ORDINAL_WORDS:
        whole = int(round(number))
        if whole not in _ORDINAL_WORDS_FOR:
            return None
        replacement = _ORDINAL_WORDS_FOR[whole]
    elif written[0].isalpha():
        whole = int(round(number))
        if whole not in _WORDS_FOR:
            return None
        replacement = _WORDS_FOR[whole]
    else:
        decimals = len(written.split(".")[1]) if "." in written else 0
        number = round(number, decimals)
        if number <= 0:
            return None
        if number >= 1000 and re.match(r"\s*(?:thousand|million|billion|trillion)\b", text[match.end():]):
            return None  # "$1228 million" reads wrong; another variation will do
        replacement = f"{number:,.{decimals}f}" if "," in written else f"{number:.{decimals}f}"
    ordinal = re.match(r"(st|nd|rd|th)\b", text[match.end():])
    rest = text[match.end():]
    if ordinal:
        value = int(round(number))
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        rest = suffix + rest[2:]
    return text[:match.start()] + replacement + rest


def _figure_variations(value: float) -> list[float]:
    if value == int(value) and value < 12:
        # Small counts: neighbours, but never 1 (the noun after it is plural) or 0.
        return [plain(value + step) for step in (1, 2, -1, 3, -2, 4) if value + step > 1]
    return [plain(value * factor) for factor in (0.5, 2, 0.75, 1.5, 3, 0.25)]


def figure_distractors(
    text: str, value: float, article_figures: list[tuple[str, float]]
) -> list[tuple[str, float, bool]]:
    """Three wrong figures of the same unit and style: (text, value, whether it comes from the article).

    ``article_figures`` are (text, value) of the article's other figures with the same unit; they are
    used as written, so "$614 million" stays itself beside "$8 billion".
    """
    chosen: list[tuple[str, float, bool]] = []
    seen_values = {value}
    seen_texts = {text.lower()}
    candidates = [(other_text, other_value, True) for other_text, other_value in article_figures]
    candidates += [(None, variation, False) for variation in _figure_variations(value)]
    for other_text, candidate, is_from_article in candidates:
        if candidate in seen_values:
            continue
        written = other_text if other_text is not None else rewrite_figure(text, value, candidate)
        if not written or written.lower() in seen_texts:
            continue
        shown = _number_part(written)
        if shown is None or (other_text is None and _read_number(shown.group("number")) == _read_number(
                _number_part(text).group("number"))):
            continue  # rounding made the variation read like the answer
        seen_values.add(candidate)
        seen_texts.add(written.lower())
        chosen.append((written, candidate, is_from_article))
        if len(chosen) == WANTED:
            break
    return chosen
