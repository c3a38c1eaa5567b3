"""Property tests: any text at all, and the generator neither crashes nor breaks a rule."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studyapp.banks.validation import check_bank
from studyapp.generator import generate
from tests.generator.test_bank import check_question

# Words that make the generator's rules fire, mixed with anything at all.
NEWSY = st.sampled_from([
    "President", "Donald", "Trump", "said", "“", "”", '"', ",", ".", "In", "2019", "on", "19", "October", "2025",
    "$8", "billion", "25%", "percent", "He", "she", "told", "the", "State", "Department", "two", "soldiers",
    "(1998-2002)", "From", "1995", "to", "1997", "Minister", "Ana", "Ruiz", "100th", "third", "Octobr", "—", ":",
    "according", "U.S.", "Gen.", "Jan.", "\n", "added", "curtly", "wrote", "was", "signed", "ratified", "and",
])
ARTICLE_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(NEWSY, st.text(max_size=6)), max_size=120).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_TEXT)
def test_any_text_gives_a_valid_bank(text: str) -> None:
    bank = generate(text).to_dict()
    check_bank(bank)
    facts = {fact["id"]: fact for fact in bank["facts"]}
    for fact in bank["facts"]:
        start, end = fact["span"]
        assert text[start:end] == fact["sentence"]
    for question in bank["questions"]:
        check_question(question, facts)
