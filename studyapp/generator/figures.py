"""Figures: money, percentages, counts of things, rates, durations and ordinals.

Patterns find the numbers in a sentence's text. When the sentence's parse is at hand (``tokens``, a spaCy
``Span``), the trained model settles what the text alone cannot: which noun a number counts (the head of its
``nummod``), whether a number is part of a name ("Gate 4", "Fairlow 24 shops"), which ordinals rank
something ("finished second"), and whether "pounds" weigh or pay. Without a parse, plainer rules stand in.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from studyapp.generator.model import LOOK_BACK
from studyapp.generator.numbers import (ANY_NUMBER_WORD, APPROXIMATE, DIGITS, ORDINAL_WORDS, SCALES, WORD_NUMBER,
                                        format_number, parse_number, plain)

_CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
                     "gbp": "GBP", "¥": "JPY", "c$": "CAD", "a$": "AUD", "r$": "BRL"}
# The currencies written with a sign: money, whose figures read the same whatever their size.
CURRENCY_CODES = frozenset(_CURRENCY_SYMBOLS.values())
# Currencies written as words; those without an ISO code in common use keep their own name as the unit.
_CURRENCY_WORDS = {"dollars": "USD", "euros": "EUR", "pounds": "GBP", "pesos": "pesos", "yen": "JPY",
                   "rupees": "INR", "reais": "BRL", "krona": "krona", "kronor": "krona", "krone": "krone",
                   "kroner": "krone", "kronur": "krona", "crowns": "crowns", "francs": "francs", "yuan": "CNY",
                   "rand": "ZAR", "roubles": "RUB", "rubles": "RUB", "lira": "lira", "zloty": "PLN"}
_SCALE = r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
_NUMBER = rf"(?:{DIGITS}){APPROXIMATE}|{WORD_NUMBER}"

_MONEY_SYMBOL = re.compile(
    rf"(?P<symbol>US\$|U\.S\.\$|[CAR]\$|\$|€|£|¥|\bUSD\s?|\bEUR\s?|\bGBP\s?)(?P<number>(?:{DIGITS}){APPROXIMATE})"
    rf"{_SCALE}(?![\w$€£¥])",
)
_MONEY_WORDS = re.compile(
    rf"\b(?P<number>{DIGITS}){_SCALE}\s+(?P<currency>{'|'.join(_CURRENCY_WORDS)})\b", re.IGNORECASE
)
# "$4 an hour", "90 million krona a day": money per something is a rate, and the "per" belongs to it.
_PER_SOMETHING = re.compile(r"\s+(?:an?|per)\s+(?P<what>[a-z]{3,})\b(?!\s+(?:later|after|before|earlier|ago)\b)")
_PERCENT = re.compile(
    rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})(?:\s?%|\s+(?P<word>percent(?:age points?)?|per\s?cent))", re.IGNORECASE
)
_RATE = re.compile(
    rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})(?:\s(?P<scale>thousand|million|billion))?\s+(?P<per>per\s+(?:"
    r"\d{1,3}(?:,\d{3})+|\d+|square\s+[a-z]+|[a-z]+))\b",
    re.IGNORECASE,
)
_TIME_UNIT = r"years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?"
_QUALIFIER = (r"almost|nearly|about|around|over|more\s+than|less\s+than|fewer\s+than|some|roughly|at\s+least|at\s+most|"
              r"approximately|as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|up\s+to|just\s+under|just\s+over|close\s+to")
_DURATION = re.compile(
    rf"\b(?P<qualifier>(?:{_QUALIFIER})\s+)?(?P<number>(?:{DIGITS}|{WORD_NUMBER})(?:\s+and\s+a\s+half)?)(?:-|\s+)"
    rf"(?P<unit>{_TIME_UNIT})\b(?![-‐]\w)(?!\s+(?:old|ago))",
    re.IGNORECASE,
)
# "one and a half times", "two and a half metres": a half that the plain number patterns would drop.
_AND_A_HALF = re.compile(rf"\b(?P<number>(?:{DIGITS}|{WORD_NUMBER})\s+and\s+a\s+half)\s+(?P<unit>[a-z]+)\b",
                         re.IGNORECASE)
# A qualifier just before a figure is part of it: "as many as 40 ships" is not "40 ships".
_QUALIFIER_BEFORE = re.compile(rf"\b(?:{_QUALIFIER})\s+$", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"\b(?P<number>\d+)(?:st|nd|rd|th)\b(?=\s+[A-Za-z])")
_ORDINAL_WORDS = re.compile(r"\b(?P<word>" + "|".join(ORDINAL_WORDS) + r")\b(?=\s+(?:[a-z]+\s+){0,3}[A-Za-z])",
                            re.IGNORECASE)
# What makes an ordinal rank something when there is no parse: "the", "its", "her", "the port's".
_RANKING_BEFORE = re.compile(r"\b(?:the|its|her|his|their|our|my|your|[A-Za-z]+['’]s)\s+$", re.IGNORECASE)
_HYPHENATED = re.compile(rf"\b(?P<number>{DIGITS}|{WORD_NUMBER})-(?P<measure>[a-z]+(?:-[a-z]+)?)\b", re.IGNORECASE)
_UNIT_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}
_ORDINAL_SUPERLATIVE = re.compile(
    r"\b(?P<word>" + "|".join(word for word in ORDINAL_WORDS if word != "first") + r")-(?:[a-z]+est|most|least)\b",
    re.IGNORECASE,
)
_AGES = [
    re.compile(rf"\b(?P<age>\d{{1,3}}|{WORD_NUMBER})-year-old\b", re.IGNORECASE),
    re.compile(r"\b(?:aged|age\s+of|ages?)\s+(?P<age>\d{1,3})\b(?!\s*(?:%|percent|per))"),
    re.compile(r"\b(?P<age>\d{1,3})\s+years\s+old\b"),
    re.compile(r"\b(?:man|woman|boy|girl|child|person|widow|widower|mother|father|grandmother|grandfather)\s+of\s+"
               r"(?P<age>\d{1,3})\b(?![\d%]|\s*(?:percent|per)\b)"),
    re.compile(r"^(?:He|She)\s+was\s+(?P<age>\d{1,3})\.?$"),
    re.compile(r"\bdied\s+at\s+(?P<age>\d{1,3})\b(?![\d%]|\s*(?:percent|per)\b)"),
]
_MEASURE_BEFORE = re.compile(r"\b(?P<scale>magnitude|category|force)\s+(?P<number>\d+(?:\.\d+)?)\b",
                             re.IGNORECASE)
_QUALIFIED_NUMBER = re.compile(
    r"\b(?:at\s+least|more\s+than|fewer\s+than|as\s+many\s+as|nearly|almost|some|about|around|over|"
    r"(?:up|down)\s+from|[a-z]+\s+to\s+\d[\d,]*\s+[a-z]+\s+from)\s+"
    rf"(?P<number>\d[\d,]*|{WORD_NUMBER})\b(?!\s*[-%$€£.,]?\d)"
)
_COUNT_NUMBER = re.compile(
    rf"\b(?P<number>{_NUMBER})(?:\s(?P<scale>hundred|thousand|million|billion))?\s", re.IGNORECASE
)
# "the two countries" refers back to countries already named, and "our two countries" points at the speakers'
# own; "its six trawlers" introduces them.
_BACK_REFERENCE = re.compile(r"\b(?:the|these|those|both|our|your|my)\s+$", re.IGNORECASE)
_CITATION_MARKER = re.compile(r"\[\d+\]")
# "2:17 p.m.", "11.47 p.m.", "8 p.m.", "at 14:30": an hour of the day, never a figure.
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d{2}\b", re.IGNORECASE)
_MONTHS = {name for name in calendar.month_name if name}

# Without a parse: the words that end a counted noun phrase ("63,000 U.S. citizens living in ...").
_STOP_WORDS = set(
    "a an the of in on at to for from by with and or but as that which who whom whose were was is are be been being "
    "have has had will would can could should may might must do does did than then there their its his her our your "
    "my this these those it they he she we you i per each every all some any no not most least over under "
    "about around across into onto upon during through before after since until while when where how why what so "
    "such also only just even still yet very too said says say according".split()
)
_COUNTED_WORD = re.compile(r"(?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’.-]*")
_TIME_UNITS = {"years", "months", "weeks", "days", "decades", "centuries", "hours", "minutes", "seconds"}
_IRREGULAR_PLURALS = {"aircraft", "people", "children", "men", "women", "police", "personnel", "staff", "sheep",
                      "fish", "cattle", "troops", "deer", "series", "species", "crew"}

# A cheap first look: no digit and no number word means no figure.
_MAY_HOLD_FIGURE = re.compile(r"\d|" + ANY_NUMBER_WORD, re.IGNORECASE)


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


class _Parse:
    """The sentence's tokens, addressed by character offsets into the sentence's text."""

    def __init__(self, sentence: str, tokens: Span) -> None:
        found = tokens.text.find(sentence[:40])
        self.base = tokens.start_char + max(found, 0)
        self.tokens = tokens
        self.sentence = sentence
        self._starts: list[int] | None = None

    def token_at(self, position: int) -> Token | None:
        absolute = self.base + position
        if self._starts is None:  # built once: a sentence may hold thousands of numbers
            self._starts = [token.idx for token in self.tokens]
        index = bisect_right(self._starts, absolute) - 1
        if index < 0:
            return None
        token = self.tokens[index]
        return token if absolute < token.idx + max(len(token.text), 1) else None

    def end_of(self, token: Token) -> int:
        text = token.text
        if "[" in text:  # the tokenizer glues citation markers on: "visitors.[21"
            text = text.split("[")[0].rstrip(".")
        return token.idx + len(text) - self.base

    def _previous(self, token: Token) -> Token | None:
        return token.doc[token.i - 1] if token.i > self.tokens.start else None

    def is_label(self, position: int) -> bool:
        """Is the number at ``position`` part of a name or a label ("Gate 4", "Fairlow 24 shops", "type 2 X")?"""
        token = self.token_at(position)
        before = self._previous(token) if token is not None else None
        if before is None or before.pos_ not in {"PROPN", "NOUN"} or before.ent_type_ in {"DATE", "TIME"}:
            return False
        if before.pos_ == "PROPN" and before.text[:1].isupper():
            return True  # a number after a proper noun names it: "Route 66", "Strydo 360"
        if token.head == before or (before.dep_ in {"compound", "nmod"} and before.head == token.head):
            return True  # a common noun the number labels: "room 12", "type 2" modifying "diabetes" together
        # A bare singular noun right before a number is its label too: "develop type 2 diabetes", "see page 4".
        return before.tag_ == "NN" and not any(child.dep_ in {"det", "poss"} for child in before.children)

    def counted_noun_end(self, position: int) -> int | None:
        """Where the noun a number counts ends: the head of its ``nummod``, if it follows the number."""
        token = self.token_at(position)
        if token is None:
            return None
        while token.dep_ in {"compound", "quantmod", "amod"} and token.head.pos_ == "NUM" and token.head.i > token.i:
            token = token.head  # "3.1 million": the scale word counts the noun
        noun = token.head
        # The tagger sometimes reads a number word as an adjective ("fifteen" as ``amod``): still a count.
        counts = token.dep_ == "nummod" or (token.dep_ == "amod" and (token.like_num or token.ent_type_ == "CARDINAL"))
        if not counts or noun.i <= token.i or noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        return self.end_of(noun)

    def partitive_unit(self, position: int) -> str | None:
        """"Eleven of her students", "Nine of the 22 ministers": the number is a part of the plural noun after
        "of", which is what it counts."""
        token = self.token_at(position)
        while token is not None and token.dep_ == "compound" and token.head.pos_ == "NUM" and token.head.i > token.i:
            token = token.head  # "Forty-one": the number's last word holds the "of"
        if token is None or token.pos_ != "NUM" or token.dep_ in {"nummod", "compound", "quantmod"}:
            return None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                # "of the dead": an adjective with "the" stands for the people it describes.
                nouns = [c for c in child.children if c.dep_ == "pobj" and c.tag_ in {"NNS", "NNPS", "JJ"}]
                if nouns:
                    return nouns[0].text
        return None

    def appositive_ages(self) -> list[tuple[int, int, float]]:
        """"Mirela Ostin, 54, a baker": a number set off by commas right after a person's name is their age."""
        found = []
        for token in self.tokens:
            if not (re.fullmatch(r"[0-9]{1,3}", token.text) and 0 < int(token.text) < 125):
                continue
            before, after = self._previous(token), token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            name = self._previous(before) if before is not None else None
            if (before is not None and before.text == "," and after is not None and after.text in {",", ";", "."}
                    and name is not None and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN" and name.is_title)
                    and name.ent_type_ not in {"GPE", "LOC", "FAC", "ORG", "DATE"}):
                start = token.idx - self.base
                found.append((start, start + len(token.text), float(token.text)))
        return found

    def modified_noun_end(self, position: int) -> int | None:
        """For "a 27-pound silver bowl" with ``position`` at "pound": where the noun it describes ends."""
        token = self.token_at(position)
        while token is not None and token.head.i > token.i and token.head.pos_ not in {"NOUN", "PROPN"}:
            token = token.head
        if token is None or token.head.i <= token.i or token.head.pos_ not in {"NOUN", "PROPN"}:
            return None
        return self.end_of(token.head)

    def is_weight(self, position: int) -> bool:
        token = self.token_at(position)
        return token is not None and token.ent_type_ == "QUANTITY"

    def is_noun(self, position: int) -> bool:
        token = self.token_at(position)
        return token is not None and token.pos_ in {"NOUN", "PROPN"}

    def ranking_ordinals(self) -> list[tuple[int, int, int]]:
        """(start, end, value) of each ordinal that ranks something: "her third title", "finished 14th"."""
        found: list[tuple[int, int, int]] = []
        for token in self.tokens:
            value = _ordinal_value(token.text)
            if value is None or value < 2 or token.pos_ not in {"ADJ", "ADV", "NOUN", "NUM"}:
                continue  # "first" is too common to ask about
            start = token.idx - self.base
            if _ranks_something(token) or _RANKING_BEFORE.search(self.sentence, max(0, start - LOOK_BACK), start):
                found.append((start, start + len(token.text), value))
        return found


