"""How much each kind of question is worth keeping: every weight in one place, with the reason for it.

Each fact gets several candidate questions; each is scored, those below ``KEEP_AT`` are dropped and
at most ``PER_FACT`` of the best are kept. The numbers only rank questions against each other.
"""

from __future__ import annotations

KEEP_AT = 1.0
PER_FACT = 3

# Importance (see ``importance``): a date or figure's place in its sentence scales how worth asking it is.
IMPORTANT_ENOUGH = 0.5  # below this a fact stays in the bank but gets no question
FIGURES_ASKED_PER_SENTENCE = 2  # the rest of a sentence's figures stay in the bank unasked
IN_PARENTHESES = 0.3  # "Anselm Korrath (1797–1866)": a lifespan, a conversion, a citation
IN_QUOTATION = 0.35  # a number inside someone's words: the quotation is asked as a whole instead
IN_ATTRIBUTION = 0.5  # the few words that say who spoke ('“…,” the 31-year-old said')
AGE = 0.75  # "Mirela Ostin, 54, a baker": an age is asked where it is the news ("died at 84")
SMALL_COUNT = 0.55  # "two people with umbrellas": a count under ten is seldom the point, and easy to guess
SPAN_OF_ANOTHER_FIGURE = 0.6  # "fell by 22 percent in five years": the 22 percent is the point
ORDINAL = 0.45  # a rank is asked only in the opening paragraphs, where it is the news ("finished second")
IN_APPOSITION = 0.6  # "Kestel, a farming village of about 900"
IN_RELATIVE_CLAUSE = 0.6  # "a charity that restored 40 cottages"
DESCRIBES_A_NOUN = 0.6  # "a 19-year-old student", "the 151-member parliament": the figure only describes
IN_A_NOUNS_DETAIL = 0.8  # "a premium of $4 an hour": a detail of a noun, not what the sentence says
IN_THE_LEAD = 1.25  # the opening paragraphs say what the article is about

# Dates
DATE_CHOICE = 3.0  # "When did …?" with four dates: the clearest test of a date
DATE_CHOICE_PER_ARTICLE_DATE = 0.1  # each wrong choice taken from the article itself is a fairer one
DATE_TYPED = 2.2  # the same prompt, typed: harder, and forgiving grading makes it fair
DATE_TRUE_FALSE = 1.5  # half the students guess it right
DATE_CLOZE_BESIDE_EVENT = 1.6  # a blank in the sentence, when a "When …?" question exists already
DATE_CLOZE_ALONE = 2.4  # the blank is the only way to ask about this date
CONFLICT = -0.5  # the article gives this event another date too: any question on it is less sure

# Figures
FIGURE_CHOICE = 2.6  # "Complete the sentence" with four figures of one unit
FIGURE_CLOZE = 2.2  # the same sentence, typed

# Quotations
WHO_SAID = 3.0  # "Who said …?" with four speakers, for a quotation of four words or more
WHO_SAID_SHORT = 2.0  # a quotation of three words says little on its own
WHO_SAID_TYPED = 1.8  # when the article names fewer than four speakers and people

# People
NAME_CHOICE = 2.8  # "Who was the minister of public works?" with four names
NAME_TYPED = 2.0
ROLE_CHOICE = 2.4  # "What role did … hold?" with four roles

# Timelines
TIMELINE = 2.5  # "Put these events in order": several facts at once

# A sentence longer than this (in words) reads worse as a blank with every word more.
LONG_CLOZE_WORDS = 30
LONG_CLOZE_PER_WORD = -0.02


def cloze_length(cloze: str) -> float:
    """What a long blank sentence loses."""
    return LONG_CLOZE_PER_WORD * max(0, len(cloze.split()) - LONG_CLOZE_WORDS)
