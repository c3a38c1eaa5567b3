"""The stages of the question generator, from parsed article to bank (see ``studyapp.generator``)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable

from spacy.tokens import Token

from studyapp.generator.article_dates import dates_by_sentence
from studyapp.generator.asides import asides_of
from studyapp.generator.attribution import quotation_tokens
from studyapp.generator.conflicts import conflicts_in
from studyapp.generator.events import date_head, event_for
from studyapp.generator.figures import find_figures
from studyapp.generator.importance import Importance, figure_weight
from studyapp.generator.model import Bank, Conflict, Fact, Question, short_hash
from studyapp.generator.people import PeopleIndex, add_known_roles, find_people
from studyapp.generator.questions import FactContext, QuestionBuilder
from studyapp.generator.quotes import find_quotes
from studyapp.generator.text import Article, Sentence, read_article

_KIND_ORDER = {"person": 0, "date": 1, "figure": 2, "quote": 3}


def generate(text: str, title: str | None = None, source_file: str = "article.txt",
             progress: Callable[[float], None] | None = None) -> Bank:
    """``studyapp.generator.generate``, which imports this module on first use (see its docstring)."""
    # Reading (the language model) is most of the work; the rules that follow take the rest.
    article = read_article(text, title, progress=(lambda share: progress(0.85 * share)) if progress else None)
    people = find_people(article)
    quotes = find_quotes(article, people)
    add_known_roles(people, article)
    contexts = _dated_and_figure_facts(article, people)
    contexts += _quote_facts(article, quotes, people)
    contexts += _person_facts(article, people)
    contexts.sort(key=lambda c: (c.fact.start, _KIND_ORDER[c.fact.kind], c.fact.end))
    _assign_ids(contexts)
    conflicts = conflicts_in(article, contexts)
    for conflict in conflicts:
        values = {c.fact.id: c.date.value for c in contexts if c.fact.id in conflict.fact_ids and c.date}
        for c in contexts:
            if c.fact.id in values:
                c.excluded_values |= set(values.values()) - {values[c.fact.id]}
    if progress is not None:
        progress(0.95)
    questions = QuestionBuilder(contexts, people={person.name for person in people}).build()
    return Bank(
        title=article.title,
        source_file=source_file,
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        facts=[c.fact for c in contexts],
        questions=questions,
        conflicts=conflicts,
    )


def _sentence_fact(article: Article, sentence_index: int, kind: str, text: str, start: int, end: int,
                   **values: object) -> Fact:
    sentence = article.sentences[sentence_index]
    return Fact(kind=kind, text=text, sentence=sentence.text, span=(sentence.start, sentence.end),
                start=start, end=end, sentence_index=sentence_index, **values)


def pronoun_referents(article: Article, people: PeopleIndex) -> dict[int, str]:
    """Whom a sentence's opening "He" or "She" means, by sentence: the person the sentence before was about
    ("Tolliver joined the service in 1959. He became principal keeper in 1968."), carried on through a run of
    such sentences in one paragraph. A sentence with no such person before it is left out."""
    from studyapp.generator.attribution import ParseAttributor

    by_parse: ParseAttributor | None = None  # made on first need: most sentences open with no pronoun
    referents: dict[int, str] = {}
    for sentence in article.sentences:
        subject = _root_subject(sentence)
        if subject is None or subject.lower_ not in {"he", "she"} or sentence.index == 0:
            continue
        before = article.sentences[sentence.index - 1]
        if sentence.paragraph - before.paragraph > 1:
            continue
        if before.index in referents:
            referents[sentence.index] = referents[before.index]  # a run of "He …" sentences
            continue
        # A sentence that quotes someone is about the speaker only in its attribution: the next "he" is
        # as likely the person spoken of ("'He never talked about that night,' said Dray. He received …").
        if before.tokens is None or before.text.lstrip()[:1] in {"“", '"'} or any(
                child.dep_ in {"ccomp", "parataxis"} for child in before.tokens.root.children):
            continue
        by_parse = by_parse or ParseAttributor(article, people, lambda position, kind: None)
        named = by_parse.subject_of_sentence(before)
        if named in people.people:
            referents[sentence.index] = named
    return referents


def _root_subject(sentence: Sentence) -> Token | None:
    if sentence.tokens is None:
        return None
    return next((child for child in sentence.tokens.root.children if child.dep_ in {"nsubj", "nsubjpass"}), None)


def _dated_and_figure_facts(article: Article, people: PeopleIndex) -> list[FactContext]:
    referents = pronoun_referents(article, people)

    def full_name(subject: str) -> str:
        """"General Secretary of the United Labour Party Emil Drachmann" → "Emil Drachmann"."""
        words = subject.split()
        for first in range(len(words)):
            if first and not all(word[:1].isupper() or word in {"of", "the", "for", "and"} for word in words[:first]):
                break
            resolved = people.resolve(" ".join(words[first:]))
            if resolved:
                return resolved
        return subject

    contexts: list[FactContext] = []
    importance = Importance(article)
    dates_of = dates_by_sentence(article)  # years carried from the dateline and headings, relative dates resolved
    for sentence in article.sentences:
        dates = dates_of[sentence.index]
        figures = find_figures(sentence.text, [(d.start, d.end) for d in dates], sentence.tokens)
        if not dates and not figures:
            continue
        asides = asides_of(sentence.text, sentence.tokens)  # (only where a blank may need them)
        referent = referents.get(sentence.index)

        def resolve(subject: str, referent: str | None = referent) -> str:
            return referent if referent and subject.lower() in {"he", "she"} else full_name(subject)

        for mention in dates:
            fact = _sentence_fact(article, sentence.index, "date", mention.text, sentence.start + mention.start,
                                  sentence.start + mention.end, value=mention.value)
            event = event_for(sentence.text, mention, resolve, sentence.tokens)
            contexts.append(FactContext(fact, date=mention, event=event, asides=asides, pronoun_means=referent,
                                        dates_main_clause=_dates_main_clause(sentence, mention),
                                        importance=importance.of(sentence.index, fact.start, fact.end, "date")))
        for mention in figures:
            fact = _sentence_fact(article, sentence.index, "figure", mention.text, sentence.start + mention.start,
                                  sentence.start + mention.end, value=mention.value, unit=mention.unit)
            weight = importance.of(sentence.index, fact.start, fact.end, "figure", figure_weight(mention, figures))
            contexts.append(FactContext(fact, figure=mention, importance=weight, asides=asides,
                                        pronoun_means=referent))
    return contexts


def _dates_main_clause(sentence, mention) -> bool:
    """"In 1931, Drachmann …": the year of the sentence's own event, not of a clause deep inside it ("the CFO
    said projections assumed enrolment would stabilise after the closures in 2019")."""
    if sentence.tokens is None:
        return True
    head = date_head(sentence.tokens, mention.start, mention.end)
    if head is None:
        return False
    while head.dep_ != "ROOT" and head.head.i != head.i:
        if head.dep_ in _CLAUSE_LINKS:
            return False
        head = head.head
    return True


