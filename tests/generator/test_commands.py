"""``flask bank generate``: needs no database, writes all or nothing, explains bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studyapp import create_app
from studyapp.config import load_config
from tests.generator.test_bank import SEED_ARTICLE


@pytest.fixture
def runner(tmp_path: Path):
    # A database URL that cannot work: generating must not need one.
    config = load_config("testing", INSTANCE_PATH=tmp_path / "instance",
                         SQLALCHEMY_DATABASE_URI="postgresql+psycopg://nobody@127.0.0.1:1/none")
    return create_app(config).test_cli_runner()


def test_generate_writes_a_valid_bank(runner, tmp_path: Path) -> None:
    article = tmp_path / "seed.txt"
    article.write_bytes(SEED_ARTICLE.read_bytes())
    result = runner.invoke(args=["bank", "generate", str(article), "-o", str(tmp_path / "out" / "seed.json")])
    assert result.exit_code == 0, result.output
    bank = json.loads((tmp_path / "out" / "seed.json").read_text())
    assert f"{len(bank['questions'])} questions from {len(bank['facts'])} facts" in result.output
    assert len(bank["facts"]) == len(json.loads(SEED_ARTICLE.with_suffix(".json").read_text())["facts"])
    assert bank["format"] == "studyapp-bank/1" and bank["source"]["file"] == "seed.txt"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n  ", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file"),
        ("Caf\u00e9 prices rose in 2019.".encode("latin-1"), "is not UTF-8 text"),
        (b"a" * 1_000_001, "is too large"),
        (b"Nothing here to ask about at all.\n", "found no dates, figures, quotations or people"),
    ],
)
def test_bad_articles_get_a_clear_message_and_nothing_is_written(runner, tmp_path: Path, content, message) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    output = tmp_path / "article.json"
    result = runner.invoke(args=["bank", "generate", str(article), "-o", str(output)])
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not output.exists()
    assert list(tmp_path.glob(".article.json.*")) == []


def test_a_missing_file_is_a_clear_error(runner, tmp_path: Path) -> None:
    result = runner.invoke(args=["bank", "generate", str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_a_failed_run_leaves_an_existing_bank_alone(runner, tmp_path: Path) -> None:
    output = tmp_path / "kept.json"
    output.write_text("{\"old\": true}")
    article = tmp_path / "empty.txt"
    article.write_text("")
    runner.invoke(args=["bank", "generate", str(article), "-o", str(output)])
    assert output.read_text() == "{\"old\": true}"