def _ordinal_value(text: str) -> int | None:
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text.lower())
    return int(digits.group(1)) if digits else ORDINAL_WORDS.get(text.lower())


def _ranks_something(token: Token) -> bool:
    """An ordinal with a definite or possessive determiner ("the ninth time", "its fourth"), or a place won."""
    if token.head.pos_ in {"VERB", "AUX"} and token.head.i < token.i:
        return True  # "finished second", "came 14th"
    children = [*token.children, *token.head.children]  # "Its third and last flight": "Its" hangs on "third"
    determiners = [child for child in children if child.i < token.i and child.dep_ in {"det", "poss"}]
    return any(child.dep_ == "poss" or child.lower_ == "the" for child in determiners)


def find_figures(sentence: str, taken: list[tuple[int, int]] | None = None,
                 tokens: Span | None = None) -> list[FigureMention]:
    """Every figure in ``sentence`` that does not overlap ``taken`` (spans already used, such as dates).

    ``tokens`` is the sentence's parse; without it, plainer rules decide what it would.
    """
    if not _MAY_HOLD_FIGURE.search(sentence):
        return []
    parse = _Parse(sentence, tokens) if tokens is not None else None
    occupied = list(taken or [])
    occupied += [(match.start(), match.end()) for match in _CITATION_MARKER.finditer(sentence)]
    occupied += [(match.start(), match.end()) for match in _TIME_OF_DAY.finditer(sentence)]
    found: list[FigureMention] = []

    def add(start: int, end: int, value: float | None, unit: str) -> None:
        if value is None or any(start < stop and begin < end for begin, stop in occupied):
            return
        if _is_label(sentence, start, end, parse) or _is_day_of_month(sentence, start, end):
            occupied.append((start, end))  # a name's number is nothing else either
            return
        qualifier = _QUALIFIER_BEFORE.search(sentence, max(0, start - LOOK_BACK), start)
        start = qualifier.start() if qualifier else start
        found.append(FigureMention(start, end, sentence[start:end], plain(value), unit))
        occupied.append((start, end))

    _add_money(sentence, parse, add)
    _add_percentages_and_rates(sentence, add)
    _add_durations(sentence, add)
    _add_ordinals(sentence, parse, add)
    _add_ages(sentence, parse, add)
    _add_hyphenated(sentence, parse, add)
    _add_measures(sentence, add)  # before counts: "a magnitude 6.5 tremor" reads 6.5, not 6.5 tremors
    _add_counts(sentence, parse, add)
    _add_qualified_numbers(sentence, add)
    return sorted(found, key=lambda mention: mention.start)


