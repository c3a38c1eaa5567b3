"""Quotations and who said them. A wrong speaker is worse than none: when unsure, leave it out."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from studyapp.generator.attribution import UNKNOWN_SUBJECT, ParseAttributor
from studyapp.generator.people import BODY, NAME, TITLES, PeopleIndex, normalise_body
from studyapp.generator.text import Article, Sentence

OPENING, CLOSING, STRAIGHT = "“", "”", '"'

# Verbs that put words in someone's mouth.
SAY_VERBS = set(
    "said says say told tells wrote writes added adds stated states declared declares announced announces warned warns "
    "insisted insists argued argues claimed claims noted notes explained explains asked asks replied replies "
    "responded responds tweeted tweets posted posts continued continues emphasized emphasised emphasizes stressed "
    "stresses urged urges called calls accused accuses criticized criticised criticizes slammed slams denounced "
    "denounces described describes referred refers praised praises condemned condemns threatened threatens promised "
    "promises pledged pledges vowed vows admitted admits acknowledged acknowledges suggested suggests recalled recalls "
    "remarked remarks observed observes concluded concludes confirmed confirms denied denies agreed agrees countered "
    "counters quipped quips joked jokes complained complains predicted predicts cautioned cautions demanded demands "
    "hit lashed blasted blasts labelled labeled branded dubbed termed writes wrote told blamed blames hailed hails "
    "welcomed welcomes dismissed dismisses rejected rejects defended defends questioned questions mocked".split()
)
# Verbs after which the quotation's speaker follows: "…,” said Petro.
_AFTER_VERBS = ("said|says|wrote|writes|added|adds|told|tells|stated|declared|asked|replied|explained|insisted|noted|"
                "continued|tweeted|posted|warned|argued|claimed|remarked|recalled|responded|quipped|joked|concluded|"
                "cautioned|stressed|emphasized|emphasised|countered|admitted|acknowledged|announced")
_OTHER_VERBS = set(
    "is are was were has had have will would can could may might must does did do put set hit cut let made took gave "
    "went came held spoke sent met led saw felt left kept ran won began brought thought sought fought bought struck "
    "stood chose drove threw grew knew drew rose fell paid laid meant lost found built spent taught caught became "
    "appeared".split()
)
_PARTICIPLES = ("saying|adding|calling|noting|telling|arguing|writing|warning|declaring|insisting|asking|describing|"
                "stressing|emphasizing|urging|accusing|claiming|explaining")
_DATE_LIKE = r"(?:\d{1,2}\s+[A-Za-z]+\.?\s+\d{4}|[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4}|[A-Z][a-z]+\s+\d{4})"
_BODY_NOUNS = ("union|department|ministry|agency|council|committee|court|company|government|commission|bank|fund|"
               "authority|board|police|army|organization|organisation|association|institute|university|coalition|"
               "alliance|federation|league|embassy|office|bureau|service|party|corporation|foundation")
_SPEAKER = (
    rf"(?P<pronoun>\b[Hh]e\b|\b[Ss]he\b)|(?P<body_alias>\b[Tt]he\s+(?:{_BODY_NOUNS})\b)|(?P<body>{BODY})|"
    rf"(?:(?:[A-Za-z.]+\s+){{0,2}}{TITLES}\s+)?(?P<name>{NAME})"
)
_MENTION = re.compile(_SPEAKER)
_VERB_AFTER_MENTION = re.compile(
    rf"^(?:\s*,\s*[^,“”\"]{{1,120}}?(?:,\s*[^,“”\"]{{1,60}}?)?,)?(?:\s+(?:on\s+)?{_DATE_LIKE})?"
    r"(?:\s+(?:also|then|later|again|instead|however|still|further|[a-z]+ly))*"
    r"(?:\s+(?P<aux>has|had|have|was|were|is|are|will|would)(?:\s+been)?)?(?:\s+[a-z]+ly)?,?\s+(?P<verb>[a-z]+)\b"
)
_AFTER_QUOTE_SPEAKER_FIRST = re.compile(
    rf"^[\s,]*(?:{_SPEAKER})\s+(?:[a-z]+ly\s+)?(?:{_AFTER_VERBS})\b"
)
_AFTER_QUOTE_VERB_FIRST = re.compile(rf"^[\s,]*(?:{_AFTER_VERBS})\s+(?:{_SPEAKER})")
_ACCORDING_TO = re.compile(rf"\b[Aa]ccording\s+to\s+(?:{_SPEAKER})")


@dataclass(frozen=True)
class Quote:
    """A quotation: its text (without the marks), where it stands, and who said it."""

    text: str
    start: int  # offsets of the text inside the article
    end: int
    sentence_start: int
    sentence_end: int
    first_sentence: int
    speaker: str | None


_ANY_MARK = re.compile(r"[“”\"]")


@dataclass(frozen=True)
class _Mark:
    open: int
    close: int
    runs_on: bool = False  # no closing mark: the quotation goes on in the next paragraph


def _quote_marks(text: str, start: int, end: int) -> list[_Mark]:
    """Pair quotation marks in one paragraph; curly and straight marks may be mixed."""
    marks: list[_Mark] = []
    opened: int | None = None
    for found in _ANY_MARK.finditer(text, start, end):
        position, char = found.start(), found.group(0)
        if opened is None:
            if char == CLOSING:
                continue  # a stray closing mark; nothing to close
            if char == STRAIGHT and position > start and text[position - 1].isalnum():
                continue  # inches or a typo, not an opening
            opened = position
        elif char == OPENING:
            opened = position  # an unclosed quote before: start again here
        else:
            marks.append(_Mark(opened, position))
            opened = None
    if opened is not None and text[opened] == OPENING:
        marks.append(_Mark(opened, len(text[:end].rstrip()), runs_on=True))
    return marks


def _verb_is_finite(verb: str) -> bool:
    return verb in SAY_VERBS or verb in _OTHER_VERBS or (verb.endswith("ed") and len(verb) > 4)


class _Attributor:
    def __init__(self, article: Article, people: PeopleIndex) -> None:
        self.article = article
        self.people = people
        self.subjects: dict[int, str | None] = {}  # sentence index → who the sentence is about
        self.bodies = sorted({normalise_body(match.group(0)) for match in re.finditer(BODY, article.text)})

    def resolve_mention(self, match: re.Match[str], sentence: Sentence) -> str | None:
        if match.group("body"):
            return normalise_body(match.group("body"))
        if match.group("body_alias"):
            return None  # "the union": the parse finds which body it is, or nobody
        if match.group("pronoun"):
            # "He" is whoever the sentence before was about, and only that sentence.
            return self.subject_of(sentence.index - 1) if sentence.index > 0 else None
        name = re.sub(r"['’]s$", "", match.group("name"))
        paragraph = self.article.paragraphs[sentence.paragraph]
        before = self.article.text[paragraph.start:sentence.start + match.start("name")]
        resolved = self.people.resolve_in_context(name, before, self.article.title)
        if resolved:
            return resolved
        return None  # an unknown name: the parse decides whether the model reads it as a person

    def subject_of(self, index: int) -> str | None:
        if index not in self.subjects:
            self.subjects[index] = None  # guards against a pronoun chain looping back
            self.subjects[index] = self.sentence_subject(self.article.sentences[index])
        return self.subjects[index]

    def sentence_subject(self, sentence: Sentence) -> str | None:
        """The first named person or body in the sentence that does something (is followed by a verb)."""
        text = sentence.text
        pronoun_subject = None
        for match in _MENTION.finditer(text):
            if _inside_quote(text, match.start()):
                continue
            after = _VERB_AFTER_MENTION.match(text[match.end():])
            if not after or not (_verb_is_finite(after.group("verb")) or after.group("aux")):
                continue
            if text[match.end():match.end() + 2] in ("'s", "’s"):
                continue
            who = self.resolve_mention(match, sentence)
            if who is None:
                continue
            if match.group("pronoun"):
                pronoun_subject = pronoun_subject or who
                continue
            return who
        return pronoun_subject

    def speaker_before(self, sentence: Sentence, quote_open: int, other_marks: list[_Mark]) -> str | None:
        """The subject of a speech verb before the quote whose words lead straight to it."""
        text = self.article.text
        local = text[sentence.start:quote_open]
        candidates: list[str] = []
        for match in _MENTION.finditer(local):
            if _inside_quote(local, match.start()):
                continue
            after = _VERB_AFTER_MENTION.match(local[match.end():])
            if not after or after.group("verb") not in SAY_VERBS:
                continue
            verb_end = sentence.start + match.end() + after.end()
            if not _clean_gap(text, verb_end, quote_open, other_marks):
                continue
            who = self.resolve_mention(match, sentence)
            if who is not None:
                candidates.append(who)
        return candidates[-1] if candidates else None

    def speaker_after(self, sentence: Sentence, quote_close: int) -> str | None:
        rest = self.article.text[quote_close + 1:sentence.end]
        for pattern in (_AFTER_QUOTE_SPEAKER_FIRST, _AFTER_QUOTE_VERB_FIRST):
            match = pattern.match(rest)
            if match:
                return self.resolve_mention(match, sentence)
        return None

    def speaker_according_to(self, sentence: Sentence) -> str | None:
        match = _ACCORDING_TO.search(sentence.text)
        if match and not _inside_quote(sentence.text, match.start()):
            return self.resolve_mention(match, sentence)
        return None


def _inside_quote(text: str, position: int) -> bool:
    """Is ``position`` within quotation marks? (Counts the marks before it; sentences are short.)"""
    before = text[:position]
    if OPENING not in before and STRAIGHT not in before:
        return False
    opened = False
    for char in before:
        if char == OPENING:
            opened = True
        elif char == CLOSING:
            opened = False
        elif char == STRAIGHT:
            opened = not opened
    return opened


def _clean_gap(text: str, start: int, end: int, marks: list[_Mark]) -> bool:
    """Do the words between a speech verb and a quote belong to that verb's clause?"""
    gap = text[start:end]
    if gap.strip() in {"", ":", ","}:
        return True  # "Petro wrote: “…”"
    for mark in marks:  # other quotations in between count as plain words
        if start <= mark.open and mark.close < end:
            gap = gap.replace(text[mark.open:mark.close + 1], " quoted ")
    if re.search(r"[;:()\[\]]|\s[—–]\s|--|—", gap):
        return False
    for clause in re.split(r",", gap)[1:]:
        if clause.strip() and not re.match(rf"\s*(?:{_PARTICIPLES}|and\s+(?:{_PARTICIPLES}))\b", clause):
            return False
    # Another speech verb in between has a speaker of its own ("what his administration described as").
    for verb in re.finditer(r"\b([a-z]+)\b", gap):
        word = verb.group(1)
        if word in SAY_VERBS and not re.search(r"\band\s+$", gap[:verb.start()]):
            return False
    return True


