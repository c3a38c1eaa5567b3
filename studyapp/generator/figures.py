"""Figures: money, percentages, counts of things, rates, durations and ordinals."""

from __future__ import annotations

import re
from dataclasses import dataclass

from studyapp.generator.numbers import DIGITS, ORDINAL_WORDS, SCALES, WORD_NUMBER, format_number, parse_number, plain

_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                     "gbp": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "r$": "BRL"}
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "pesos": "pesos", "yen": "JPY",
                   "rupees": "INR", "reais": "BRL"}
_SCALE = r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"

_MONEY_SYMBOL = re.compile(
    rf"(?P<symbol>US\$|U\.S\.\$|[CAR]\$|\$|€|£|¥|\bUSD\s?|\bEUR\s?|\bGBP\s?)(?P<number>{DIGITS}){_SCALE}(?![\w$€£¥])",
)
_MONEY_WORDS = re.compile(
    rf"\b(?P<number>{DIGITS}){_SCALE}\s+(?P<currency>dollars|euros|pounds|pesos|yen|rupees|reais)\b", re.IGNORECASE
)
_PERCENT = re.compile(
    rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})(?:\s?%|\s+(?P<word>percent(?:age points?)?|per\s?cent))", re.IGNORECASE
)
_RATE = re.compile(
    rf"\b(?P<number>{DIGITS})(?:\s(?P<scale>thousand|million|billion))?\s+(?P<per>per\s+(?:(?:\d{{1,3}}(?:,\d{{3}})+|\d+)|"
    r"thousand|million|billion|hundred|capita|person|head|day|week|month|year|hour|minute|second|kilometre|kilometer|"
    r"mile|km|square\s+\w+))\b",
    re.IGNORECASE,
)
_DURATION = re.compile(
    rf"\b(?P<qualifier>(?:almost|nearly|about|around|over|more\s+than|less\s+than|some|roughly|at\s+least|"
    rf"approximately)\s+)?(?P<number>{DIGITS}|{WORD_NUMBER})(?:-|\s+)(?P<unit>years?|months?|weeks?|days?|decades?|"
    r"centuries|century|hours?|minutes?)\b(?!\s+(?:old|ago))",
    re.IGNORECASE,
)
_ORDINAL_DIGITS = re.compile(r"\b(?P<number>\d+)(?:st|nd|rd|th)\b(?=\s+[A-Za-z])")
_ORDINAL_WORDS = re.compile(r"\b(?P<word>" + "|".join(ORDINAL_WORDS) + r")\b(?=\s+(?:[a-z]+\s+){0,3}[A-Za-z])")

# Words that end a counted noun phrase ("63,000 U.S. citizens living in ...": the noun is "U.S. citizens").
_STOP_WORDS = set(
    "a an the of in on at to for from by with and or but as that which who whom whose were was is are be been being "
    "have has had will would can could should may might must do does did than then there their its his her our your "
    "my this these those it they he she we you i per each every all some any no not most least over under "
    "about around across into onto upon during through before after since until while when where how why what so "
    "such also only just even still yet very too said says say according".split()
)
_COUNTED_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’.-]*")
_DETERMINERS_BEFORE_COUNT = re.compile(r"\b(?:the|our|these|those|both|their|its|his|her|my|your|all)\s+$", re.IGNORECASE)
_TIME_UNITS = {"years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes", "seconds"}
_IRREGULAR_PLURALS = {"aircraft", "people", "children", "men", "women", "police", "personnel", "staff", "sheep",
                      "fish", "cattle", "troops", "deer", "series", "species", "crew"}


