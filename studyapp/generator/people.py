"""People (and the bodies that speak): names, their roles, and the short forms that refer to them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from studyapp.generator.model import LOOK_BACK
from studyapp.generator.roles import (
    appositive_roles,
    is_heading,
    name_is_a_thing,
    surnames,
    title_is_part_of_a_name,
    titled_names,
    words_of_people,
)
from studyapp.generator.text import Article

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zà-öø-ÿ"
NAME_WORD = rf"(?:Mc|Mac|O['’])?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)*(?:-[{_UPPER}][{_LOWER}]+)*"
_INITIAL = rf"[{_UPPER}]\."
_PARTICLE = r"(?:de|da|del|della|di|do|dos|du|van|von|der|den|la|le|bin|ibn|al|el|y)"
NAME = rf"(?:{NAME_WORD}|{_INITIAL})(?:\s+(?:{_PARTICLE}\s+)?(?:{NAME_WORD}|{_INITIAL})){{0,3}}"

HONORIFICS = r"(?:Mrs?\.?|Ms\.?|Dr\.?|Prof\.?|Sir|Dame|Lord|Lady|Rev\.?)(?=\s)"  # British style drops the full stop
TITLES = (
    r"(?:General\s+Manager|Managing\s+Director|Executive\s+Director|Board\s+Chair|Vice\s+Chancellor|"
    r"Field\s+Marshal|President-elect|Councilmember|Councillor|Councilman|Councilwoman|Council\s+Member|Alderman|"
    r"Alderwoman|Commissioner|Supervisor|Superintendent|Inspector|Detective|Sergeant|Sgt\.|Lieutenant|Lt\.|"
    r"Bishop|Archbishop|Cardinal|Rabbi|Imam|Emperor|Empress|Khedive|Viceroy|Tsar|Czar|Shah|Pharaoh|"
    r"Assemblyman|Assemblywoman|Principal|Dean|Provost|Brigadier|"
    # "State Transportation Secretary", "Health Minister": an office named by its department.
    r"(?:[A-Z][a-z]+\s+){1,3}(?:Secretary|Minister|Director|Commissioner|Superintendent)(?=\s+[A-Z])|"
    r"Vice\s+President|President|Deputy\s+Prime\s+Minister|Prime\s+Minister|"
    r"(?:Foreign|Defen[cs]e|Finance|Interior|Justice|Health|Trade|Economy|Education|Energy|Environment)\s+Minister|"
    r"Minister(?:\s+of\s+[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+)?)?|Secretary\s+of\s+State|Secretary-General|"
    r"(?:(?:Defen[cs]e|Treasury|Home|Foreign|State|Press)\s+)?Secretary|Senator|Sen\.|Representative|Rep\.|"
    r"Congressman|Congresswoman|Governor|Gov\.|Lt\.\s+Gen\.|Maj\.\s+Gen\.|General|Gen\.|Admiral|Adm\.|Colonel|"
    r"Col\.|Captain|Capt\.|Commander|Chancellor|King|Queen|Prince|Princess|Pope|Mayor|Judge|Chief\s+Justice|"
    r"Justice|Ambassador|Professor|Sheikh|Emir|Sultan|Chairman|Chairwoman|Chair|Director|Spokesman|Spokeswoman|"
    r"Premier|Attorney\s+General|Speaker|Chief\s+Executive|CEO)"
)
_NATIONALITY = r"(?:U\.S\.|US|U\.K\.|UK|EU|UN|[A-Z][a-z]+(?:an|ian|ese|ish|ch|ic|i))"
_ROLE_MODIFIERS = rf"(?:(?:former|then-|then\s|acting|interim|outgoing|incoming)\s*)?(?:{_NATIONALITY}\s+)?"
ROLE_NOUNS = (
    r"(?:commander|head|chief|director|leader|minister|president|vice\s+president|chairman|chairwoman|chair|"
    r"secretary|spokesman|spokeswoman|spokesperson|ambassador|governor|mayor|founder|chief\s+executive|editor|"
    r"professor|general|senator|judge|captain|coach|manager|owner|deputy|adviser|advisor|envoy|prosecutor|"
    r"attorney\s+general|foreign\s+minister|prime\s+minister|king|queen|economist|analyst|researcher|historian|"
    r"scientist|author|CEO|viceroy|khedive|emperor|empress|sultan|diplomat|engineer|architect|explorer|writer|"
    r"novelist|poet|painter|composer|physicist|chemist|journalist|reporter|lawyer|entrepreneur|businessman|"
    r"businesswoman|activist|nurse|doctor|teacher|student|singer|actor|actress|player|pilot|soldier|officer|"
    r"official|spokesperson|councilmember|commissioner|superintendent|principal|treasurer|inventor|bishop|"
    r"mathematician|philosopher|banker|farmer|worker|resident|member|organizer|organiser|volunteer|auditor|"
    r"comptroller|inspector|regulator|ombudsman|chancellor|clerk|sheriff|registrar|curator|trustee)"
)
_ROLE_NOUN = re.compile(ROLE_NOUNS, re.IGNORECASE)
_LOWER_TITLES = r"(?:presidents?|ministers?|senators?|governors?|generals?|ambassadors?|mayors?|prime\s+ministers?)"

# Words that show a capitalised run is a place, a body or a thing, not a person.
NOT_PERSON_WORDS = set(
    "Assembly Council Department House Office Party Army Forces Force Agreement Agreements University Street Square "
    "River Island Islands Republic States Kingdom Union Nations Organization Organisation Court Congress Senate "
    "Parliament Ministry Bank Fund Agency Group Company Corp Inc Ltd Center Centre Institute Committee Commission "
    "Administration Government Coast Guard Airport Hospital School Church Plan Act Treaty Accord Accords Summit "
    "Platform Social Media News Times Post Journal Press Network Television Radio Foundation Federation League "
    "Alliance Coalition Cabinet Presidency Secretariat Tribunal War Sea Ocean Gulf Mountains Valley City County "
    "Province State Region District Prize Award Cup Games Olympics Day Week Year Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October November December "
    "North South East West Northern Southern Eastern Western Latin America American Americas Europe European Africa "
    "African Asia Asian Caribbean Pacific Atlantic Middle General".split()
)
PRONOUNS = {"he", "she"}

BODY = (
    r"(?:[Tt]he\s+)?(?:(?:U\.S\.|US|UN|EU|UK|[A-Z][a-z]+(?:['’]s?)?)\s+){0,4}"
    r"(?:Department|Ministry|Office|Agency|Council|Commission|Committee|Court|Congress|Senate|Parliament|Pentagon|"
    r"Kremlin|White\s+House|Embassy|Government|Police|Army|Navy|Bank|Fund|Organi[sz]ation|Union|Association|"
    r"Institute|University|Company|Corporation|Board|Authority|Service|Bureau|Foundation|Federation|League|"
    r"Alliance|Coalition|Cabinet|Presidency|Secretariat|Tribunal)\b"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})?"
)


# "Ambassador to Brelland--Tomas Rieger", "Foreign Minister: Ilse Brandauer": a role, a dash, a full name.
_LISTED_OFFICIAL = re.compile(
    rf"(?P<role>[A-Z][\w'’.-]*(?:\s+(?:of|to|for|the|and|[A-Z][\w'’.-]*)){{0,6}})\s*(?:--|—|–|:)\s*"
    rf"(?P<name>(?:{HONORIFICS}\s+|{TITLES}\s+)?{NAME_WORD}(?:\s+{NAME_WORD}){{1,3}})"
)
_LEADING_TITLE = re.compile(rf"^(?:{TITLES}|{HONORIFICS})\s+(?=[A-Z])")


# Words for family: "her daughter" says whose relative someone is, not what they do, and a question could
# not say whose ("Who was the daughter?"), so such a role is kept as a fact but not asked about.
KIN = set("daughter son wife husband mother father brother sister widow widower grandson granddaughter "
          "grandmother grandfather partner niece nephew cousin aunt uncle child children".split())


def is_person_name(name: str) -> bool:
    words = name.split()
    if not words or words[0] in {"The", "A", "An", "This", "That", "These", "Those", "In", "On", "At"}:
        return False
    return not any(word.strip(".") in NOT_PERSON_WORDS for word in words)


def normalise_body(text: str) -> str:
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"['’]s?$", "", text)  # "the Sailing Club’s rules": the club
    return re.sub(r"^The\b", "the", text)


def _clean_role(role: str) -> str:
    """The role as a question can use it; "" when the words are no role ("her daughter", "one volunteer")."""
    role = re.sub(r"\s+", " ", role.strip())
    role = re.sub(r"^then[-\s]+", "", role)
    if re.match(r"(?:one|another|some|each|every)\b", role, re.IGNORECASE):
        return ""  # "One volunteer" is no role
    if re.match(r"(?:a|an|the)?\s*\w+\s+of\s+\d", role, re.IGNORECASE):
        return ""  # "a run of 17 matches", "a total of 40": a count, not what someone is
    if re.search(r"['’]s?$", role):
        return ""  # "Denholm's Patrick Ashworth": whose, not what
    role = re.sub(r"^(?:a|an|the|its|his|her|their|my|our|your)\s+", "", role, flags=re.IGNORECASE)
    role = re.sub(r"^then[-\s]+", "", role)  # "the then-director of the survey"
    role = re.sub(r"^(?:[\w]+-)+year-old\s+", "", role)  # "a 34-year-old nurse": the age is no part of the role
    if re.match(r"[a-z]\S*['’]s\b", role):
        role = "the " + role  # "the city's transit director" needs its article
    role = re.sub(r"\bpresidents\b", "president", role)
    role = re.sub(r"\bministers\b", "minister", role)
    return role


@dataclass
class Person:
    name: str
    roles: Counter[str] = field(default_factory=Counter)
    role_places: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # role → (sentence, start, end)
    past_roles: set[str] = field(default_factory=set)  # roles the article marks "then-" or "former"
    # One-word roles the article gives only as someone's ("its leader"): a fact, but "leader" of what, a
    # question could not say.
    owned_roles: set[str] = field(default_factory=set)
    # Other ways the article describes the person ("Osprey’s owner"): for finding whom "the owner" means.
    descriptions: set[str] = field(default_factory=set)

    @property
    def role(self) -> str | None:
        """The role the article gives most often, counting "President" as a use of "US President",
        so that the most specific wording of the commonest role wins."""
        if not self.roles:
            return None

        def uses(role: str) -> int:
            return sum(count for other, count in self.roles.items() if _ends_with(role, other))

        return max(self.roles, key=lambda role: (uses(role), len(role), role))


class PeopleIndex:
    """Every person the article names, under the fullest name it uses for them."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}

    def add(self, name: str, role: str | None = None, place: tuple[int, int, int] | None = None,
            *, as_named: bool = False) -> None:
        """``as_named``: the model read the whole as a name, so a title-like first word ("Dean Howell") stays."""
        name = re.sub(r"\s+", " ", name.strip())
        if not as_named or len(name.split()) > 2:
            name = _LEADING_TITLE.sub("", name)
        if not is_person_name(name):
            return
        person = self.people.setdefault(name, Person(name))
        if role:
            is_past = bool(re.match(r"\s*(?:(?:a|an|the)\s+)?(?:then\b|former\b)", role, re.IGNORECASE))
            owned = bool(re.fullmatch(r"\s*(?:its|his|her|their)\s+\S+(?:\s+\S+)?\s*", role, re.IGNORECASE))
            role = _clean_role(role)
            if not role:
                return
            if is_past:
                person.past_roles.add(role)
            if owned:
                person.owned_roles.add(role)
            person.roles[role] += 1
            if place is not None:
                person.role_places.setdefault(role, place)

    def merge_short_forms(self) -> None:
        """Fold "Santos" and "Manuel Santos" into "Juan Manuel Santos" when only one longer name fits."""
        for name in sorted(self.people, key=lambda n: len(n.split())):
            fuller = [other for other in self.people if other != name and _is_short_form(name, other)]
            longest = [other for other in fuller if not any(_is_short_form(other, more) for more in fuller)]
            if len(longest) == 1:
                short = self.people.pop(name)
                target = self.people[longest[0]]
                target.roles.update(short.roles)
                target.descriptions.update(short.descriptions)
                target.past_roles.update(short.past_roles)
                target.owned_roles.update(short.owned_roles)
                for role, place in short.role_places.items():
                    target.role_places.setdefault(role, place)
            elif len(longest) > 1:
                # "Varnshaw" when Ottilie and Maren Varnshaw are both named: nobody in particular.
                del self.people[name]

    def describe(self, name: str, descriptions: tuple[str, ...]) -> None:
        person = self.people.get(self.resolve(name) or "")
        if person is not None:
            person.descriptions.update(_clean_role(description) for description in descriptions)

    @staticmethod
    def without_title(name: str) -> str:
        """"Dr. Dasto" → "Dasto"."""
        return _LEADING_TITLE.sub("", re.sub(r"\s+", " ", name.strip()))

    def resolve(self, name: str) -> str | None:
        """The fullest name for ``name``; None when it is unknown as a person or could be two people."""
        name = re.sub(r"\s+", " ", name.strip())
        if name in self.people:
            return name
        name = _LEADING_TITLE.sub("", name)  # "Dr. Dasto" is Dasto
        if name in self.people:
            return name
        matches = [full for full in self.people if _is_short_form(name, full)]
        if len(matches) == 1:
            return matches[0]
        return None

    def resolve_in_context(self, name: str, before: str, title: str) -> str | None:
        """``resolve``, and for a surname two people share ("Korrath" for a founder and his son): the one
        named in full earlier in the same paragraph (``before``), else the one the article is about (named in
        its ``title``, as an obituary's subject is), else nobody."""
        resolved = self.resolve(name)
        if resolved is not None:
            return resolved
        name = _LEADING_TITLE.sub("", re.sub(r"\s+", " ", name.strip()))
        candidates = [full for full in self.people if _is_short_form(name, full)]
        if len(candidates) < 2:
            return None
        here = [full for full in candidates if full in before]
        if len(here) == 1:
            return here[0]
        titled = [full for full in candidates if full in title]
        return titled[0] if not here and len(titled) == 1 else None

    def __iter__(self):
        return iter(self.people.values())


