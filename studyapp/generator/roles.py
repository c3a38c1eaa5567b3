"""People and their roles as the parse and the named entities show them.

"Priyanka Dall, an analyst at Corran & Webb", "the company's operations director, Halvard Brun",
"Race officer Della King", "Marta Ilves, then the foreign minister": the role is the noun phrase in
apposition to a PERSON entity, or the common nouns compounded before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from studyapp.generator.language import as_written, entity_around, is_common_noun
from studyapp.generator.text import Article, Sentence

# Entities that are things or places: a capitalised run inside one is no person ("Bishop Skerry").
_THING_LABELS = {"FAC", "LOC", "GPE", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "rev", "mr.", "mrs.", "ms.", "dr.", "prof.", "rev."}
_MOST_ROLE_WORDS = 14


@dataclass(frozen=True)
class FoundRole:
    name: str
    role: str | None  # "then the foreign minister" keeps its "then": the caller marks it as past
    start: int  # article offsets of the words that give the role
    end: int
    also: tuple[str, ...] = ()  # other descriptions the sentence gives ("Osprey’s owner" beside "harbour pilot")


def is_heading(sentence: Sentence) -> bool:
    """A heading or caption ("Ambassador Recalled, 1989."): short and without a verb."""
    tokens = sentence.tokens
    if tokens is None:
        return False
    return len(tokens) <= 12 and not any(token.pos_ in {"VERB", "AUX"} for token in tokens)


def _entity_at(tokens: Span, offset: int) -> Span | None:
    token = tokens.doc.char_span(offset, offset + 1, alignment_mode="expand")
    return entity_around(token[0]) if token is not None and len(token) else None


def _local(sentence: Sentence, offset_in_sentence: int) -> int:
    """A sentence offset as an offset into the sentence's paragraph doc."""
    assert sentence.tokens is not None
    return sentence.tokens.start_char + offset_in_sentence


def title_is_part_of_a_name(sentence: Sentence, title_end: int) -> bool:
    """True for "Prince Adjei" or "Dean Howell": the model reads the title-like word as a first name
    (and not as the title of a full name, "Chair Patricia Okafor", or of a noun phrase, "the Khedive Ismail")."""
    if sentence.tokens is None:
        return False
    entity = _entity_at(sentence.tokens, _local(sentence, title_end - 1))
    if entity is None or entity.label_ != "PERSON":
        return False
    after_title = [token for token in entity if token.idx >= _local(sentence, title_end)]
    return len(after_title) == 1 and not _determined(entity)


def _determined(entity: Span) -> bool:
    """"the heavily indebted Khedive Ismail": a determiner before the name makes its first word a title."""
    return any(child.dep_ == "det" and child.i < entity.start for child in entity.root.children)


def _after_the(entity: Span) -> bool:
    """"the Captain Harrow Trophy": proper nouns after "the" name a thing."""
    index = entity.start - 1
    while index >= 0 and entity.doc[index].pos_ == "PROPN":
        index -= 1
    return index >= 0 and entity.doc[index].lower_ == "the"


def name_is_a_thing(sentence: Sentence, title_start: int) -> bool:
    """True for "the Captain Harrow Trophy", "off Bishop Skerry": a title and a word naming a thing or place."""
    if sentence.tokens is None:
        return False
    entity = _entity_at(sentence.tokens, _local(sentence, title_start))
    if entity is not None and entity.label_ in _THING_LABELS:
        return True
    first = next((token for token in sentence.tokens if token.idx >= _local(sentence, title_start)), None)
    if first is None or first.i == 0:
        return False
    before = first.doc[first.i - 1]
    # "the Captain Harrow Trophy", "off Admiral Point": a determiner or a preposition of place before a
    # title makes the whole a name of something.
    return before.lower_ == "the" or (before.dep_ == "prep" and before.lower_ not in {"by", "with", "of", "for"})


