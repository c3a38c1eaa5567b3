"""What happened at a date: the clause around it, as a statement and as a "When …?" question.

Rules rather than a parser: when a sentence does not fit them, nothing is returned
and the caller falls back to a cloze question built on the sentence itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from lemminflect import getLemma
from spacy.tokens import Span, Token

from studyapp.generator.model import LOOK_BACK
from studyapp.generator.article_dates import _DATELINE
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
# Subjects that need the sentences before them: pronouns, and "her chance", "its third flight", "the two".
_VAGUE_SUBJECTS = re.compile(
    r"^(?:it|they|this|these|those|that|the\s+two|both|the\s+countries|we|i|you|he|she)$|^(?:his|her|its|their|our)\s"
    r"|^(?:a|an)\s+\S+$",  # "When was a report released?": which report
    re.I,
)
# "When did the state close it?": an object only the sentence before names.
# (The object of a verb, "closed it in June", not the subject of a clause, "said it was revoking".)
_POINTING_OBJECT = re.compile(
    r"\s(?:it|them|him)(?=\s*$|\s*[,.;]|\s+(?:in|on|at|for|to|from|with|by|after|before|during|until)\b)", re.I)


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
    if start > 0 and sentence[start - 1] == "(" and sentence[end:end + 1] == ")":
        start, end = start - 1, end + 1
    preposition = _PREPOSITION_BEFORE.search(sentence, max(0, start - LOOK_BACK), start)
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
    match = _PERIOD_OF.search(sentence, max(0, date.start - LOOK_BACK), date.start)
    if date.precision != "period" or not match or sentence[date.end:date.end + 1] != ")":
        return None
    noun = _sentence_case(match.group("noun").strip())
    if match.group("head").lower() in _IN_POWER:
        return Event(f"{noun} was in power", f"When was {noun} in power?", False)
    return Event(f"{noun} took place", f"When did {noun} take place?", False)


def event_for(sentence: str, date: DateMention, resolve_name=None, tokens: Span | None = None) -> Event | None:
    """The event the date belongs to, or None when there is none worth asking about.

    With the sentence's parse, the question is built from its subject, verb and the rest of its clause; the
    rules below are the fallback for shapes the parse reading leaves alone, and for text without a parse.
    """
    if date.role != "event":
        return None  # a dateline, a heading's year, the year of a statistic: no event happened then
    if tokens is not None:
        parsed = _parsed_event(sentence, date, tokens, resolve_name)
        if parsed is _SKIP:
            return None
        if parsed is not None:
            return parsed
    # A marker after the date can go without moving the date's offsets.
    event = _rule_event(sentence[:date.end] + without_citations(sentence[date.end:]), date, resolve_name)
    if event is None or "[" in event.question or _STARTS_WITH_A_BARE_COUNT.match(event.statement):
        return None  # ("917 who watched the 2017 final": the words after "surpassing the 60,", no subject)
    if len(event.question.split()) > _MOST_RULE_QUESTION_WORDS:
        return None  # past a short clause, the rules' cut runs into a second verb ("…flatten villages …, rose to")
    return _common_noun_in_lower_case(event, tokens) if tokens is not None else event


# The rules (used where the parse finds no subject) make good questions only of short clauses: measured over
# 25 articles, the fallback's four right questions had 9 to 14 words, its three garbled ones 24 and more.
_MOST_RULE_QUESTION_WORDS = 18
_STARTS_WITH_A_BARE_COUNT = re.compile(r"\d[\d,.]*\s+(?:who|which|that)\b")


def _common_noun_in_lower_case(event: Event, tokens: Span) -> Event:
    """"Dockworkers at the port voted": the rules keep a sentence's capital; the parse knows it is no name."""
    first = event.statement.split(" ", 1)[0]
    token = next((t for t in tokens if t.text == first), None)
    if token is None or token.pos_ == "PROPN" or first == "I" or first.isupper() or not first[:1].isupper():
        return event
    lowered = first[:1].lower() + first[1:]
    return replace(event, statement=lowered + event.statement[len(first):],
                   question=re.sub(rf"\b{re.escape(first)}\b", lowered, event.question, count=1))