def _ends_with(role: str, other: str) -> bool:
    role_words, other_words = role.lower().split(), other.lower().split()
    return role_words[-len(other_words):] == other_words


def _is_short_form(short: str, full: str) -> bool:
    short_words, full_words = short.split(), full.split()
    return len(short_words) < len(full_words) and full_words[-len(short_words):] == short_words


_TITLED = re.compile(rf"(?P<role>{_ROLE_MODIFIERS}{TITLES})\s+(?P<name>{NAME})(?:\s+of\s+(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))?")
_HONOURED = re.compile(rf"\b{HONORIFICS}\s+(?P<name>{NAME})")
_LOWER_TITLED = re.compile(
    rf"\b(?P<role>(?:former\s+|then-)?(?:{_NATIONALITY}\s+|[A-Z][a-z]+['’]s\s+)?{_LOWER_TITLES})\s+"
    rf"(?P<name>{NAME})(?:\s+and\s+(?P<second>{NAME}))?"
)
_ROLE_THEN_NAME = re.compile(
    rf"\b[Tt]he\s+(?P<role>(?:[\w'’-]+\s+){{0,3}}{ROLE_NOUNS}\b[^,;()“”\"]{{0,80}}?),\s+(?P<name>{NAME})\s*[,.]"
)
# "the French diplomat Ferdinand de Lesseps": a descriptive role right before the name.
_DESCRIBED_NAME = re.compile(
    rf"\b(?:the|a|an)\s+(?P<role>(?:{_NATIONALITY}\s+|[a-z-]+\s+){{0,2}}{ROLE_NOUNS})\s+(?P<name>{NAME})\b"
)
# "Marjorie Lin, a retired nurse who …": read only for names already known to be people.
_KNOWN_NAME_THEN_ROLE = re.compile(
    rf"(?P<name>{NAME}),\s+(?:(?:a|an|the)\s+|(?={ROLE_NOUNS}\s+of\b))(?P<role>(?:[a-z-]+\s+|{_NATIONALITY}\s+){{0,3}}{ROLE_NOUNS}"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,4})?)(?=\s*[,.;]|\s+(?:who|that|which|and)\b)"
)
_NAME_THEN_ROLE = re.compile(
    rf"(?P<name>{NAME}),\s+(?:the\s+)?(?P<role>(?:[a-z-]+\s+){{0,2}}{ROLE_NOUNS}\s+(?:of|at|for)\s+[^,;()“”\"]{{1,60}}?),"
)


