"""CSV downloads of reports (class progress, item statistics, live results).

Their cells hold text that students and players typed. A spreadsheet treats a cell
starting with =, +, -, @ or a tab as a formula, which could fetch a URL or run a
command on the teacher's computer, so such cells are prefixed with an apostrophe:
spreadsheets show the text as written and do not evaluate it. Numbers are left alone.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_download(rows: Iterable[Iterable[object]], filename: str) -> Response:
    """``rows`` (the header first) as an attached CSV file named ``filename``."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerows([spreadsheet_safe(value) for value in row] for row in rows)
    return Response(output.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
