"""Questions from facts: several kinds per fact, checked, scored, and the weak ones dropped."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from functools import cache

from studyapp.generator import scoring
from studyapp.generator.asides import dateline_end, without_asides
from studyapp.generator.dates import DateMention, accepted_forms, format_like, month_number
from studyapp.generator.distractors import answer_rank, date_distractors, figure_distractors, number_in
from studyapp.generator.events import Event, without_citations
from studyapp.generator.figures import CURRENCY_CODES, FigureMention, qualifier_length
from studyapp.generator.model import Fact, Question, short_hash
from studyapp.generator.numbers import format_number
from studyapp.generator.people import KIN

BLANK = "_____"


@dataclass
class FactContext:
    """What the question builder knows about a fact beyond what the bank file records."""

    fact: Fact
    date: DateMention | None = None
    figure: FigureMention | None = None
    event: Event | None = None
    aliases: list[str] = field(default_factory=list)  # short forms of a speaker's or person's name
    past_role: bool = False
    quote_is_fragment: bool = False  # the quotation starts mid-clause ("will outlast …"): not asked alone
    excluded_values: set[str] = field(default_factory=set)  # values that are also right (conflicts)
    importance: float = 1.0  # a date's or figure's place in its sentence (see ``importance``)
    continuation: str | None = None  # the rest of a quotation its attribution interrupts, or its next sentence
    asked_with_previous: bool = False  # that next sentence: asked with the quotation before it, not alone
    role_needs_owner: bool = False  # "its leader": "leader" alone says too little to ask about
    asides: list[tuple[int, int]] = field(default_factory=list)  # what a blank's sentence may go without
    dates_main_clause: bool = True  # a date of the sentence's own event, which a past role may be asked "in"
    pronoun_means: str | None = None  # whom the sentence's opening "He" or "She" means, when that is certain


def _order(choices: list[str], salt: str) -> list[str]:
    """A fixed but unguessable order; ``choices[0]``, the answer, lands at ``answer_rank(salt)``.

    Drawing the answer's place from the salt (not from the choices' own hashes) keeps it uniform over a bank,
    whatever the choices are.
    """
    answer, others = choices[0], sorted(choices[1:], key=lambda choice: short_hash(salt, choice, length=12))
    place = answer_rank(salt, len(choices))
    return [*others[:place], answer, *others[place:]]


def _sorted_if_fair(by_value: dict[str, object], answer: str, salt: str) -> list[str]:
    """Numbers and dates read best in order; that order is kept when the answer is at its drawn rank.

    The distractors were chosen so that ``answer_rank(salt)`` of them lie below the answer; when the
    numbers could not allow it (nothing below "two"), a sorted list would tell, and the hashed order is used.
    """
    choices = sorted(by_value, key=lambda choice: (by_value[choice], choice))
    if choices.index(answer) == answer_rank(salt, len(choices)):
        return choices
    return _order([answer, *(choice for choice in choices if choice != answer)], salt)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _shorten_quote(text: str, words: int = 32) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + " …"


# Qualifiers that make a figure a bound: any choice on the right side of it would be true too.
_BOUND = re.compile(r"(?i)\s*(?:more|fewer|less|greater|higher|lower)\s+than\b|\s*(?:at\s+least|at\s+most|over|under|"
                    r"up\s+to|just\s+under|just\s+over)\b")

# The most a figure of some units can be: nobody is 136 years old, and no earthquake reaches magnitude 13.
_CEILINGS = {"years old": 110.0, "magnitude": 9.9, "cents": 99.0}
# "a fee of £31 million (€36.5m)": the same figure in other units, right after it.
_CONVERSION_AFTER = re.compile(r"\s*\([^()]{0,40}\d[^()]{0,40}\)")
_RANGE = re.compile(r"\d\s*(?:to|-|–)\s*\d")  # "30 to 40 millimetres"
# "from $55 to $68", "rose to 412, up from 37": two figures the sentence orders, so the choices must keep the order.
_FROM_BEFORE = re.compile(r"\bfrom\s+$")
_TO_BETWEEN = re.compile(r"\s+to\s+")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$")
_AND_BETWEEN = re.compile(r"\s+and\s+")
_UP_FROM_BETWEEN = re.compile(r",?\s+(?:up|down)\s+from\s+")
# A sentence that opens by pointing back ("It is 38 km long", "So did …", "They …") needs the one before it.
_POINTS_BACK = re.compile(r"^(?:It|Its|They|Their|Them|She|Her|He|His|This|These|Those|So|Such|Both|Neither)\b"
                          r"|^The\s+(?:\S+-year-old(?=[\s,])|_____(?=,))")  # "The 24-year-old, who scored …": who?
# Where a long sentence may be cut into a clause that reads alone.
# Only before a clause that stands on its own: "…, and the trust estimated …", not "…, where she was …".
# A coordinated clause stands alone only with a subject of its own: ", and the trust estimated …", not
# ", and in 1962 joined the survey".
# A participle after a comma (", setting up picket lines …", ", forcing …") ends the main clause too; the
# piece after it, or after ", but that …", never reads alone and is not asked.
_CLAUSE_BREAK = re.compile(
    r"(?<=[;:])\s+|\s+[—–]\s+|--|,\s+(?=(?:and|but|while|whereas|yet)\s+(?:the|a|an|its|his|her|their|this|these|"
    r"those|that|it|they|he|she|we|[A-Z])\b)|,\s+(?=[a-z]+ing\s)"
)
_NOT_ALONE = re.compile(r"^(?:(?:and|but|while|whereas|yet)\s+that\b|[a-z]+ing\s)")

_DASH = re.compile(r"[—–]|--")
_MEASURE_BEFORE_ITS_NOUN = re.compile(r"^([\w.,]+-[a-z]+(?:-[a-z]+)?)\s+\S")  # "640-bed hospital" 
_FEWEST_CLOZE_WORDS = 6
_OPENING_PRONOUN = re.compile(r"(?:He|She)\b")
_FEWEST_WORDS_POINTING_BACK = 8  # a quotation that opens with "He", "It", "They" needs this many to say something


def _cloze_text(sentence: str, start: int, end: int, limit: int = 32,
                asides: list[tuple[int, int]] | None = None, pronoun_means: str | None = None) -> str | None:
    """The sentence with [start, end) blanked; a long one without its asides, or cut to the clause around
    the blank. None when what is left is still too long, or cannot be read without the sentence before it.
    ``pronoun_means``: the name an opening "He" or "She" stands for, written in its place."""
    if len(sentence) > 40 * limit:
        return None  # far too long to read as one question, and costly to cut for each of its facts
    pronoun = _OPENING_PRONOUN.match(sentence) if pronoun_means else None
    if pronoun and pronoun.end() <= start:
        shift = len(pronoun_means) - pronoun.end()
        sentence, start, end = pronoun_means + sentence[pronoun.end():], start + shift, end + shift
        asides = [(a + shift, b + shift) for a, b in asides or [] if a >= pronoun.end()]
    dateline = dateline_end(sentence)
    if 0 < dateline <= start:  # "CALDMOUTH, 23 May 2025 — A jury …": the place and day add nothing to a blank
        sentence, start, end = sentence[dateline:], start - dateline, end - dateline
        asides = [(a - dateline, b - dateline) for a, b in asides or [] if a >= dateline]
    if asides and _words_blanked(sentence, start, end) > limit:
        sentence, start, end = without_asides(sentence, start, end, asides,
                                              lambda text, a, b: _words_blanked(text, a, b) > limit)
    blanked = sentence[:start] + BLANK + sentence[end:]
    if len(blanked.split()) > limit:
        pieces = re.split(f"({_CLAUSE_BREAK.pattern})", blanked)  # clauses at even places, breaks between
        place = next((i for i in range(0, len(pieces), 2) if BLANK in pieces[i]), None)
        if place is None:
            return None
        around = pieces[place].strip(" ,")
        between_dashes = 0 < place < len(pieces) - 1 and all(
            _DASH.search(pieces[i]) for i in (place - 1, place + 1))
        if between_dashes or _NOT_ALONE.match(around) or len(around.split()) < 6 or len(around.split()) > limit:
            return None  # an aside between dashes ("— $16 on average, against $58 —") has no verb of its own
        around = re.sub(r"^(?:and|but|while|whereas|yet)\s+", "", around)
        blanked = around[:1].upper() + around[1:]
        ending = without_citations(blanked).rstrip()
        if ending[-1:] not in {".", "!", "?"} and not (ending[-1:] in {"”", '"'} and ending[-2:-1] in {".", "!", "?"}):
            blanked = blanked.rstrip(" ,;:") + "."
    if _POINTS_BACK.match(blanked) or _unnamed_subject(blanked) or len(blanked.split()) < _FEWEST_CLOZE_WORDS:
        return None  # ("A majority needs _____." says too little: a majority of what?)
    return blanked


_AMOUNT = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.])(?!\s*(?:%|per\s?cent|percent))")
_YEAR_NUMBER = re.compile(r"1[0-9]{3}|20[0-9]{2}")


def _amounts_beside_a_share(sentence: str) -> int:
    """How many amounts a sentence gives besides its shares: no year, no day of a date, no measure before a
    noun ("a 12-week trial")."""
    count = 0
    for match in _AMOUNT.finditer(sentence):
        after, before = sentence[match.end():match.end() + 12], sentence[max(0, match.start() - 12):match.start()]
        if _YEAR_NUMBER.fullmatch(match.group()) or after.startswith("-"):
            continue
        if _MONTH_AFTER.match(after.lstrip()) or _MONTH_BEFORE.search(before.rstrip()):
            continue
        count += 1
    return count


_MONTHS_PATTERN = "(?:" + "|".join(name for name in calendar.month_name if name) + ")"
_MONTH_AFTER = re.compile(_MONTHS_PATTERN + r"\b")
_MONTH_BEFORE = re.compile(r"\b" + _MONTHS_PATTERN + "$")


def _words_blanked(sentence: str, start: int, end: int) -> int:
    return len(sentence[:start].split()) + 1 + len(sentence[end:].split())


# "The electoral commission it created …", "…, he said, it served …": a subject only the sentence before names.
_SUBJECT_PRONOUN = re.compile(r"\b(?:he|she|they|it|them|him)\b")
_NAME_WORD = re.compile(r"(?<=\s)[A-Z][a-z]")


def _unnamed_subject(text: str) -> bool:
    pronoun = _SUBJECT_PRONOUN.search(text)
    if pronoun is None or _NAME_WORD.search(text, 0, pronoun.start()):
        return False
    if pronoun.group() in {"them", "him"} and len(text[:pronoun.start()].split()) > 4:
        return False  # "…, most of them from marsh fever": the sentence's own labourers
    # "Hospital administrators said they had …": the speaker of the sentence, named before its verb.
    return not (pronoun.start() > 0 and _AFTER_A_SAYING.search(text, 0, pronoun.start()))


_AFTER_A_SAYING = re.compile(r"\S\s+(?:said|says|say)\s+(?:that\s+)?$")


def _leaks(prompt: str, answer: str, aliases: list[str]) -> bool:
    lowered = prompt.lower()
    return any(form and form.lower() in lowered for form in [answer, *aliases])


class QuestionBuilder:
    def __init__(self, contexts: list[FactContext], people: set[str] | None = None) -> None:
        self.contexts = contexts
        self.person_names = people  # None: every speaker may stand beside every other
        self.dates = [c.date.value for c in contexts if c.date is not None]
        self.speakers = sorted({c.fact.speaker for c in contexts if c.fact.kind == "quote" and c.fact.speaker})
        self.people = [c for c in contexts if c.fact.kind == "person"]
        # Worked out once, not for each question: every figure's value by sentence and unit, the year of each
        # sentence's first dated event, and the given names of everyone the article names.
        self.figure_values: dict[tuple[int, str | None], set[float]] = {}
        self.figures_by_sentence: dict[int, list[Fact]] = {}
        for c in contexts:
            if c.fact.kind == "figure":
                self.figure_values.setdefault((c.fact.sentence_index, c.fact.unit), set()).add(float(c.fact.value))
                self.figures_by_sentence.setdefault(c.fact.sentence_index, []).append(c.fact)
        self.year_of_sentence: dict[int, str] = {}
        for c in contexts:
            if c.date is not None and c.date.role == "event" and c.dates_main_clause:
                self.year_of_sentence.setdefault(c.fact.sentence_index, c.date.value[:4])
        names = people if people is not None else {c.fact.text for c in self.people}
        self.given_names = {word for name in names for word in name.split()[:-1]}
        self.name_words = {word for name in names for word in name.split()}

    def build(self) -> list[Question]:
        questions: list[Question] = []
        crowded = self._crowded_out()
        for context in self.contexts:
            kind = context.fact.kind
            if context.importance < scoring.IMPORTANT_ENOUGH or context.fact.id in crowded:
                continue  # an aside: a fact of the article, but not one to ask about
            made = {
                "date": self._date_questions,
                "figure": self._figure_questions,
                "quote": self._quote_questions,
                "person": self._person_questions,
            }[kind](context)
            kept = sorted((q for q in made if q.score >= scoring.KEEP_AT), key=lambda q: -q.score)[:scoring.PER_FACT]
            questions.extend(sorted(kept, key=lambda q: _TYPE_ORDER.index(q.type)))
        questions.extend(self._order_questions())
        questions = _without_repeats(questions, {c.fact.id: c.fact for c in self.contexts})
        corrections = _spelling_of_dates([c.date for c in self.contexts if c.date is not None])
        for question in questions:
            _drop_citation_markers(question)
            _correct_dates(question, corrections)
        for question in questions:
            basis = question.fact_ids or [question.fact_id]
            question.id = "q-" + short_hash(*basis, question.type, question.variant)
        return questions

    def _crowded_out(self) -> set[str]:
        """Figures past the most important few of their sentence: "31 percent … 12 percent … 9 percent and
        10 percent" asks two, not four near-identical blanks on one line."""
        by_sentence: dict[int, list[FactContext]] = {}
        for context in self.contexts:
            if context.fact.kind == "figure" and context.importance >= scoring.IMPORTANT_ENOUGH:
                by_sentence.setdefault(context.fact.sentence_index, []).append(context)
        crowded: set[str] = set()
        for figures in by_sentence.values():
            ranked = sorted(figures, key=lambda c: (-c.importance, c.fact.start))
            # "4.1 million boardings …, compared with 5.6 million in 2019, a decline of roughly 27 percent":
            # any one of the three follows from the other two, so only the first is asked.
            derived = any(c.fact.unit == "%" for c in ranked) and _amounts_beside_a_share(ranked[0].fact.sentence) >= 2
            crowded |= {c.fact.id for c in ranked[1 if derived else scoring.FIGURES_ASKED_PER_SENTENCE:]}
        return crowded

    # Dates -------------------------------------------------------------------------------------

    def _date_questions(self, context: FactContext) -> list[Question]:
        fact, mention, event = context.fact, context.date, context.event
        assert mention is not None
        if mention.role != "event":
            return []  # a dateline, a heading or a statistic's year: a fact, but nothing worth asking
        answer = format_like(mention.value, mention)
        accept = sorted({form for form in [mention.text, *accepted_forms(mention.value)] if form != answer})
        questions: list[Question] = []
        wrong = date_distractors(mention, self.dates, context.excluded_values, salt=fact.id)
        conflict = scoring.CONFLICT if context.excluded_values else 0.0
        # "When was the 1931 Canal Act passed?" answers itself, whatever the day.
        year_told = event is not None and re.search(
            rf"(?i)\b(?:the|a|an|its|his|her|their)\s+{str(mention.value)[:4]}\b", event.question)
        if event is not None and not event.vague and not year_told and not _leaks(event.question, answer, [mention.text]):
            prompt = event.question
            if len(wrong) == 3:
                by_value = {answer: mention.value, **{text: value for text, value, _ in wrong}}
                choices = _sorted_if_fair(by_value, answer, fact.id)
                from_article = sum(is_from for _, _, is_from in wrong)
                questions.append(Question(
                    fact.id, "multiple_choice", prompt, answer, choices=choices,
                    accept=accept, explanation=fact.sentence, score=scoring.DATE_CHOICE + scoring.DATE_CHOICE_PER_ARTICLE_DATE * from_article + conflict,
                ))
            questions.append(Question(
                fact.id, "short_answer", prompt, answer, accept=accept, explanation=fact.sentence,
                score=scoring.DATE_TYPED + conflict,
            ))
            if wrong:
                questions.append(self._date_true_false(context, answer, wrong[0][0]))
        # "by Monday afternoon", "two weeks later": the blank would have to take words the sentence never had.
        written = any(character.isdigit() for character in mention.text)
        cloze = _cloze_text(fact.sentence, fact.start - fact.span[0], fact.end - fact.span[0],
                            asides=context.asides, pronoun_means=context.pronoun_means) if written else None
        if cloze and mention.text.lower() not in cloze.lower():
            # The blank takes the words it replaced; only a misspelt month is written properly.
            fitting = answer if mention.precision in {"day", "month"} else fact.text
            cloze_accept = sorted({form for form in [answer, *accept] if form != fitting})
            questions.append(Question(
                fact.id, "cloze", f"Fill in the blank: {cloze}", fitting, accept=cloze_accept, explanation=fact.sentence,
                score=(scoring.DATE_CLOZE_BESIDE_EVENT if event and not event.vague else scoring.DATE_CLOZE_ALONE)
                + scoring.cloze_length(cloze),
            ))
        return questions

    def _date_true_false(self, context: FactContext, answer: str, wrong: str) -> Question:
        fact, mention, event = context.fact, context.date, context.event
        assert mention is not None and event is not None
        is_true = int(short_hash(fact.id, "tf"), 16) % 2 == 0
        shown = answer if is_true else wrong
        # The date goes first: "On 15 September 2025, …" cannot be misread as part of the clause.
        if mention.precision == "period":
            years = re.findall(r"\d{4}", shown)
            when = f"From {years[0]} to {years[-1]}" if len(years) >= 2 else shown
        else:
            when = {"day": "On", "month": "In", "year": "In"}[mention.precision] + f" {shown}"
        statement = f"{when}, {event.statement}."
        return Question(
            fact.id, "true_false", f"True or false? {statement}", "True" if is_true else "False",
            choices=["True", "False"], explanation=fact.sentence, score=scoring.DATE_TRUE_FALSE + (scoring.CONFLICT if context.excluded_values else 0),
        )

    # Figures -----------------------------------------------------------------------------------

    def _figure_questions(self, context: FactContext) -> list[Question]:
        fact, mention = context.fact, context.figure
        assert mention is not None
        # "as many as 40 ships": the blank takes "40 ships", so that every choice reads like the answer.
        answer = fact.text[qualifier_length(fact.text):]
        start = fact.start - fact.span[0] + len(fact.text) - len(answer)
        end = fact.end - fact.span[0]
        number = number_in(answer)
        if not fact.sentence[:start].strip(" “\"") and number and answer.startswith(number) and number != answer:
            # "_____ were closed in 1926" would lose its subject: "_____ wayside stations were closed …".
            answer, end = number, start + len(number)
        measure = _MEASURE_BEFORE_ITS_NOUN.match(answer)
        if measure:
            # "the first at the _____ hospital": the blank takes "640-bed", not the hospital with it.
            answer, end = measure.group(1), start + len(measure.group(1))
        sentence, asides = fact.sentence, context.asides
        conversion = _CONVERSION_AFTER.match(sentence, end)
        if conversion:  # "a fee of _____ (€36.5m)": the same figure in other units would answer the blank
            sentence = sentence[:end] + sentence[conversion.end():]
            cut = conversion.end() - end
            asides = [(a, b) if b <= end else (a - cut, b - cut) for a, b in asides if b <= end or a >= end + cut]
        cloze = _cloze_text(sentence, start, end, asides=asides, pronoun_means=context.pronoun_means)
        if not cloze or BLANK not in cloze or answer.lower() in cloze.lower():
            return []  # the same figure written twice would answer its own blank
        written_in_words = answer.strip()[:1].isalpha() and fact.unit not in CURRENCY_CODES
        others = [(c.fact.text[qualifier_length(c.fact.text):], float(c.fact.value)) for c in self.contexts
                  if c.fact.kind == "figure" and c.fact.unit == fact.unit and c.fact.text != fact.text]
        others = [(text, value) for text, value in others
                  if text != answer and (text.strip()[:1].isalpha() and fact.unit not in CURRENCY_CODES) == written_in_words]
        # A wrong choice the sentence itself gives for something else ("every 10 minutes, compared with every
        # _____") is ruled out by reading the prompt.
        in_sentence = self.figure_values[fact.sentence_index, fact.unit]
        others = [(text, value) for text, value in others if value not in in_sentence]
        floor, ceiling = self._bounds_from_the_sentence(context)
        ceiling = min(filter(None, (ceiling, _CEILINGS.get(fact.unit))), default=None)
        wrong = figure_distractors(answer.lower() if answer[:1].isupper() else answer, float(fact.value), others,
                                   salt=fact.id, ceiling=ceiling, floor=floor)
        wrong = [(text, value, is_from) for text, value, is_from in wrong if value not in in_sentence]
        if answer[:1].isupper():
            wrong = [(_capitalise(text), value, is_from) for text, value, is_from in wrong]
        forms = (fact.text, format_number(fact.value), self._plain_figure(fact))
        accept = sorted({form for form in forms if form != answer})
        questions = [Question(
            fact.id, "cloze", f"Fill in the blank: {cloze}", answer, accept=accept, explanation=fact.sentence,
            score=scoring.FIGURE_CLOZE + scoring.cloze_length(cloze),
        )]
        # "more than _____": a smaller wrong choice would make a true sentence too, so the blank is typed only.
        bounded = _BOUND.match(fact.text[:qualifier_length(fact.text)])
        if len(wrong) == 3 and not bounded and not _RANGE.search(answer):  # "30 to 40 mm": one end alone would move
            by_value = {answer: float(fact.value), **{text: value for text, value, _ in wrong}}
            questions.append(Question(
                fact.id, "multiple_choice", f"Complete the sentence: {cloze}", answer,
                choices=_sorted_if_fair(by_value, answer, fact.id),
                accept=accept, explanation=fact.sentence, score=scoring.FIGURE_CHOICE + scoring.cloze_length(cloze),
            ))
        return questions

    def _bounds_from_the_sentence(self, context: FactContext) -> tuple[float | None, float | None]:
        """"rises from $55 to _____": every choice must rise too, or the sentence itself rules it out. The
        least and most a wrong choice may be, from the figure the sentence moves from or to."""
        fact = context.fact
        floor = ceiling = None
        sentence, offset = fact.sentence, fact.span[0]
        for other in self.figures_by_sentence.get(fact.sentence_index, []):
            if other is fact:
                continue  # (units may differ: "between 410 million and 450 million euros" names its unit once)
            first, second = (other, fact) if other.start < fact.start else (fact, other)
            start, end = first.start - offset, second.start - offset
            moves = (_FROM_BEFORE.search(sentence[max(0, start - 24):start])
                     and _TO_BETWEEN.fullmatch(sentence, first.end - offset, end)) or (
                _BETWEEN_BEFORE.search(sentence[max(0, start - 24):start])
                and _AND_BETWEEN.fullmatch(sentence, first.end - offset, end))  # "between 410 million and _____"
            if not moves and not _UP_FROM_BETWEEN.fullmatch(sentence, first.end - offset, end):
                continue
            if float(fact.value) > float(other.value):
                floor = max(floor or 0.0, float(other.value))
            else:
                ceiling = min(ceiling or float("inf"), float(other.value))
        return floor, ceiling

    @staticmethod
    def _plain_figure(fact: Fact) -> str:
        return format_number(fact.value) + ("%" if fact.unit == "%" else "")

    # Quotes ------------------------------------------------------------------------------------

    def _quote_questions(self, context: FactContext) -> list[Question]:
        fact = context.fact
        speaker = fact.speaker or ""
        if context.quote_is_fragment or context.asked_with_previous:
            return []
        if _POINTS_BACK.match(fact.text) and len(fact.text.split()) < _FEWEST_WORDS_POINTING_BACK:
            return []  # "He was always the one": who, without the sentence before? Nobody could tell the speaker
        # "“A railway that stops growing,” Korrath told …, “has already begun to die.”": asked whole.
        whole = f"{fact.text} … {context.continuation}" if context.continuation else fact.text
        quote = _shorten_quote(whole)
        prompt = f"Who said: “{quote}”?"
        if _leaks(prompt, speaker, context.aliases):
            return []
        questions: list[Question] = []
        candidates = [name for name in self.speakers if name != speaker]
        candidates += [c.fact.text for c in self.people if c.fact.text not in candidates and c.fact.text != speaker]
        # A name the quotation itself mentions would give the game away.
        candidates = [name for name in candidates if name.split()[-1].lower() not in fact.text.lower()]
        if self.person_names is not None:
            # A court among three people (or one person among ministries) stands out: speakers of one kind.
            is_person = speaker in self.person_names
            candidates = [name for name in candidates if (name in self.person_names) == is_person]
        accept = [alias for alias in context.aliases if alias != speaker]
        if len(candidates) >= 3:
            choices = _order([speaker, *candidates[:3]], fact.id)
            questions.append(Question(
                fact.id, "who_said", prompt, speaker, choices=choices, accept=accept, explanation=fact.sentence,
                score=scoring.WHO_SAID if len(fact.text.split()) >= 4 else scoring.WHO_SAID_SHORT,
            ))
        else:
            questions.append(Question(
                fact.id, "short_answer", prompt, speaker, accept=accept, explanation=fact.sentence, score=scoring.WHO_SAID_TYPED,
            ))
        return questions

    # People ------------------------------------------------------------------------------------

    def _person_questions(self, context: FactContext) -> list[Question]:
        fact = context.fact
        role = fact.role or ""
        if not role or self._not_a_role(context):
            return []
        verb = "was" if context.past_role else "is"
        questions: list[Question] = []
        wrong = self._wrong_roles(role, fact.id)
        if len(wrong) == 3 and not _leaks(f"Who {verb} {fact.text}?", role, []):
            prompt = f"What role {'did' if context.past_role else 'does'} {fact.text} hold?"
            questions.append(Question(
                fact.id, "multiple_choice", prompt, role, choices=_order([role, *wrong], fact.id),
                explanation=fact.sentence, score=scoring.ROLE_CHOICE, variant="role",
            ))
        same_role = [c for c in self.people if c.fact.role and c.fact.role.lower() == role.lower()]
        # "Who was the analyst at Corran & Webb?" has one answer; "Who was the union member?" (one of many) and
        # "Who is the chief executive?" (of what?) do not say enough.
        # "Who was the Prime Minister?" (of where?) neither; an office held in the past is asked with its year
        # ("Who was the viceroy of Egypt in 1854?"), since others held it before and after.
        words = role.split()
        # An outside expert ("the planetary geologist at the University of Uppsala") is asked by role only: the
        # name behind a quoted commentator's affiliation is no point of the article.
        specific = (len(words) >= 2 and len(same_role) == 1 and words[0].lower() != "former"  # ("former" when?)
                    and "at" not in words
                    and bool({"of", "for", "from"} & set(words) or re.search(r"\w['’]s\b", role)))
        if specific:
            article = "" if re.match(r"(?i)the\b|\S+['’]s\b", role) else "the "
            year = self.year_of_sentence.get(fact.sentence_index) if context.past_role else None
            prompt = f"Who {verb} {article}{role}{f' in {year}' if year else ''}?"
            # (Not "Dean Howell" as a wrong answer to "Who was the Dean of the School of Public Health?")
            others = [c.fact.text for c in self.people if c.fact.text != fact.text and c.fact.role
                      and not _related_roles(c.fact.role, role) and not set(c.fact.text.split()) & set(role.split())]
            if not _leaks(prompt, fact.text, context.aliases):
                if len(others) >= 3:
                    wrong = sorted(others, key=lambda other: short_hash(fact.id, other))[:3]
                    questions.append(Question(
                        fact.id, "multiple_choice", prompt, fact.text, choices=_order([fact.text, *wrong], fact.id),
                        accept=context.aliases, explanation=fact.sentence, score=scoring.NAME_CHOICE, variant="name",
                    ))
                questions.append(Question(
                    fact.id, "short_answer", prompt, fact.text, accept=context.aliases, explanation=fact.sentence,
                    score=scoring.NAME_TYPED, variant="name",
                ))
        return questions

    def _not_a_role(self, context: FactContext) -> bool:
        """"daughter of a Lund merchant", "its leader" (whose, a question could not say), or "Anders" (a given
        name the parse took for a title)."""
        role = context.fact.role or ""
        return (_head(role) in KIN or role.lower().split()[-1] in KIN or context.role_needs_owner
                or role in self.given_names or self._relation_to_a_person(role))

    def _relation_to_a_person(self, role: str) -> bool:
        """"a former pupil of Parrish", "a friend of Anna Lenz", "Pryce's opposite number": who someone was to
        another person, no office."""
        owner = re.match(r"([A-Z][\w-]*)['’]s\s", role)  # "Pryce's opposite number"
        if owner and owner.group(1) in self.name_words:
            return True
        _, of, whom = role.rpartition(" of ")
        return bool(of) and bool(whom.split()) and all(word in self.name_words for word in whom.split())

    def _wrong_roles(self, role: str, salt: str) -> list[str]:
        """Three other people's roles written like ``role`` (a title beside titles, a description beside
        descriptions, of a like length: one that stands out by its shape gives the answer away), none of which
        could also describe its holder, and no two of one kind ("Ambassador" beside "Ambassador to Brelland")."""
        others = sorted({c.fact.role for c in self.people if c.fact.role and not _related_roles(c.fact.role, role)
                         and not self._not_a_role(c)})
        likeness = sorted(others, key=lambda other: (other[:1].isupper() != role[:1].isupper(),
                                                     abs(len(other.split()) - len(role.split())) // 3,
                                                     short_hash(salt, other)))
        wrong: list[str] = []
        for other in likeness:
            if len(wrong) == 3:
                break
            if not any(_related_roles(other, chosen) for chosen in wrong):
                wrong.append(other)
        return wrong

    # Timelines ---------------------------------------------------------------------------------

    def _order_questions(self, size: int = 4, most: int = 3) -> list[Question]:
        usable = [c for c in self.contexts if c.date is not None and c.event is not None and not c.event.vague
                  and not c.excluded_values and len(c.event.statement.split()) <= 22
                  and c.importance >= scoring.IMPORTANT_ENOUGH]
        by_value: dict[str, FactContext] = {}
        for context in sorted(usable, key=lambda c: (c.date.value, c.fact.id)):
            by_value.setdefault(context.date.value.split("/")[0], context)
        timeline = sorted(by_value.values(), key=lambda c: c.date.value)
        groups = [timeline[start::most] for start in range(most)] if len(timeline) >= size * most else [timeline]
        questions: list[Question] = []
        for group in groups:
            group = _one_a_year(group)[:5]
            if len(group) < 3:
                continue
            statements = [_capitalise(c.event.statement) for c in group]
            questions.append(Question(
                group[0].fact.id, "order", "Put these events in order, earliest first.",
                " → ".join(statements), choices=_order(statements, "order" + group[0].fact.id),
                explanation="; ".join(f"{format_like(c.date.value, c.date)}: {c.event.statement}" for c in group),
                fact_ids=[c.fact.id for c in group], score=scoring.TIMELINE,
            ))
        return questions


