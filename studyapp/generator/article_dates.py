"""Dates that need the article around them, not just their sentence.

``find_dates`` reads dates that are complete in themselves ("12 August 1868"). An article also writes dates
that take their year or their day from elsewhere:

- a year carried from the dateline, a section heading ("Independence, 1921."), the same clause
  ("the 1853 conference on 14 June") or the paragraph: "On March 3", "In October", "December of that year";
- relative dates resolved from a date the article gives: "on Thursday" (from the dateline), "the following
  day", "two days later", "the same evening".

Vague periods ("this week", "last year") name no calendar day or month and are left alone.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from spacy.tokens import Span, Token

from studyapp.generator.model import LOOK_BACK
from studyapp.generator.dates import _DAY, _DAY2, _WORD, DateMention, find_dates, month_number
from studyapp.generator.text import Article, Sentence

_YEAR = r"1[0-9]{3}|20[0-9]{2}"
_FULL_MONTHS = "|".join(name for name in calendar.month_name if name)
_FULL_WEEKDAYS = "|".join(calendar.day_name)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

# "PORT ALDANE, Kestria, 14 November 2024 (Wire) — Dockworkers …": a place in capitals, then a dash.
_DATELINE = re.compile(r"^[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+)*\b[^—–]{0,80}?\s(?:—|–|--)\s")
# "Independence, 1921." or "Reform Years, 1998-2002." opening a paragraph: the section's heading.
_HEADING = re.compile(rf"^[A-Z][^.!?;:,]{{0,60}},\s+(?P<year>{_YEAR})(?:\s*[-–]\s*(?:{_YEAR}))?\.?$")

_PARTIAL_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # "on 2 June", "Novmber 9": a day and a month, the year left out (a year after them is find_dates' business).
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?(?P<month>{_WORD})(?!\.?,?\s*(?:of\s+)?\d)\b")),
    ("month_day", re.compile(rf"\b(?P<month>{_WORD})\s+{_DAY2}\b(?!,?\s*\d)")),
    # "December of that year": the year is the one just mentioned.
    ("month_of_that_year", re.compile(rf"\b(?P<month>{_FULL_MONTHS})\s+of\s+that\s+(?:same\s+)?year\b")),
    # "In October", "from March": a month alone, after a preposition of time.
    ("month", re.compile(
        rf"\b(?:[Ii]n|[Ff]rom|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Tt]hrough|[Bb]efore|[Aa]fter)\s+"
        rf"(?:(?:early|late|mid)[-\s]+)?(?P<month>{_FULL_MONTHS})\b(?!\s*\d|,?\s+(?:of\s+)?\d)"
    )),
]
_RELATIVE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("weekday", re.compile(rf"\b(?:(?P<which>last|next)\s+)?(?P<weekday>{_FULL_WEEKDAYS})\b")),
    ("next_day", re.compile(r"\b[Tt]he\s+(?P<which>following|next|same|previous)\s+"
                            r"(?P<part>day|morning|afternoon|evening|night)\b")),
    ("later", re.compile(rf"\b(?P<count>{'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\s+(?P<unit>days?|weeks?)\s+later\b",
                         re.IGNORECASE)),
    # "construction began the following year", "reached the coast two years later": a year from the paragraph's.
    ("years_later", re.compile(rf"\b(?P<count>{'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\s+years?\s+later\b",
                               re.IGNORECASE)),
    ("next_year", re.compile(r"\b[Tt]he\s+(?P<which>following|next|previous)\s+year\b")),
]
# "over the next year", "for the following year": a stretch of time, not a year.
_DURATION_BEFORE = re.compile(r"\b(?:over|within|during|for|throughout|in)\s+$", re.IGNORECASE)
_DAY_OFFSETS = {"following": 1, "next": 1, "same": 0, "previous": -1}
# Prepositions after which a weekday lies ahead: "given until Friday", "moved to Tuesday".
_FORWARD_PREPOSITIONS = {"until", "till", "to", "by"}


@dataclass
class _Context:
    """What the article has said so far that a date without its year or day can lean on."""

    reference: DateMention | None = None  # the dateline's day: weekday names are counted from it
    heading_year: int | None = None  # the current section heading's year
    paragraph_year: int | None = None  # the year of the paragraph's latest date
    last_day: DateMention | None = None  # the paragraph's latest day-precise date, for "two days later"
    sentence_mentions: list[DateMention] = field(default_factory=list)
    consumed: list[DateMention] = field(default_factory=list)  # years that a split date took for itself

    @property
    def reference_year(self) -> int | None:
        return self.reference.first_year if self.reference else None


def dates_by_sentence(article: Article) -> dict[int, list[DateMention]]:
    """Every date of every sentence (offsets within the sentence), with years carried and relative dates resolved."""
    context = _Context(reference=_reference_date(article))
    found: dict[int, list[DateMention]] = {}
    paragraph = -1
    for sentence in article.sentences:
        if sentence.paragraph != paragraph:
            paragraph = sentence.paragraph
            context.heading_year = context.paragraph_year = context.last_day = None
            heading = _HEADING.match(sentence.text.strip())
            if heading and len(sentence.text.split(",")[0].split()) <= 6:
                context.heading_year = int(heading.group("year")) if "-" not in heading.group(0)[-6:] else None
        found[sentence.index] = _sentence_dates(article, sentence, context)
    return found


def _dateline(article: Article) -> tuple[int, int] | None:
    """(sentence index, end of the dateline) for "PORT ALDANE, Kestria, 14 November 2024 (Wire) — …".

    It opens one of the first paragraphs: a line like "NEWS RELEASE" may come before it.
    """
    for sentence in article.sentences[:4]:
        starts_paragraph = sentence.index == 0 or article.sentences[sentence.index - 1].paragraph != sentence.paragraph
        match = _DATELINE.match(sentence.text) if starts_paragraph else None
        if match:
            return sentence.index, match.end()
    return None


def _reference_date(article: Article) -> DateMention | None:
    """The day the article is written from: its dateline's date, or a lead date written with its weekday."""
    dateline = _dateline(article)
    if dateline is not None:
        index, end = dateline
        for mention in find_dates(article.sentences[index].text):
            if mention.precision == "day" and mention.end <= end:
                return mention
    lead = article.sentences[dateline[0] if dateline else 0].text if article.sentences else ""
    for mention in find_dates(lead):
        if mention.precision == "day" and re.match(rf"(?:{_FULL_WEEKDAYS})\b", mention.text):
            return mention  # "Velmora on Tuesday, 12 March 2024, ordered …"
    return None


