from __future__ import annotations

import pytest

from studyapp.live.players import PIN_DIGITS, NicknameError, clean_nickname, new_pin, nickname_key


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("  Ana  ", "Ana"), ("Ana\u200b Maria", "Ana Maria"), ("Zoë", "Zoë"), ("ＡＮＡ", "ANA"), ("a\tb\nc", "a b c"),
     ("Bob\x00\x07", "Bob"), ("🐙 Octo", "🐙 Octo")],
)
def test_nicknames_are_cleaned(raw: str, shown: str) -> None:
    assert clean_nickname(raw) == shown


@pytest.mark.parametrize(("raw", "message"), [("", "Choose a nickname."), ("\u200b\u200b", "Choose a nickname."),
                                              ("x" * 21, "Use at most 20 characters.")])
def test_bad_nicknames_are_refused(raw: str, message: str) -> None:
    with pytest.raises(NicknameError, match=message):
        clean_nickname(raw)


def test_look_alike_nicknames_are_the_same() -> None:
    assert nickname_key("ANA") == nickname_key("ana") == nickname_key("ＡＮＡ")


def test_pins_are_seven_digits() -> None:
    pins = {new_pin() for _ in range(200)}
    assert all(len(pin) == PIN_DIGITS and pin.isdigit() for pin in pins)
    assert len(pins) > 190
