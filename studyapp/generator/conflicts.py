"""Two different dates for what reads as the same event: the teacher should know.

Two tests, either of which is enough:

- the two event statements share most of their words (by a crude stem), as when a sentence is repeated;
- the parse names one action with the same participants: "The canal was opened on 12 August 1868" and
  "after the opening in September 1868" are one event under a verb and its noun. A participant the text
  leaves out ("the opening", whose?) is taken to be the article's subject, named in its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from typing import TYPE_CHECKING, Iterable

from lemminflect import getLemma
from spacy.tokens import Span, Token

from studyapp.generator.events import date_head
from studyapp.generator.model import Conflict

if TYPE_CHECKING:
    from studyapp.generator.questions import FactContext
    from studyapp.generator.text import Article

_STOP = set("the a an of to in on at for and or that it its his her their was were is are be been has had have by "
            "with from as this these those he she they said says would will".split())
SIMILAR = 0.6
# Verbs that report rather than happen: two statements on two days are two events, not a conflict.
_REPORTING = {"say", "tell", "announce", "state", "write", "add", "report", "claim", "insist", "warn", "argue"}
_NOUNS = {"NOUN", "PROPN"}


@dataclass(frozen=True)
class DatedEvent:
    """A dated fact and what the parse says happened then."""

    fact_id: str
    value: str
    statement: str  # the event as a clause ("the canal was opened by Queen Adela"), or the sentence
    sentence_index: int
    action: str = ""  # the verb's lemma, or the verb a noun like "opening" is made from
    themes: frozenset[str] = field(default_factory=frozenset)  # lemmas of what the action was done to
    agents: frozenset[str] = field(default_factory=frozenset)  # lemmas of who did it
    thing: str = ""  # the named thing the date belongs to: "treaty of orran" in "the 1850 Treaty of Orran"


def _content_words(statement: str) -> set[str]:
    words = re.findall(r"[a-z][a-z-]+", statement.lower().replace("’", "'"))
    # A crude stem is enough to match "revoking" with "revoke" and "Petro's" with "Petro".
    return {re.sub(r"(?:ing|ed|e|s|'s)$", "", word) for word in words if word not in _STOP}


def similarity(first: str, second: str) -> float:
    a, b = _content_words(first), _content_words(second)
    return len(a & b) / len(a | b) if a and b else 0.0


def topic_words(title: str) -> frozenset[str]:
    """The article's subject as lemmas of its title's words: what an unnamed participant most likely is."""
    return frozenset(word for word in re.findall(r"[a-z][a-z-]+", title.lower()) if word not in _STOP)


def dated_event(fact_id: str, value: str, statement: str, sentence_index: int, tokens: Span | None,
                start: int, end: int) -> DatedEvent:
    """The event a date in a parsed sentence belongs to; ``start``/``end`` are the date's offsets in the sentence."""
    head = date_head(tokens, start, end) if tokens is not None else None
    if head is None:
        return DatedEvent(fact_id, value, statement, sentence_index)
    themes, agents = _participants(head)
    return DatedEvent(fact_id, value, statement, sentence_index, _action(head), themes, agents,
                      _named_thing(head, start + tokens.start_char, end + tokens.start_char))


def _named_thing(head: Token, date_start: int, date_end: int) -> str:
    """The proper name a date is attached to, directly ("the 1850 Treaty of Orran") or through the verb that
    describes it ("the Treaty of Orran, signed in 1852", "the treaty was signed in 1852"); "" for none."""
    noun = head
    if head.pos_ in {"VERB", "AUX"}:
        subjects = [child for child in head.children if child.dep_ == "nsubjpass"]
        noun = head.head if head.dep_ == "acl" else (subjects[0] if subjects else None)
    if noun is None or noun.pos_ not in _NOUNS:
        return ""
    words = [token for token in noun.subtree
             if not date_start <= token.idx < date_end and token.dep_ not in {"det", "punct", "acl", "relcl", "appos"}
             and (token.i == noun.i or token.pos_ == "PROPN" or token.lower_ == "of")
             and not (token.dep_ == "nummod" or token.like_num)]
    if not any(token.pos_ == "PROPN" for token in words):
        return ""  # "the meeting": many things may be called that
    return " ".join(token.lemma_.lower() for token in sorted(words, key=lambda t: t.i)).strip(" of")


