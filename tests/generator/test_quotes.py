"""Who said it. The worst error is a wrong speaker, so several tests check that nobody is named."""

from __future__ import annotations

import pytest

from studyapp.generator.people import find_people
from studyapp.generator.quotes import find_quotes
from studyapp.generator.text import read_article

PEOPLE = "Colombian President Gustavo Petro and US President Donald Trump met. "


def speakers(body: str) -> list[tuple[str, str | None]]:
    article = read_article("Title\n" + PEOPLE + body)
    return [(quote.text, quote.speaker) for quote in find_quotes(article, find_people(article))]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("“We will not give in,” Petro said.", ("We will not give in", "Gustavo Petro")),
        ("“We will not give in,” said Petro.", ("We will not give in", "Gustavo Petro")),
        ("“Walls work, just ask Israel,” Trump added curtly.", ("Walls work, just ask Israel", "Donald Trump")),
        ("Petro wrote: “The United States has invaded our territory.”",
         ("The United States has invaded our territory", "Gustavo Petro")),
        ("Trump told reporters that Petro was “an illegal drug leader” in Florida.",
         ("an illegal drug leader", "Donald Trump")),
        ("According to Petro, “the decision was driven by politics.”",
         ("the decision was driven by politics", "Gustavo Petro")),
        ("The State Department said the move was due to Petro's \"reckless and incendiary actions.\"",
         ("reckless and incendiary actions", "the State Department")),
        ("“This is a mixed pair of marks\" Petro said.", ("This is a mixed pair of marks", "Gustavo Petro")),
    ],
)
def test_speaker_named_before_or_after(body: str, expected: tuple[str, str]) -> None:
    assert speakers(body)[0] == expected


def test_a_pronoun_refers_to_the_person_the_sentence_before_was_about() -> None:
    found = speakers("Trump spoke in Florida on Sunday. He also said Petro had “a fresh mouth toward America.”")
    assert found == [("a fresh mouth toward America", "Donald Trump")]


def test_a_quote_only_sentence_continues_the_last_speaker() -> None:
    found = speakers("“For a long time our nations have had an alliance,” Petro said. “Today we continue as partners.”")
    assert [speaker for _, speaker in found] == ["Gustavo Petro", "Gustavo Petro"]


def test_a_reported_subject_is_not_the_speaker() -> None:
    # Trump wrote it; Petro is only the subject of what he wrote.
    found = speakers("Trump wrote on his platform that Petro is “strongly encouraging the production of drugs.”")
    assert found[0][1] == "Donald Trump"


@pytest.mark.parametrize(
    "body",
    [
        # Nobody is named: a bare quotation.
        "“In Colombia, coca cultivation has surged to all-time records under this government.”",
        # The pronoun has no antecedent in the sentence before.
        "The talks ended late. He said the deal was “the best we could get today.”",
        # Someone else's words inside the clause ("what his administration described as").
        "Trump decertified Colombia, citing what his administration described as “failed efforts at every level.”",
        # An unknown single name could be a place or a body.
        "“We will open the border tomorrow morning,” Washington said.",
        # Two candidate speakers disagree.
        "“The plan failed completely,” Petro said, according to Trump.",
    ],
)
def test_no_speaker_when_unsure(body: str) -> None:
    assert all(speaker is None for _, speaker in speakers(body))


def test_short_scare_quotes_are_not_quotations() -> None:
    assert speakers("Petro denounced the strikes as “murder” and “failed”.") == []


@pytest.mark.parametrize(
    "body",
    [
        # An unnamed speaker is nobody the article names, however many officials it does name.
        "Ana Ruiz, a ministry official, spoke first. “The talks have failed,” a senior official said.",
        # A subject that is a thing, not a speaker, and nobody above it.
        "The report found that the plan was “a costly mistake from the start.”",
        # Somebody else's words reported inside the clause: the parse finds the reviewer, who is unnamed.
        "An anonymous reviewer in the Journal of Polar Records dismissed the results as “an artefact of the drill.”",
    ],
)
def test_unnamed_speakers_are_not_guessed(body: str) -> None:
    assert all(speaker is None for _, speaker in speakers(body))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The speaker's verb far from the quotation, with a date and a clause between.
        ("Petro announced on 4 June, after a long cabinet meeting, that the border “will stay open to trade.”",
         "Gustavo Petro"),
        # A reporting verb of any kind, found by the parse.
        ("Trump instructed his envoy to “demand an inquiry and accept nothing less.”", "Donald Trump"),
        # Words between the quotation and its attribution.
        ("“We will not give in,” at a rally outside the palace that evening, Petro said.", "Gustavo Petro"),
        # A relative clause's speaker is its noun.
        ("The talks were led by Petro, who told reporters that they had “gone better than anyone hoped.”",
         "Gustavo Petro"),
    ],
)
def test_speakers_found_through_the_parse(body: str, expected: str) -> None:
    assert speakers(body)[0][1] == expected