def find_quotes(article: Article, people: PeopleIndex) -> list[Quote]:
    """Every quotation of three words or more (two when it is what somebody was called), with its speaker
    where the article makes it certain."""
    attributor = _Attributor(article, people)
    text = article.text
    by_paragraph: dict[int, list[Sentence]] = {}
    for sentence in article.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append(sentence)

    starts = [sentence.start for sentence in article.sentences]

    def sentence_at(position: int) -> Sentence | None:
        index = bisect_right(starts, position) - 1  # asked once per quotation mark: no scan of the article
        if index >= 0 and position < article.sentences[index].end:
            return article.sentences[index]
        return None

    last_speaker_in: dict[int, str] = {}  # sentence index → speaker of its last attributed quote

    def antecedent(position: int, kind: str) -> str | None:
        """Who "he", "she" or "it" at ``position`` refers to: whom the sentences just before were about."""
        sentence = sentence_at(position)
        if sentence is None:
            return None
        index = sentence.index - 1
        if index < 0 or sentence.paragraph - article.sentences[index].paragraph > 1:
            return None
        who = (last_speaker_in.get(index) or by_parse.subject_of_sentence(article.sentences[index])
               or attributor.subject_of(index))
        if who and (who in people.people) == (kind == "person"):
            return who
        return None

    by_parse = ParseAttributor(article, people, antecedent)
    quotes: list[Quote] = []
    run_on_speaker: str | None = None  # of a quotation left open at the end of the paragraph before
    previous_paragraph_speaker: str | None = None
    for paragraph in sorted(by_paragraph):
        sentences = by_paragraph[paragraph]
        marks = _quote_marks(text, sentences[0].start, sentences[-1].end)
        opens_with_quote = text[sentences[0].start] == OPENING
        paragraph_speaker: str | None = None
        speaker_of: dict[int, str] = {}  # mark number → its speaker, for the marks attributed so far
        for number, mark in enumerate(marks):
            first, last = sentence_at(mark.open), sentence_at(max(mark.close - 1, mark.open))
            if first is None or last is None:
                continue
            inner = text[mark.open + 1:mark.close]
            stripped = inner.strip().rstrip(",.;: ").strip()
            words = len(stripped.split())
            if words < 2 or words == 2 and not by_parse.names_with(mark.open, mark.close):
                continue  # "murder", a scare quote; two words only when they are what someone was called
            others = [other for other in marks if other != mark]
            parsed = by_parse.speaker(mark.open, mark.close)
            if parsed is UNKNOWN_SUBJECT:
                # The parse found who speaks, and it is nobody the article names: no guess from the rules.
                quotes.append(_quote(text, mark, first, last, None))
                continue
            found = {
                attributor.speaker_after(last, mark.close) if not mark.runs_on else None,
                attributor.speaker_before(first, mark.open, others),
                attributor.speaker_according_to(first),
            } - {None}
            if parsed:
                found = {parsed} if not found or found == {parsed} else {parsed, *found}
            if not found and number > 0 and _interrupted_by_attribution(text, marks[number - 1], mark):
                # "“We are still hearing voices,” said Lorena Fisk, a spokeswoman, “but fewer every hour.”"
                found = {speaker_of.get(number - 1)} - {None}
            if not found and _is_whole_sentence(text, first, mark) and first.index - 1 in last_speaker_in:
                previous = article.sentences[first.index - 1]
                if previous.paragraph == first.paragraph:
                    found = {last_speaker_in[first.index - 1]}
            if not found and number == 0 and opens_with_quote and _is_whole_sentence(text, first, mark):
                # A paragraph that opens with an unattributed quotation goes on with the last speaker:
                # the quotation left open before it, or the speaker who closed the paragraph before.
                continued = run_on_speaker or previous_paragraph_speaker
                if continued:
                    found = {continued}
            speaker = found.pop() if len(found) == 1 else None
            if speaker:
                last_speaker_in[last.index] = speaker
                speaker_of[number] = speaker
                paragraph_speaker = speaker
                # The sentence is about whoever spoke in it ("…,” Trump said. He also said …).
                if attributor.subjects.get(last.index) is None:
                    attributor.subjects[last.index] = speaker
            quotes.append(_quote(text, mark, first, last, speaker))
        run_on_speaker = paragraph_speaker if marks and marks[-1].runs_on else None
        ends_with_quote = bool(marks) and text[sentences[-1].start:sentences[-1].end].strip()[:1] == OPENING
        previous_paragraph_speaker = paragraph_speaker if ends_with_quote or run_on_speaker else None
        if previous_paragraph_speaker is None and not marks:
            previous_paragraph_speaker = _reported_speaker(sentences[-1], by_parse, people)
    return quotes


