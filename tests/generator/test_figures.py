"""Figures: the plain number and its unit, from the many ways articles write them."""

from __future__ import annotations

import pytest

from studyapp.generator.figures import find_figures


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("close to $8 billion through", "$8 billion", 8_000_000_000, "USD"),
        ("allotting $614 million through 2011", "$614 million", 614_000_000, "USD"),
        ("The firm earned US$3.9 billion last year.", "US$3.9 billion", 3_900_000_000, "USD"),
        ("a grant of €250,000 for schools", "€250,000", 250_000, "EUR"),
        ("it cost 40 million dollars", "40 million dollars", 40_000_000, "USD"),
        ("announced 25% tariffs", "25%", 25, "%"),
        ("rose 25 percent in a year", "25 percent", 25, "%"),
        ("fell 2.5 percentage points", "2.5 percentage points", 2.5, "percentage points"),
        ("there were 63,000 U.S. citizens living there", "63,000 U.S. citizens", 63_000, "U.S. citizens"),
        ("Colombia blocked two military aircraft.", "two military aircraft", 2, "military aircraft"),
        ("some 1,500 programs were cut", "1,500 programs", 1_500, "programs"),
        ("deaths reached 6,400 per million", "6,400 per million", 6_400, "per million"),
        ("USAID has been working for almost 50 years in", "almost 50 years", 50, "years"),
        ("marking the 100th Open Skies Agreement", "100th", 100, "ordinal"),
        ("making him the third current president to meet", "third", 3, "ordinal"),
        ("about 3.5 million people fled", "3.5 million people", 3_500_000, "people"),
        ("The authority is run by a nine-member board.", "nine-member board", 9, "member board"),
    ],
)
def test_figures_are_found_and_valued(sentence: str, text: str, value: float, unit: str) -> None:
    found = find_figures(sentence)
    assert [(f.text, f.value, f.unit) for f in found][:1] == [(text, value, unit)]


@pytest.mark.parametrize(
    "sentence",
    ["the two countries would continue", "one of the first countries", "The two leaders clashed",
     "He was 45 years old", "It happened two years ago", "in 2022 he came to office"],
)
def test_references_ages_and_years_are_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


def test_spans_already_taken_by_dates_are_skipped() -> None:
    sentence = "On 5 June 2020 they sent 300 soldiers."
    found = find_figures(sentence, taken=[(3, 14)])
    assert [f.text for f in found] == ["300 soldiers"]
