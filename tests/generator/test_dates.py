"""Dates: the forms articles use, valued in ISO 8601 as precisely as the text gives them."""

from __future__ import annotations

from dataclasses import replace

import pytest

from studyapp.generator.article_dates import dates_by_sentence
from studyapp.generator.dates import DateMention, accepted_forms, find_dates, format_like
from studyapp.generator.text import read_article


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Trump on 19 October 2025 said he would", "19 October 2025", "2025-10-19"),
        ("Biden spoke May 27, 2013 during a visit", "May 27, 2013", "2013-05-27"),
        ("On Sunday, January 26, 2025, the flights stopped.", "Sunday, January 26, 2025", "2025-01-26"),
        ("The State Department said 17 Octobr 2025 it would", "17 Octobr 2025", "2025-10-17"),
        ("It was signed on 4th of July 1776 in Philadelphia.", "4th of July 1776", "1776-07-04"),
        ("The talks began Sept. 3, 2019 in Geneva.", "Sept. 3, 2019", "2019-09-03"),
        ("In January 2025, Petro refused", "January 2025", "2025-01"),
        ("In 1822, the United States became", "1822", "1822"),
        ("relations improved during the administration (1998-2002) greatly", "1998-2002", "1998/2002"),
        ("From 1995 to 1997, the two countries signed", "From 1995 to 1997", "1995/1997"),
        ("prices rose between 2001 and 2004 in the region", "between 2001 and 2004", "2001/2004"),
        ("close to $8 billion through FY 2012 was spent", "FY 2012", "2012"),
        ("the fiscal year 2019 budget was cut", "fiscal year 2019", "2019"),
        ("the 2019–20 season was cancelled from 2019–20 onwards", "2019–20", "2019/2020"),
        ("published 2021-03-04 on the site", "2021-03-04", "2021-03-04"),
        ("The 2010s were hard", "2010s", "2010/2019"),  # a decade is its ten years
        ("traffic fell in the mid-1920s", "1920s", "1920/1929"),
        ("grain went down the valley since c. 1820, but", "1820", "1820"),
        ("his memoir, Forty Years on the Footplate (1934), sold well", "1934", "1934"),
        ("At the 1844 shareholders’ meeting he spoke", "1844", "1844"),  # a plural possessive is no count
    ],
)
def test_dates_are_found_and_valued(sentence: str, text: str, value: str) -> None:
    found = find_dates(sentence)
    assert (found[0].text, found[0].value) == (text, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "She may 2011 be wrong",  # "may" the verb
        "He scored 1997 points",  # a number with no date context
        "February 30, 2020 never happened",  # no such day
        "Marc 2020 was a name, not a month",  # a near-month word with no day
        "about 1,500 programs",
    ],
)
def test_things_that_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_each_date_is_reported_once_with_the_longest_reading() -> None:
    found = find_dates("In May 2011 and again on 3 June 2012 and in 2014.")
    assert [(d.text, d.value) for d in found] == [("May 2011", "2011-05"), ("3 June 2012", "2012-06-03"),
                                                   ("2014", "2014")]


def test_choices_are_written_like_the_answer() -> None:
    british, american = find_dates("on 19 October 2025")[0], find_dates("on October 19, 2025")[0]
    assert format_like("2024-03-02", british) == "2 March 2024"
    assert format_like("2024-03-02", american) == "March 2, 2024"
    assert format_like("1999/2003", find_dates("From 1995 to 1997")[0]) == "From 1999 to 2003"


def test_other_ways_of_writing_a_date_are_accepted() -> None:
    assert set(accepted_forms("2025-10-19")) == {"2025-10-19", "19 October 2025", "October 19, 2025"}


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Under the 1907 Charter, the guilds lost their votes.", "1907", "1907"),
        ("She worked on the 1955 rebuilding of the mill.", "1955", "1955"),
        ("The results followed a 2017 survey of farmers.", "2017", "2017"),
        ("It stands beside the original 1842 toll house.", "1842", "1842"),
        ("Towns were planned as early as 1788, but none was built.", "1788", "1788"),
        ("The mill was sold in Augst 1930 to a cooperative.", "Augst 1930", "1930-08"),
    ],
)
def test_years_used_as_adjectives_and_misspelt_months_after_a_preposition(sentence: str, text: str,
                                                                          value: str) -> None:
    found = find_dates(sentence)
    assert [(d.text, d.value) for d in found] == [(text, value)]


def test_the_year_a_statistic_refers_to_is_a_reference_not_an_event() -> None:
    found = find_dates("Households (2021 census): 52,000")
    assert [(d.text, d.value, d.role) for d in found] == [("2021", "2021", "reference")]


@pytest.mark.parametrize("sentence", ["The 1200 volunteers left.", "She wrote a 1500 word essay.",
                                      "Its 1800 members voted."])
