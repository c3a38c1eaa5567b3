"""The live feed in plain Python: waiting requests wake when the revision moves on, not before."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from studyapp.live.feed import LiveFeed


@dataclass(frozen=True)
class Snap:
    revision: int
    players: int = 0


class RevisionTable:
    """Revisions by session id in memory, counting reads: the feed takes its loaders as functions."""

    def __init__(self) -> None:
        self.revision = {1: 0}
        self.loads = 0
        self.revision_reads = 0

    def load(self, ids):
        self.loads += 1
        return {session_id: Snap(self.revision[session_id]) for session_id in ids if session_id in self.revision}

    def revisions(self, ids):
        self.revision_reads += 1
        return {session_id: self.revision[session_id] for session_id in ids if session_id in self.revision}


def test_waiters_wake_together_soon_after_the_revision_moves_on() -> None:
    database = RevisionTable()
    feed = LiveFeed(database.load, database.revisions, interval=0.02, max_age=10)
    woke: list[tuple[int, float]] = []

    def wait() -> None:
        snapshot = feed.wait_for_change(1, 0, timeout=5)
        woke.append((snapshot.revision, time.monotonic()))

    waiters = [threading.Thread(target=wait) for _ in range(50)]
    for thread in waiters:
        thread.start()
    time.sleep(0.2)
    assert woke == []  # nothing changed: everyone is still waiting
    loads_before = database.loads
    changed_at = time.monotonic()
    database.revision[1] = 1
    for thread in waiters:
        thread.join(timeout=5)
    assert [revision for revision, _when in woke] == [1] * 50
    assert max(when for _revision, when in woke) - changed_at < 0.5
    assert database.loads - loads_before <= 2  # one snapshot for fifty waiters


def test_a_newer_revision_is_returned_at_once_and_a_wait_ends_at_its_timeout() -> None:
    database = RevisionTable()
    database.revision[1] = 3
    feed = LiveFeed(database.load, database.revisions, interval=0.02)
    assert feed.wait_for_change(1, 2, timeout=5).revision == 3  # the caller is behind: no waiting
    started = time.monotonic()
    assert feed.wait_for_change(1, 3, timeout=0.2).revision == 3
    assert 0.15 < time.monotonic() - started < 2
    assert feed.wait_for_change(99, 0, timeout=5) is None  # no such session


def test_a_failing_database_keeps_waiters_waiting_rather_than_failing() -> None:
    database = RevisionTable()
    feed = LiveFeed(database.load, database.revisions, interval=0.02)
    feed.current(1)
    broken = [True]

    def revisions(ids):
        if broken[0]:
            raise ConnectionError("the database is restarting")
        return database.revisions(ids)

    feed._revisions = revisions
    result: list[int] = []
    waiter = threading.Thread(target=lambda: result.append(feed.wait_for_change(1, 0, timeout=5).revision))
    waiter.start()
    time.sleep(0.1)
    database.revision[1] = 1
    broken[0] = False
    waiter.join(timeout=5)
    assert result == [1]


def _seconds_to_wake(feed: LiveFeed, database: RevisionTable, read_again) -> float:
    """How long a waiter on revision 0 sleeps after the game moves to 1 and ``read_again(feed)`` runs."""
    woke: list[float] = []
    waiter = threading.Thread(target=lambda: (feed.wait_for_change(1, 0, timeout=5), woke.append(time.monotonic())))
    waiter.start()
    time.sleep(0.1)
    database.revision[1] = 1
    changed_at = time.monotonic()
    read_again(feed)
    waiter.join(timeout=6)
    return woke[0] - changed_at if woke else float("inf")


def test_a_snapshot_read_afresh_for_one_request_also_wakes_the_waiters() -> None:
    # The watcher looks only every 10 s here: the wake must come from the fresh read itself,
    # else the watcher would later find the snapshot already current and wake nobody.
    database = RevisionTable()
    feed = LiveFeed(database.load, database.revisions, interval=10, max_age=0.05)
    # Older than max_age, the snapshot is read afresh (as an answer's request does).
    assert _seconds_to_wake(feed, database, lambda feed: feed.current(1)) < 0.5


def test_requests_that_find_the_snapshot_stale_together_share_one_read() -> None:
    database = RevisionTable()
    slow_load = database.load

    def load(ids):
        time.sleep(0.05)  # long enough for every request below to arrive during the read
        return slow_load(ids)

    feed = LiveFeed(load, database.revisions, interval=10, max_age=0.2)
    feed.current(1)
    time.sleep(0.3)  # stale now
    loads_before = database.loads
    readers = [threading.Thread(target=feed.current, args=(1,)) for _ in range(30)]
    for thread in readers:
        thread.start()
    for thread in readers:
        thread.join(timeout=5)
    assert database.loads - loads_before == 1
    # A request that needs the game as it is now does not take a read that began before it asked.
    database.revision[1] = 2
    assert feed.current(1, fresh=True).revision == 2


def test_a_snapshot_read_again_after_forget_wakes_the_waiters() -> None:
    # This process moved the game on and forgot its snapshot; the next request reads it again.
    # The watcher, looking every 10 s here, would then find it current and wake nobody.
    database = RevisionTable()
    feed = LiveFeed(database.load, database.revisions, interval=10, max_age=10)
    assert _seconds_to_wake(feed, database, lambda feed: (feed.forget(1), feed.current(1))) < 0.5
