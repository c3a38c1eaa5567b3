"""The question generator: an article's text in, a ``studyapp-bank/1`` bank out.

Plain Python with no Flask and no database, so that it can run anywhere: in a
request, on the command line, or in a test.
"""

from __future__ import annotations

from collections.abc import Callable

from studyapp.generator.model import Bank, Conflict, Fact, Question

__all__ = ["Bank", "Conflict", "Fact", "Question", "generate"]


def generate(text: str, title: str | None = None, source_file: str = "article.txt",
             progress: Callable[[float], None] | None = None) -> Bank:
    """Make a question bank from an article.

    Args:
        text: the article, exactly as it will be stored (offsets in the bank point into it).
        title: the bank's title; by default the article's first line when it reads as a title.
        source_file: the article's file name, recorded in the bank.
        progress: called now and then with the share of the work done, from 0 to 1.

    Returns:
        A Bank whose facts, questions and conflicts follow the ``studyapp-bank/1`` format.
    """
    # spaCy and the stages built on it are imported on first use: a process that only serves pages (or
    # grades answers with the date grammar) never loads them.
    from studyapp.generator.build import generate as build_bank

    return build_bank(text, title, source_file, progress)