def _quote(text: str, mark: _Mark, first: Sentence, last: Sentence, speaker: str | None) -> Quote:
    inner = text[mark.open + 1:mark.close]
    stripped = inner.strip().rstrip(",.;: ").strip()
    offset = mark.open + 1 + inner.find(stripped)
    return Quote(stripped, offset, offset + len(stripped), first.start, last.end, first.index, speaker)


def _is_whole_sentence(text: str, sentence: Sentence, mark: _Mark) -> bool:
    before = text[sentence.start:mark.open].strip()
    if mark.runs_on:
        return not before
    after = text[mark.close + 1:sentence.end].strip()
    return not before and after in {"", ".", "!", "?"}


def _interrupted_by_attribution(text: str, before: _Mark, mark: _Mark) -> bool:
    """Is ``mark`` the second half of a quotation split by its attribution ("“…,” X said, “…”")?"""
    gap = text[before.close + 1:mark.open]
    return bool(re.fullmatch(r",?\s+[^“”\".!?;:]{3,160},\s*", gap)) and text[before.close - 1] == ","


def _reported_speaker(sentence: Sentence, by_parse: ParseAttributor, people: PeopleIndex) -> str | None:
    """The person whose words a sentence reports ("Hakon Ambry said his dogs had picked up signs of life"):
    a quotation opening the next paragraph with no attribution of its own is theirs, as news writing goes."""
    tokens = sentence.tokens
    if tokens is None or tokens.root.lower_ not in SAY_VERBS:
        return None
    if not any(child.dep_ == "ccomp" for child in tokens.root.children):
        return None
    who = by_parse.subject_of_sentence(sentence)
    return who if who in people.people else None