def _rule_event(sentence: str, date: DateMention, resolve_name=None) -> Event | None:
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
    vague = bool(_VAGUE_SUBJECTS.match(subject)) or subject.lower() in {"he", "she"} or bool(
        _POINTING_OBJECT.search(" " + rest))
    lower = verb.lower()
    rest_words = rest.split()
    aux = None
    if lower in {"was", "were"}:
        if not rest_words or not (_is_past_verb(rest_words[0]) or rest_words[0].lower().endswith("en")):
            return None  # "Turnout was 71.4 percent in 1994": a state at a date, not an event
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


# The parse-based reading ----------------------------------------------------------------------------------------

# "[7]", or "[7" where the parser split the marker from its bracket.
_CITATION = re.compile(r"\s*\[\d+\]?")
# Children of the verb that are left out of a question: other clauses, asides and punctuation.
_LEFT_OUT = {"relcl", "appos", "advcl", "parataxis", "cc", "conj", "punct", "mark", "dep", "meta", "npadvmod"}
_SKIP = object()  # a deliberate "no question", as against a shape the parse reading does not handle


def without_citations(text: str) -> str:
    """ "opened in 1868.[7]" → "opened in 1868.": a reference marker is no part of a question."""
    return _CITATION.sub("", text)


def date_head(tokens: Span, start: int, end: int) -> Token | None:
    """The verb or noun a date belongs to: "opened" in "opened on 12 August", "opening" in "the opening in May"."""
    inside = [t for t in tokens if start <= t.idx - tokens.start_char < end]
    if not inside:
        return None
    root = next((t for t in inside if not (start <= t.head.idx - tokens.start_char < end)), inside[0])
    head = root.head
    for _ in range(3):  # up through "on", or "as early as"
        if head.dep_ in {"prep", "advmod", "pcomp"} or head.pos_ in {"ADP", "ADV"}:
            head = head.head
    if head.i == root.i or head.pos_ not in {"VERB", "AUX", "NOUN", "PROPN"}:
        return None
    return head


def _another_time(child: Token, date: DateMention, tokens: Span) -> bool:
    """"last year" beside "in 2019": a point in time of the verb's own, not a length of time ("four weeks after")."""
    if child.dep_ != "npadvmod" or child.ent_type_ != "DATE" or child.tag_ in {"NNS", "NNPS"}:
        return False
    if any(grandchild.dep_ == "nummod" for grandchild in child.children):
        return False
    return not any(date.start <= t.idx - tokens.start_char < date.end for t in child.subtree)


def _word_the_date_hangs_on(tokens: Span, date: DateMention) -> Token | None:
    """The word a date's phrase belongs to, past its preposition: "Born" in "Born on 14 May 1937", "million"
    in "5.6 million in 2019"."""
    inside = _date_tokens(tokens, date)
    indexes = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in indexes), None)
    if root is None:
        return None
    return root.head.head if root.head.dep_ == "prep" else root.head


def _in_a_describing_participle(tokens: Span, date: DateMention) -> bool:
    """"Born on 14 May 1937 in Kellock, Tolliver left school at 15": the date belongs to the participle that
    describes the subject (read as its modifier), not to the clause the rules would find."""
    head = _word_the_date_hangs_on(tokens, date)
    return head is not None and head.tag_ in {"VBN", "VBG"} and head.dep_ in {"amod", "advcl", "acl"} and not any(
        child.dep_ in {"nsubj", "nsubjpass"} for child in head.children)


def _dates_a_figure(tokens: Span, date: DateMention) -> bool:
    """"compared with 5.6 million in 2019": the year a number was counted, not the time of an event."""
    head = _word_the_date_hangs_on(tokens, date)
    return head is not None and (head.pos_ == "NUM" or head.ent_type_ in {"CARDINAL", "MONEY", "PERCENT",
                                                                          "QUANTITY"})


def _date_tokens(tokens: Span, date: DateMention) -> list[Token]:
    return [t for t in tokens if date.start <= t.idx - tokens.start_char < date.end]


def _date_preposition(tokens: Span, date: DateMention) -> Token | None:
    """The preposition that introduces a date ("on" in "opened on 12 August"), if one does."""
    inside = _date_tokens(tokens, date)
    indexes = {t.i for t in inside}
    root = next((t for t in inside if t.head.i not in indexes), None)
    return root.head if root is not None and root.head.dep_ == "prep" else None


