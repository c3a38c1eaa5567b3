"""Wrong answers: same unit, plausible size, irregular spacing, and choice lists whose shape gives nothing away."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from studyapp.generator import Bank, generate
from studyapp.generator.dates import DateMention
from studyapp.generator.distractors import answer_rank, date_distractors, figure_distractors
from studyapp.generator.numbers import SCALES, parse_number

ROOT = Path(__file__).resolve().parents[2]
SEED_ARTICLE = ROOT / "question_bank" / "us-colombia-relations.txt"
ARTICLES = [SEED_ARTICLE, *sorted((ROOT / "tests" / "generator" / "articles").glob("*.txt"))]
CHI_SQUARE_1_PERCENT_3_DF = 11.345
SALTS = [f"f-{number:06x}" for number in range(400)]


@cache
def _bank(path: Path) -> Bank:
    return generate(path.read_text(encoding="utf-8"), source_file=path.name)


def _answer_positions(banks: list[Bank]) -> Counter[int]:
    return Counter(question.choices.index(question.answer) for bank in banks for question in bank.questions
                   if question.type in {"multiple_choice", "who_said"} and len(question.choices) == 4)


def _chi_square(counts: Counter[int], places: int = 4) -> float:
    total = sum(counts.values())
    expected = total / places
    return sum((counts[place] - expected) ** 2 / expected for place in range(places))


def test_chi_square_of_a_known_count() -> None:
    assert _chi_square(Counter({0: 7, 1: 14, 2: 22, 3: 27})) == pytest.approx(13.314, abs=0.001)


def test_the_answer_is_anywhere_in_the_seed_bank() -> None:
    counts = _answer_positions([_bank(SEED_ARTICLE)])
    assert sum(counts.values()) >= 40
    assert _chi_square(counts) < CHI_SQUARE_1_PERCENT_3_DF, counts


def test_the_answer_is_anywhere_over_all_the_test_banks() -> None:
    counts = _answer_positions([_bank(path) for path in ARTICLES])
    assert _chi_square(counts) < CHI_SQUARE_1_PERCENT_3_DF, counts


def test_the_drawn_rank_is_uniform_and_fixed_per_fact() -> None:
    counts = Counter(answer_rank(salt) for salt in SALTS)
    assert _chi_square(counts) < CHI_SQUARE_1_PERCENT_3_DF, counts
    assert [answer_rank("f-1a2b3c") for _ in range(3)] == [answer_rank("f-1a2b3c")] * 3


@pytest.mark.parametrize("salt", SALTS[:40])
def test_figure_distractors_sit_where_the_rank_says(salt: str) -> None:
    wrong = figure_distractors("$614 million", 614e6, [], salt=salt)
    assert len(wrong) == 3
    assert sum(value < 614e6 for _, value, _ in wrong) == answer_rank(salt)


def test_variations_are_not_fixed_multiples() -> None:
    ratios = Counter(round(value / 614e6, 2) for salt in SALTS[:40] for _, value, _ in figure_distractors(
        "$614 million", 614e6, [], salt=salt))
    assert len(ratios) > 40  # spread out, not the same few factors
    assert max(ratios.values()) <= 4, ratios.most_common(3)


def test_variations_keep_the_answer_s_precision() -> None:
    for salt in SALTS[:20]:
        for text, _, _ in figure_distractors("63,000 U.S. citizens", 63_000, [], salt=salt):
            assert re.fullmatch(r"\d{1,3},\d00 U\.S\. citizens", text), text
        for text, _, _ in figure_distractors("3.1 million pounds", 3_100_000, [], salt=salt):
            assert re.fullmatch(r"\d+\.\d million pounds", text), text


def test_the_article_s_figures_must_be_of_a_plausible_size() -> None:
    article = [("$2.4 billion", 2.4e9), ("$58", 58.0), ("$71", 71.0)]
    for salt in SALTS[:20]:
        texts = [text for text, _, _ in figure_distractors("$49", 49.0, article, salt=salt)]
        assert "$2.4 billion" not in texts


def test_a_share_never_goes_above_a_hundred_percent() -> None:
    for salt in SALTS[:40]:
        for text, value, _ in figure_distractors("88 percent", 88.0, [("140 percent", 140.0)], salt=salt):
            assert value <= 100, text


def test_the_article_s_values_take_the_answer_s_words() -> None:
    salt = next(salt for salt in SALTS if answer_rank(salt) >= 1)  # one wrong answer below 12
    wrong = figure_distractors("12 percent", 12.0, [("8%", 8.0)], salt=salt)
    assert ("8 percent", 8, True) in wrong


def test_small_counts_stay_plural_and_written_in_words() -> None:
    for salt in SALTS[:20]:
        for text, value, _ in figure_distractors("three ferries", 3.0, [], salt=salt):
            assert value >= 2 and re.fullmatch(r"[a-z]+ ferries", text), text


def test_date_distractors_sit_where_the_rank_says() -> None:
    mention = DateMention(0, 9, "June 2012", "2012-06", "month")
    for salt in SALTS[:20]:
        wrong = date_distractors(mention, [], set(), salt=salt)
        assert sum(value < "2012-06" for _, value, _ in wrong) == answer_rank(salt)


def _number(choice: str) -> float | None:
    match = re.search(r"(\d[\d,]*(?:\.\d+)?)(?:\s+(thousand|million|billion|trillion)\b)?", choice)
    number = parse_number(match.group(1)) if match else None
    return None if number is None else number * SCALES.get(match.group(2) or "", 1)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.stem)
def test_numeric_choices_share_a_unit_and_a_plausible_size(path: Path) -> None:
    bank = _bank(path)
    facts = {fact.id: fact for fact in bank.facts}
    for question in bank.questions:
        fact = facts.get(question.fact_id)
        if question.type != "multiple_choice" or fact is None or fact.kind != "figure":
            continue
        answer = _number(question.answer)
        numbers = [_number(choice) for choice in question.choices]
        if answer is None or None in numbers:
            continue  # written in words
        assert all(max(answer, number) / min(answer, number) <= 5 for number in numbers), question.choices
        if fact.unit == "%":
            assert all(number <= 100 for number in numbers), question.choices


def test_wrong_dates_do_not_all_share_the_answers_day_month_and_year() -> None:
    from studyapp.generator.dates import find_dates
    from studyapp.generator.distractors import date_distractors

    mention = find_dates("The canal opened on 12 August 1868.")[0]
    wrong = [value for _, value, _ in date_distractors(mention, [mention.value], set(), salt="x")]
    choices = [mention.value, *wrong]
    # When every wrong date changes one part only, the answer is the one that holds each part's majority.
    for part in range(3):
        values = [choice.split("-")[part] for choice in choices]
        assert values.count(mention.value.split("-")[part]) <= 3
    assert sum(all(choice.split("-")[part] == mention.value.split("-")[part] for choice in choices[1:])
               for part in range(3)) == 0
    assert not all(sum(a != b for a, b in zip(choice.split("-"), mention.value.split("-"))) == 1 for choice in wrong)


def test_an_age_is_offered_only_beside_ages_near_it() -> None:
    wrong = figure_distractors("17-year-old", 17, [("24-year-old", 24), ("54-year-old", 54), ("6-year-old", 6)],
                               salt="debut")
    assert len(wrong) == 3
    assert all(17 / 1.6 <= value <= 17 * 1.6 for _, value, _ in wrong)
