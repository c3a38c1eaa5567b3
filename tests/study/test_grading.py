"""Forgiving grading, as a table: what counts as right, and what must not."""

from __future__ import annotations

import pytest

from studyapp.grading import grade_choice, grade_order, grade_typed, normalise

PEOPLE = ["Donald Trump", "Gustavo Petro", "Juan Manuel Santos", "Alvaro Uribe", "George Bush", "Jeb Bush"]

RIGHT = [
    # given, answer, accept
    ("gustavo petro", "Gustavo Petro", []),
    ("GUSTAVO PETRO", "Gustavo Petro", []),
    ("Gustavo Petro.", "Gustavo Petro", []),
    ("Álvaro Uribe", "Alvaro Uribe", []),
    ("alvaro uribe", "Álvaro Uribe", []),
    ("Pastrana administration", "the Pastrana administration", []),
    ("the State Department", "State Department", []),
    ("Petro", "Gustavo Petro", []),
    ("Santos", "Juan Manuel Santos", []),
    ("Gustvo Petro", "Gustavo Petro", []),
    ("Colombian Foriegn Minister", "Colombian Foreign Minister", []),
    ("19 Oct 2025", "19 October 2025", []),
    ("October 19, 2025", "19 October 2025", []),
    ("2025-10-19", "19 October 2025", []),
    ("19/10/2025", "19 October 2025", []),
    ("Oct 2011", "October 2011", []),
    ("2011-10", "October 2011", []),
    ("1822", "1822", []),
    ("1998-2002", "1998-2002", ["1998 to 2002"]),
    ("from 1998 to 2002", "1998-2002", []),
    ("$8 billion", "$8 billion", []),
    ("8,000,000,000", "$8 billion", []),
    ("8000000000", "$8 billion", []),
    ("8 billion", "$8 billion", []),
    ("$8bn", "$8 billion", []),
    ("25", "25%", []),
    ("25 percent", "25%", []),
    ("63000", "63,000 U.S. citizens", []),
    ("63,000 citizens", "63,000 U.S. citizens", []),
    ("two", "two US military planes", []),
    ("2", "two US military planes", []),
    ("100", "100th", []),
    ("50 years", "almost 50 years", []),
    ("Trump", "Donald Trump", ["Trump"]),
]

WRONG = [
    ("", "Gustavo Petro", []),
    ("   ", "Gustavo Petro", []),
    ("Donald Trump", "Gustavo Petro", []),
    ("Bush", "Jeb Bush", []),  # two people called Bush
    ("1997", "1998", []),
    ("1998", "1822", []),
    ("2012", "2011", []),
    ("18 October 2025", "19 October 2025", []),
    ("20 Oct 2025", "19 October 2025", []),
    ("October 2025", "19 October 2025", []),  # less precise than asked
    ("2006", "November 2006", []),
    ("$9 billion", "$8 billion", []),
    ("8 million", "$8 billion", []),
    ("26", "25%", []),
    ("three", "two US military planes", []),
    ("Petr", "Gustavo Petro", []),
    ("Colombia", "Gustavo Petro", []),
    ("Minister", "Colombian Foreign Minister", []),
    ("a", "a", []),  # only an article: nothing was said
]


@pytest.mark.parametrize(("given", "answer", "accept"), RIGHT)
def test_marked_right(given: str, answer: str, accept: list[str]) -> None:
    assert grade_typed(given, answer, accept, PEOPLE).correct, (given, answer)


@pytest.mark.parametrize(("given", "answer", "accept"), WRONG)
def test_marked_wrong(given: str, answer: str, accept: list[str]) -> None:
    assert not grade_typed(given, answer, accept, PEOPLE).correct, (given, answer)


def test_notes_explain_near_misses() -> None:
    assert grade_typed("Gustvo Petro", "Gustavo Petro").note == "Accepted despite a small typo."
    assert grade_typed("1997", "1998").note == "That is a different date."
    assert grade_typed("Oct 19, 2025", "19 October 2025").note == "Same date, written differently."


@pytest.mark.parametrize(
    ("given", "answer", "correct"),
    [("True", "True", True), ("true", "True", True), ("False", "True", False),
     ("Gustavo Petro", "Gustavo Petro", True), ("Petro", "Gustavo Petro", False), ("", "True", False)],
)
def test_choices_must_be_the_answer_itself(given: str, answer: str, correct: bool) -> None:
    assert grade_choice(given, answer).correct is correct


def test_order_needs_every_event_in_place() -> None:
    assert grade_order(["a", "b", "c"], ["a", "b", "c"]).correct
    wrong = grade_order(["b", "a", "c"], ["a", "b", "c"])
    assert not wrong.correct and wrong.note == "1 of 3 events in the right place."


def test_normalise() -> None:
    assert normalise("  The “Pastrana” Administration!  ") == "pastrana administration"
    assert normalise("63,000 U.S. citizens") == "63000 u s citizens"