def _sentence_dates(article: Article, sentence: Sentence, context: _Context) -> list[DateMention]:
    text = sentence.text
    explicit = [_with_role(article, sentence, mention) for mention in find_dates(text)]
    heading_year = _heading_year_mention(text, sentence, explicit)
    if heading_year:
        explicit.append(heading_year)
    taken = [(m.start, m.end) for m in explicit]
    pending: list[tuple[int, int, str, re.Match[str] | DateMention]] = [(m.start, m.end, "explicit", m)
                                                                        for m in explicit]
    for kind, pattern in _PARTIAL_PATTERNS + _RELATIVE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = _span_of(kind, match)
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            pending.append((start, end, kind, match))
    context.sentence_mentions, context.consumed = [], []
    for start, end, kind, item in sorted(pending, key=lambda entry: entry[0]):
        mention = item if isinstance(item, DateMention) else _resolve(kind, item, sentence, context)
        if mention is None:
            continue
        context.sentence_mentions.append(mention)
        _remember(mention, text, context)
    # "the 1853 Conference on 14 June" is one date, not a year and a date.
    return [mention for mention in context.sentence_mentions if mention not in context.consumed]


def _span_of(kind: str, match: re.Match[str]) -> tuple[int, int]:
    """The words the fact will show: the month alone for "In October", the weekday alone for "late on Sunday"."""
    if kind == "month":
        return match.span("month")
    if kind == "weekday" and not match.group("which"):
        return match.span("weekday")
    return match.span()


def _with_role(article: Article, sentence: Sentence, mention: DateMention) -> DateMention:
    dateline = _dateline(article)
    if dateline and dateline[0] == sentence.index and mention.end <= dateline[1]:
        return replace(mention, role="dateline")
    starts_paragraph = sentence.index == 0 or article.sentences[sentence.index - 1].paragraph != sentence.paragraph
    if starts_paragraph and _HEADING.match(sentence.text.strip()):
        return replace(mention, role="heading")
    return mention


