"""How central a date or a figure is to what its sentence says, read from where it sits in the parse.

A teacher asks about what a sentence is about, not about its asides: "The DSR was founded in 1843" is
worth a question; "Anselm Korrath (1797–1866)", "Kestel, a farming village of about 900", "a charity that
restored 40 cottages", "her third title" or a number inside someone's remark are details. Each place a
fact can sit in scales its importance by a factor from ``scoring``; facts that end below
``scoring.IMPORTANT_ENOUGH`` are kept in the bank (they are facts) but get no questions of their own.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from studyapp.generator import scoring
from studyapp.generator.figures import CURRENCY_CODES, FigureMention, is_duration
from studyapp.generator.text import Article

# The dependency labels of an aside, and what being inside one costs (once per kind of aside).
_ASIDES = {
    "appos": scoring.IN_APPOSITION,
    "relcl": scoring.IN_RELATIVE_CLAUSE,
    "acl": scoring.IN_RELATIVE_CLAUSE,
}
_NOUNS = {"NOUN", "PROPN", "PRON"}


class Importance:
    """The importance of the article's dates and figures (see the module's docstring)."""

    def __init__(self, article: Article) -> None:
        self.article = article
        # Whether a quotation is still open where each sentence starts: one that runs on over several
        # sentences ("“The first one we reached … The second took us until dark.”") holds them all.
        self.quoted_at_start: list[bool] = []
        open_quote, paragraph = False, None
        for sentence in article.sentences:
            if sentence.paragraph != paragraph:
                open_quote, paragraph = False, sentence.paragraph
            self.quoted_at_start.append(open_quote)
            open_quote = _still_quoting(open_quote, sentence.text)
        self.first_text_paragraph = article.sentences[0].paragraph if article.sentences else 0  # (titles are no sentence)

    def of(self, sentence_index: int, start: int, end: int, kind: str, what: float = 1.0) -> float:
        """1 for the point of its sentence, less for an aside, more in the opening paragraphs. ``what``: the
        weight of the fact for what it is, before where it stands (see ``figure_weight``)."""
        sentence = self.article.sentences[sentence_index]
        weight = 1.0
        before = self.article.text[sentence.start:start]
        if before.count("(") > before.count(")") or before.count("[") > before.count("]"):
            weight *= scoring.IN_PARENTHESES
        if _still_quoting(self.quoted_at_start[sentence_index], before):
            weight *= scoring.IN_QUOTATION
        elif _is_attribution(sentence.text, self.quoted_at_start[sentence_index]):
            weight *= scoring.IN_ATTRIBUTION  # '“We've had great days here,” the 31-year-old said.'
        weight *= what
        if sentence.tokens is not None:
            weight *= _weight_of_place(sentence.tokens, start - sentence.start, end - sentence.start,
                                       describing=kind == "figure")
        if sentence.paragraph <= self.first_text_paragraph + 1:
            weight *= scoring.IN_THE_LEAD
        return weight


def figure_weight(figure: FigureMention, beside: list[FigureMention]) -> float:
    """What a figure is worth for what it is: a rank, an age, a small count or the span of another figure
    ("fell by 22 percent in five years") is less than the amount a sentence gives."""
    if figure.unit == "ordinal":
        return scoring.ORDINAL
    if figure.unit == "years old":
        return scoring.AGE
    if is_duration(figure.unit) and "-" not in figure.text:  # ("a ten-minute walk" describes its noun: see below)
        spans_another = any(other is not figure and other.unit != "ordinal" and not is_duration(other.unit)
                            for other in beside)
        return scoring.SPAN_OF_ANOTHER_FIGURE if spans_another else 1.0
    if figure.value < 10 and figure.unit not in _MEASURED:
        return scoring.SMALL_COUNT
    return 1.0


# Units whose small numbers are still the point: money, shares, scales.
_MEASURED = CURRENCY_CODES | {"%", "magnitude", "category", "force"}


def _still_quoting(open_quote: bool, text: str) -> bool:
    """Whether a quotation is open after ``text``, given whether one was open before it."""
    for mark in _QUOTE_MARK.findall(text):
        open_quote = mark == "“" or (mark == '"' and not open_quote)
    return open_quote


_QUOTE_MARK = re.compile(r'[“”"]')
_ATTRIBUTION_WORDS = 5  # "the 31-year-old said", "Fisk, a spokeswoman, told reporters"


def _is_attribution(text: str, open_quote: bool) -> bool:
    """Is the sentence a quotation with only a few words of its own, the ones saying who spoke?"""
    if not open_quote and not _QUOTE_MARK.search(text):
        return False
    outside, start = [], 0
    for match in _QUOTE_MARK.finditer(text):
        if not open_quote:
            outside.append(text[start:match.start()])
        open_quote = _still_quoting(open_quote, match.group())
        start = match.end()
    if not open_quote:
        outside.append(text[start:])
    return len(" ".join(outside).split()) <= _ATTRIBUTION_WORDS


def _weight_of_place(tokens: Span, start: int, end: int, describing: bool) -> float:
    """The asides met on the way from the fact up to its sentence's main verb."""
    base = tokens.start_char
    inside = [token for token in tokens if start <= token.idx - base < end]
    if not inside:
        return 1.0
    if tokens.root.pos_ not in {"VERB", "AUX"}:
        # "An experimental vaccine …, the … bug that sweeps …, reduced cases … by 57 percent": read with a noun
        # at its root, the sentence's asides are the parser's guesses; its main point may lie in any of them.
        return 1.0
    # The fact's own head: the counted noun of "214 stores", the noun a date phrase hangs on.
    head = next((token for token in inside if token.head.i == token.i or not start <= token.head.idx - base < end),
                inside[0])
    weight, seen = 1.0, set()
    token: Token = head
    first = True
    while token.head.i != token.i:
        if token.head.i < token.i and any(t.text in {"—", "–"} for t in token.doc[token.head.i:token.i]):
            break  # "NORTHMERE, 9 January 2025 — A ten-minute walk …": the parser hangs the lead on the dateline
        dependency = token.dep_
        if dependency in _ASIDES and dependency not in seen:
            weight *= _ASIDES[dependency]
            seen.add(dependency)
        # "the 151-member parliament", "a 19-year-old student": the figure only describes a noun (a year
        # that does, "the 1850 treaty", still dates it).
        elif describing and first and dependency in {"amod", "compound", "nmod"} and token.head.pos_ in _NOUNS:
            weight *= scoring.DESCRIBES_A_NOUN
        elif dependency == "prep" and token.head.pos_ in _NOUNS and "prep" not in seen:
            weight *= scoring.IN_A_NOUNS_DETAIL  # "a village of about 900": a detail of the village
            seen.add("prep")
        first = False
        token = token.head
    return weight