def _clean_name(entity: Span) -> tuple[str, int, int] | None:
    tokens = list(entity)
    while tokens and (tokens[0].lower_ in _HONORIFICS or tokens[0].lower_ == "the"):
        tokens = tokens[1:]
    while tokens and tokens[-1].tag_ == "POS" or tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if len(tokens) < 2 or not all(token.text[:1].isupper() for token in tokens if token.is_alpha):
        return None
    return as_written(tokens), tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _phrase(head: Token, leave_out: Span | None = None) -> tuple[str, int, int] | None:
    """The words of ``head``'s noun phrase, without relative clauses, the name itself and outer commas."""
    skip: set[int] = set()
    for child in head.children:
        # (and "the fourth general manager and the first woman to hold the post": one role, not both)
        if child.dep_ in {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"} and child.i > head.i:
            skip.update(token.i for token in child.subtree)
        if child.dep_ == "prep" and child.lower_ in {"for", "since", "until", "during"}:
            skip.update(token.i for token in child.subtree)  # "a union member for 22 years": how long, not what
    for token in head.subtree:  # "an epidemiologist at the Institute of Public Health who analysed the data"
        if token.dep_ == "relcl" and token.i > head.i:
            skip.update(t.i for t in token.subtree)
    if leave_out is not None:
        skip.update(range(leave_out.start, leave_out.end))
    words = [token for token in head.subtree if token.i not in skip]
    # Keep one unbroken run around the head: a relative clause cut out ends the phrase.
    run = [token for token in words if token.i >= head.i]
    kept_right = []
    for token in run:
        if kept_right and token.i != kept_right[-1].i + 1:
            break
        kept_right.append(token)
    left = [token for token in words if token.i < head.i]
    kept_left: list[Token] = []
    for token in reversed(left):
        if token.i != (kept_left[-1].i if kept_left else head.i) - 1 or (token.is_punct and token.text != "-"):
            break  # a hyphen joins ("a 19-year-old student"); other punctuation ends the phrase
        kept_left.append(token)
    tokens = list(reversed(kept_left)) + kept_right
    while tokens and (tokens[-1].is_punct or tokens[-1].pos_ in {"CCONJ", "ADP"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens or len(tokens) > _MOST_ROLE_WORDS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    # (A span's text, not the whole paragraph's: ``Doc.text`` joins every token again on each call.)
    return head.doc[tokens[0].i:tokens[-1].i + 1].text, start, end


def _role_for(entity: Span) -> tuple[str, int, int] | None:
    """The role the parse gives a name, the most specific way of giving it first."""
    root = entity.root
    # "Priyanka Dall, an analyst at Corran & Webb": the role in apposition after the name.
    for child in root.children:
        # (Not "Samir Oduya, the company’s fourth in a decade": "company" owns the apposition, it is not it.)
        possessor = child.i + 1 < len(child.doc) and child.doc[child.i + 1].tag_ == "POS"
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i >= entity.end and not possessor:
            return _phrase(child)
    for child in root.children:
        if child.dep_ != "relcl" or child.i < entity.end:
            continue
        # "Martin Ekwueme, who follows the industry as an analyst at Harrow & Finch": the role "as" gives.
        for token in child.subtree:
            if token.lower_ == "as" and token.head == child:
                nouns = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if nouns:
                    return _phrase(nouns[0])
        # "Prince Adjei, who has been the shop’s manager since it opened": the role the clause says he is.
        if child.lemma_ == "be":
            nouns = [c for c in child.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
            if nouns:
                return _phrase(nouns[0])
    # "Race officer Della King", "retired bus driver Olu Bankole": common nouns compounded before the name.
    before = _compounded_role(root, entity)
    if before is not None:
        return before
    return _apposition_before(entity)


def _apposition_before(entity: Span) -> tuple[str, int, int] | None:
    """"the company's operations director, Halvard Brun": the name in apposition to the role."""
    root = entity.root
    # (A lower-case head the tagger called a proper noun is a common noun: "chargé d’affaires".)
    if root.dep_ == "appos" and (root.head.pos_ == "NOUN" or root.head.is_lower) and root.head.i < entity.start:
        return _phrase(root.head, leave_out=entity)
    return None


def _compounded_role(root: Token, entity: Span) -> tuple[str, int, int] | None:
    before = [token for token in root.lefts if token.i < entity.start and token.dep_ in {"compound", "amod", "nmod"}]
    # A role has a common noun: one the tagger knows, a lower-case word, or a sentence's capitalised first word.
    if not before or not any(token.pos_ == "NOUN" or token.is_lower or (token.is_sent_start and is_common_noun(token.text))
                             for token in before):
        return None  # ("Anders Fredrik Holm": a first name the model left out of the name is no role)
    first = min(token.left_edge.i for token in before)
    tokens = list(root.doc[first:entity.start])
    # "left-wing Colombian President": a lower-case description, then the role.
    while len(tokens) > 2 and tokens[0].is_lower and tokens[1].text == "-":
        tokens = tokens[3:]
    hyphenated = {token.i for token in tokens if token.text == "-"} | {token.i + 1 for token in tokens if token.text == "-"}
    words = [token for token in tokens if not token.is_punct]
    # "Runner-up Gideon Farrow": a hyphenated word counts as one noun.
    if words and all(token.pos_ in {"NOUN", "ADJ", "PROPN"} or token.i in hyphenated for token in words):
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        text = root.doc[words[0].i:words[-1].i + 1].text
        if words[0].is_sent_start and words[0].pos_ != "PROPN" and not words[0].text.isupper():
            text = text[:1].lower() + text[1:]  # "Company founder Odile Brandvik": a role, not a name
        return text, start, end
    return None


def _names_with_a_person_role(tokens: Span, is_role_noun) -> list[Span]:
    """"Marta Ilves, then the foreign minister": a proper name the model did not read as a person, whose
    apposition is a role only a person holds."""
    found = []
    for token in tokens:
        if token.pos_ != "PROPN" or token.ent_type_ == "PERSON" or token.dep_ == "compound":
            continue
        given = [child for child in token.lefts if child.dep_ == "compound" and child.pos_ == "PROPN"]
        if not 1 <= len(given) <= 2 or not all(t.is_title for t in [*given, token]):
            continue
        if any(child.dep_ == "appos" and child.pos_ == "NOUN" and is_role_noun(child.lemma_) for child in token.children):
            found.append(token.doc[given[0].i:token.i + 1])
    return found


def appositive_roles(sentence: Sentence, is_role_noun=lambda noun: False) -> list[FoundRole]:
    """Every person the model names in the sentence, with the role the parse gives them (if any)."""
    tokens = sentence.tokens
    if tokens is None:
        return []
    paragraph_offset = sentence.start - tokens.start_char
    found: list[FoundRole] = []
    for entity in [*tokens.ents, *_names_with_a_person_role(tokens, is_role_noun)]:
        if entity.label_ not in {"PERSON", ""}:
            continue
        # "the historian Lorcan Ebbrecht": a word of description before a two-word name that is not a title's.
        described = (entity.start > 0 and entity.doc[entity.start - 1].is_lower
                     and not is_role_noun(entity[0].lower_))
        if _after_the(entity) or (len(entity) == 2 and _determined(entity) and not described):
            continue  # "the Captain Harrow Trophy" is a cup; "the Khedive Ismail" is left to the title rules
        name = _clean_name(entity)
        if name is None:
            continue
        text, start, end = name
        role = _role_for(entity)
        if role is None:
            found.append(FoundRole(text, None, paragraph_offset + start, paragraph_offset + end))
            continue
        role_text, role_start, role_end = role
        other = _apposition_before(entity)
        also = (other[0],) if other is not None and other[0] != role_text else ()
        found.append(FoundRole(text, role_text, paragraph_offset + min(start, role_start),
                               paragraph_offset + max(end, role_end), also))
    return found


def words_of_people(article: Article) -> set[str]:
    """Every word the model reads as part of a person's name, anywhere in the article."""
    return {token.text for paragraph in article.paragraphs for entity in paragraph.doc.ents
            if entity.label_ == "PERSON" for token in entity}


_ELIDED = re.compile(r"[a-z]['’][A-Z]")  # "Chargé d’Affaires"
_TITLE_GLUE = {"of", "the", "for", "and", "’s", "'s", "’", "'", "&", "-"}


def surnames(article: Article) -> set[str]:
    """Words the article uses alone for a person: the last word of every name the model reads as a
    person's, and a lone proper noun that reports something ("Selby ruled that …", "Ilves told …")."""
    found = {entity[-1].text for paragraph in article.paragraphs for entity in paragraph.doc.ents
             if entity.label_ == "PERSON" and entity[-1].pos_ == "PROPN"}
    for paragraph in article.paragraphs:
        for token in paragraph.doc:
            if (token.dep_ == "nsubj" and token.pos_ in {"PROPN", "NOUN"} and token.is_title
                    and not any(c.dep_ in {"compound", "det"} for c in token.children)
                    and token.ent_type_ in {"", "PERSON", "ORG"}
                    and any(child.dep_ == "ccomp" for child in token.head.children)):
                found.add(token.text)
    return found


def titled_names(sentence: Sentence, known_surnames: set[str], is_title) -> list[FoundRole]:
    """"Assistant General Secretary of the Harbour Workers’ Union Tobiah Mensah": a first name and a
    surname the article uses for a person, after a long capitalised title that the model read as a body."""
    tokens = sentence.tokens
    if tokens is None:
        return []
    paragraph_offset = sentence.start - tokens.start_char
    found: list[FoundRole] = []
    for token in tokens:
        if token.text not in known_surnames or token.dep_ == "compound" or token.i == 0:
            continue
        first = token.doc[token.i - 1]
        if first.pos_ != "PROPN" or not first.text[:1].isupper() or is_title(first.text):
            continue
        while first.i > 0 and (before := token.doc[first.i - 1]).is_title and not is_title(before.text) and (
                before.ent_type_ == "PERSON" or (before.pos_ == "PROPN" and before.dep_ == "compound"
                                                 and not is_common_noun(before.text) and not before.is_stop)):
            # "Juan Manuel Santos": every given name the model reads as part of the name, and those it left out
            # ("Anders Fredrik Holm") that are no English word
            first = before
        name_start, name_end = first.idx, token.idx + len(token)
        start = token.left_edge.i
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "PROPN":
            start = token.head.head.left_edge.i  # the parser reads "Inspector of the … Authority Maren Oduya" as one
        title = [t for t in token.doc[start:first.i] if not t.is_punct or t.text in _TITLE_GLUE]
        if title and title[0].pos_ == "DET":
            continue  # "The Varnshaw Glacier": proper nouns after "the" name a thing
        if not title:
            # The parser left the title out of the name's phrase ("Chargé d’Affaires Anselm Rydqvist"):
            # the capitalised words right before the name.
            left = first.i
            while left > 0 and (token.doc[left - 1].is_title or _ELIDED.match(token.doc[left - 1].text)) \
                    and token.doc[left - 1].ent_type_ not in {"GPE", "NORP", "DATE"}:
                left -= 1
            title = [t for t in token.doc[left:first.i] if t.pos_ == "PROPN" or _ELIDED.match(t.text)]
            if len(title) != first.i - left:
                title = []
        role = None
        if title and title[0].text[:1].isupper() and all(
                t.text[:1].isupper() or t.lower_ in _TITLE_GLUE or _ELIDED.match(t.text) for t in title):
            role = (token.doc[title[0].i:first.i].text.strip(), title[0].idx, name_end)
        else:
            role = _role_for(token.doc[first.i:token.i + 1])
        if role is None:
            found.append(FoundRole(token.doc[first.i:token.i + 1].text, None, paragraph_offset + name_start,
                                   paragraph_offset + name_end))
            continue
        role_text, role_start, role_end = role
        found.append(FoundRole(token.doc[first.i:token.i + 1].text, role_text, paragraph_offset + min(name_start, role_start),
                               paragraph_offset + max(name_end, role_end)))
    return found
