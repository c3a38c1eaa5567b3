"""A process's directory of players: one read of a game's players serves every answer after it."""

from __future__ import annotations

import threading
import time

from studyapp.live.service import PlayerKey
from studyapp.live.sharing import PlayerDirectory


def test_answers_arriving_together_share_one_read_of_the_players_and_a_newcomer_is_read_alone() -> None:
    players = {f"hash{number}": PlayerKey(number, 7, None) for number in range(50)}
    reads = {"all": 0, "one": 0}

    def load_all():
        reads["all"] += 1
        time.sleep(0.05)  # every answer below arrives during the read
        return dict(players)

    def load_one():
        reads["one"] += 1
        return PlayerKey(99, 7, None)

    directory = PlayerDirectory()
    found = []
    answers = [threading.Thread(target=lambda number=number: found.append(
        directory.find(7, f"hash{number}", load_all, load_one))) for number in range(50)]
    for thread in answers:
        thread.start()
    for thread in answers:
        thread.join(timeout=5)
    assert sorted(player.id for player in found) == list(range(50))
    assert reads == {"all": 1, "one": 0}

    assert directory.find(7, "newcomer", load_all, load_one).id == 99  # joined after the read
    assert directory.find(7, "newcomer", load_all, load_one).id == 99
    assert reads == {"all": 1, "one": 1}
    assert directory.find(7, "stranger", load_all, lambda: None) is None
