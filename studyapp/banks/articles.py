"""Reading an article file safely: text only, UTF-8, not empty, not huge."""

from __future__ import annotations

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
        text = raw.decode("utf-8")
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
