"""What happened at a date: the clause around it, as a statement and as a "When …?" question.

Rules rather than a parser: when a sentence does not fit them, nothing is returned
and the caller falls back to a cloze question built on the sentence itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lemminflect import getLemma

from studyapp.generator.dates import DateMention

_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:on|in|during|by|through|since|until|till|from|of|around|at|as\s+of)\s+(?:the\s+year\s+)?)$", re.IGNORECASE
)
_CHUNK_BREAK = re.compile(
    r"\s*(?:;|:|\s[—–]\s|--|—|,\s+(?=(?:which|who|whom|where|while|when|as|after|before|although|though|but|citing|"
    r"saying|adding|marking|making|allotting|including|leading|prompting|according|despite|with|in\s+(?:what|which)|"
    r"[a-z]+ing)\b)|,?\s+(?=(?:because|although|though|whereas|despite|but|while|after|before|when|until|once)\s)|"
    r"\s+and\s+that\b)"
)
_IRREGULAR_PAST = set(
    "said told wrote made took gave went came held spoke sent met led saw felt left kept ran won began brought thought "
    "sought fought bought struck stood chose drove threw grew knew drew rose fell paid laid meant lost found built spent "
    "taught caught became put set hit cut let read had did".split()
)
_AUX = {"was", "were", "had", "has", "have", "is", "are", "will", "would", "could", "can", "may", "might", "should"}
_SUBJECT_STARTS_TO_DROP = re.compile(
    r"^(?:(?:and|but|then|when|after|that|so|yet|also|later|earlier|meanwhile|however|subsequently|eventually|"
    r"finally|initially|in\s+response|in\s+retaliation|by\s+then)\b,?\s*)+",
    re.IGNORECASE,
)
_VAGUE_SUBJECTS = re.compile(r"^(?:it|they|this|these|those|that|the\s+two|both|the\s+countries|we|i|you)$", re.I)


@dataclass(frozen=True)
class Event:
    statement: str  # "the U.S. Congress ratified the U.S.-Colombia Trade Promotion Agreement"
    question: str  # "When did the U.S. Congress ratify the U.S.-Colombia Trade Promotion Agreement?"
    vague: bool  # the subject needs the article to make sense ("the two", "it")


@cache
def lemma(verb: str) -> str:
    lemmas = getLemma(verb.lower(), upos="VERB")
    return lemmas[0] if lemmas else verb


def _is_past_verb(word: str) -> bool:
    lower = word.lower()
    return lower in _IRREGULAR_PAST or (lower.endswith("ed") and len(lower) > 4 and lower not in {"need", "speed"})


def remove_date(sentence: str, date: DateMention) -> tuple[str, int]:
    """The sentence without the date (and its preposition); returns the text and where the date stood."""
    start, end = date.start, date.end
    before = sentence[:start]
    if start > 0 and sentence[start - 1] == "(" and sentence[end:end + 1] == ")":
        start, end = start - 1, end + 1
        before = sentence[:start]
    preposition = _PREPOSITION_BEFORE.search(before)
    if preposition:
        start = preposition.start()
    # "In his 23 January 2009 remarks": the date is an adjective; dropping it leaves "In his remarks".
    text = (sentence[:start].rstrip() + " " + sentence[end:].lstrip()).strip()
    text = re.sub(r"^[,\s]+", "", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r",\s*,", ",", text)
    return text, len(sentence[:start].rstrip())


def _chunks(text: str) -> list[tuple[int, int]]:
    spans, position = [], 0
    for match in _CHUNK_BREAK.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


_LEADING_PHRASE = re.compile(
    r"^(?:[A-Z][a-z]+ing\b|(?:In|On|At|Amid|After|Before|During|With|Despite|Following|Under|For|From|Since|As|"
    r"Over|Through|By|Beyond|Looking|Recognizing|Recognising)\b)[^,]{0,140},\s+"
)
_SUBORDINATOR = re.compile(r"^(?:because|although|though|whereas|despite|but|while|after|before|when|until|once)\s+")


def _subject_and_verb(chunk: str) -> tuple[str, str, str] | None:
    """Split a clause into (subject, verb, rest) at its first finite verb."""
    chunk = _SUBORDINATOR.sub("", _LEADING_PHRASE.sub("", chunk.strip()))
    words = list(re.finditer(r"[A-Za-z][\w'’.-]*|\S", chunk))
    for index, word in enumerate(words):
        token = word.group(0)
        lower = token.lower()
        if index == 0 or not token[0].islower():
            continue
        if lower in _AUX or _is_past_verb(token):
            subject = chunk[:word.start()].strip().rstrip(",")
            subject = _SUBJECT_STARTS_TO_DROP.sub("", subject).strip()
            # A leading phrase set off by a comma ("In his remarks to the corps, President Uribe stated").
            if "," in subject:
                subject = subject.rsplit(",", 1)[1].strip()
            if not subject or len(subject.split()) > 12 or not re.match(r"[A-Z0-9]|the\b|a\b|an\b", subject):
                return None
            if re.search(r"[“”\"()]", subject):
                return None
            return subject, token, chunk[word.end():].strip()
    return None


def _sentence_case(subject: str) -> str:
    first, _, rest = subject.partition(" ")
    if first in {"The", "A", "An"}:
        return first.lower() + (" " + rest if rest else "")
    return subject


def _trim(rest: str) -> str:
    rest = re.sub(r"[\s,.;:!?]+$", "", rest.strip())
    # A quotation cut in half reads badly; stop before it.
    if rest.count("“") != rest.count("”") or rest.count('"') % 2:
        rest = re.split(r"\s*[“\"]", rest)[0]
    return rest.strip()


_PERIOD_OF = re.compile(
    r"(?P<noun>(?:the\s+|The\s+)?(?:[A-Z][\w.'’-]*\s+){1,4}(?P<head>administration|government|presidency|term|tenure|"
    r"reign|rule|regime|dictatorship|mandate|war|crisis|occupation|era|period|campaign|conflict|revolution))\s*\($"
)
_IN_POWER = {"administration", "government", "presidency", "term", "tenure", "reign", "rule", "regime",
             "dictatorship", "mandate"}


def _period_of_noun(sentence: str, date: DateMention) -> Event | None:
    """"During the Pastrana administration (1998-2002)": the years belong to the noun before them."""
    match = _PERIOD_OF.search(sentence[:date.start])
    if date.precision != "period" or not match or sentence[date.end:date.end + 1] != ")":
        return None
    noun = _sentence_case(match.group("noun").strip())
    if match.group("head").lower() in _IN_POWER:
        return Event(f"{noun} was in power", f"When was {noun} in power?", False)
    return Event(f"{noun} took place", f"When did {noun} take place?", False)


def event_for(sentence: str, date: DateMention, resolve_name=None) -> Event | None:
    """The event the date belongs to, or None when the sentence is beyond these rules."""
    period = _period_of_noun(sentence, date)
    if period is not None:
        return period
    text, position = remove_date(sentence, date)
    text = text.rstrip(".!?")
    chunks = _chunks(text)
    chosen = next(((s, e) for s, e in chunks if s <= position <= e), None)
    if chosen is None:
        return None
    chunk = text[chosen[0]:chosen[1]]
    if _subject_and_verb(chunk) is None:
        # The date opened the sentence ("In 2008, the countries signed …"): use the next clause.
        following = [(s, e) for s, e in chunks if s > chosen[0]]
        if not following or position > following[0][0]:
            return None
        chunk = text[following[0][0]:following[0][1]]
        position = 0
    parts = _subject_and_verb(chunk)
    if parts is None:
        return None
    subject, verb, rest = parts
    subject = _sentence_case(subject)
    if resolve_name is not None:
        subject = resolve_name(subject)
    vague = bool(_VAGUE_SUBJECTS.match(subject)) or subject.lower() in {"he", "she"}
    lower = verb.lower()
    rest_words = rest.split()
    aux = None
    if lower in {"was", "were"}:
        aux = lower
    elif lower in {"had", "has", "have"} and rest_words and _is_past_verb(rest_words[0]):
        verb, rest = rest_words[0], " ".join(rest_words[1:])
        lower = verb.lower()
    elif lower == "had":
        pass  # "had their first meeting": "had" is the verb itself
    elif lower in _AUX:
        return None  # is/will/would: not a past event at a date
    # "An agreement signed [in 1997] allowed searches": the first verb only described the subject.
    rest_first = rest.split()[0].lower() if rest.split() else ""
    if aux is None and (_is_past_verb(rest_first) and rest_first not in {"had"} and lower.endswith("ed")):
        relative = _trim(" ".join(rest.split()))
        noun = re.sub(r"^(?:a|an|the)\s+", "", subject, flags=re.I)
        statement = f"the {noun} that {relative} was {verb}"
        return Event(statement, f"When was the {noun} that {relative} {verb}?", vague)
    rest = _coordinated_part(rest, aux, position, chunk)
    rest = _trim(rest)
    if aux:
        statement = f"{subject} {aux} {rest}".strip()
        question = f"When {aux} {subject} {rest}".strip() + "?"
    else:
        statement = f"{subject} {verb} {rest}".strip()
        question = f"When did {subject} {lemma(verb)} {rest}".strip() + "?"
    if len(question.split()) > 34 or len(statement.split()) < 3:
        return None
    return Event(statement, question, vague)


def _coordinated_part(rest: str, aux: str | None, position: int, chunk: str) -> str:
    """Of "signed and ratified by Congress", keep the half the date belonged to."""
    match = re.search(r"\s+and\s+(?=(?:was\s+|were\s+)?[a-z]+ed\b)", rest)
    if not match:
        return rest
    first, second = rest[:match.start()], rest[match.end():]
    offset_in_chunk = chunk.find(rest)
    split_point = offset_in_chunk + match.start() if offset_in_chunk >= 0 else len(chunk)
    return first if position <= split_point else second
