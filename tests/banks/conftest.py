from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

ARTICLE = (
    "Colombia and the United States signed a trade agreement in 2006. "
    '"Walls work, just ask Israel," Donald Trump said.\n'
)


def small_bank(article: str = ARTICLE) -> dict:
    """A hand-written bank in the studyapp-bank/1 format, about ARTICLE."""
    first_sentence = article.split(". ")[0] + "."
    second_sentence = article.split(". ", 1)[1].strip()
    return {
        "format": "studyapp-bank/1",
        "title": "Trade and walls",
        "source": {"file": "trade.txt", "sha256": hashlib.sha256(article.encode()).hexdigest()},
        "facts": [
            {"id": "f-000001", "kind": "date", "text": "2006", "value": "2006", "sentence": first_sentence,
             "span": [0, len(first_sentence)]},
            {"id": "f-000002", "kind": "quote", "text": "Walls work, just ask Israel", "speaker": "Donald Trump",
             "sentence": second_sentence, "span": [len(first_sentence) + 1, len(article.rstrip())]},
        ],
        "questions": [
            {"id": "q-000001", "fact_id": "f-000001", "type": "multiple_choice",
             "prompt": "When did Colombia and the United States sign a trade agreement?",
             "answer": "2006", "choices": ["2004", "2006", "2008", "2012"], "accept": []},
            {"id": "q-000002", "fact_id": "f-000002", "type": "who_said",
             "prompt": 'Who said: "Walls work, just ask Israel"?', "answer": "Donald Trump",
             "choices": ["Donald Trump", "Gustavo Petro", "Marco Rubio", "Luis Gilberto Murillo"]},
        ],
        "conflicts": [],
    }


@pytest.fixture
def bank() -> dict:
    return copy.deepcopy(small_bank())


@pytest.fixture
def bank_folder(tmp_path: Path, bank: dict) -> Path:
    folder = tmp_path / "question_bank"
    folder.mkdir()
    (folder / "trade.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "trade.json").write_text(json.dumps(bank, indent=2), encoding="utf-8")
    return folder