def test_a_quotation_left_open_goes_on_in_the_next_paragraph_with_its_speaker() -> None:
    found = speakers("“We will keep the border open,” Petro said. “Trade has never been more important.\n"
                     "“Our farmers need those markets more than ever.”")
    assert [speaker for _, speaker in found] == ["Gustavo Petro"] * 3


def test_two_words_that_are_the_point_of_the_sentence_are_a_quotation() -> None:
    found = speakers("Trump accused the Colombian government of “double dealing” on Tuesday.")
    assert found == [("double dealing", "Donald Trump")]


def test_two_words_in_passing_are_not() -> None:
    assert speakers("Petro visited the “new town” near the border.") == []


def test_a_quotation_split_by_its_attribution_keeps_its_speaker() -> None:
    found = speakers("“We are still hearing voices,” said Lorena Fisk, a spokeswoman for the rescue service, "
                     "“but fewer with every hour.”")
    assert [speaker for _, speaker in found] == ["Lorena Fisk"] * 2


def test_she_is_the_subject_of_the_sentence_before_past_two_appositions() -> None:
    found = speakers("In Quarrow, Mirela Ostin, 54, a baker, stood in front of her house. "
                     "“I heard the plates first, then the walls,” she said. “By the time I found the door there "
                     "was no door.”")
    assert [speaker for _, speaker in found] == ["Mirela Ostin"] * 2


def test_a_lower_case_role_the_tagger_calls_a_name_does_not_hide_the_speaker() -> None:
    found = speakers("Livia Marsk, then minister of commerce, told the Diet in June 1931 that the state had taken "
                     "over “a fine railway and a bankrupt company.”")
    assert found == [("a fine railway and a bankrupt company", "Livia Marsk")]


def article_quotes(text: str) -> list[tuple[str, str | None]]:
    article = read_article(text)
    return [(quote.text, quote.speaker) for quote in find_quotes(article, find_people(article))]


def test_a_shared_surname_is_the_person_named_in_full_earlier_in_the_paragraph() -> None:
    found = article_quotes(
        "The railway\n"
        "The grain merchant Anselm Korrath founded the company. Korrath promised “a line that pays for itself.”\n"
        "His son, the engineer Teodor Korrath, succeeded him in 1866. “A railway that stops growing,” Korrath "
        "told the shareholders, “has already begun to die.”\n"
        "Korrath later said that “nobody reads the minutes.”")
    assert found == [("a line that pays for itself", "Anselm Korrath"),
                     ("A railway that stops growing", "Teodor Korrath"),
                     ("has already begun to die", "Teodor Korrath"),
                     ("nobody reads the minutes", None)]  # neither is named in that paragraph


def test_a_shared_surname_is_the_subject_named_in_the_title() -> None:
    found = article_quotes(
        "Ottilie Varnshaw, glaciologist, dies at 86\n"
        "Ottilie Varnshaw died on Sunday. Her daughter, Maren Varnshaw, said the cause was heart failure.\n"
        "“The ice does not care who is watching,” Dr. Varnshaw told her staff in 1996.")
    assert found == [("The ice does not care who is watching", "Ottilie Varnshaw")]


def test_a_quotation_paragraph_after_reported_speech_is_the_reporters() -> None:
    found = speakers("Petro said his officials had found signs of fraud in two ministries.\n"
                     "“The first one took us four hours. The second took until dark.”")
    assert found == [("The first one took us four hours. The second took until dark", "Gustavo Petro")]


def test_reported_speech_does_not_reach_past_a_quotation_with_its_own_speaker() -> None:
    found = speakers("Petro said his officials had found signs of fraud.\n"
                     "“We found nothing,” Trump said.")
    assert found == [("We found nothing", "Donald Trump")]
