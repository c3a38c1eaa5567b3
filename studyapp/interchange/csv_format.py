"""CSV: one question per row, for spreadsheets.

Columns (a header row is required; order does not matter, extra columns are ignored):
type, prompt, answer, choices, accept, explanation, source_sentence, id.
``choices`` and ``accept`` hold several values separated by " | " (a "|" inside a value is written "\\|").

Read: UTF-8 with or without Excel's byte-order mark, separated by commas, semicolons (Excel in much of
Europe) or tabs, with any line ending. Written: UTF-8 with the mark, so that Excel on Windows opens it as
UTF-8 rather than guessing an old code page.
"""

from __future__ import annotations

import csv
import io

from studyapp.interchange.records import FormatError, QuestionRecord

COLUMNS = ["id", "type", "prompt", "answer", "choices", "accept", "explanation", "source_sentence"]
REQUIRED = ["type", "prompt", "answer"]
SEPARATOR = " | "


BYTE_ORDER_MARK = "\ufeff"
_DELIMITERS = ",;\t"


def _split(value: str) -> list[str]:
    """"Paris | Lyon \\| Bron" → ["Paris", "Lyon | Bron"]: split at each "|" not escaped by a backslash."""
    parts, current, escaped = [], [], False
    for char in value or "":
        if escaped:
            current.append(char if char in "|\\" else "\\" + char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current) + ("\\" if escaped else ""))
    return [part.strip() for part in parts if part.strip()]


def _join(values: list[str]) -> str:
    return SEPARATOR.join(value.replace("\\", "\\\\").replace("|", "\\|") for value in values)


def write_csv(records: list[QuestionRecord]) -> str:
    output = io.StringIO()
    output.write(BYTE_ORDER_MARK)
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({
            "id": record.key, "type": record.type, "prompt": record.prompt, "answer": record.answer,
            "choices": _join(record.choices), "accept": _join(record.accept),
            "explanation": record.explanation, "source_sentence": record.source_sentence,
        })
    return output.getvalue()


def _delimiter(text: str) -> str:
    """The separator the header row uses: whichever of comma, semicolon and tab it holds most of."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_csv(text: str) -> list[QuestionRecord]:
    """Every row as a question; the first bad row stops the import with its line number."""
    text = text.removeprefix(BYTE_ORDER_MARK)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FormatError(f"line 1: the header needs the columns {', '.join(missing)} "
                          f"(found: {', '.join(header) or 'none'})")
    reader.fieldnames = header
    records: list[QuestionRecord] = []
    try:
        for row in reader:
            line = reader.line_num
            if row.get(None):
                raise FormatError(f"line {line}: more values than columns (check for an unquoted comma)")
            if not any((value or "").strip() for value in row.values()):
                continue
            record = QuestionRecord(
                type=(row.get("type") or "").strip().lower().replace(" ", "_").replace("-", "_"),
                prompt=(row.get("prompt") or "").strip(),
                answer=(row.get("answer") or "").strip(),
                choices=_split(row.get("choices") or ""),
                accept=_split(row.get("accept") or ""),
                explanation=(row.get("explanation") or "").strip(),
                key=(row.get("id") or "").strip(),
                source_sentence=(row.get("source_sentence") or "").strip(),
            )
            if record.type == "true_false":
                record.answer = record.answer.capitalize()
                record.choices = record.choices or ["True", "False"]
            problem = record.problem()
            if problem:
                raise FormatError(f"line {line}: {problem}")
            records.append(record)
    except csv.Error as error:
        raise FormatError(f"line {reader.line_num}: not valid CSV ({error})") from None
    if not records:
        raise FormatError("the file has a header but no questions")
    return records
