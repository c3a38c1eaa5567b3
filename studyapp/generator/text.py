"""From raw article text to clean paragraphs and parsed sentences, with offsets into the original.

Sentence boundaries come from sentencex's rules (abbreviations, decimals, quotations), and
the parser is told them, so that every sentence is parsed on its own terms.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy
from sentencex import segment
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from studyapp.generator.language import pipeline

# Lines that are navigation or newsletter furniture rather than article text.
_BOILERPLATE_LINE = re.compile(
    r"""^\W*(
        newsletter | subscribe.* | sign\ up.* | join\ (the|our)\ .*(list|newsletter).* |
        share(\ this)?(\ (article|story|page))?:? | follow\ us.* | advertisement | related(\ (articles|stories))?:? |
        read\ more.* | more\ on\ this\ story.* | copyright.* | ©.* | all\ rights\ reserved.* |
        (click|tap)\ here.* | back\ to\ top | print(\ this)?(\ page)? | email\ this.* | tags?:.* |
        cookie.* | privacy\ policy.* | terms\ of\ (use|service).*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_HAS_WORDS = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: Span | None = field(default=None, compare=False, repr=False)  # the parsed sentence


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int  # offset of the paragraph's first character in the article
    doc: Doc = field(compare=False, repr=False)

    def offset(self, token_or_span) -> int:
        """Where a token or span of this paragraph starts in the article."""
        return self.start + (token_or_span.idx if hasattr(token_or_span, "idx") else token_or_span.start_char)


@dataclass(frozen=True)
class Article:
    text: str
    title: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Paragraph, ...] = ()


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return not _HAS_WORDS.search(stripped) or bool(_BOILERPLATE_LINE.match(stripped))


def _looks_like_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped.split()) <= 14 and not re.search(r"[.!?:;,\"”]$", stripped)


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of real text, boilerplate dropped."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if not _is_boilerplate(line):
            lines.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    # Trailing furniture often includes short menu-like lines that slipped through:
    # drop a tail of short, unpunctuated lines after the last real paragraph.
    while lines and len(lines) > 1 and _looks_like_title(lines[-1][1]) and len(lines[-1][1].split()) <= 6:
        lines.pop()
    return lines


def sentence_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one paragraph, by sentencex's rules."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in segment("en", line):
        stripped = piece.strip()
        if not stripped:
            continue
        local = line.find(stripped, cursor)
        if local < 0:  # the segmenter changed the text; its piece cannot be located
            continue
        cursor = local + len(stripped)
        if spans and spans[-1][1] - spans[-1][0] > 1 and line[spans[-1][1] - 1] == "“":
            # The segmenter left a quotation's opening mark at the end of the sentence before.
            previous_start, previous_end = spans[-1]
            spans[-1] = (previous_start, len(line[:previous_end - 1].rstrip()))
            local = previous_end - 1
        if spans and _TIME_BEFORE_ITS_DAY.search(line, 0, spans[-1][1]) and _DAY_AFTER_A_TIME.match(line, local):
            # "first reported at 2:17 p.m. Monday near …": the abbreviation ends no sentence before its day.
            spans[-1] = (spans[-1][0], cursor)
            continue
        spans.append((local, cursor))
    if spans and line[spans[-1][1] - 1:spans[-1][1]] == "“" and spans[-1][1] - spans[-1][0] > 1:
        spans[-1] = (spans[-1][0], len(line[:spans[-1][1] - 1].rstrip()))
    return spans


_TIME_BEFORE_ITS_DAY = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_DAY_AFTER_A_TIME = re.compile(
    "(?:" + "|".join([*calendar.day_name, *(name for name in calendar.month_name if name)]) + r"|local|[A-Z][DS]?T)\b")


@Language.component("studyapp_sentences")
def _mark_sentences(doc: Doc) -> Doc:
    """Tell the parser where sentences start, so that it parses each on its own."""
    spans = doc.user_data["sentences"] = sentence_spans(doc.text)
    starts = {start for start, _ in spans}
    # All at once: setting ``is_sent_start`` token by token rescans the document on every token.
    marks = numpy.array([[1 if token.i == 0 or token.idx in starts else -1] for token in doc], dtype="int64")
    marks = marks.astype("uint64")  # spaCy's arrays are unsigned; -1 ("not a start") wraps as it expects
    return doc.from_array([SENT_START], marks) if len(doc) else doc