_Add = Callable[[int, int, "float | None", str], None]


def _is_day_of_month(sentence: str, start: int, end: int) -> bool:
    """"on 16 August", "August 16": a date the article gives no year for is still no figure."""
    words = sentence[start:end].split()
    before = sentence[max(0, start - LOOK_BACK):start].split()[-1:]
    after = [word.strip(",.;:") for word in sentence[end:end + LOOK_BACK].split()[:1]]
    return any(word in _MONTHS for word in words + before + after)


def _is_label(sentence: str, start: int, end: int, parse: _Parse | None) -> bool:
    """A number that names something ("Gate 4", "its 7-Eleven stores") rather than counting or measuring it."""
    if not (sentence[start:start + 1].isdigit() or sentence[start:start + 1].isalpha()):
        return False  # "$5", "€3": a currency sign is never part of a name
    if re.match(r"[-‐][A-Z]", sentence[end:]) or re.match(r"\d+[-‐][A-Z]", sentence[start:]):
        return True  # "7-Eleven"
    if re.match(r"\d+\.\d", sentence[start:end]):
        return False  # "magnitude 6.8", "grade 2.5": a name's number has no decimals
    if parse is not None:
        return parse.is_label(start)
    before = re.compile(r"(?:^|\s)(?P<word>[A-Z][\w'’-]*)\s+$").search(sentence[max(0, start - LOOK_BACK):start])
    return bool(before and before.start("word") > 0 and before.group("word") not in _MONTHS
                and sentence[:before.start("word")].strip() not in {"", "“", '"'})


