"""The generator against gold files of every fact in four articles of different styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.generator.quality import GOLD_FOLDER, REPORT, score_gold_file

GOLD_FILES = sorted(GOLD_FOLDER.glob("*.json"))
SEED = "us-colombia-relations"


def test_there_are_gold_files_for_the_seed_and_three_other_styles() -> None:
    assert SEED in {path.stem for path in GOLD_FILES}
    assert len(GOLD_FILES) >= 4


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda path: path.stem)
def test_recall_and_attribution(gold_file: Path) -> None:
    result = score_gold_file(gold_file)
    REPORT.append(result.line())
    if result.missed:
        REPORT.append("    missed: " + "; ".join(result.missed))
    assert result.misattributed == [], "a quotation was given to the wrong speaker"
    assert result.wrong_people == []
    wanted = 1.0 if gold_file.stem == SEED else 0.9
    for kind in ("date", "figure", "quote", "person"):
        assert result.recall(kind) >= wanted, f"{kind}: {result.missed}"