def _one_a_year(timeline: list[FactContext]) -> list[FactContext]:
    """The first event of each year: "1931" beside "December 1931" could not be put in order."""
    kept: dict[str, FactContext] = {}
    for context in timeline:
        kept.setdefault(context.date.value[:4], context)
    return list(kept.values())


def _spelling_of_dates(mentions: list[DateMention]) -> dict[str, str]:
    """"30 Septmber 2024" → "30 September 2024": each misspelt month the article writes, spelt right."""
    corrections: dict[str, str] = {}
    for mention in mentions:
        for word in re.findall(r"[A-Za-z]{4,}", mention.text):
            if month_number(word, allow_misspelling=False) is None:
                month = month_number(word, allow_misspelling=True)
                if month is not None:
                    corrections[mention.text] = mention.text.replace(word, calendar.month_name[month])
    return corrections


def _correct_dates(question: Question, corrections: dict[str, str]) -> None:
    """What the student reads is spelt right; the source sentence stays as the article wrote it."""
    for wrong, right in corrections.items():
        question.prompt = question.prompt.replace(wrong, right)
        question.answer = question.answer.replace(wrong, right)
        question.choices = [choice.replace(wrong, right) for choice in question.choices]


def _drop_citation_markers(question: Question) -> None:
    """"opened in 1868.[7]": a reference marker is no part of what a student reads."""
    question.prompt = without_citations(question.prompt)
    question.answer = without_citations(question.answer)
    question.choices = [without_citations(choice) for choice in question.choices]
    question.explanation = without_citations(question.explanation)