def _heading_year_mention(text: str, sentence: Sentence, explicit: list[DateMention]) -> DateMention | None:
    """The year of a heading like "Independence, 1921." (a range there is already a period of find_dates)."""
    heading = _HEADING.match(text.strip())
    if not heading or explicit:
        return None
    offset = len(text) - len(text.lstrip())
    start, end = heading.span("year")
    return DateMention(start + offset, end + offset, heading.group("year"), heading.group("year"), "year",
                       role="heading")


def _resolve(kind: str, match: re.Match[str], sentence: Sentence, context: _Context) -> DateMention | None:
    if kind in {"day_month", "month_day", "month", "month_of_that_year"}:
        return _partial_date(kind, match, sentence, context)
    if kind == "weekday":
        return _weekday(match, sentence, context)
    if kind in {"years_later", "next_year"}:
        return _year_after(kind, match, sentence, context)
    anchor = context.last_day
    if anchor is None:
        return None  # "the following day" with no day before it in the paragraph: cannot be placed
    if kind == "next_day":
        days = _DAY_OFFSETS[match.group("which")]
    else:
        count = match.group("count").lower()
        days = int(count) if count.isdigit() else _NUMBER_WORDS[count]
        days *= 7 if match.group("unit").lower().startswith("week") else 1
    value = date.fromisoformat(anchor.value) + timedelta(days=days)
    return DateMention(match.start(), match.end(), match.group(0), value.isoformat(), "day",
                       written_like=anchor.written_like or anchor.text)


def _year_after(kind: str, match: re.Match[str], sentence: Sentence, context: _Context) -> DateMention | None:
    """"the following year", "two years later": counted from the paragraph's latest year, to the year only."""
    if context.paragraph_year is None or _DURATION_BEFORE.search(sentence.text, max(0, match.start() - 20),
                                                                 match.start()):
        return None
    if kind == "next_year":
        years = _DAY_OFFSETS[match.group("which")]
    else:
        count = match.group("count").lower()
        years = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    return DateMention(match.start(), match.end(), match.group(0), f"{context.paragraph_year + years:04d}", "year")


def _partial_date(kind: str, match: re.Match[str], sentence: Sentence, context: _Context) -> DateMention | None:
    groups = match.groupdict()
    month = month_number(groups["month"], allow_misspelling=kind in {"day_month", "month_day"})
    if month is None or (kind == "month_day" and groups["month"].lower() == "may" and match.group(0)[0].islower()):
        return None
    if kind == "month_of_that_year":
        year = _year_just_mentioned(context)
    else:
        year = _carried_year(match.start(), sentence, context, split=kind != "month")
    if year is None:
        return None
    start, end = _span_of(kind, match)
    text = sentence.text[start:end]
    if kind in {"month", "month_of_that_year"}:
        return DateMention(start, end, text, f"{year:04d}-{month:02d}", "month")
    try:
        day = date(year, month, int(groups.get("day") or groups.get("day2")))
    except ValueError:
        return None
    weekday = _WEEKDAY_BEFORE.search(sentence.text, max(0, match.start() - 12), match.start())
    if weekday and list(calendar.day_name).index(weekday.group(1)) != day.weekday():
        return None  # "on Tuesday, March 10" in 2019, a Sunday: the carried year is not this date's
    return DateMention(start, end, text, day.isoformat(), "day")


_WEEKDAY_BEFORE = re.compile(rf"\b({_FULL_WEEKDAYS}),?\s+(?:the\s+)?$")


def _carried_year(position: int, sentence: Sentence, context: _Context, split: bool) -> int | None:
    """The year a date without one belongs to, nearest source first.

    A year in the same clause wins ("the 1963 protocol … was signed on 9 May"), then the section heading's,
    then the dateline's, then the paragraph's latest. A bare year that gives a day its year is part of that
    date when ``split`` (not a second fact).
    """
    for mention in reversed(context.sentence_mentions):
        if mention.precision != "period" and mention.role == "event" and _same_clause(sentence, mention.start,
                                                                                       position):
            if split and mention.precision == "year" and _is_attributive(sentence.text, mention):
                context.consumed.append(mention)
            return mention.first_year
    for year in (context.heading_year, context.reference_year, context.paragraph_year):
        if year is not None:
            return year
    return None