def _add_money(sentence: str, parse: _Parse | None, add: _Add) -> None:
    for match in _MONEY_SYMBOL.finditer(sentence):
        unit = _CURRENCY_SYMBOLS[match.group("symbol").strip().lower()]
        end, unit = _with_rate(sentence, match.end(), unit, parse)
        add(match.start(), end, _scaled(match.group("number"), match.group("scale")), unit)
    for match in _MONEY_WORDS.finditer(sentence):
        currency = match.group("currency").lower()
        if currency == "pounds" and _is_weight(sentence, match, parse):
            add(match.start(), match.end(), _scaled(match.group("number"), match.group("scale")), "pounds")
            continue
        end, unit = _with_rate(sentence, match.end(), _CURRENCY_WORDS[currency], parse)
        add(match.start(), end, _scaled(match.group("number"), match.group("scale")), unit)


def _is_weight(sentence: str, match: re.Match[str], parse: _Parse | None) -> bool:
    """"3.1 million pounds of bananas" weighs; "40 million pounds" in a budget pays. The model's entity decides."""
    if re.match(r"\s+of\s", sentence[match.end():]):
        return True
    return parse is not None and parse.is_weight(match.start("number"))


def _with_rate(sentence: str, end: int, unit: str, parse: _Parse | None) -> tuple[int, str]:
    per = _PER_SOMETHING.match(sentence, end)
    if per is None or (parse is not None and not parse.is_noun(per.start("what"))):
        return end, unit
    return per.end(), f"{unit} per {per.group('what').lower()}"


