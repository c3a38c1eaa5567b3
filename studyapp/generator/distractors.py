"""Wrong answers worth considering: the article's own values first, then variations of the answer.

A choice list must not give its answer away by its shape. Numbers and dates are shown sorted, so how many
wrong answers lie below the right one is drawn from a hash of the fact (``answer_rank``): over a bank the
answer is as often first as last. Variations are irregular (no fixed ×0.5 and ×2), rounded as the answer
is written, and kept within a plausible distance of it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from studyapp.generator.dates import DateMention, format_like, is_decade
from studyapp.generator.model import short_hash
from studyapp.generator.numbers import ORDINAL_WORDS, SMALL_NUMBERS, parse_number, plain

WANTED = 3
# The article's other figures are fair alternatives only within this factor of the answer: a price per
# pound beside a billion-dollar turnover gives itself away.
_PLAUSIBLE_FACTOR = 3.0  # "$2.25" beside "$5.21" or "$0.69" looks wrong on its face
_PLAUSIBLE_AGE_FACTOR = 1.6  # a debut "as a 17-year-old" beside "a 6-year-old" or "a 31-year-old" does too
# How far below and above the answer a made-up variation may lie.
_BELOW = (0.35, 0.88)
_ABOVE = (1.14, 2.6)
# Choices closer than this share of the answer are too alike to tell apart fairly.
_MIN_GAP = 0.08


def answer_rank(salt: str, size: int = WANTED + 1) -> int:
    """Where the right answer sits among ``size`` sorted choices: fixed for a fact, uniform over a bank."""
    return int(short_hash(salt, "answer rank", length=8), 16) % size


# How far from the answer another of the article's dates may lie and still be a fair alternative.
_PLAUSIBLE_DAYS = {"day": 3 * 365, "month": 4 * 365, "year": 25 * 365, "period": 30 * 365}


def _fraction(salt: str, index: int) -> float:
    """A number in [0, 1) that looks random but is the same for the same salt and index."""
    return int(short_hash(salt, index, length=8), 16) / 16**8


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
    if is_decade(value):
        first = int(value[:4])
        return [f"{first + shift}/{first + shift + 9}" for shift in (-10, 10, -20, 20, -30, 30)]
    if "/" in value:
        first, last = (int(part) for part in value.split("/"))
        shifts = (-2, 2, -1, 1, -3, 3)
        return [f"{first + shift}/{last + shift}" for shift in shifts] + [f"{first}/{last + 2}", f"{first - 2}/{last}"]
    precision = value.count("-")
    if precision == 0:
        shifts = [(-1, 0, 0), (1, 0, 0), (-2, 0, 0), (2, 0, 0), (-3, 0, 0), (3, 0, 0)]
    # Each wrong date changes two parts of the answer where it can: when each changes only one, the answer is
    # the one date whose day, month and year every other choice shares.
    elif precision == 1:
        shifts = [(0, -2, 0), (0, 1, 0), (-1, 1, 0), (1, -1, 0), (0, -1, 0), (0, 3, 0)]
    else:
        shifts = [(0, -1, -4), (0, 1, 3), (-1, 0, 6), (1, 0, -5), (-1, 1, 0), (1, -1, 0), (0, 0, -7), (0, 0, 7)]
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
    answer: DateMention, article_values: list[str], excluded: set[str], salt: str = ""
) -> list[tuple[str, str, bool]]:
    """Three wrong dates written like the answer: (text, ISO value, whether it comes from the article).

    ``answer_rank(salt)`` of them fall before the answer when the dates allow it.
    """
    same_precision = [value for value in article_values if value.count("-") == answer.value.count("-")
                      and ("/" in value) == ("/" in answer.value) and is_decade(value) == is_decade(answer.value)]
    window = _PLAUSIBLE_DAYS[answer.precision]
    from_article = sorted(
        (value for value in set(same_precision) if _distance(value, answer.value) <= window),
        key=lambda value: (_distance(value, answer.value), value),
    )
    seen = {format_like(answer.value, answer)} | {format_like(value, answer) for value in excluded}
    # A made-up date after everything the article tells of (often: after it was written) gives itself away.
    latest = _latest(tuple(article_values))
    pool: list[tuple[str, str, bool]] = []
    for values, is_from_article in ((from_article, True), (_date_variations(answer.value), False)):
        for value in values:
            text = format_like(value, answer)
            if value == answer.value or value in excluded or text in seen:
                continue
            if not is_from_article and latest is not None and _date_key(value.split("/")[-1])[:len(latest)] > latest:
                continue
            seen.add(text)
            pool.append((text, value, is_from_article))
    return _balanced(pool, lambda item: _date_key(item[1]) < _date_key(answer.value), answer_rank(salt or answer.value))


@lru_cache(maxsize=4)
def _latest(values: tuple[str, ...]) -> tuple[int, ...] | None:
    """The article's latest date, worked out once for all its date questions."""
    return max((_date_key(value.split("/")[-1]) for value in values), default=None)