# A cheap first look: no digit and no number word means no figure.
_MAY_HOLD_FIGURE = re.compile(r"\d|\b(?:" + "|".join([*ORDINAL_WORDS, "one", "two", "three", "four", "five", "six",
                              "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "hundred", "twenty", "thirty",
                              "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "teen"]) + r")", re.IGNORECASE)


@dataclass(frozen=True)
class FigureMention:
    start: int
    end: int
    text: str
    value: int | float
    unit: str


def _scaled(number: str, scale: str | None) -> float | None:
    parsed = parse_number(number)
    if parsed is None:
        return None
    return parsed * SCALES.get((scale or "").lower(), 1)


def _counted_noun(sentence: str, position: int) -> tuple[str, int] | None:
    """The noun phrase right after a number: ("U.S. citizens", its end), if it is one."""
    words: list[str] = []
    end = position
    for match in _COUNTED_WORD.finditer(sentence, position):
        gap = sentence[end:match.start()]
        if gap.strip() or (words and not gap):
            break
        word = match.group(0).rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.){2,}", match.group(0)) else match.group(0)
        if word.lower() in _STOP_WORDS or len(words) == 4:
            break
        words.append(word)
        end = match.start() + len(word)
        if _is_plural_noun(word) and not _next_is_noun(sentence, end):
            break
    while words and not _is_plural_noun(words[-1]):
        words.pop()
    if not words:
        return None
    text = sentence[position:].split(words[-1], 1)[0] + words[-1]
    return text.strip(), position + len(text)


def _is_plural_noun(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


def _next_is_noun(sentence: str, position: int) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", sentence[position:])
    return bool(following and following.group(1).lower() not in _STOP_WORDS and _is_plural_noun(following.group(1)))


def find_figures(sentence: str, taken: list[tuple[int, int]] | None = None) -> list[FigureMention]:
    """Every figure in ``sentence`` that does not overlap ``taken`` (spans already used, such as dates)."""
    if not _MAY_HOLD_FIGURE.search(sentence):
        return []
    occupied = list(taken or [])
    found: list[FigureMention] = []

    def add(start: int, end: int, value: float | None, unit: str) -> None:
        if value is None or any(start < stop and begin < end for begin, stop in occupied):
            return
        found.append(FigureMention(start, end, sentence[start:end], plain(value), unit))
        occupied.append((start, end))

    for match in _MONEY_SYMBOL.finditer(sentence):
        unit = _CURRENCY_SYMBOLS[match.group("symbol").strip().lower()]
        add(match.start(), match.end(), _scaled(match.group("number"), match.group("scale")), unit)
    for match in _MONEY_WORDS.finditer(sentence):
        unit = _CURRENCY_WORDS[match.group("currency").lower()]
        add(match.start(), match.end(), _scaled(match.group("number"), match.group("scale")), unit)
    for match in _PERCENT.finditer(sentence):
        word = (match.group("word") or "").lower()
        unit = "percentage points" if word.startswith("percentage") else "%"
        add(match.start(), match.end(), parse_number(match.group("number")), unit)
    for match in _RATE.finditer(sentence):
        per = re.sub(r"\s+", " ", match.group("per").lower())
        add(match.start(), match.end(), _scaled(match.group("number"), match.group("scale")), per)
    for match in _DURATION.finditer(sentence):
        if not match.group("unit").islower() or re.match(r"\s+(?:later|earlier|before|after)\b",
                                                          sentence[match.end():]):
            continue  # "the Six-Day War" is a name; "seven years later" tells when, not how long
        unit = match.group("unit").lower()
        unit = "centuries" if unit.startswith("centur") else unit.rstrip("s") + "s"
        start = match.start("number") if not match.group("qualifier") else match.start()
        add(start, match.end(), parse_number(match.group("number")), unit)
    for match in _ORDINAL_DIGITS.finditer(sentence):
        add(match.start(), match.end(), float(match.group("number")), "ordinal")
    for match in _ORDINAL_WORDS.finditer(sentence):
        before = sentence[:match.start()]
        if re.search(r"\b(?:the|[A-Z][a-z]+['’]s)\s+$", before):
            add(match.start(), match.end(), float(ORDINAL_WORDS[match.group("word").lower()]), "ordinal")
    _add_counts(sentence, add)
    return sorted(found, key=lambda mention: mention.start)


_COMPOUND_COUNT = re.compile(
    rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})-(?P<unit>(?:member|seat|nation|country|strong|person|story|storey|lane|"
    r"bed|room|page|team)\s+[a-z]+)\b",
    re.IGNORECASE,
)
_COUNT_NUMBER = re.compile(rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})(?:\s(?P<scale>hundred|thousand|million|billion))?\s")


def _add_counts(sentence: str, add) -> None:
    for match in _COMPOUND_COUNT.finditer(sentence):  # "a nine-member board"
        add(match.start(), match.end(), parse_number(match.group("number")), match.group("unit").lower())
    for match in _COUNT_NUMBER.finditer(sentence):
        number = match.group("number")
        is_word = not number[0].isdigit()
        if is_word and _DETERMINERS_BEFORE_COUNT.search(sentence[:match.start()]):
            continue  # "the two countries" refers back; it is not a count worth asking about
        if not is_word and re.fullmatch(r"(1[0-9]|20)\d\d", number):
            continue  # a year that no date pattern claimed
        noun = _counted_noun(sentence, match.end())
        if noun is None:
            continue
        unit, end = noun
        if unit.lower().split()[-1] in _TIME_UNITS:
            continue  # durations have their own pattern; "45 years old" and "two years ago" are not figures
        add(match.start(), end, _scaled(number, match.group("scale")), unit)


def describe(value: int | float, unit: str) -> str:
    """How a figure reads: ``$8 billion``, ``25%``, ``63,000 U.S. citizens``."""
    if unit in {"USD", "EUR", "GBP", "JPY", "CAD", "AUD", "BRL"}:
        symbol = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "C$", "AUD": "A$", "BRL": "R$"}[unit]
        for word, scale in (("trillion", 10**12), ("billion", 10**9), ("million", 10**6)):
            if abs(value) >= scale:
                return f"{symbol}{format_number(value / scale)} {word}"
        return f"{symbol}{format_number(value)}"
    if unit == "%":
        return f"{format_number(value)}%"
    if unit == "ordinal":
        number = int(value)
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    return f"{format_number(value)} {unit}"