def _add_percentages_and_rates(sentence: str, add: _Add) -> None:
    for match in _PERCENT.finditer(sentence):
        word = (match.group("word") or "").lower()
        unit = "percentage points" if word.startswith("percentage") else "%"
        add(match.start(), match.end(), parse_number(match.group("number")), unit)
    for match in _RATE.finditer(sentence):
        per = re.sub(r"\s+", " ", match.group("per").lower())
        if per in {"per cent", "per se"}:
            continue
        add(match.start(), match.end(), _scaled(match.group("number"), match.group("scale")), per)
    for match in _AND_A_HALF.finditer(sentence):
        unit = match.group("unit").lower()
        add(match.start(), match.end(), parse_number(match.group("number")), _time_unit(unit) or unit)


def is_duration(unit: str) -> bool:
    """Whether a figure's unit is a span of time ("years", "weeks", "minutes")."""
    return _time_unit(unit) is not None


def _time_unit(word: str) -> str | None:
    lower = word.lower()
    if not re.fullmatch(_TIME_UNIT, lower):
        return None
    return "centuries" if lower.startswith("centur") else lower.rstrip("s") + "s"


def _add_durations(sentence: str, add: _Add) -> None:
    for match in _DURATION.finditer(sentence):
        if not match.group("unit").islower():
            continue  # "the Six-Day War" is a name
        if _tells_when(sentence, match):
            continue
        start = match.start("number") if not match.group("qualifier") else match.start()
        add(start, match.end(), parse_number(match.group("number")), _time_unit(match.group("unit")) or "")