def _date_key(value: str) -> tuple[int, ...]:
    return tuple(int(part) for part in value.split("/")[0].split("-"))


def _balanced(pool: list, is_below, rank: int) -> list:
    """Three of ``pool`` (best first), ``rank`` of them below the answer; the other side fills in if one runs dry."""
    below = [item for item in pool if is_below(item)]
    above = [item for item in pool if not is_below(item)]
    wanted_below = min(rank, len(below))
    wanted_below = max(wanted_below, WANTED - len(above))
    return (below[:wanted_below] + above[:WANTED - wanted_below])[:WANTED]


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


def number_in(text: str) -> str | None:
    """The words of ``text`` that write its number: "Fourteen" in "Fourteen wayside stations"."""
    match = _number_part(text.lower())  # a sentence's first word is capitalised: "Fourteen"
    return text[match.start("number"):match.end("number")] if match else None


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
        scale_word = re.match(r"\s*(thousand|million|billion)\b", text[match.end():])
        if number >= 1000 and scale_word:  # "$1228 million" reads wrong: "$1.2 billion"
            bigger = {"thousand": "million", "million": "billion", "billion": "trillion"}[scale_word.group(1)]
            rest = text[match.end():match.end() + scale_word.start(1)] + bigger + text[match.end() + scale_word.end(1):]
            return text[:match.start()] + f"{number / 1000:.1f}".removesuffix(".0") + rest
        if number >= 1000 and re.match(r"\s*trillion\b", text[match.end():]):
            return None
        replacement = f"{number:,.{decimals}f}" if "," in written else f"{number:.{decimals}f}"
    ordinal = re.match(r"(st|nd|rd|th)\b", text[match.end():])
    rest = text[match.end():]
    if ordinal:
        value = int(round(number))
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        rest = suffix + rest[2:]
    return text[:match.start()] + replacement + rest


def _precision(written: str) -> float:
    """The step the answer is rounded to as written: 0.1 for "3.1", 1000 for "63,000", 1 for "614"."""
    digits = written.replace(",", "")
    if "." in digits:
        return 10.0 ** -len(digits.split(".")[1])
    if not digits.isdigit():
        return 1.0
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) if digits.rstrip("0") else 1.0


def _figure_variations(shown: float, step: float, salt: str, below: bool, smallest: int) -> Iterator[float]:
    """Made-up numbers on one side of ``shown`` (the answer as written, before its scale word).

    Small whole numbers get near neighbours in a hashed order; others a factor drawn from a hash, so that
    no distractor stands at a telling ×0.5 or ×2.
    """
    if shown == int(shown) and shown < 12 and step == 1:
        steps = sorted(range(1, 5), key=lambda n: short_hash(salt, "step", n))
        for n in steps:
            if not below or shown - n >= smallest:
                yield shown - n if below else shown + n
        return
    low, high = _BELOW if below else _ABOVE
    for index in range(24):
        factor = low + (high - low) * _fraction(salt + ("below" if below else "above"), index)
        yield round(shown * factor / step) * step


