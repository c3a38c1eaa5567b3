"""What one server process shares among all the phones of a live game it serves.

A snapshot of each game (the feed), read through a small pool of connections of its own,
and each game's results at its latest reveal. Kept on the app, so that two apps in one
process never share.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app
from sqlalchemy import Engine, create_engine
from sqlalchemy.orm import Session

from studyapp.database import configure_engine, end_reads_with_commit, read_only_transactions
from studyapp.extensions import db
from studyapp.live import machine
from studyapp.live.feed import LiveFeed
from studyapp.live.locks import LockPerGame
from studyapp.live.public import load_revisions, load_snapshots
from studyapp.live.results import PlayerResult, ResultsCache, load_results
from studyapp.live.service import PlayerKey

T = TypeVar("T")


def _kept_on_app(name: str, make: Callable[[], T]) -> T:
    """The app's one ``name``, made by its first request (on the app: two apps never share)."""
    kept = current_app.extensions.get(name)
    if kept is None:
        kept = current_app.extensions[name] = make()
    return kept


def live_feed() -> LiveFeed:
    """This process's feed of snapshots of the live games its phones are following."""
    return _kept_on_app("live_feed", _new_feed)


def _new_feed() -> LiveFeed:
    engine = _kept_on_app("live_shared_reads_engine", _shared_reads_engine)

    def reading(load):
        def run(session_ids: list[int]):
            # Reads only: within an answer's request it must not wait for the write lock
            # that request may hold.
            with read_only_transactions(), Session(engine) as session:
                loaded = load(session, session_ids)
                end_reads_with_commit(session)  # psycopg keeps the statements it prepared
                return loaded
        return run

    return LiveFeed(reading(load_snapshots), reading(load_revisions))


def _shared_reads_engine() -> Engine:
    """A small pool of its own for the reads a whole game shares: the watcher's and the snapshots'.

    Taken from the requests' pool, a busy moment (a hall answering at once) would queue them
    behind the answers, and every phone would hear of the next phase late.
    """
    config = current_app.config
    options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])
    if not config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options |= {"pool_size": 2, "max_overflow": 4}
    engine = create_engine(config["SQLALCHEMY_DATABASE_URI"], **options)
    configure_engine(engine, sqlite_busy_timeout_ms=config["SQLITE_BUSY_TIMEOUT_MS"])
    return engine


def close_shared_reads(app: Flask) -> None:
    """Close the shared reads' connections (tests end each app with this)."""
    engine = app.extensions.pop("live_shared_reads_engine", None)
    app.extensions.pop("live_feed", None)
    if engine is not None:
        engine.dispose()


def shared_result(session_id: int, state: machine.LiveState, question_id: int | None,
                  token_hash: str | None) -> PlayerResult | None:
    """After the reveal: the asking player's result from this process's shared results."""
    if token_hash is None:
        return None

    def build():
        return load_results(db.session, session_id, state.phase, state.revision, question_id)

    cache = _kept_on_app("live_results", ResultsCache)
    mine = cache.get(session_id, state.revision, build).by_token_hash.get(token_hash)
    if mine is None:  # joined since the results were worked out
        mine = cache.get(session_id, state.revision, build, renew=True).by_token_hash.get(token_hash)
    return mine


class PlayerDirectory:
    """The players of each game this process serves, by the hash of their rejoin token.

    A player's id never changes, so answers need not look each one up: the first answer of
    a game in this process reads all its players at once (the others wait for that read),
    and a player who joined since is looked up alone.
    """

    def __init__(self, *, games_kept: int = 200) -> None:
        self.games_kept = games_kept
        self._lock = threading.Lock()
        self._loading = LockPerGame()
        self._games: dict[int, dict[str, PlayerKey]] = {}

    def find(self, session_id: int, token_hash: str, load_all: Callable[[], dict[str, PlayerKey]],
             load_one: Callable[[], PlayerKey | None]) -> PlayerKey | None:
        game = self._games.get(session_id)
        if game is None:
            with self._loading(session_id):
                game = self._games.get(session_id)
                if game is None:
                    game = load_all()
                    with self._lock:
                        if len(self._games) >= self.games_kept:  # the oldest games are long over
                            oldest = next(iter(self._games))
                            self._games.pop(oldest)
                            self._loading.forget(oldest)
                        self._games[session_id] = game
        player = game.get(token_hash)
        if player is None:
            player = load_one()
            if player is not None:
                game[token_hash] = player
        return player


def player_directory() -> PlayerDirectory:
    return _kept_on_app("live_players", PlayerDirectory)