def find_people(article: Article) -> PeopleIndex:
    """Everyone the article names with a title or a role, plus their roles."""
    index = PeopleIndex()
    named_by_model = words_of_people(article)
    lower_case_words = set(re.findall(r"\b[a-z][\w'’-]*", article.text))  # once: looked up for every title
    # Words written with a capital inside sentences ("the £22.5m City paid"): names, even at a sentence's start.
    capitalised_inside = set(re.findall(r"(?<=[a-z,] )[A-Z][a-z]+", article.text))
    known_surnames = surnames(article)

    def is_role_noun(noun: str) -> bool:
        return bool(_ROLE_NOUN.fullmatch(noun))

    def is_title(word: str) -> bool:
        return bool(_LEADING_TITLE.match(f"{word} X"))

    def add_by_rule(name: str, role: str | None = None, place: tuple[int, int, int] | None = None) -> None:
        if " " not in name.strip() and (is_title(name.strip()) or name.strip() not in named_by_model):
            # "General Secretary …", "Minister Plenipotentiary": a lone word after a title is a name only if
            # the model reads it as part of one somewhere in the article.
            return
        index.add(name, role, place)

    for sentence in article.sentences:
        text = sentence.text
        listed = _LISTED_OFFICIAL.fullmatch(text)
        if listed:  # "Deputy Chief of Mission--Jonas Aberg": a line of a government page's list of officials
            index.add(_LEADING_TITLE.sub("", listed.group("name")), listed.group("role"),
                      (sentence.index, sentence.start, sentence.end))
            continue
        if is_heading(sentence):
            continue  # "Ambassador Recalled, 1989." names nobody

        def place(match: re.Match[str]) -> tuple[int, int, int]:
            return (sentence.index, sentence.start + match.start(), sentence.start + match.end())

        titled = [found for found in titled_names(sentence, known_surnames, is_title)
                  if not _common_word(found.name.split()[-1], lower_case_words)]  # "Captain Harrow Trophy"
        for found in [*appositive_roles(sentence, is_role_noun), *titled]:
            role = found.role
            first = role.split(" ", 1)[0] if role else ""
            if first.islower() and first not in lower_case_words and first.capitalize() in capitalised_inside:
                role = first.capitalize() + role[len(first):]  # "City manager": the club's name, not a town's
            index.add(found.name, role, (sentence.index, found.start, found.end), as_named=True)
            index.describe(found.name, found.also)
        for match in _TITLED.finditer(text):
            name = _trim_name(match.group("name"))
            if not _title_stands_alone(text, match.start()):
                continue
            if title_is_part_of_a_name(sentence, match.end("role")):
                continue  # "Prince Adjei", "Dean Howell": the title-like word is a first name
            # "off Admiral Point", "the Captain Harrow Trophy": a place or a thing, not a person. A name the model
            # read as a person's is a thing too when its last word is written in lower case elsewhere ("the
            # trophy"): nobody's surname is.
            unsure = (" " not in name and name not in named_by_model) or _common_word(name.split()[-1], lower_case_words)
            if unsure and name_is_a_thing(sentence, match.start("role")):
                continue
            role = match.group("role")
            if match.group("place") and match.group("place") not in NOT_PERSON_WORDS:
                role = f"{role} of {match.group('place')}"
                index.add(name, role, place(match))  # "Empress Eugénie of France": a ruler of a place
                continue
            add_by_rule(name, role, place(match))
        for match in _LOWER_TITLED.finditer(text):
            for group in ("name", "second"):
                if match.group(group):
                    add_by_rule(_trim_name(match.group(group)), match.group("role"), place(match))
        for pattern in (_ROLE_THEN_NAME, _NAME_THEN_ROLE, _DESCRIBED_NAME):
            for match in pattern.finditer(text):
                add_by_rule(_trim_name(match.group("name")), match.group("role"), place(match))
        for match in _HONOURED.finditer(text):
            add_by_rule(_trim_name(match.group("name")))
    # "CALDER SPRINGS, Calif. (AP) —": the dateline's town, which the model may read as a person further on.
    for place in _DATELINE_PLACE.findall(article.sentences[0].text if article.sentences else ""):
        index.people.pop(place.title(), None)
    for name in [name for name in index.people if _used_as_a_place_or_body(name, index, article.text)]:
        del index.people[name]
    index.merge_short_forms()
    return index


