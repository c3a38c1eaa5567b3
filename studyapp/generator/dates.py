"""Dates in running text: full dates in any common order, months, years in context, periods."""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass, replace
from datetime import date

from studyapp.generator.model import LOOK_BACK

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"

_WORD = r"[A-Z][a-z]{2,9}\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[0-9]{3}|20[0-9]{2}|2100)"
_WEEKDAY = rf"(?:(?:{WEEKDAYS})\.?,?\s+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>1[0-9]{3}|20[0-9]{2})-(?P<month_number>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("day_month_year", re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?(?P<month>{_WORD}),?\s+{_YEAR}\b", re.IGNORECASE)),
    ("month_day_year", re.compile(rf"\b{_WEEKDAY}(?P<month>{_WORD})\s+{_DAY2},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b(?P<month>{_WORD}),?\s+(?:of\s+)?{_YEAR}\b")),
    ("period", re.compile(
        r"(?:\b(?P<from>[Ff]rom|[Bb]etween)\s+)?\(?\b(?P<year>1[0-9]{3}|20[0-9]{2})\s*(?:[-–—]|\s(?:to|until|through|till|and)\s)"
        r"\s*(?P<end_year>1[0-9]{3}|20[0-9]{2}|[0-9]{2})\b\)?"
    )),
    ("fiscal_year", re.compile(r"\b(?:FY\s?|[Ff]iscal(?:\s+[Yy]ear)?\s+)(?P<year>1[0-9]{3}|20[0-9]{2})\b")),
    ("year", re.compile(
        r"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter|[Aa]round|[Cc]irca|"
        r"[Ee]arly|[Ll]ate|[Mm]id|[Oo]f|[Ff]rom|[Aa]s\s+(?:early|late)\s+as|[Cc]a?\.)[-\s]+(?:the\s+year\s+)?"
        r"(?P<year>1[0-9]{3}|20[0-9]{2})\b(?![-–—/]\d)"
    )),
    # "the 1874 Protocol", "a 2019 pilot", "the original 1868 house": a year used as an adjective.
    ("attributive_year", re.compile(
        r"\b(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Tt]his|[Tt]hat)\s+(?:[a-z]+\s+)?"
        r"(?P<year>1[5-9][0-9]{2}|20[0-9]{2})\s+(?P<next>[A-Za-z][\w’'-]*)"
    )),
    # "the 1830s", "the mid-1990s": a decade, as the period of its ten years.
    ("decade", re.compile(r"\b(?P<year>1[0-9]{2}0|20[0-9]0)s\b")),
    # "his memoir, Forty Years on the Footplate (1934)": a year in brackets on its own.
    ("bracketed_year", re.compile(r"\((?P<year>1[5-9][0-9]{2}|20[0-9]{2})\)")),
    # "Population (2024 est.)": the year a statistic refers to.
    ("reference_year", re.compile(r"\((?P<year>1[5-9][0-9]{2}|20[0-9]{2})\s+(?P<next>[a-z]+)\.?\)")),
]

_TIME_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|by|until|till|from|before|after|during|of)\s+$", re.IGNORECASE)