def test_a_count_before_a_plural_or_a_unit_is_not_a_year(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_dates_without_digits_are_written_day_first() -> None:
    relative = DateMention(0, 8, "Thursday", "2024-11-14", "day")
    american = DateMention(0, 7, "March 3", "1921-03-03", "day")
    assert format_like("2024-11-15", relative) == "Friday, 15 November 2024"  # the weekday the article names, first
    assert format_like("1921-03-04", american) == "March 4, 1921"
    assert format_like("2024-11-15", replace(relative, written_like="November 14, 2024")) == "Friday, November 15, 2024"


def dates_in(text: str) -> list[tuple[str, str]]:
    article = read_article(text)
    return [(d.text, d.value) for sentence_dates in dates_by_sentence(article).values() for d in sentence_dates]


def test_a_section_heading_gives_its_year_to_dates_without_one() -> None:
    text = ("Old Harbour history\n"
            "The Flood, 1953. On February 1, the sea wall broke at Ostend Point. The dykes were closed on 9 March.\n"
            "The Bridge, 1967. In April, work began; the 1969 Harbour Bridge that came of it opened on 2 June.\n")
    assert dates_in(text) == [("1953", "1953"), ("February 1", "1953-02-01"), ("9 March", "1953-03-09"),
                              ("1967", "1967"), ("April", "1967-04"), ("2 June", "1969-06-02")]


def test_the_dateline_gives_its_year_and_its_week() -> None:
    text = ("Mill workers walk out\n"
            "TARNBY, 6 March 2025 — Workers at the Tarnby mill walked out on Thursday.\n"
            "The owners said on Monday that they would close the mill on 2 April. Talks will resume on Friday. "
            "Two days later, the union will vote. The strike ends in May.\n"
            "The mill had stopped for a week last year.\n")
    assert dates_in(text) == [("6 March 2025", "2025-03-06"), ("Thursday", "2025-03-06"),
                              ("Monday", "2025-03-03"), ("2 April", "2025-04-02"), ("Friday", "2025-03-07"),
                              ("Two days later", "2025-03-09"), ("May", "2025-05")]


def test_relative_days_count_from_the_latest_day_in_the_paragraph() -> None:
    text = ("Ferry history\n"
            "The ferry sank on 3 October 1911. The captain was arrested the following day and released "
            "three weeks later. The owners met the same evening.\n"
            "The 1920 Shipping Act was passed in June of that year.\n")
    assert dates_in(text) == [("3 October 1911", "1911-10-03"), ("the following day", "1911-10-04"),
                              ("three weeks later", "1911-10-25"), ("the same evening", "1911-10-25"),
                              ("1920", "1920"), ("June of that year", "1920-06")]


def test_a_day_named_in_a_split_date_takes_the_year_of_its_clause() -> None:
    text = "Yacht racing\nThe race was stopped at the 1994 regatta on 7 July after two hours.\n"
    assert dates_in(text) == [("7 July", "1994-07-07")]


def test_one_named_thing_with_two_years_is_a_conflict() -> None:
    from studyapp.generator import generate

    bank = generate("A title\nThe 1850 Treaty of Orran ended the border war.\nTrade grew for a decade.\n"
                    "The Treaty of Orran, signed in 1852, opened the river to shipping.\n"
                    "The Treaty of Velm was signed in 1861.")
    facts = {fact.id: fact.value for fact in bank.facts}
    assert [sorted(facts[i] for i in conflict.fact_ids) for conflict in bank.conflicts] == [["1850", "1852"]]


def test_a_decade_is_asked_with_other_decades() -> None:
    decade = find_dates("In the 1920s the line lost its traffic to buses.")[0]
    assert format_like("1890/1899", decade) == "1890s"


def test_relative_years_count_from_the_paragraphs_latest_year() -> None:
    text = ("Railway history\n"
            "The route was surveyed in 1844 by Mattias Oderhelm (1812–1879), and construction began the following "
            "year. The line opened on 2 October 1848 and reached the coast two years later.\n"
            "Traffic will grow over the next year.\n")
    assert dates_in(text) == [("1844", "1844"), ("1812–1879", "1812/1879"), ("the following year", "1845"),
                              ("2 October 1848", "1848-10-02"), ("two years later", "1850")]


def test_a_weekday_in_a_present_or_future_clause_lies_ahead_and_in_a_past_one_behind() -> None:
    text = ("Quake\n"
            "BERRENZA, 14 October 2025 — Forecasters expect rain near freezing through Thursday. The hospitals "
            "were full by Monday afternoon.\n")
    assert dates_in(text) == [("14 October 2025", "2025-10-14"), ("Thursday", "2025-10-16"),
                              ("Monday", "2025-10-13")]
