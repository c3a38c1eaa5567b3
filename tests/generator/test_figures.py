"""Figures: the plain number and its unit, from the many ways articles write them."""

from __future__ import annotations

import pytest

from studyapp.generator import generate
from studyapp.generator.figures import find_figures
from studyapp.generator.text import read_article


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("close to $8 billion through", "close to $8 billion", 8_000_000_000, "USD"),
        ("allotting $614 million through 2011", "$614 million", 614_000_000, "USD"),
        ("The firm earned US$3.9 billion last year.", "US$3.9 billion", 3_900_000_000, "USD"),
        ("a grant of €250,000 for schools", "€250,000", 250_000, "EUR"),
        ("it cost 40 million dollars", "40 million dollars", 40_000_000, "USD"),
        ("announced 25% tariffs", "25%", 25, "%"),
        ("rose 25 percent in a year", "25 percent", 25, "%"),
        ("fell 2.5 percentage points", "2.5 percentage points", 2.5, "percentage points"),
        ("there were 63,000 U.S. citizens living there", "63,000 U.S. citizens", 63_000, "U.S. citizens"),
        ("Colombia blocked two military aircraft.", "two military aircraft", 2, "military aircraft"),
        ("some 1,500 programs were cut", "some 1,500 programs", 1_500, "programs"),
        ("deaths reached 6,400 per million", "6,400 per million", 6_400, "per million"),
        ("USAID has been working for almost 50 years in", "almost 50 years", 50, "years"),
        ("marking the 100th Open Skies Agreement", "100th", 100, "ordinal"),
        ("making him the third current president to meet", "third", 3, "ordinal"),
        ("about 3.5 million people fled", "about 3.5 million people", 3_500_000, "people"),
        ("The authority is run by a nine-member board.", "nine-member board", 9, "member board"),
    ],
)
def test_figures_are_found_and_valued(sentence: str, text: str, value: float, unit: str) -> None:
    found = find_figures(sentence)
    assert [(f.text, f.value, f.unit) for f in found][:1] == [(text, value, unit)]


@pytest.mark.parametrize(
    "sentence",
    ["the two countries would continue", "one of the first countries", "The two leaders clashed",
     "It happened two years ago", "in 2022 he came to office"],
)
def test_references_and_years_are_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


def test_spans_already_taken_by_dates_are_skipped() -> None:
    sentence = "On 5 June 2020 they sent 300 soldiers."
    found = find_figures(sentence, taken=[(3, 14)])
    assert [f.text for f in found] == ["300 soldiers"]


def _parsed(sentence: str) -> list[tuple[str, float, str]]:
    """find_figures with the sentence's parse, as the generator calls it."""
    (parsed,) = read_article("A title\n" + sentence).sentences
    return [(f.text, f.value, f.unit) for f in find_figures(parsed.text, [], parsed.tokens)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Number words at the start of a sentence, and of every spelling.
        ("Four climbers reached the summit.", [("Four climbers", 4, "climbers")]),
        ("Nineteen ferries were held in port.", [("Nineteen ferries", 19, "ferries")]),
        ("The choir of fifteen singers toured.", [("fifteen singers", 15, "singers")]),
        ("She came thirteenth in the marathon.", [("thirteenth", 13, "ordinal")]),
        # Qualifiers stay in the text; the value is the number.
        ("As many as 70 kites flew over the dunes.", [("As many as 70 kites", 70, "kites")]),
        ("More than 450 tenants signed the letter.", [("More than 450 tenants", 450, "tenants")]),
        ("In the end fewer than 90 pupils enrolled.", [("fewer than 90 pupils", 90, "pupils")]),
        ("By noon at least 17 bridges were closed.", [("at least 17 bridges", 17, "bridges")]),
        # Ordinals that rank something; "first" is not asked about.
        ("The bakery opened its ninth branch.", [("ninth", 9, "ordinal")]),
        ("It was the orchestra’s seventh tour.", [("seventh", 7, "ordinal")]),
        ("Rivera finished 23rd, and Okoro finished second.", [("23rd", 23, "ordinal"), ("second", 2, "ordinal")]),
        ("It was the first time the museum closed.", []),
        # Hyphenated figures measure the noun they describe.
        ("They built a six-lane bridge.", [("six-lane bridge", 6, "lane bridge")]),
        ("A 240-seat theatre opened.", [("240-seat theatre", 240, "seat theatre")]),
        ("The winner got a 12-kilogram cheese.", [("12-kilogram cheese", 12, "kilogram cheese")]),
        ("The plan starts with an 8-week course.", [("8-week", 8, "weeks")]),
        ("Builders dug a five-metre-deep trench.", [("five-metre-deep trench", 5, "metre-deep trench")]),
        # Approximate figures and halves.
        ("Some 3,000-odd fans waited outside.", [("Some 3,000-odd fans", 3_000, "fans")]),
        ("Tickets cost $25-something each.", [("$25-something", 25, "USD")]),
        ("Rent rose two and a half times in a decade.", [("two and a half times", 2.5, "times")]),
        # "four century-old boats" counts boats.
        ("The museum owns three century-old trams.", [("three century-old trams", 3, "century-old trams")]),
        # Currencies written as words, and rates.
        ("The fine was 4.5 million kronor.", [("4.5 million kronor", 4_500_000, "krona")]),
        ("The estate sold for 800,000 crowns.", [("800,000 crowns", 800_000, "crowns")]),
        ("The bridge cost 1.7 billion euros.", [("1.7 billion euros", 1_700_000_000, "EUR")]),
        ("Cleaners earn $11 an hour.", [("$11 an hour", 11, "USD per hour")]),
        ("The council has nine members, one per ward.", [("nine members", 9, "members"), ("one per ward", 1, "per ward")]),
        # A part of a counted whole: "Seven of the 30 trawlers".
        ("Seven of the 30 trawlers stayed in port.", [("Seven", 7, "trawlers"), ("30 trawlers", 30, "trawlers")]),
        ("Twelve of his pupils became engineers.", [("Twelve", 12, "pupils")]),
        ("One of them left early.", []),
    ],
)
def test_patterns_with_the_parse(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    assert _parsed(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ship unloaded 2.2 million pounds of coffee.", [("2.2 million pounds", 2_200_000, "pounds")]),
        ("He hauled 90 pounds of gear up the hill.", [("90 pounds", 90, "pounds")]),
        ("Patients gained 3.5 pounds on average.", [("3.5 pounds", 3.5, "pounds")]),
        ("The club paid £40 million for him.", [("£40 million", 40_000_000, "GBP")]),
    ],
)
def test_pounds_of_weight_are_not_money(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    assert _parsed(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Passengers boarded at Pier 7 and Dock 3.",
        "The fire spread along Motorway 11.",
        "She drove down Route 9 at night.",
        "Coast guards called on Channel 22.",
        "The ruling relied on Section 14 of the charter.",
        "Many patients have type 1 diabetes.",
        "Its Nordo 500 blender sold well.",
        "The chain closed its 9-Mart kiosks.",
        "The pier was rebuilt in stone.[12]",
    ],
)
def test_numbers_in_names_and_labels_are_not_figures(sentence: str) -> None:
    assert _parsed(sentence) == []


