"""A date's event, asked about in a question that makes sense without the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from studyapp.generator import generate
from studyapp.generator.article_dates import dates_by_sentence
from studyapp.generator.dates import find_dates
from studyapp.generator.events import event_for
from studyapp.generator.text import read_article


def question_for(sentence: str, date_text: str) -> str | None:
    date = next(found for found in find_dates(sentence) if found.text == date_text)
    event = event_for(sentence, date)
    return event.question if event else None


@pytest.mark.parametrize(
    ("sentence", "date_text", "question"),
    [
        ("The U.S.-Colombia Trade Promotion Agreement was signed in November 2006 and ratified by the U.S. "
         "Congress in October 2011.", "October 2011",
         "When was the U.S.-Colombia Trade Promotion Agreement ratified by the U.S. Congress?"),
        ("The U.S.-Colombia Trade Promotion Agreement was signed in November 2006 and ratified by the U.S. "
         "Congress in October 2011.", "November 2006", "When was the U.S.-Colombia Trade Promotion Agreement signed?"),
        ("President Donald Trump on 19 October 2025 said he would slash US funding to Colombia because the "
         "country’s leader does nothing.", "19 October 2025",
         "When did President Donald Trump say he would slash US funding to Colombia?"),
        ("In 1822, the United States became one of the first countries to recognize the republic of Colombia.",
         "1822", "When did the United States become one of the first countries to recognize the republic of Colombia?"),
        ("During the Pastrana administration (1998-2002), relations with the United States improved.",
         "1998-2002", "When was the Pastrana administration in power?"),
        ("A notable maritime ship-boarding agreement signed in 1997 allowed for searches of suspected vessels.",
         "1997", "When was the notable maritime ship-boarding agreement that allowed for searches of suspected "
         "vessels signed?"),
        ("US-Colombia relations got off to a bad start shortly after Trump returned to office in January 2025, "
         "when Petro refused to accept military flights.", "January 2025", "When did Trump return to office?"),
        ("The presidents had their first face-to-face meeting at the White House 18 May 2017, making Santos the "
         "third.", "18 May 2017", "When did the presidents have their first face-to-face meeting at the White House?"),
    ],
)
def test_when_questions_name_the_event(sentence: str, date_text: str, question: str) -> None:
    assert question_for(sentence, date_text) == question


@pytest.mark.parametrize(
    ("sentence", "date_text"),
    [
        ("The budget will grow in 2030 if the plan works.", "2030"),  # not a past event
        ("close to $8 billion through FY 2012--designed to help", "FY 2012"),  # no clause of its own
    ],
)
def test_no_question_when_the_rules_do_not_fit(sentence: str, date_text: str) -> None:
    assert question_for(sentence, date_text) is None


def test_vague_subjects_are_flagged() -> None:
    sentence = "The two entered into an Open Skies Agreement in May 2011."
    event = event_for(sentence, find_dates(sentence)[0])
    assert event is not None and event.vague


def conflicting_dates(text: str) -> list[set[str]]:
    bank = generate(text)
    facts = {fact.id: fact for fact in bank.facts}
    return [{facts[fact_id].text for fact_id in conflict.fact_ids} for conflict in bank.conflicts]


def test_one_event_named_by_its_verb_and_its_noun_with_two_dates_is_a_conflict() -> None:
    text = ("Harwick Tunnel\n"
            "The tunnel was opened on 4 May 1902 by the mayor. Coal traffic doubled after the opening in "
            "June 1902.\n")
    assert conflicting_dates(text) == [{"4 May 1902", "June 1902"}]


def test_the_same_action_on_different_things_is_no_conflict() -> None:
    text = ("Harwick Tunnel\n"
            "The tunnel was opened on 4 May 1902 by the mayor. The Station Bridge was opened in June 1911. "
            "The council said on 3 March 1903 that tolls would rise. The council said in 1905 that they would not.\n")
    assert conflicting_dates(text) == []


def parsed_question(text: str, date_text: str) -> str | None:
    """The "When …?" question for a date in a one-paragraph article, built from the sentence's parse."""
    article = read_article("Title line\n" + text + "\n")
    for sentence in article.sentences:
        for date in dates_by_sentence(article)[sentence.index]:
            if date.text == date_text:
                event = event_for(sentence.text, date, None, sentence.tokens)
                return event.question if event else None
    raise AssertionError(f"no date {date_text!r}")


