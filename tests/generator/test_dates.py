"""Dates: the forms articles use, valued in ISO 8601 as precisely as the text gives them."""

from __future__ import annotations

import pytest

from studyapp.generator.dates import accepted_forms, find_dates, format_like


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
    ],
)
def test_dates_are_found_and_valued(sentence: str, text: str, value: str) -> None:
    found = find_dates(sentence)
    assert (found[0].text, found[0].value) == (text, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "She may 2011 be wrong",  # "may" the verb
        "The 2010s were hard",  # a decade is not a date
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