def _phrase(tokens: list[Token]) -> str:
    """The words of ``tokens`` in order, with a space where a left-out word stood between two of them."""
    ordered = sorted(tokens, key=lambda t: t.i)
    parts = []
    for token, following in zip(ordered, ordered[1:] + [None]):
        gap = following is not None and following.i != token.i + 1 and not token.whitespace_
        parts.append(token.text_with_ws + (" " if gap else ""))
    return re.sub(r"\s+", " ", "".join(parts)).strip(" ,;:")


# Deeper in a phrase, only asides and punctuation that set them off are left out ("Chargé d’Affaires" keeps its
# apostrophe, "the company and two managers" its "and").
_LEFT_OUT_INSIDE = {"relcl", "appos", "advcl", "parataxis", "meta"}
_DROPPED_PUNCTUATION = {",", ";", ":", "(", ")", "“", "”", '"', "—", "–", "[", "]"}


def _is_aside(token: Token) -> bool:
    """A phrase set off by commas: "The prize-giving, due on Sunday evening, was moved"."""
    doc = token.doc
    before = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    after = doc[token.right_edge.i + 1] if token.right_edge.i + 1 < len(doc) else None
    return before is not None and before.text == "," and (after is None or after.text in {",", "."})


def _subtree_without(token: Token, left_out: set[str], date_tokens: set[int]) -> list[Token]:
    kept: list[Token] = []
    for child in token.children:
        if _joins_a_word(child):
            kept.append(child)  # the hyphen of "Vasquez-Ormond"
            continue
        if child.dep_ in left_out or child.i in date_tokens or (child.dep_ != "conj" and _is_aside(child)):
            continue
        if child.dep_ == "advmod" and child.lower_ == "then" and token.pos_ in {"NOUN", "PROPN"}:
            continue  # the "then" of "Livia Marsk, then minister of commerce," whose role the parse set apart
        kept += _subtree_without(child, _LEFT_OUT_INSIDE, date_tokens)
    if token.i not in date_tokens and token.text not in _DROPPED_PUNCTUATION:
        kept.append(token)
    return kept


def _joins_a_word(token: Token) -> bool:
    return (token.text in {"-", "‐"} and not token.whitespace_ and token.i > 0
            and not token.doc[token.i - 1].whitespace_)


def _child_holding(verb: Token, date_tokens: set[int]) -> Token | None:
    """The verb's child whose phrase holds the date: "as early as 1791" goes as a whole."""
    for child in verb.children:
        if any(t.i in date_tokens for t in child.subtree):
            return child
    return None


def _says_nothing(verb: Token, kept: set[int]) -> bool:
    """Whether the verb reports words (a clause or a quotation) of which the question keeps none."""
    reported = [child for child in verb.children if child.dep_ in {"ccomp", "parataxis"}]
    # (A quotation in a clause of its own, "…, and Tamm warned that “…”", is that clause's.)
    own = [verb, *(child for child in verb.children if child.dep_ not in {"conj", "advcl", "relcl", "acl"})]
    quoted = any(token.text in {"“", "”", '"'} for part in own[1:] for token in part.subtree)
    if not reported and not quoted:
        return False
    return not any(token.i in kept for child in reported for token in child.subtree) and not (
        quoted and any(child.dep_ in {"dobj", "xcomp", "attr"} and child.i in kept for child in verb.children))


_COMPLEMENTS = {"dobj", "ccomp", "xcomp", "attr", "acomp", "dative", "oprd", "prt", "auxpass", "nsubjpass"}


def _loses_its_clause(verb: Token, kept: set[int]) -> bool:
    """"Drachmann declared in a speech … on 2 May 1931, the day after the strike began, that “…”": the parser
    hung the reported clause on the aside, so the verb seems to have none; asked alone it would say nothing."""
    if any(child.dep_ in _COMPLEMENTS for child in verb.children):
        return False
    for aside in (child for child in verb.children if child.dep_ == "advcl" and child.i not in kept):
        for clause in aside.children:
            opening = clause.left_edge
            if clause.dep_ == "ccomp" and clause.i > aside.i and (
                    opening.lower_ == "that" or opening.text in {"“", '"'}):
                return True
    return False


