"""Nicknames and PINs: what a player types, and what keeps a session hard to gatecrash."""

from __future__ import annotations

import secrets
import unicodedata

NICKNAME_MAX = 20
PIN_DIGITS = 7  # ten million PINs: with a few hundred live sessions, a guess is right about once in 30,000


class NicknameError(ValueError):
    """Why a nickname was refused, in words a player understands."""


def clean_nickname(raw: str) -> str:
    """The nickname as it will be shown: no control or invisible characters, spaces squeezed."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(" " if char.isspace() else char for char in text)  # tabs and newlines become spaces
    text = "".join(char for char in text if unicodedata.category(char)[0] != "C")  # control, format, private use
    text = " ".join(text.split())
    if not text:
        raise NicknameError("Choose a nickname.")
    if len(text) > NICKNAME_MAX:
        raise NicknameError(f"Use at most {NICKNAME_MAX} characters.")
    return text


def nickname_key(nickname: str) -> str:
    """Two nicknames that look alike to the class are the same nickname."""
    return unicodedata.normalize("NFKC", nickname).casefold()


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