def _template(text: str) -> str:
    """A figure's words without its number: "$# million", "# U.S. citizens"."""
    match = _number_part(text)
    return text if match is None else (text[:match.start()] + "#" + text[match.end():]).lower()


_AGE = re.compile(r"-year-old\b|\byears? old\b|\baged?\b", re.IGNORECASE)


def _is_plausible(answer: float, other: float, unit_is_share: bool, factor: float = _PLAUSIBLE_FACTOR) -> bool:
    if other <= 0 or answer <= 0:
        return False
    if unit_is_share and answer <= 100 < other:
        return False  # a share above 100% would be wrong on its face
    return max(answer, other) / min(answer, other) <= factor


def figure_distractors(
    text: str, value: float, article_figures: list[tuple[str, float]], salt: str = "", ceiling: float | None = None,
    floor: float | None = None,
) -> list[tuple[str, float, bool]]:
    """Three wrong figures of the same unit and style: (text, value, whether it comes from the article).

    ``article_figures`` are (text, value) of the article's other figures with the same unit; they are used
    as written, so "$614 million" stays itself beside "$900 million", when they lie within a plausible
    factor of the answer. ``answer_rank(salt)`` of the three fall below the answer when the numbers allow.
    ``ceiling``: the most such a figure can be (an age, a magnitude); ``floor``: what every choice must exceed
    (the sentence's "from $55 to …").
    """
    answer_number = _number_part(text)
    if answer_number is None:
        return []
    written = answer_number.group("number")
    shown = _read_number(written) or 0.0
    scale = value / shown if shown else 1.0
    is_share = bool(re.search(r"%|\bper\s?cent|\bpercent", text, re.IGNORECASE))
    factor = _PLAUSIBLE_AGE_FACTOR if _AGE.search(text) else _PLAUSIBLE_FACTOR
    salt = salt or f"{text}|{value}"
    seen_values = {value}
    seen_texts = {text.lower()}
    pool: list[tuple[str, float, bool]] = []

    def offer(other_text: str | None, candidate: float, is_from_article: bool) -> None:
        candidate = plain(candidate)
        if (ceiling is not None and candidate > ceiling) or (floor is not None and candidate <= floor):
            return
        if not _is_plausible(value, candidate, is_share, factor) or any(
                abs(candidate - seen) < _MIN_GAP * value for seen in seen_values):
            return
        if other_text is not None and _template(other_text) != _template(text):
            other_text = None  # "8%" beside "12 percent" would stand out: the article's value, in the answer's words
        rewritten = other_text if other_text is not None else rewrite_figure(text, value, candidate)
        if not rewritten or rewritten.lower() in seen_texts:
            return
        if other_text is None and _read_number(_number_part(rewritten).group("number")) == shown:
            return  # rounding made the variation read like the answer
        seen_values.add(candidate)
        seen_texts.add(rewritten.lower())
        pool.append((rewritten, candidate, is_from_article))

    for other_text, other_value in sorted(article_figures, key=lambda item: abs(math.log(max(item[1], 1e-9) / value))
                                          if value > 0 else 0):
        offer(other_text, other_value, True)
    step = _precision(written) if written[:1].isdigit() else 1.0
    if step > 1 and step * 4 > shown:
        step /= 2  # "20 minutes" rounded to tens leaves only "10" below: fives still look as round
    # "1 trawlers" would read wrong: counts, ordinals and durations start at two; money and shares at one.
    smallest = 1 if is_share or re.match(r"\W", text.strip()) else 2
    for below in (True, False):
        for variation in _figure_variations(shown, step, salt, below, smallest):
            if variation > 0:
                offer(None, variation * scale, False)
    return _balanced(pool, lambda item: item[1] < value, answer_rank(salt))