def _tells_when(sentence: str, match: re.Match[str]) -> bool:
    """"four weeks after the contract expired" says when; "walk for ten minutes after breakfast" says how long."""
    if not re.match(r"\s+(?:later|earlier|before|after)\b", sentence[match.end():]):
        return False
    return not re.compile(r"\bfor\s+$", re.IGNORECASE).search(sentence, max(0, match.start() - LOOK_BACK), match.start())


def _add_ordinals(sentence: str, parse: _Parse | None, add: _Add) -> None:
    for match in _ORDINAL_SUPERLATIVE.finditer(sentence):  # "the second-largest employer"
        add(match.start(), match.end(), float(ORDINAL_WORDS[match.group("word").lower()]), "ordinal")
    if parse is not None:
        for start, end, value in parse.ranking_ordinals():
            add(start, end, float(value), "ordinal")
        return
    for match in _ORDINAL_DIGITS.finditer(sentence):
        add(match.start(), match.end(), float(match.group("number")), "ordinal")
    for match in _ORDINAL_WORDS.finditer(sentence):
        if _RANKING_BEFORE.search(sentence, max(0, match.start() - LOOK_BACK), match.start()):
            add(match.start(), match.end(), float(ORDINAL_WORDS[match.group("word").lower()]), "ordinal")


def _add_hyphenated(sentence: str, parse: _Parse | None, add: _Add) -> None:
    """"a 151-member parliament", "a ten-mile-wide marsh", "a 27-pound bowl": the number measures the noun."""
    for match in _HYPHENATED.finditer(sentence):
        measure = match.group("measure").lower()
        first = measure.split("-")[0]
        value = parse_number(match.group("number"))
        if value is None or value == 1 or not _is_measure_word(first) or measure.endswith("old"):
            continue  # "one-off", "two-thirds", "2,000-odd", "a 45-year-old" (an age: see _add_ages)
        if first in _UNIT_NUMBER_WORDS:
            continue  # "Forty-one" is one number
        if parse is not None:
            end = parse.modified_noun_end(match.start("measure") + len(measure) - 1)
        else:
            following = re.match(r"\s+[a-z]+", sentence[match.end():])
            end = match.end() + following.end() if following else None
        if end is None:
            continue
        unit = re.sub(r"\s+", " ", sentence[match.start("measure"):end]).lower()
        add(match.start(), end, value, unit)


def _add_ages(sentence: str, parse: _Parse | None, add: _Add) -> None:
    """How old someone is: "a 19-year-old student", "aged 54", "at the age of 68", "a woman of 72",
    "Mirela Ostin, 54, a baker", "She was 86."."""
    for pattern in _AGES:
        for match in pattern.finditer(sentence):
            value = parse_number(match.group("age"))
            if value is not None and 0 < value < 125:
                spelled_out = match.group(0).endswith("old")  # "a 19-year-old", "45 years old": the words stay
                add(match.start("age"), match.end() if spelled_out else match.end("age"), value, "years old")
    if parse is not None:
        for start, end, value in parse.appositive_ages():
            add(start, end, value, "years old")


