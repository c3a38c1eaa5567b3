"""Where a ``next`` parameter may send the user: this site only."""

from __future__ import annotations

from urllib.parse import urlsplit


def is_safe_next(target: str | None) -> bool:
    """True for a path on this site, such as ``/study?deck=3``; False for anything that leaves it."""
    if not target:
        return False
    # Browsers treat a backslash as a slash and drop tabs and newlines,
    # so "/\\evil.example" and "/\t/evil.example" lead off-site.
    if "\\" in target or any(ord(char) < 32 or ord(char) == 127 for char in target):
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