@Language.component("studyapp_common_nouns")
def _lower_case_is_no_proper_noun(doc: Doc) -> Doc:
    """A lower-case word is no proper noun in English, though the small model's tagger calls some so
    ("the parish priest", "then minister of commerce"); read as common nouns they are roles, not names."""
    for token in doc:
        if token.pos_ == "PROPN" and token.is_lower and token.is_alpha:
            token.pos_ = "NOUN"
            token.tag_ = "NNS" if token.tag_ == "NNPS" else "NN"
    return doc


def _parser_with_our_sentences() -> Language:
    nlp = pipeline()
    if "studyapp_sentences" not in nlp.pipe_names:
        nlp.add_pipe("studyapp_sentences", before="parser")
    if "studyapp_common_nouns" not in nlp.pipe_names:
        nlp.add_pipe("studyapp_common_nouns", after="attribute_ruler")  # before the lemmatizer reads the tags
    return nlp


# The parser needs memory in proportion to the text it holds at once; a "paragraph" of a whole
# book (a file without line breaks) is parsed in pieces of whole sentences.
MAX_PARSE_CHARACTERS = 10_000
# A "sentence" longer than this is no sentence a reader could take in: a pasted list or transcript
# without full stops. No question could quote it back and the parser's reading of it means little,
# so it is not parsed at all (the model's time on it would be spent for nothing).
MAX_SENTENCE_CHARACTERS = 2_000


def _parse_units(offset: int, line: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of a paragraph: runs of whole sentences, each short enough to parse in one
    go, without the sentences too long to read."""
    if len(line) <= MAX_SENTENCE_CHARACTERS:
        return [(offset, line)]
    spans = sentence_spans(line)
    if len(line) <= MAX_PARSE_CHARACTERS and all(end - start <= MAX_SENTENCE_CHARACTERS for start, end in spans):
        return [(offset, line)]
    pieces: list[tuple[int, int]] = []
    run_start = run_end = -1
    for sentence_start, sentence_end in spans:
        if sentence_end - sentence_start > MAX_SENTENCE_CHARACTERS:
            if run_start >= 0:
                pieces.append((run_start, run_end))
            run_start = -1
            continue
        if run_start < 0:
            run_start = sentence_start
        elif sentence_end - run_start > MAX_PARSE_CHARACTERS:
            pieces.append((run_start, run_end))
            run_start = sentence_start
        run_end = sentence_end
    if run_start >= 0:
        pieces.append((run_start, run_end))
    return [(offset + begin, line[begin:end]) for begin, end in pieces if line[begin:end].strip()]


def read_article(text: str, title: str | None = None, progress: Callable[[float], None] | None = None) -> Article:
    """Split ``text`` into parsed sentences; a short first line without final punctuation is the title.

    ``progress``, if given, hears the share of the text parsed so far (0 to 1) as the parse goes.
    """
    lines = _content_lines(text)
    found_title = ""
    if lines and _looks_like_title(lines[0][1]) and len(lines) > 1:
        found_title = lines[0][1].strip()
        lines = lines[1:]
    lines = [piece for line in lines for piece in _parse_units(*line)]
    docs = _parser_with_our_sentences().pipe((line for _, line in lines), batch_size=64)
    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    total = sum(len(line) for _, line in lines) or 1
    parsed = 0
    for number, ((offset, line), doc) in enumerate(zip(lines, docs)):
        paragraphs.append(Paragraph(number, offset, doc))
        parsed += len(line)
        if progress is not None:
            progress(parsed / total)
        for start, end in doc.user_data["sentences"]:
            tokens = doc.char_span(start, end, alignment_mode="expand")
            sentences.append(Sentence(len(sentences), number, offset + start, offset + end, line[start:end], tokens))
    return Article(text=text, title=(title or found_title or "Untitled article").strip(), sentences=tuple(sentences),
                   paragraphs=tuple(paragraphs))
