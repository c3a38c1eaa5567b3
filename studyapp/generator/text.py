"""From raw article text to clean paragraphs and sentences, with offsets into the original."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sentencex import segment

# Lines that are navigation or newsletter furniture rather than article text.
_BOILERPLATE_LINE = re.compile(
    r"""^\W*(
        newsletter | subscribe.* | sign\ up.* | join\ (the|our)\ .*(list|newsletter).* |
        share(\ this)?(\ (article|story|page))?:? | follow\ us.* | advertisement | related(\ (articles|stories))?:? |
        read\ more.* | more\ on\ this\ story.* | copyright.* | ©.* | all\ rights\ reserved.* |
        (click|tap)\ here.* | back\ to\ top | print(\ this)?(\ page)? | email\ this.* | tags?:.* |
        cookie.* | privacy\ policy.* | terms\ of\ (use|service).*
    )\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
_HAS_WORDS = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Article:
    text: str
    title: str
    sentences: tuple[Sentence, ...]


def _is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    return not _HAS_WORDS.search(stripped) or bool(_BOILERPLATE_LINE.match(stripped))


def _looks_like_title(line: str) -> bool:
    stripped = line.strip()
    return 0 < len(stripped.split()) <= 14 and not re.search(r"[.!?:;,\"”]$", stripped)


def _content_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) for every line of real text, boilerplate dropped."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if not _is_boilerplate(line):
            lines.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    # Trailing furniture often includes short menu-like lines that slipped through:
    # drop a tail of short, unpunctuated lines after the last real paragraph.
    while lines and len(lines) > 1 and _looks_like_title(lines[-1][1]) and len(lines[-1][1].split()) <= 6:
        lines.pop()
    return lines


def read_article(text: str, title: str | None = None) -> Article:
    """Split ``text`` into sentences; a short first line without final punctuation is the title."""
    lines = _content_lines(text)
    found_title = ""
    if lines and _looks_like_title(lines[0][1]) and len(lines) > 1:
        found_title = lines[0][1].strip()
        lines = lines[1:]
    sentences: list[Sentence] = []
    for paragraph, (offset, line) in enumerate(lines):
        cursor = 0
        for piece in segment("en", line):
            stripped = piece.strip()
            if not stripped:
                continue
            local = line.find(stripped, cursor)
            if local < 0:  # the segmenter changed the text; fall back to the whole line
                continue
            cursor = local + len(stripped)
            sentences.append(
                Sentence(len(sentences), paragraph, offset + local, offset + cursor, stripped)
            )
    return Article(text=text, title=(title or found_title or "Untitled article").strip(), sentences=tuple(sentences))