def _year_just_mentioned(context: _Context) -> int | None:
    """"That year": the latest year the text gave, in this sentence or before it."""
    for mention in reversed(context.sentence_mentions):
        if mention.precision != "period":
            return mention.first_year
    for year in (context.paragraph_year, context.heading_year, context.reference_year):
        if year is not None:
            return year
    return None


def _weekday(match: re.Match[str], sentence: Sentence, context: _Context) -> DateMention | None:
    """A weekday counted from the dateline: the latest such day on or before it, unless the text looks ahead."""
    if context.reference is None:
        return None
    reference = date.fromisoformat(context.reference.value)
    weekday = list(calendar.day_name).index(match.group("weekday"))
    which = (match.group("which") or "").lower()
    back = (reference.weekday() - weekday) % 7
    if which == "last":
        back = back or 7
    ahead = which == "next" or (not which and back and _looks_ahead(sentence, match.start("weekday")))
    if ahead:
        value = reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    else:
        value = reference - timedelta(days=back)
    start, end = _span_of("weekday", match)
    return DateMention(start, end, sentence.text[start:end], value.isoformat(), "day",
                       written_like=context.reference.text)


def _looks_ahead(sentence: Sentence, position: int) -> bool:
    """Whether a weekday lies after the dateline: "will meet on Friday", "due to resume on Monday", "until Friday"."""
    token = _token_at(sentence, position)
    if token is None:
        return bool(re.compile(r"\b(?:will|shall|until|till|to|by)\s+(?:\w+\s+){0,3}$").search(sentence.text, max(0, position - LOOK_BACK), position))
    if token.head.dep_ == "prep" and token.head.lower_ in _FORWARD_PREPOSITIONS:
        return True
    verb = _clause_verb(token)
    # "near freezing through Thursday": a participle without an auxiliary has the tense of the verb above it.
    while (verb is not None and verb.tag_ in {"VBG", "VBN"} and verb.head is not verb
           and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)):
        verb = _clause_verb(verb.head)
    if verb is None:
        return False
    # A base-form verb is an infinitive or follows a modal: "to resume", "will meet", "expected to vote";
    # a present tense, in a report written in the past, is what is planned or forecast ("Forecasters expect
    # rain through Thursday", "The talks resume on Friday").
    return verb.tag_ in {"VB", "VBZ", "VBP"} or any(child.lower_ in {"will", "shall", "'ll"} for child in verb.children)


def _token_at(sentence: Sentence, position: int) -> Token | None:
    span: Span | None = sentence.tokens
    if span is None:
        return None
    for token in span:
        if token.idx - span.start_char == position:
            return token
    return None


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a token belongs to."""
    while token.pos_ not in {"VERB", "AUX"}:
        if token.head is token:
            return None
        token = token.head
    return token


def _same_clause(sentence: Sentence, first: int, second: int) -> bool:
    """Whether two places of a sentence are in one clause: by the parse, or else by punctuation."""
    a, b = _token_at(sentence, first), _token_at(sentence, second)
    if a is not None and b is not None:
        verb_a, verb_b = _clause_verb(a), _clause_verb(b)
        return verb_a is not None and verb_b is not None and verb_a.i == verb_b.i
    between = sentence.text[min(first, second):max(first, second)]
    return not re.search(r"[;:—–]", between)


def _remember(mention: DateMention, sentence_text: str, context: _Context) -> None:
    if mention.precision == "day":
        context.last_day = mention
    if mention.precision != "period" and mention.role in {"event", "dateline"} and not _is_attributive(
            sentence_text, mention):
        context.paragraph_year = mention.first_year


def _is_attributive(sentence_text: str, mention: DateMention) -> bool:
    """"the 1874 Protocol": a year that names a thing rather than setting the time of the sentence."""
    return bool(re.search(r"(?i)\b(?:the|an?|its|his|her|their|our|this|that)\s+(?:[a-z]+\s+)?$",
                          sentence_text[:mention.start]))
