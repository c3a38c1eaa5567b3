"""One lock per live game, for the reads a whole game's phones share. Plain Python."""

from __future__ import annotations

import threading


class LockPerGame:
    """The first request that needs a game's shared read makes it while the others that need
    it wait for it: a hall of phones asking at once must not become a query each."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[int, threading.Lock] = {}

    def __call__(self, session_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(session_id, threading.Lock())

    def forget(self, session_id: int) -> None:
        with self._guard:
            self._locks.pop(session_id, None)