_CLAUSE_LINKS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "parataxis", "csubj"}


def _aliases(name: str, people: PeopleIndex) -> list[str]:
    words = name.split()
    return [" ".join(words[index:]) for index in range(1, len(words)) if people.resolve(" ".join(words[index:])) == name]


def _quote_facts(article: Article, quotes, people: PeopleIndex) -> list[FactContext]:
    contexts = []
    absorbed: set[int] = set()  # quotations asked together with the one before them
    for number, quote in enumerate(quotes):
        if not quote.speaker:
            continue  # unattributed: better no fact than a guessed speaker
        fact = Fact(kind="quote", text=quote.text, sentence=article.text[quote.sentence_start:quote.sentence_end],
                    span=(quote.sentence_start, quote.sentence_end), speaker=quote.speaker, start=quote.start,
                    end=quote.end, sentence_index=quote.first_sentence)
        following = quotes[number + 1] if number + 1 < len(quotes) else None
        continued = (following is not None and following.speaker == quote.speaker and number not in absorbed
                     and (_goes_on_in(article, quote, following) or _follows_on(article, quote, following)))
        if continued:
            absorbed.add(number + 1)
        contexts.append(FactContext(fact, aliases=_aliases(quote.speaker, people),
                                    quote_is_fragment=_starts_mid_clause(article, quote.start, quote.end),
                                    continuation=following.text if continued else None,
                                    asked_with_previous=number in absorbed))
    return contexts


# '“We are not closing supermarkets,” Oduya said. “We are just not opening any.”': the second sentence leans on
# the first, so the two are asked as one. Only a short attribution may stand between them.
_ATTRIBUTION_SENTENCE_BETWEEN = re.compile(r"[,.!?]?[”\"](?:\s+[^“”\"]{3,60}[.!?])?\s+[“\"]")
_MOST_JOINED_WORDS = 32


def _follows_on(article: Article, quote, following) -> bool:
    return (following.text[:1].isupper() and quote.text[:1].isupper()  # two sentences, not a phrase and a sentence
            and len(quote.text.split()) + len(following.text.split()) <= _MOST_JOINED_WORDS
            and bool(_ATTRIBUTION_SENTENCE_BETWEEN.fullmatch(article.text, quote.end, following.start)))