@pytest.mark.parametrize(
    ("text", "date_text", "question"),
    [
        ("The mill was sold on 3 May 1930 by the Harwick family.[4]", "3 May 1930",
         "When was the mill sold by the Harwick family?"),
        ("Although the council objected, the bridge was widened in 1961 and repainted in 1975.", "1975",
         "When was the bridge repainted?"),
        ("Two ferries collided in 1911, and the harbour master resigned in 1912.", "1912",
         "When did the harbour master resign?"),
        ("The first ferries, launched in 1899, carried mail to the islands.", "1899",
         "When were the first ferries launched?"),
        ("Proposals for a tunnel were made as early as 1820.", "1820", "When were proposals for a tunnel made?"),
        ("The town's charter, which the guild had drafted, was granted in 1402.", "1402",
         "When was the town's charter granted?"),
    ],
)
def test_questions_from_the_parse_are_whole_clauses(text: str, date_text: str, question: str) -> None:
    assert parsed_question(text, date_text) == question


@pytest.mark.parametrize(
    ("text", "date_text"),
    [
        ("Households (2021 census): 52,000\nThe town grew.", "2021"),  # the year of a statistic
        ("The 1907 Charter gave the guilds a vote.", "1907"),  # the year names the charter, not the event
        ("The club has run the race since 1990.", "1990"),  # since: a state, not an event at the date
        ("The ferry will sail again in 2031.", "2031"),  # not a past event
        ("In the trial, which ran from October 2023 to April 2025, adults were assigned to two groups.",
         "October 2023"),  # one end of a span: "When did the trial run to April 2025?"
        ("A separate study began in January, and results are expected in 2027.", "2027"),  # an expectation
        # The year a number was counted, beside the verb's own time: "When did the agency record …?" is wrong.
        ("The agency recorded about 4.1 million boardings last year, compared with 5.6 million in 2019, a decline "
         "of roughly 27 percent.", "2019"),
    ],
)
def test_no_when_question_for_years_that_are_not_events(text: str, date_text: str) -> None:
    assert parsed_question(text, date_text) is None


def test_no_question_on_the_dateline() -> None:
    article = read_article("Mill closes\nTARNBY, 6 March 2025 — The mill closed on Thursday.\n")
    dateline = dates_by_sentence(article)[0][0]
    assert dateline.role == "dateline"
    assert event_for(article.sentences[0].text, dateline, None, article.sentences[0].tokens) is None


def test_no_when_question_on_a_verb_whose_reported_clause_the_parser_hung_elsewhere() -> None:
    # The parser hangs "that “…”" on "began", so "declared" seems to have nothing reported: asked alone,
    # "When did Emil Drachmann declare in a speech at the Caldmouth docks?" would say nothing.
    text = ("The Saltmere Canal\n\nNationalisation\n"
            "The parishes\u2019 control of the canal became a political issue after the First World War, when tolls "
            "were raised three times in four years.[11] In 1931, General Secretary of the United Labour Party "
            "Emil Drachmann made nationalisation a condition of his party\u2019s support for the government. Drachmann "
            "declared in a speech at the Caldmouth docks on 2 May 1931, the day after the dockers\u2019 strike began, "
            "that \u201ca waterway dug by the people should be owned by the people.\u201d[12]\n")
    prompts = [question.prompt for question in generate(text).questions]
    assert any("on _____, the day after" in prompt for prompt in prompts)  # the date is still asked, as a cloze
    assert not any(prompt.startswith("When did Emil Drachmann declare") for prompt in prompts)


def test_no_when_question_on_the_tail_of_a_number() -> None:
    asked = [q.prompt for q in generate("A title\nSeveral records fell. The attendance was the highest at Millbourne "
                                        "Park since the stadium was redeveloped in 2014, surpassing the 60,917 who "
                                        "watched the 2017 final, and the five goals made it the highest-scoring "
                                        "final for 22 years.").questions]
    assert not any("917 who" in prompt for prompt in asked)


def test_the_rules_ask_only_about_a_short_clause() -> None:
    # Where the parse finds no subject, the rules' cut of a long lead ran into its second verb: "When did the
    # death toll from a powerful earthquake that flatten villages … rose to at least 312, officials said?"
    article = Path(__file__).parent / "fresh" / "marvessa-earthquake.txt"
    asked = [q.prompt for q in generate(article.read_text(encoding="utf-8")).questions]
    assert not any(prompt.startswith("When") and "flatten villages" in prompt for prompt in asked)
