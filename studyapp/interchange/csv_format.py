"""CSV: one question per row, for spreadsheets.

Columns (a header row is required; order does not matter, extra columns are ignored):
type, prompt, answer, choices, accept, explanation, source_sentence, id.
``choices`` and ``accept`` hold several values separated by " | ".
"""

from __future__ import annotations

import csv
import io

from studyapp.interchange.records import FormatError, QuestionRecord

COLUMNS = ["id", "type", "prompt", "answer", "choices", "accept", "explanation", "source_sentence"]
REQUIRED = ["type", "prompt", "answer"]
SEPARATOR = " | "


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()] if value else []


def write_csv(records: list[QuestionRecord]) -> str:
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({
            "id": record.key, "type": record.type, "prompt": record.prompt, "answer": record.answer,
            "choices": SEPARATOR.join(record.choices), "accept": SEPARATOR.join(record.accept),
            "explanation": record.explanation, "source_sentence": record.source_sentence,
        })
    return output.getvalue()


def read_csv(text: str) -> list[QuestionRecord]:
    """Every row as a question; the first bad row stops the import with its line number."""
    reader = csv.DictReader(io.StringIO(text))
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