def _add_measures(sentence: str, add: _Add) -> None:
    """"of magnitude 6.8", "a magnitude 5.3 aftershock": a scale's reading, written after the scale's name."""
    for match in _MEASURE_BEFORE.finditer(sentence):
        add(match.start("number"), match.end("number"), parse_number(match.group("number")), match.group("scale").lower())


def _add_qualified_numbers(sentence: str, add: _Add) -> None:
    """"rose to at least 312", "and at least 61 were killed": a qualified number that counts what the
    sentence is about, with no noun after it."""
    for match in _QUALIFIED_NUMBER.finditer(sentence):
        number = match.group("number")
        if re.fullmatch(r"(1[0-9]|20)\d\d", number):
            continue  # "after 1990": a year
        add(match.start("number"), match.end("number"), parse_number(number), "")


def _is_measure_word(word: str) -> bool:
    fractions = {*ORDINAL_WORDS, *(f"{word}s" for word in ORDINAL_WORDS), "half", "halves", "quarter", "quarters"}
    return word not in fractions and word not in {"odd", "something", "plus", "ish"} and not _time_unit(word)


def _add_counts(sentence: str, parse: _Parse | None, add: _Add) -> None:
    for match in _COUNT_NUMBER.finditer(sentence):
        number = match.group("number")
        is_word = not number[0].isdigit()
        if is_word and _BACK_REFERENCE.search(sentence, max(0, match.start() - LOOK_BACK), match.start()):
            continue  # "the two countries" refers back; it is not a count worth asking about
        if not is_word and re.fullmatch(r"(1[0-9]|20)\d\d", number):
            continue  # a year that no date pattern claimed
        value = _scaled(number, match.group("scale"))
        partitive = parse.partitive_unit(match.start("number")) if parse is not None else None
        if partitive is not None and value is not None and value > 1:
            add(match.start("number"), match.end("number"), value, partitive)
            continue
        end = _counted_noun_end(sentence, match, parse)
        if end is None:
            continue
        unit = re.sub(r"\s+", " ", sentence[match.end():end].strip())
        value = _scaled(number, match.group("scale"))
        if not unit or (value == 1 and not _is_plural_noun(unit)):
            continue
        if unit.lower().split()[-1] in _TIME_UNITS:
            if len(unit.split()) == 1 or re.match(r"\s+(?:old|ago|later|earlier)\b", sentence[end:]):
                continue  # the duration pattern has had its say on "two years"; "45 years old" is an age
            unit = unit.lower().split()[-1]  # "three straight years": a duration with a word between
        add(match.start(), end, value, unit)


def _counted_noun_end(sentence: str, match: re.Match[str], parse: _Parse | None) -> int | None:
    if parse is not None:
        return parse.counted_noun_end(match.start("number"))
    noun = _counted_noun(sentence, match.end())
    return noun[1] if noun else None


def _counted_noun(sentence: str, position: int) -> tuple[str, int] | None:
    """Without a parse: the noun phrase right after a number, ("U.S. citizens", its end), if it is one."""
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
    lower = word.split()[-1].lower() if word.split() else ""
    if lower in _IRREGULAR_PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ous"))


def _next_is_noun(sentence: str, position: int) -> bool:
    following = re.match(r"\s+([A-Za-z]+)", sentence[position:])
    return bool(following and following.group(1).lower() not in _STOP_WORDS and _is_plural_noun(following.group(1)))


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


_LEADING_QUALIFIER = re.compile(rf"^(?:{_QUALIFIER})\s+", re.IGNORECASE)


def qualifier_length(text: str) -> int:
    """How many characters of a figure's text are its qualifier: 13 for "as many as 40 ships", else 0.

    A question blanks the number and keeps "as many as" in the sentence: the choices then read alike.
    """
    match = _LEADING_QUALIFIER.match(text)
    return match.end() if match else 0
