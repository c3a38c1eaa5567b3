"""Who said a quotation, read off the dependency parse.

From the quotation's words the parse is climbed to the verb that governs them; that verb's
subject is the speaker when the quotation is what the verb reports: its clausal complement
("said that …", "“…,” Mensah said", "instructed him to “…”"), or, for a quoted phrase, the object
of a verb of saying ("called it “…”"). The subject is then resolved to a person or a body the
article names. Anything less certain gives no speaker.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Span, Token

from studyapp.generator.language import as_written, entity_around
from studyapp.generator.people import PeopleIndex, normalise_body
from studyapp.generator.text import Article, Paragraph, Sentence

# Links from a clause to the verb that reports it: the quotation is that verb's content.
_REPORTED_CLAUSE = {"ccomp", "xcomp", "parataxis", "pcomp", "acl", "advcl", "dobj", "csubj"}
# Links through which a quoted phrase (not a clause) hangs from a verb of saying: "called it “…”",
# "accused them of “…”", "described it as “…”".
_QUOTED_PHRASE = {"dobj", "oprd", "attr", "pobj", "prep", "xcomp", "ccomp", "npadvmod", "appos", "acomp"}
# A quoted phrase is somebody's words only after a verb of saying. This is not the list that finds the
# verb (the parse does that); it decides when the object of a verb is a quotation rather than a scare quote.
_VERBS_OF_NAMING = {
    "say", "call", "describe", "accuse", "label", "brand", "dub", "term", "praise", "condemn", "denounce",
    "promise", "pledge", "vow", "warn", "urge", "demand", "tell", "write", "post", "tweet", "hail", "deride",
    "characterize", "characterise", "refer", "dismiss", "welcome", "criticize", "criticise", "add", "announce",
}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_PERSON_PRONOUNS = {"he", "she"}
_BODY_PRONOUNS = {"it"}
# What ``ParseAttributor.speaker`` answers when the reporting verb's subject is nobody the article names
# ("an anonymous reviewer"): the caller must not guess a speaker by other means.
UNKNOWN_SUBJECT = "<unknown subject>"
_BODY_LABELS = {"ORG"}  # not places: "Washington said" could be anyone there


@dataclass
class _Place:
    paragraph: Paragraph
    tokens: Span  # the quotation's words, in its paragraph's parse


def quotation_tokens(article: Article, open_mark: int, close_mark: int) -> _Place | None:
    """The parsed words between two quotation marks (article offsets of the marks)."""
    starts = [paragraph.start for paragraph in article.paragraphs]
    index = bisect_right(starts, open_mark) - 1
    if index < 0:
        return None
    paragraph = article.paragraphs[index]
    last = paragraph.doc[-1] if len(paragraph.doc) else None
    if last is None or open_mark - paragraph.start >= last.idx + len(last.text):
        return None
    span = paragraph.doc.char_span(open_mark - paragraph.start + 1, close_mark - paragraph.start,
                                   alignment_mode="expand")
    return _Place(paragraph, span) if span is not None and len(span) else None


class ParseAttributor:
    """Finds a quotation's speaker through its governing verb's subject."""

    def __init__(self, article: Article, people: PeopleIndex, pronoun_antecedent) -> None:
        self.article = article
        self.people = people
        # ``pronoun_antecedent(position, kind)`` answers "he"/"she" ("person") and "it" ("body").
        self.pronoun_antecedent = pronoun_antecedent
        self._bodies: list[_BodyMention] | None = None
        self._first_description: dict[str, int | None] = {}  # lemma → where "the <lemma>" is first written

    @property
    def bodies(self) -> list[_BodyMention]:
        """The organisations the article names, gathered on first need (from every paragraph's entities)."""
        if self._bodies is None:
            self._bodies = _body_mentions(self.article)
        return self._bodies

    def names_with(self, open_mark: int, close_mark: int) -> bool:
        """Is the quotation the phrase a verb of naming puts on something ("accused them of “double
        dealing”", "called it “a disgrace”")? Then even two words are the point of the sentence."""
        place = quotation_tokens(self.article, open_mark, close_mark)
        if place is None:
            return False
        inside = range(place.tokens.start, place.tokens.end)
        for anchor in place.tokens:
            if anchor.head.i in inside or anchor.is_punct:
                continue
            node = anchor.head
            for _ in range(3):  # up through "of", "as"
                if node.pos_ == "VERB":
                    return node.lemma_.lower() in _VERBS_OF_NAMING - {"say", "tell", "add", "announce", "write"}
                node = node.head
        return False

    def speaker(self, open_mark: int, close_mark: int) -> str | None:
        place = quotation_tokens(self.article, open_mark, close_mark)
        if place is None:
            return None
        inside = range(place.tokens.start, place.tokens.end)
        verb = self._reporting_verb(place.tokens, inside)
        for _ in range(3):
            if verb is None:
                return None
            subject = _subject_of(verb, inside)
            if subject is None:
                return None
            speaker = self.resolve(subject, place.paragraph, inside)
            if speaker is not None:
                return speaker
            if verb.lemma_.lower() in _VERBS_OF_NAMING or verb.head == verb:
                return _unless_pronoun(subject)
            # "Varga said the offer was “the most generous …”": a clause whose subject is a thing (the
            # parser may hang the quotation on it) is what a higher verb reports.
            verb = self._climb(verb, inside, True)
        return None

    def _reporting_verb(self, words: Span, inside: range) -> Token | None:
        anchors = [token for token in words if token.head.i not in inside or token.head == token]
        for anchor in anchors:
            if anchor.is_punct:
                continue
            if anchor.head == anchor:  # the quotation is the sentence's main clause: "“…,” she said"
                found = _reporting_child(anchor, inside)
                if found is not None:
                    return found
                continue
            found = self._climb(anchor, inside, anchor.pos_ in {"VERB", "AUX"})
            if found is not None:
                return found
        return None

    def _climb(self, anchor: Token, inside: range, is_clause: bool) -> Token | None:
        child, node, clausal = anchor, anchor.head, False
        for _ in range(8):
            link = child.dep_
            if link == "conj":
                # "should “disobey …” and “obey …”": a coordinated clause hangs where its first conjunct does.
                if node.head == node:
                    return None
                child, node = node, node.head
                continue
            if node.pos_ in {"VERB", "AUX"}:
                reports_clause = link in _REPORTED_CLAUSE and (clausal or is_clause or link in {"ccomp", "xcomp"})
                if link == "advcl" and any(c.dep_ == "mark" and c.lower_ != "that" for c in child.children):
                    reports_clause = False  # "because it “costs almost nothing”": a reason, not a report
                names_phrase = link in _QUOTED_PHRASE and node.lemma_.lower() in _VERBS_OF_NAMING
                if reports_clause or names_phrase:
                    if _subject_of(node, inside) is not None:
                        return node
                    if node.dep_ in {"advcl", "xcomp", "conj", "ccomp"} and node.head != node:
                        # "…, saying that it “…”": the participle's subject is its head verb's.
                        clausal = True
                        child, node = node, node.head
                        continue
                    return None
                if link in {"ccomp", "xcomp", "parataxis", "advcl", "pcomp", "acl", "relcl"}:
                    clausal = True
            if node.head == node:
                return None
            child, node = node, node.head
        return None

    def subject_of_sentence(self, sentence: Sentence) -> str | None:
        """Whom a sentence is about: the named subject of its main verb ("Roos expects …" → Annika Roos)."""
        if sentence.tokens is None:
            return None
        subject = next((child for child in sentence.tokens.root.children if child.dep_ in {"nsubj", "nsubjpass"}),
                       None)
        if subject is None or subject.pos_ == "PRON":
            return None
        paragraph = self.article.paragraphs[sentence.paragraph]
        return self.resolve(subject, paragraph, range(0))

    def resolve(self, subject: Token, paragraph: Paragraph, inside: range) -> str | None:
        """A person's full name or a body's name for the subject of the reporting verb."""
        lower = subject.lower_
        position = paragraph.offset(subject)
        if lower in {"who", "that", "which"} and subject.head.dep_ == "relcl":
            subject = subject.head.head  # "Elin Haga, who told the jury …": the relative clause's noun
            lower = subject.lower_
        if subject.pos_ == "PRON":
            if lower in _PERSON_PRONOUNS:
                return self.pronoun_antecedent(position, "person")
            if lower in _BODY_PRONOUNS:
                return self.pronoun_antecedent(position, "body")
            return None
        for child in subject.children:
            if child.dep_ == "appos" and child.i not in inside and child.pos_ == "PROPN":
                return self._named(child, paragraph)
        determined = any(child.dep_ in {"det", "poss"} for child in subject.children)
        if subject.pos_ == "PROPN" or (subject.pos_ == "NOUN" and subject.text[:1].isupper() and not determined):
            return self._named(subject, paragraph)  # the tagger reads some surnames as common nouns
        definite = any(child.dep_ == "poss" or child.lower_ in {"the", "this", "that"} for child in subject.children)
        if subject.pos_ == "NOUN" and definite:
            return self._described(subject, position)
        return None  # "a senior official said": somebody the article does not name

    def _named(self, token: Token, paragraph: Paragraph) -> str | None:
        name_tokens = [t for t in _name_tokens(token) if t.tag_ != "POS"]
        name = as_written(name_tokens)
        # "Labour Minister Odette Varga": the longest tail of the words that names a known person.
        before = self.article.text[paragraph.start:paragraph.offset(token)]  # (not ``Doc.text``: rebuilt per call)
        for first in range(len(name_tokens)):
            resolved = self.people.resolve_in_context(as_written(name_tokens[first:]), before,
                                                      self.article.title)
            if resolved:
                return resolved
        entity = _entity_of(token)
        if entity is not None and entity.label_ in _BODY_LABELS:
            text = entity.text
            start = entity.start
            if start > 0 and entity.doc[start - 1].lower_ == "the" and not text.lower().startswith("the "):
                text = "the " + text
            return normalise_body(text)
        name = self.people.without_title(name)
        if entity is not None and entity.label_ == "PERSON" and len(name.split()) >= 2:
            self.people.add(name)
            return self.people.resolve(name)
        if entity is None or entity.label_ == "ORG":
            # "Fairlow announced …": the short name of the one body whose name begins with it.
            bodies = {mention.name for mention in self.bodies
                      if " ".join(mention.words).removeprefix("the ").startswith(name.lower() + " ")}
            if len(bodies) == 1 and self.people.resolve(name) is None:
                return bodies.pop()
        return None

    def _described(self, noun: Token, position: int) -> str | None:
        """"the union", "the interior ministry": the nearest body named before, of that kind."""
        # "the interior ministry", "Brelland's ministry": every modifier must be in the body's name.
        modifiers = [child.lower_ for child in noun.children if child.dep_ in {"amod", "compound", "poss"}
                     and child.lower_ not in {"its", "their", "his", "her", "our"}]
        here = next((p.index for p in reversed(self.article.paragraphs) if p.start <= position), 0)
        fitting = [
            mention for mention in self.bodies
            if mention.start < position and mention.head == noun.lemma_.lower()
            and all(any(word.startswith(modifier[:5]) for word in mention.words) for modifier in modifiers)
        ]
        near = [mention for mention in fitting if here - mention.paragraph <= 1]
        if near:
            return near[-1].name  # the nearest, where several fit
        others_here = {mention.name for mention in self.bodies
                       if mention.paragraph == here and mention.start < position} - {m.name for m in fitting}
        if len({mention.name for mention in fitting}) == 1 and not others_here and (
                modifiers or self._described_only_after(noun.lemma_.lower(), fitting[0].start)):
            # Far back: the only body of that kind, when no other body in this paragraph could be meant, and
            # either the words pin it down ("the interior ministry") or the article never used the description
            # before naming it (the grocer's "the company" meant the grocer long before Kestrel Freight Company).
            return fitting[-1].name
        if not modifiers and not fitting:
            return self._person_by_role(noun)
        return None

    def _described_only_after(self, lemma: str, named_at: int) -> bool:
        """Does "the <lemma>" first appear in the article after the body was named at ``named_at``?"""
        if lemma not in self._first_description:
            self._first_description[lemma] = next(
                (paragraph.offset(token) for paragraph in self.article.paragraphs for token in paragraph.doc
                 if token.lemma_.lower() == lemma and token.is_lower and token.pos_ == "NOUN"
                 and any(child.lower_ == "the" for child in token.children)), None)
        first = self._first_description[lemma]
        return first is None or first > named_at

    def _person_by_role(self, noun: Token) -> str | None:
        """"the owner said": the one person whose role is that noun ("Osprey’s owner, Conrad Vey")."""
        holders = [person.name for person in self.people
                   if any(role.lower().split(" of ")[0].split()[-1:] == [noun.lemma_.lower()]
                          for role in [*person.roles, *person.descriptions] if role)]
        return holders[0] if len(holders) == 1 else None


@dataclass(frozen=True)
class _BodyMention:
    name: str
    head: str  # the lemma of the name's head noun: "ministry" for "the Ministry of Trade"
    words: tuple[str, ...]
    start: int
    paragraph: int


def _body_mentions(article: Article) -> list[_BodyMention]:
    mentions = []
    for paragraph in article.paragraphs:
        for entity in paragraph.doc.ents:
            if entity.label_ != "ORG":
                continue
            text = entity.text
            if entity.start > 0 and entity.doc[entity.start - 1].lower_ == "the" and not text.lower().startswith("the "):
                text = "the " + text
            mentions.append(_BodyMention(
                normalise_body(text), entity.root.lemma_.lower(), tuple(t.lower_ for t in entity),
                paragraph.offset(entity), paragraph.index,
            ))
    return mentions


def _unless_pronoun(subject: Token) -> str | None:
    # A pronoun whose antecedent is unclear leaves the rules free to try; a noun phrase names someone else.
    return None if subject.pos_ == "PRON" else UNKNOWN_SUBJECT


def _subject_of(verb: Token, inside: range) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS and child.i not in inside:
            return child
    return None


def _reporting_child(root: Token, inside: range) -> Token | None:
    """"“We will not give in,” Petro said" parsed with the quotation as the root: the verb hung beside it."""
    for child in root.children:
        if child.i in inside or child.dep_ not in {"parataxis", "ccomp", "conj", "advcl"}:
            continue
        if child.pos_ == "VERB" and _subject_of(child, inside) is not None:
            return child
    return None


def _name_tokens(token: Token) -> list[Token]:
    parts = [child for child in token.lefts if child.dep_ in {"compound", "flat"} and child.pos_ == "PROPN"]
    parts.append(token)
    parts += [child for child in token.rights if child.dep_ == "flat"]
    return sorted(parts, key=lambda t: t.i)


def _entity_of(token: Token) -> Span | None:
    return entity_around(token)
