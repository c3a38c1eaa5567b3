"""Reading an article file safely: text only, UTF-8, not empty, not huge."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

MAX_ARTICLE_BYTES = 1_000_000


class ArticleError(ValueError):
    """An article file that cannot be used; the message says why in words a teacher understands."""


def decode_article(raw: bytes, name: str) -> str:
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(
            f"{name} is too large ({len(raw) // 1000:,} KB); the limit is {MAX_ARTICLE_BYTES // 1000:,} KB."
        )
    if b"\x00" in raw:
        raise ArticleError(f"{name} looks like a binary file, not text. Save the article as plain text (UTF-8).")
    try:
        text = raw.decode("utf-8-sig")  # (Excel and Notepad start UTF-8 files with a byte-order mark)
    except UnicodeDecodeError as error:
        raise ArticleError(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read). Save it as UTF-8 and try again."
        ) from None
    if not text.strip():
        raise ArticleError(f"{name} is empty.")
    return text


def read_article_file(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError(f"{path} does not exist.") from None
    except IsADirectoryError:
        raise ArticleError(f"{path} is a folder, not an article file.") from None
    except OSError as error:
        raise ArticleError(f"{path} cannot be read: {error.strerror}.") from None
    return decode_article(raw, str(path))


ALLOWED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_SKIPPED_TAGS = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "template"}
_BLOCK_TAGS = {"p", "div", "section", "article", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr",
               "title", "figcaption", "dd", "dt", "pre", "main"}


class _TextFromHTML(HTMLParser):
    """The readable text of a page, a paragraph per line, without scripts, menus or footers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).splitlines())
        return "\n".join(line for line in lines if line) + "\n"


def _text_from_markdown(text: str) -> str:
    # Code blocks are not article prose: every other piece between ``` fences is one (an unclosed
    # last fence fences nothing).
    pieces = text.split("```")
    text = "".join(pieces[::2]) + ("```" + pieces[-1] if len(pieces) % 2 == 0 else "")
    # Every pattern below stays within a line and a bounded length, so that an unclosed bracket or a
    # line of underscores is scanned once and not from every position to the end of the file.
    text = re.sub(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,500}\)", "", text)  # images
    text = re.sub(r"\[([^\]\n]{1,300})\]\([^)\n]{0,500}\)", r"\1", text)  # links keep their words
    text = re.sub(r"^[ \t]{0,3}(?:#{1,6}|>|[-*+]|\d+\.)[ \t]+", "", text, flags=re.M)  # headings, quotes, lists
    text = re.sub(r"(\*\*|__|\*|_|`)(?=\S)([^\n]{1,300}?)(?<=\S)\1", r"\2", text)  # emphasis and code spans
    return text


def article_text(raw: bytes, filename: str) -> str:
    """The plain text of an uploaded article (.txt, .md or .html), checked like any article file."""
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ArticleError(f"{filename} is not a .txt, .md or .html file.")
    text = decode_article(raw, filename)
    if suffix in {".html", ".htm"}:
        parser = _TextFromHTML()
        parser.feed(text)
        parser.close()
        text = parser.text()
    elif suffix in {".md", ".markdown"}:
        text = _text_from_markdown(text)
    if not text.strip():
        raise ArticleError(f"{filename} has no readable text.")
    return text
