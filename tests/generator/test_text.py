"""Cleaning and sentence splitting, with offsets that point back into the article."""

from __future__ import annotations

import pytest

from studyapp.generator.text import read_article

SEED_TAIL = "Santos said.\n|\nNEWSLETTER\n|\n| Join the GlobalSecurity.org mailing list |\n|\n|\n|\n"


def sentences(text: str) -> list[str]:
    return [sentence.text for sentence in read_article(text).sentences]


def test_trailing_navigation_and_newsletter_lines_are_dropped() -> None:
    article = read_article("A title\nThe first paragraph ends here.\n“We are partners,” " + SEED_TAIL)
    assert article.title == "A title"
    assert [s.text for s in article.sentences] == ["The first paragraph ends here.", "“We are partners,” Santos said."]


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Subscribe to our newsletter", "Advertisement", "Read more: other stories",
     "© 2025 Example News", "Follow us on social media", "Related articles", "Copyright 2024 The Paper"],
)
def test_common_furniture_lines_are_dropped(line: str) -> None:
    text = f"Headline here\nThe minister spoke on Monday.\n{line}\nShe left on Tuesday.\n"
    assert sentences(text) == ["The minister spoke on Monday.", "She left on Tuesday."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Congress ratified it in Oct. 2011. Then it was done.",
         ["The U.S. Congress ratified it in Oct. 2011.", "Then it was done."]),
        ("Gen. Smith arrived on Jan. 5. He left at 3.5 p.m. on Friday.",
         ["Gen. Smith arrived on Jan. 5.", "He left at 3.5 p.m. on Friday."]),
        ("The rate rose 2.5 percent in the U.S. economy. Analysts agreed.",
         ["The rate rose 2.5 percent in the U.S. economy.", "Analysts agreed."]),
        ("“This is it,” he said. “We are done.” Then he left.",
         ["“This is it,” he said.", "“We are done.”", "Then he left."]),
        ('He said "we will win." The crowd cheered.', ['He said "we will win."', "The crowd cheered."]),
        ("“Mixed marks work\" she said. Next one.", ["“Mixed marks work\" she said.", "Next one."]),
        ("Dr. Jane Doe met Mr. John Roe. They talked.", ["Dr. Jane Doe met Mr. John Roe.", "They talked."]),
        ("It moved to the U.S. Later it came back.", ["It moved to the U.S.", "Later it came back."]),
    ],
)
def test_sentences_split_around_abbreviations_decimals_and_quotes(text: str, expected: list[str]) -> None:
    assert sentences("Title line\n" + text) == expected


def test_offsets_point_at_the_exact_sentence_text() -> None:
    text = "Title\r\nFirst one here. Second one “quoted.”\r\n\r\nThird, with U.S. in it.\n"
    article = read_article(text)
    assert len(article.sentences) == 3
    for sentence in article.sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_a_text_without_a_title_line_keeps_its_first_sentence() -> None:
    article = read_article("The council met on Monday. It agreed the budget.")
    assert article.title == "Untitled article"
    assert len(article.sentences) == 2


def test_a_run_of_text_too_long_to_be_a_sentence_is_left_out_and_the_rest_kept() -> None:
    run_on = "the council met and the mayor spoke " * 100  # 3,600 characters without a full stop
    text = f"Title\nThe council met on 3 May 2021. {run_on}\nThe mayor resigned on 4 May 2021. It was over."
    article = read_article(text)
    assert [sentence.text for sentence in article.sentences] == [
        "The council met on 3 May 2021.", "The mayor resigned on 4 May 2021.", "It was over."]
    for sentence in article.sentences:
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.tokens is not None and sentence.tokens.text == sentence.text


def test_a_paragraph_longer_than_one_parse_is_parsed_in_pieces_of_whole_sentences() -> None:
    paragraph = " ".join(f"Sentence number {n} was written on 3 May 2021." for n in range(600))  # 28 KB
    text = "Title\n" + paragraph
    article = read_article(text)
    assert len(article.sentences) == 600
    assert len(article.paragraphs) == 3
    for sentence in article.sentences:
        assert text[sentence.start:sentence.end] == sentence.text


def test_a_time_does_not_end_the_sentence_before_its_day() -> None:
    article = read_article("Title\nThe fire was first reported at 2:17 p.m. Monday near Route 88. It spread fast.")
    assert [sentence.text for sentence in article.sentences] == [
        "The fire was first reported at 2:17 p.m. Monday near Route 88.", "It spread fast."]
