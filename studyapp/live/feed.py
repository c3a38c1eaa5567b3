"""Waiting for a live session to move on, shared by every request of one server process.

A thousand phones in one game each ask "has anything changed since revision R?". If
each asked the database, a game would cost a thousand queries a second. Instead, one
watcher thread per process reads the revisions of the sessions someone is waiting on,
every ``interval`` seconds. When a revision moves on, it loads the session's snapshot
once and wakes every waiting request in the process. Plain Python: ``load`` is given by
the caller and returns fresh snapshots for session ids.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from studyapp.live.locks import LockPerGame

logger = logging.getLogger(__name__)


class Snapshot(Protocol):
    revision: int


S = TypeVar("S", bound=Snapshot)


class LiveFeed(Generic[S]):
    def __init__(self, load: Callable[[list[int]], dict[int, S]], revisions: Callable[[list[int]], dict[int, int]],
                 *, interval: float = 0.1, max_age: float = 1.0) -> None:
        """``load(ids)`` gives full snapshots; ``revisions(ids)`` only the revision numbers (cheap).

        A snapshot is kept for ``max_age`` seconds at most, so that counts that change without
        a new revision (players joining the lobby) stay roughly current.
        """
        self._load, self._revisions = load, revisions
        self.interval, self.max_age = interval, max_age
        self._changed = threading.Condition()
        self._snapshots: dict[int, tuple[float, S]] = {}
        self._waiting: Counter[int] = Counter()
        self._loading = LockPerGame()
        self._watcher: threading.Thread | None = None

    def current(self, session_id: int, *, fresh: bool = False) -> S | None:
        """The session's snapshot, at most ``max_age`` seconds old (``fresh``: read now); None for no such session."""
        read_since = time.monotonic() if fresh else time.monotonic() - self.max_age
        if (cached := self._cached(session_id, read_since)) is not None:
            return cached
        with self._loading(session_id):
            if (cached := self._cached(session_id, read_since)) is not None:
                return cached
            return self._read(session_id)

    def _cached(self, session_id: int, read_since: float) -> S | None:
        """The kept snapshot if its read began at ``read_since`` or later."""
        with self._changed:
            cached = self._snapshots.get(session_id)
        return cached[1] if cached is not None and cached[0] >= read_since else None

    def _read(self, session_id: int) -> S | None:
        started = time.monotonic()  # a snapshot is as old as the moment its read began
        snapshot = self._load([session_id]).get(session_id)
        if snapshot is not None:
            with self._changed:
                # Read afresh for one request (perhaps just after this process moved the game
                # on and forgot it), it also ends the wait of those waiting on it.
                if self._keep(session_id, started, snapshot):
                    self._changed.notify_all()
        return snapshot

    def _keep(self, session_id: int, started: float, snapshot: S) -> bool:
        """Keep ``snapshot``, read from ``started`` on, unless a newer one is kept already
        (two reads may finish in either order); whether the game has moved on. Holds the lock."""
        before = self._snapshots.get(session_id)
        if before is not None and before[1].revision > snapshot.revision:
            return False
        self._snapshots[session_id] = (started, snapshot)
        self._forget_old()
        return before is None or before[1].revision != snapshot.revision

    def wait_for_change(self, session_id: int, revision: int, timeout: float) -> S | None:
        """The snapshot once its revision differs from ``revision``, or the latest after ``timeout``."""
        snapshot = self.current(session_id)
        if snapshot is None or snapshot.revision != revision:
            return snapshot
        deadline = time.monotonic() + timeout
        with self._changed:
            self._waiting[session_id] += 1
            self._start_watcher()
            try:
                while True:
                    latest = self._snapshots.get(session_id, (0.0, snapshot))[1]
                    remaining = deadline - time.monotonic()
                    if latest.revision != revision or remaining <= 0:
                        return latest
                    self._changed.wait(remaining)
            finally:
                self._waiting[session_id] -= 1
                if not self._waiting[session_id]:
                    del self._waiting[session_id]

    def forget(self, session_id: int) -> None:
        """Drop the session's snapshot (this process just moved the game on)."""
        with self._changed:
            self._snapshots.pop(session_id, None)

    def _start_watcher(self) -> None:
        if self._watcher is None or not self._watcher.is_alive():
            self._watcher = threading.Thread(target=self._watch, name="live-feed", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        while True:
            time.sleep(self.interval)
            with self._changed:
                watched = list(self._waiting)
                known = {session_id: self._snapshots[session_id] for session_id in watched
                         if session_id in self._snapshots}
            if not watched:
                continue
            try:
                revisions = self._revisions(watched)
                now = time.monotonic()
                stale = [session_id for session_id in watched if session_id not in known
                         or known[session_id][1].revision != revisions.get(session_id)
                         or now - known[session_id][0] > self.max_age]
                fresh = self._load(stale) if stale else {}
            except Exception:  # the database is restarting, say: the waiters keep waiting
                logger.warning("live feed could not read the sessions", exc_info=True)
                continue
            with self._changed:
                moved = [self._keep(session_id, now, snapshot) for session_id, snapshot in fresh.items()]
                if any(moved):
                    self._changed.notify_all()

    def _forget_old(self) -> None:
        if len(self._snapshots) > 1000:  # finished games fall out
            oldest = min(self._snapshots, key=lambda session_id: self._snapshots[session_id][0])
            self._snapshots.pop(oldest)
            self._loading.forget(oldest)