def _lower_first(subject: str, first: Token) -> str:
    """"Three parties walked out" → "three parties": a capital only for a name."""
    if first.pos_ == "PROPN" or first.text == "I" or (len(first.text) > 1 and first.text.isupper()):
        return subject
    return subject[:1].lower() + subject[1:]


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject (inherited by a coordinated verb or a describing participle) and whether it is passive."""
    # A participle with no auxiliary describes its noun passively: "the logbook, seized on 15 March".
    bare_participle = verb.dep_ == "acl" and not any(child.dep_ in {"aux", "auxpass"} for child in verb.children)
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            if child.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                return verb.head, child.dep_ == "nsubjpass"  # "The chain, which began …": the chain began
            return child, child.dep_ == "nsubjpass" or bare_participle
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        subject, passive = _subject(verb.head)
        return subject, passive or any(child.dep_ == "auxpass" for child in verb.children)
    if verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBD"}:
        # "Its first shops, opened in 2016, …": the shops were opened; but a participle with an object is the
        # parser's misreading of an active verb ("Fairlow announced in March that …").
        has_object = any(child.dep_ in {"dobj", "ccomp"} for child in verb.children)
        return verb.head, not has_object  # "Its first shops, opened in 2016, …": the shops were opened
    return None, False


def _parsed_event(sentence: str, date: DateMention, tokens: Span, resolve_name) -> Event | None | object:
    head = date_head(tokens, date.start, date.end)
    if head is None:
        return _SKIP if _dates_a_figure(tokens, date) or _in_a_describing_participle(tokens, date) else None
    if any(_another_time(child, date, tokens) for child in head.children):
        return _SKIP  # "recorded 4.1 million last year, compared with 5.6 million in 2019": the verb has its own time
    preposition = _date_preposition(tokens, date)
    if head.pos_ in {"NOUN", "PROPN"}:
        if not (head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ in {"VERB", "AUX"}
                and preposition is not None and preposition.lower_ in {"on", "in"}):
            return _SKIP  # "the 1924 Treaty", "the opening in May", "by the end of 2025": no clause to ask about
        # "Trump on 19 October said …": the parser hangs the date on the subject; it dates the verb.
        head = head.head
    verb = head
    if preposition is not None and preposition.lower_ in {"since", "until", "till", "by", "to", "from"}:
        return _SKIP  # "has led since 2022", "moved to Tuesday", "ran from October 2023 to …": not when it happened
    if any(child.dep_ == "neg" for child in verb.children) or verb.tag_ not in {"VBD", "VBN"}:
        return _SKIP  # not a past event at a date ("will meet", "is due")
    if any(child.dep_ == "aux" and child.lower_ in {"has", "have"} for child in verb.children):
        return _SKIP  # "has been managed since": a state, not an event
    if any(child.dep_ in {"aux", "auxpass"} and child.tag_ in {"MD", "VBP", "VBZ"} for child in verb.children):
        return _SKIP  # "will be held on 2 June", "results are expected in 2027": not yet an event
    if verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in {"NOUN", "PROPN"} and not any(
            child.dep_ in {"dobj", "ccomp"} for child in verb.children) and not any(
            child.pos_ in {"VERB", "AUX"} and child.i > verb.i for child in verb.head.children):
        # "A programme … followed between 1998 and 2004": the sentence's only verb read as a participle, so it
        # would ask "When was a programme followed?" ("An agreement signed in 1997 allowed …" has its verb after.)
        return _SKIP
    subject_token, passive = _subject(verb)
    if subject_token is None:
        # "Born on 14 May 1937 in Kellock, Tolliver left school at 15": the date is the opening phrase's, and
        # the rules below would hand it to the main clause.
        return _SKIP if verb.dep_ == "advcl" and verb.tag_ in {"VBN", "VBG"} else None
    date_tokens = {t.i for t in _date_tokens(tokens, date)}
    holder = _child_holding(verb, date_tokens)
    if holder is not None:
        date_tokens |= {t.i for t in holder.subtree}
    dateline = _DATELINE.match(sentence)
    if dateline:  # "PORT ALDANE, Kestria, 14 November 2024 (Wire) —" is no part of the subject
        date_tokens |= {t.i for t in tokens if t.idx - tokens.start_char < dateline.end()}
    quote = next((t for t in verb.subtree if t.i > verb.i and t.text in {"“", "”", '"'}), None)
    aside = next((a for a in quote.ancestors if a.dep_ in {"advcl", "relcl", "acl"} and verb in a.ancestors),
                 None) if quote is not None else None
    if aside is not None:
        # "said he would slash aid because the leader “does nothing …”": the reason goes, the event stays.
        date_tokens |= {t.i for t in aside.subtree}
        quote = None
    if quote is not None:
        # The clause stops where a quotation starts, unless the quotation is what the verb needs
        # ("said the countries had “turned …”" cannot be cut): then the cloze keeps it whole.
        before = quote.doc[quote.i - 1]
        cut_clause = any(child.dep_ in {"ccomp", "xcomp", "dobj"} and child.i >= quote.i > child.left_edge.i
                         for child in verb.children)
        if cut_clause or before.pos_ in {"VERB", "AUX"} or before.lower_ in {"that", "as", ","}:
            return _SKIP
        date_tokens |= {t.i for t in quote.doc[quote.i:verb.right_edge.i + 1]}
    subject_words = _subtree_without(subject_token, _LEFT_OUT | {"acl"}, date_tokens | {verb.i})
    subject = _phrase(subject_words)
    if not subject or subject.lower() in {"which", "who", "that"}:
        return None
    first_word = min(subject_words, key=lambda t: t.i)
    if first_word.pos_ in {"PART", "ADP", "VERB", "AUX", "ADV", "ADJ", "SCONJ", "CCONJ"} or not any(
            t.pos_ in {"NOUN", "PROPN", "PRON", "NUM"} for t in subject_words):
        return _SKIP  # "to govern final results", "more than twice the estimate": the parse went astray
    subject = _lower_first(subject, min(subject_words, key=lambda t: t.i))
    if resolve_name:
        subject = resolve_name(subject)
    rest_tokens: list[Token] = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in _LEFT_OUT or child.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"}:
            continue
        if child.i in date_tokens:
            continue
        if child.dep_ == "prep" and all(t.ent_type_ == "TIME" for t in child.subtree if t.i != child.i):
            continue  # "at 11.47 p.m.": the hour says when, and the question asks for the day
        # Coordination is left out between clauses, not inside a clause or an object ("found the company and
        # two managers guilty").
        inside = child.dep_ == "ccomp" or child.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
        rest_tokens += _subtree_without(child, _LEFT_OUT - {"cc", "conj"} if inside else _LEFT_OUT, date_tokens)
    kept = {t.i for t in rest_tokens}
    # "proposed in 1862 by the engineer Whitlam was abandoned": the parser gave the agent's noun to the main
    # verb, and "When was a suspension bridge proposed by?" would end on a bare preposition.
    rest_tokens = [t for t in rest_tokens if not (t.dep_ in {"prep", "agent"} and t.pos_ == "ADP" and not any(
        child.i in kept for child in t.children))]
    if _says_nothing(verb, {t.i for t in rest_tokens}) or _loses_its_clause(verb, {t.i for t in rest_tokens}):
        return _SKIP  # "When did the ministry say in a statement?": what was said is gone
    rest = _trim(without_citations(_phrase(rest_tokens)))
    subject = without_citations(subject)
    vague = bool(_VAGUE_SUBJECTS.match(subject)) or subject.lower() in {"he", "she"} or bool(
        _POINTING_OBJECT.search(" " + rest))
    if verb.lemma_ == "be":
        return _SKIP  # "GDP was about $41 billion in 2023": the year a figure is for, a state and not an event
    if passive:
        aux = next((c.lower_ for c in verb.children if c.dep_ == "auxpass"), None)
        if aux not in {"was", "were"}:
            aux = "were" if subject_token.tag_ in {"NNS", "NNPS"} else "was"
        statement = f"{subject} {aux} {verb.text} {rest}".strip()
        question = f"When {aux} {subject} {verb.text} {rest}".strip() + "?"
    else:
        statement = f"{subject} {verb.text} {rest}".strip()
        question = f"When did {subject} {verb.lemma_} {rest}".strip() + "?"
    if len(question.split()) > 34 or len(statement.split()) < 3 or re.search(r"[“”\"]", question):
        return _SKIP
    return Event(statement, question, vague)