def _without_repeats(questions: list[Question], facts: dict[str, Fact]) -> list[Question]:
    """One question per prompt and type; a quotation inside a longer one by the same speaker goes too."""
    quotations = [facts[q.fact_id] for q in questions if q.type == "who_said"]

    def inside_a_longer_one(question: Question) -> bool:
        fact = facts[question.fact_id]
        if fact.kind != "quote" or question.type not in {"who_said", "true_false"}:
            return False
        return any(other.text != fact.text and fact.text in other.text and other.speaker == fact.speaker
                   for other in quotations)

    seen: set[tuple[str, str]] = set()
    kept: list[Question] = []
    for question in questions:
        key = (question.type, question.prompt if question.type != "order" else question.answer)
        if key in seen or inside_a_longer_one(question):
            continue
        seen.add(key)
        kept.append(question)
    return kept


def _head(role: str) -> str:
    return role.lower().split(" of ")[0].split()[-1]


def _related_roles(first: str, second: str) -> bool:
    """Could one of these roles also describe the holder of the other? ("President", "US President";
    "engineer", "chief engineer"; "Ambassador to Brelland", "Brelland's ambassador")."""
    a, b = first.lower().split(), second.lower().split()
    if a == b or a[-len(b):] == b or b[-len(a):] == a:
        return True
    if _head(first) == _head(second) and (len(a) == 1 or len(b) == 1):
        return True
    words_a, words_b = _role_words(first), _role_words(second)
    return bool(words_a and words_b) and (words_a <= words_b or words_b <= words_a)


_ROLE_GLUE = {"the", "a", "an", "of", "to", "at", "for", "in", "and", "from", "on"}


@cache
def _role_words(role: str) -> frozenset[str]:
    words = re.findall(r"[\w’'-]+", role.lower())
    # (singular: "Councillors" is "Councillor" again; "Councilwoman" and "Councilman" hold one office, the council's)
    return frozenset(_GENDERED.sub("", re.sub(r"(?<=[a-z]{3})s$", "", re.sub(r"[’']s$", "", word)))
                     for word in words if word not in _ROLE_GLUE)


_GENDERED = re.compile(r"(?<=[a-z]{4})(?:wom[ae]n|m[ae]n|person|people)$")


_TYPE_ORDER = ["multiple_choice", "who_said", "short_answer", "cloze", "true_false", "order"]