@cache
def _verb_of(word: str) -> str:
    lemmas = getLemma(word.lower(), upos="VERB")
    return lemmas[0] if lemmas else word.lower()


def _action(head: Token) -> str:
    if head.pos_ == "NOUN" and head.lower_.endswith("ing"):
        return _verb_of(head.text)  # "the opening" is the act of opening
    return head.lemma_.lower()


def _phrase_lemmas(token: Token) -> frozenset[str]:
    """A noun with the words before it ("Queen Adela", "the Science and Technology Agreement"), as lemmas."""
    words = token.doc[token.left_edge.i:token.i + 1]
    return frozenset(word.lemma_.lower() for word in words if word.pos_ in _NOUNS | {"ADJ"})


def _participants(head: Token) -> tuple[frozenset[str], frozenset[str]]:
    themes: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    for child in head.children:
        if child.dep_ in {"dobj", "nsubjpass", "poss"} and child.pos_ in _NOUNS:
            themes |= _phrase_lemmas(child)
        elif child.dep_ == "nsubj" and child.pos_ in _NOUNS:
            agents |= _phrase_lemmas(child)
        elif child.dep_ in {"prep", "agent"} and child.lower_ in {"of", "by"}:
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            for noun in objects:
                if child.lower_ == "of" and head.pos_ == "NOUN":
                    themes |= _phrase_lemmas(noun)
                elif child.lower_ == "by":
                    agents |= _phrase_lemmas(noun)
    return themes, agents


def _same_action(first: DatedEvent, second: DatedEvent, topic: frozenset[str]) -> bool:
    """One action done to the same thing by the same doer, as far as each sentence says."""
    if not first.action or first.action != second.action or first.action in _REPORTING:
        return False
    if not (first.themes or second.themes):
        return False  # nothing to tell one "opening" from another
    # The same thing named twice, perhaps more fully once: "the canal" and "the Saltmere canal", but not
    # "the Trade Agreement" and "the Science Agreement".
    if first.themes and second.themes:
        themes_agree = _names_same(first.themes, second.themes)
    else:
        themes_agree = _names_same(first.themes or second.themes, topic)
    agents_agree = not (first.agents and second.agents) or _names_same(first.agents, second.agents)
    return themes_agree and agents_agree


def _names_same(first: frozenset[str], second: frozenset[str]) -> bool:
    return bool(first and second) and (first <= second or second <= first)


def _disagree(first: DatedEvent, second: DatedEvent) -> bool:
    if first.value == second.value or first.sentence_index == second.sentence_index:
        return False
    # "2025" and "2025-10" do not disagree, nor does a period with a year inside it.
    return not (first.value.startswith(second.value) or second.value.startswith(first.value)
                or "/" in first.value or "/" in second.value)


def find_conflicts(dated: list[DatedEvent], topic: frozenset[str] = frozenset()) -> list[Conflict]:
    """Pairs of dated events that read as one event given two different dates."""
    conflicts: list[Conflict] = []
    words = {event.statement: _content_words(event.statement) for event in dated}
    for first, second in combinations(dated, 2):
        if not _disagree(first, second):
            continue
        a, b = words[first.statement], words[second.statement]
        similar = bool(a and b) and len(a & b) / len(a | b) >= SIMILAR
        same_thing = bool(first.thing) and first.thing == second.thing
        if similar or same_thing or _same_action(first, second, topic):
            event = (first.statement or second.statement or first.thing
                     or f"{first.action} ({', '.join(sorted(first.themes))})")
            conflicts.append(Conflict(
                [first.fact_id, second.fact_id],
                f"two dates ({first.value} and {second.value}) for the same event: {event}",
            ))
    return conflicts


def conflicts_in(article: Article, contexts: Iterable[FactContext]) -> list[Conflict]:
    """The conflicts among an article's dated facts (ids assigned); a dateline or heading is no event."""
    dated = [
        dated_event(c.fact.id, c.date.value, c.event.statement if c.event else "", c.fact.sentence_index,
                    article.sentences[c.fact.sentence_index].tokens, c.date.start, c.date.end)
        for c in contexts if c.date is not None and c.date.role == "event"
    ]
    return find_conflicts(dated, topic_words(article.title))