# Words that make "the 1500 ..." a count rather than a year; a plural noun does the same ("the 1200 volunteers").
_COUNTED = set(
    "word page metre meter mile yard foot pound ton tonne dollar euro kilometre kilometer hectare acre seat "
    "member person strong odd plus year hour minute day week month percent per".split()
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO 8601, as precise as the text: 2025-10-19, 2025-10, 2025 or 1998/2002
    precision: str  # day | month | year | period
    # event: something happened then; dateline, heading: when the article or its section is set; reference: the
    # year a statistic is for ("Population (2024 est.)"). Only events are worth a question.
    role: str = "event"
    # How the article writes full dates, for a mention that is not one ("Thursday", "March 3" under a heading).
    written_like: str = ""

    @property
    def first_year(self) -> int:
        return int(self.value[:4])

    def sort_key(self) -> tuple[str, ...]:
        return (self.value.split("/")[0],)


def month_number(word: str, *, allow_misspelling: bool) -> int | None:
    """The month a word names; a near-miss like "Octobr" only where the caller allows it."""
    key = word.lower().rstrip(".")
    if key in MONTHS:
        return MONTHS[key]
    if key in MONTH_ABBREVIATIONS:
        return MONTH_ABBREVIATIONS[key]
    if allow_misspelling and len(key) >= 4:
        close = difflib.get_close_matches(key, MONTHS, n=1, cutoff=0.8)
        if close and close[0][:2] == key[:2] and abs(len(close[0]) - len(key)) <= 2:
            return MONTHS[close[0]]
    return None


def _mention(kind: str, match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    year = int(groups["year"])
    text = match.group(0)
    start, end = match.span()
    if kind in {"day_month_year", "month_day_year", "iso"}:
        month = int(groups["month_number"]) if kind == "iso" else month_number(groups["month"], allow_misspelling=True)
        day = int(groups.get("day") or groups.get("day2") or 0)
        if month is None:
            return None
        try:
            value = date(year, month, day).isoformat()
        except ValueError:
            return None
        return DateMention(start, end, text, value, "day")
    if kind == "month_year":
        # A misspelt month ("Feburary 2009") only after a preposition of time: "Marc 2020" alone may be a name.
        after_preposition = bool(_TIME_PREPOSITION_BEFORE.search(match.string, max(0, start - LOOK_BACK), start))
        month = month_number(groups["month"], allow_misspelling=after_preposition)
        if month is None or groups["month"].lower() == "may" and text[0].islower():
            return None
        return DateMention(start, end, text, f"{year:04d}-{month:02d}", "month")
    if kind == "period":
        end_text = groups["end_year"]
        end_year = int(end_text) if len(end_text) == 4 else (year // 100) * 100 + int(end_text)
        connector = text[len(groups["from"] or ""):]
        has_dash = bool(re.search(r"[-–—]", connector))
        if not groups["from"] and not has_dash:
            return None  # "1995 and 1997" alone is two years, not a period
        if groups["from"] and groups["from"].lower() == "from" and " and " in connector:
            return None
        if not year < end_year <= year + 100:
            return None
        text = text.strip("()")
        offset = match.group(0).find(text)
        return DateMention(start + offset, start + offset + len(text), text, f"{year}/{end_year}", "period")
    if kind == "decade":
        return DateMention(start, end, text, f"{year}/{year + 9}", "period")
    if kind == "bracketed_year":
        return DateMention(match.start("year"), match.end("year"), groups["year"], f"{year:04d}", "year")
    if kind == "fiscal_year":
        return DateMention(start, end, text, f"{year:04d}", "year")
    if kind in {"attributive_year", "reference_year"}:
        if kind == "attributive_year" and _reads_as_count(groups["next"]):
            return None
        year_start = match.start("year")
        role = "reference" if kind == "reference_year" else "event"
        return DateMention(year_start, match.end("year"), groups["year"], f"{year:04d}", "year", role=role)
    # A bare year: keep the preposition out of the fact's text.
    year_start = match.start("year")
    return DateMention(year_start, end, groups["year"], f"{year:04d}", "year")


def _reads_as_count(next_word: str) -> bool:
    """Whether the word after a four-digit number makes it a count: "the 1200 volunteers", "a 1500 word essay"."""
    if next_word[0].isupper():
        return False  # "the 1931 Canal Act", "the 2000 Olympics": a name
    if next_word.endswith(("s’", "s'")):
        return False  # "the 1844 shareholders’ meeting": a meeting of that year
    lower = next_word.lower().rstrip("’'")
    if lower in _COUNTED:
        return True
    plural = lower.endswith("s") and not lower.endswith(("ss", "us", "is", "’s", "'s"))
    return plural


def find_dates(sentence: str) -> list[DateMention]:
    """Every date in ``sentence``, longest match first where matches overlap, in order of position."""
    if not any(char.isdigit() for char in sentence):
        return []  # every date form has digits in it
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            mention = _mention(kind, match)
            if mention is None:
                continue
            if any(mention.start < end and start < mention.end for start, end in taken):
                continue
            found.append(mention)
            taken.append((mention.start, mention.end))
    return sorted(found, key=lambda mention: mention.start)


def is_decade(value: str) -> bool:
    """"1920/1929": the ten years of a decade ("the 1920s")."""
    first, _, last = value.partition("/")
    return bool(last) and first.endswith("0") and int(last) == int(first) + 9


def format_like(value: str, example: DateMention) -> str:
    """Write an ISO ``value`` the way the article wrote ``example`` (for choices that look alike)."""
    if "/" in value:
        first, last = value.split("/")
        if is_decade(value) and is_decade(example.value) and example.text.endswith("s"):
            return f"{first}s"
        if example.text.lower().startswith("from"):
            return f"From {first} to {last}"
        if example.text.lower().startswith("between"):
            return f"Between {first} and {last}"
        return f"{first}–{last}" if "–" in example.text else f"{first}-{last}"
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month_name = calendar.month_name[parts[1]]
    if len(parts) == 2:
        return f"{month_name} {parts[0]}"
    year, month, day = parts
    if re.fullmatch(rf"(?:{WEEKDAYS})", example.text, re.IGNORECASE):
        # "on Monday" resolved from the dateline: the day the article names, then the date it means.
        weekday = calendar.day_name[date(year, month, day).weekday()]
        return f"{weekday}, {format_like(value, replace(example, text=example.written_like))}"
    written = example.written_like or example.text
    if re.match(r"\d{4}-\d{2}-\d{2}$", written):
        return value
    if _month_first(written):
        return f"{month_name} {day}, {year}"
    return f"{day} {month_name} {year}"


def _month_first(written: str) -> bool:
    """Whether a date is written the American way: "May 27, 2013", "Sunday, January 26", "March 3"."""
    if not re.search(r"\d", written):
        return False  # "Thursday", "Two days later": nothing to copy, so the day goes first
    without_weekday = re.sub(rf"(?i)^\s*(?:{WEEKDAYS})\.?,?\s+", "", written)
    return bool(re.match(r"(?i)[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?\b", without_weekday))


def accepted_forms(value: str) -> list[str]:
    """Other ways of writing a date that a student might type and that mean the same."""
    if "/" in value:
        first, last = value.split("/")
        return [f"{first}-{last}", f"{first} to {last}", f"from {first} to {last}"]
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 1:
        return []
    month_name = calendar.month_name[parts[1]]
    if len(parts) == 2:
        return [value, f"{month_name} {parts[0]}", f"{month_name[:3]} {parts[0]}"]
    year, month, day = parts
    return [value, f"{day} {month_name} {year}", f"{month_name} {day}, {year}"]