def test_a_count_before_a_numbered_brand_counts_the_brand_s_shops() -> None:
    assert _parsed("It will open 25 new Quickmart 7 kiosks.") == [("25 new Quickmart 7 kiosks", 25,
                                                                 "new Quickmart 7 kiosks")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three weeks after the vote, the mayor resigned.", []),
        ("The ferry sank two days later.", []),
        ("Swim for twenty minutes after lunch.", [("twenty minutes", 20, "minutes")]),
        ("The hospital lost money for four straight years.", [("four straight years", 4, "years")]),
    ],
)
def test_durations_that_tell_when_are_not_figures(sentence: str, expected: list[tuple[str, float, str]]) -> None:
    assert _parsed(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Eleven trucks crossed the border.", "Eleven trucks"),
        ("The crew of fifteen sailors left.", "fifteen sailors"),
        ("Nobody expected the thirteenth edition to sell.", "thirteenth"),
        ("As many as 40 ferries were idle.", "As many as 40 ferries"),
        ("Tickets went for $16-something.", "$16-something"),
        ("It sold 900 pounds of apples.", "900 pounds"),
    ],
)
def test_without_a_parse_the_text_rules_still_find(sentence: str, text: str) -> None:
    assert text in [f.text for f in find_figures(sentence)]


def test_without_a_parse_names_with_numbers_are_left_alone() -> None:
    assert find_figures("Trucks queued at Gate 4 and at Berth 12 near its 7-Eleven stores.[3]") == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("He was 45 years old", "45 years old", 45),
        ("Among her patients is Yusuf Tarkan, a 19-year-old student.", "19-year-old", 19),
        ("She was 86.", "86", 86),
        ("In 2006, at the age of 68, she went back.", "68", 68),
        ("Rescuers reached a woman of 72 at dawn.", "72", 72),
    ],
)
def test_ages_are_figures_in_years(sentence: str, text: str, value: int) -> None:
    assert [(f.text, f.value, f.unit) for f in find_figures(sentence)] == [(text, value, "years old")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The death toll rose to at least 312 on Tuesday.", [("at least 312", 312, "")]),
        ("The party won 54 seats, up from 37 at the last election.", [("54 seats", 54, "seats"), ("37", 37, "")]),
        ("The strongest, of magnitude 5.3, hit at night.", [("5.3", 5.3, "magnitude")]),
        ("It is the second-largest employer in the duchy.", [("second-largest", 2, "ordinal")]),
    ],
)
def test_qualified_numbers_magnitudes_and_ranked_superlatives(sentence: str, expected: list) -> None:
    assert [(f.text, f.value, f.unit) for f in find_figures(sentence)] == expected


def test_a_number_set_off_after_a_name_is_an_age_and_forty_one_is_one_number() -> None:
    bank = generate("Quake\nIn Quarrow, Mirela Ostin, 54, a baker, lost her house. Forty-one of the dead were "
                    "children.")
    assert sorted((f.text, f.value) for f in bank.facts if f.kind == "figure") == [("54", 54), ("Forty-one", 41)]


def test_an_age_is_never_offered_past_a_lifetime() -> None:
    bank = generate("Quake\nIn Quarrow, Mirela Ostin, 94, a baker, lost her house.")
    choices = [q.choices for q in bank.questions if q.type == "multiple_choice"]
    assert choices and all(int(choice) <= 110 for group in choices for choice in group)


def test_an_hour_of_the_day_is_no_figure() -> None:
    for sentence in ("Tankers flew until about 7:45 p.m. Tuesday, when smoke grounded them.",
                     "A red flag warning holds through 8 p.m. Thursday across the region.",
                     "The quake struck at 11.47 p.m. on Sunday, the institute said."):
        assert find_figures(sentence) == [], sentence


@pytest.mark.parametrize("sentence", [
    "City open their league campaign at home to Ravensbury Town on 16 August.",
    "The ferry resumes on August 16, weather permitting.",
])
def test_a_day_of_the_month_without_a_year_is_no_figure(sentence: str) -> None:
    # Asked as a figure it would offer "32 August" among the choices.
    assert _parsed(sentence) == []