def _used_as_a_place_or_body(name: str, index: PeopleIndex, text: str) -> bool:
    """"the Carrick Ness light", "nearly all of them at Carrick Ness", "chief executive of Nordhavn Offshore":
    a name the article uses the way one uses a place's or a company's, never a person's."""
    if " " not in name:
        return False
    if any(role.endswith(f" of {name}") for other in index.people.values() if other.name != name
           for role in other.roles):
        return True  # a person's role is "of" it: an employer, a body
    escaped = re.escape(name)
    if re.search(rf"\b[Tt]he {escaped} [a-z]", text):
        return True  # "the Carrick Ness light": a name that describes a thing
    surname = name.split()[-1]
    said_alone = re.search(rf"(?<!{re.escape(name.split()[-2])} ){re.escape(surname)}\b", text)
    return bool(re.search(rf"\b(?:at|in|near|off) {escaped}\b(?!['’]s)", text)) and not said_alone


_DATELINE_PLACE = re.compile(r"^([A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+)*),")


def add_known_roles(index: PeopleIndex, article: Article) -> None:
    """Second look, once quotations have named more people: "Marjorie Lin, a retired nurse"."""
    for sentence in article.sentences:
        for match in _KNOWN_NAME_THEN_ROLE.finditer(sentence.text):
            name = index.resolve(_trim_name(match.group("name")))
            if name is not None and not index.people[name].roles:
                index.add(name, match.group("role"),
                          (sentence.index, sentence.start + match.start(), sentence.start + match.end()))


def _common_word(word: str, lower_case_words: set[str]) -> bool:
    """A capitalised word the article also writes in lower case ("Trophy", "the trophy")."""
    return word[:1].isupper() and word.lower() in lower_case_words


def _trim_name(name: str) -> str:
    return re.sub(r"['’]s$", "", name.strip())


def _title_stands_alone(text: str, position: int) -> bool:
    """False for "UN General Assembly": a title glued to a preceding proper noun is part of a name."""
    before = text[max(0, position - LOOK_BACK):position].rstrip()
    previous = before.split()[-1] if before.split() else ""
    return not (previous[:1].isupper() and previous not in {"US", "U.S.", "UK", "UN", "EU"}
                and not re.fullmatch(_NATIONALITY, previous) and not previous.endswith(("'s", "’s")))
