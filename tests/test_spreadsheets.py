"""Report downloads cannot smuggle a formula into the teacher's spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from studyapp.spreadsheets import csv_download, spreadsheet_safe


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                                  "\t=1"])
def test_text_that_a_spreadsheet_would_evaluate_is_kept_as_text(text) -> None:
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Ana", "2006", "85%", "", 3, -4, 0.5, None])
def test_everything_else_is_left_alone(value) -> None:
    assert spreadsheet_safe(value) == value


def test_a_download_neutralises_every_cell(app) -> None:
    with app.test_request_context():
        response = csv_download([["nickname", "score"], ["=1+1", 300], ["Ana", -5]], "results.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="results.csv"'
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows == [["nickname", "score"], ["'=1+1", "300"], ["Ana", "-5"]]
