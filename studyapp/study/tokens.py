"""A signed token per shown card: who saw which card at which version, and when."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

from itsdangerous import BadSignature, URLSafeTimedSerializer

MAX_AGE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class ShownCard:
    user_id: int
    question_id: int
    version: int
    shown_at: datetime


def _serializer(secret_key: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret_key, salt="studyapp.study-card")


def issue(secret_key: str, user_id: int, question_id: int, version: int) -> str:
    # The nonce makes every showing unique, so that only a resent form repeats a token.
    return _serializer(secret_key).dumps({"u": user_id, "q": question_id, "v": version, "n": secrets.token_hex(8)})


def read(secret_key: str, token: str) -> ShownCard | None:
    """The card behind a token; None for a forged, damaged or day-old one."""
    try:
        data, issued = _serializer(secret_key).loads(token, max_age=MAX_AGE_SECONDS, return_timestamp=True)
    except (BadSignature, ValueError, TypeError):
        return None
    try:
        return ShownCard(int(data["u"]), int(data["q"]), int(data["v"]), issued.astimezone(timezone.utc))
    except (KeyError, TypeError, ValueError):
        return None
