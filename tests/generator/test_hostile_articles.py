"""Hostile text of 100 KB, read by every reader of user input and by the generator.

Each must answer (a bank, records, or its own clear refusal) and break no rule. How long they take is
measured by ``bench/hostile_inputs.py``, which prints each at 50 and 100 KB: every reader well under a
second, the generator within the 100 KB aim, and doubling the input no more than doubles the time.
"""

from __future__ import annotations

import pytest

from bench.hostile_inputs import HOSTILE
from studyapp.banks.articles import ArticleError, article_text
from studyapp.banks.validation import check_bank
from studyapp.generator import generate
from studyapp.interchange.csv_format import read_csv
from studyapp.interchange.gift import read_gift
from studyapp.interchange.records import FormatError
from tests.generator.test_bank import check_question

SIZE = 100_000


def hostile(name: str, size: int = SIZE) -> str:
    pattern = HOSTILE[name]
    return (pattern * (size // len(pattern) + 1))[:size]


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_article_files_are_read_or_refused(name: str, suffix: str) -> None:
    try:
        text = article_text(hostile(name).encode(), "article" + suffix)
    except ArticleError as refused:
        assert str(refused)
    else:
        assert isinstance(text, str)


@pytest.mark.parametrize("name", HOSTILE)
@pytest.mark.parametrize("reader", [read_gift, lambda text: read_csv("type,prompt,answer\n" + text)],
                         ids=["gift", "csv"])
def test_question_files_are_read_or_refused_with_a_message(name: str, reader) -> None:
    try:
        reader(hostile(name))
    except FormatError as refused:
        assert str(refused)


def test_a_line_of_backslashes_is_refused_with_a_message() -> None:
    with pytest.raises(FormatError, match="not a GIFT question"):
        read_gift("::Q:: " + "\\" * 51)


@pytest.mark.parametrize("name", HOSTILE)
def test_the_generator_makes_a_valid_bank_of_hostile_text(name: str) -> None:
    text = "Hostile text\n" + hostile(name)
    bank = generate(text).to_dict()
    check_bank(bank)
    facts = {fact["id"]: fact for fact in bank["facts"]}
    assert len(facts) == len(bank["facts"])  # ids stay unique however often a fact repeats
    for fact in bank["facts"]:
        start, end = fact["span"]
        assert text[start:end] == fact["sentence"]
    for question in bank["questions"]:
        check_question(question, facts)