# '“A railway that stops growing,” Korrath told the shareholders in 1879, “has already begun to die.”'
_ATTRIBUTION_BETWEEN = re.compile(r"[”\"]\s+[^“”\".!?;:]{3,160},\s*[“\"]")


def _goes_on_in(article: Article, quote, following) -> bool:
    """Is ``following`` the rest of ``quote``'s sentence, after the attribution that interrupts it?"""
    return (article.text[quote.end:quote.end + 1] == "," and following.text[:1].islower()
            and bool(_ATTRIBUTION_BETWEEN.fullmatch(article.text, quote.end + 1, following.start)))


def _starts_mid_clause(article: Article, start: int, end: int) -> bool:
    """"will outlast every one of us", "at least three weeks to clear": words that only make sense inside
    the sentence quoting them, so "Who said …?" on them alone would be unfair."""
    place = quotation_tokens(article, start - 1, end)
    if place is None or not article.text[start:start + 1].islower():
        return False
    return place.tokens[0].pos_ in {"VERB", "AUX", "ADV", "ADP", "PART", "SCONJ", "CCONJ", "ADJ"}


def _person_facts(article: Article, people: PeopleIndex) -> list[FactContext]:
    contexts = []
    dead = _the_dead(article, people)
    for person in people:
        role = person.role
        if not role:
            continue
        sentence_index, start, end = person.role_places[role]
        fact = _sentence_fact(article, sentence_index, "person", person.name, start, end, role=role)
        past = (person.name in dead or role in person.past_roles
                or _told_in_the_past(article, sentence_index, start))
        contexts.append(FactContext(fact, aliases=_aliases(person.name, people), past_role=past,
                                    role_needs_owner=role in person.owned_roles))
    return contexts


def _the_dead(article: Article, people: PeopleIndex) -> set[str]:
    """People the article says died ("Ewan Tolliver … dies at 88", "Tolliver died peacefully"): whatever
    they were, they were it in the past."""
    dead: set[str] = set()
    for person in people:
        surname = person.name.split()[-1]
        if surname in article.title and _DIES.search(article.title):
            dead.add(person.name)
    for sentence in article.sentences:
        if sentence.tokens is None or "die" not in sentence.text:
            continue
        for token in sentence.tokens:
            if token.lemma_ != "die" or token.pos_ != "VERB":
                continue
            subject = next((child for child in token.children if child.dep_ == "nsubj"), None)
            if subject is not None:
                words = {t.text for t in subject.subtree}
                dead |= {person.name for person in people if person.name.split()[-1] in words}
    return dead


_DIES = re.compile(r"\b(?:dies|died|dead)\b", re.IGNORECASE)


def _told_in_the_past(article: Article, sentence_index: int, role_start: int) -> bool:
    """"Lorenz Ebbe, a railway surveyor, drew the plans": a role told in the past tense is asked in it."""
    sentence = article.sentences[sentence_index]
    if _LIFESPAN.search(sentence.text):
        return True  # "Anselm Korrath (1797–1866), a grain merchant": a life already over
    tokens = sentence.tokens
    if tokens is None:
        return False
    root = tokens.root  # "drew", or the "was" of "was founded" and the "had" of "had carried"
    subject = next((child for child in root.children if child.dep_ == "nsubj"), None)
    if (subject is not None and any(child.dep_ == "ccomp" for child in root.children)
            and subject.left_edge.idx <= role_start - sentence.start + tokens.start_char <= subject.right_edge.idx
            and not _YEAR.search(sentence.text)):
        # "City manager Stefan Aldridge said the club …": the holder's own report; its "said" is the reporting,
        # and the role is still held, unless the sentence dates it ("declared in 1931 that …").
        return False
    return root.tag_ == "VBD" or any(child.dep_ in {"aux", "auxpass"} and child.tag_ == "VBD" for child in root.children)


_YEAR = re.compile(r"\b1\d{3}\b|\b20\d{2}\b")


_LIFESPAN = re.compile(r"\((?:c\.\s*)?\d{3,4}\s*[–-]\s*(?:c\.\s*)?\d{3,4}\)")


def _assign_ids(contexts: list[FactContext]) -> None:
    """Ids from what a fact is, not where it is: an edit elsewhere leaves them as they were."""
    used: set[str] = set()
    next_salt: dict[tuple[object, ...], int] = {}  # a fact written many times takes the next salt at once
    for context in contexts:
        identity = context.fact.identity()
        salt = next_salt.get(identity, 0)
        while True:
            fact_id = "f-" + short_hash(*context.fact.identity(), salt)
            if fact_id not in used:
                break
            salt += 1
        next_salt[identity] = salt + 1
        used.add(fact_id)
        context.fact.id = fact_id
