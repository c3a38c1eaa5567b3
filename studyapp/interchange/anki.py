"""Anki packages (.apkg) through genanki: the question on the front; the answer and its source on the back."""

from __future__ import annotations

import html
import io
import tempfile
import zlib
from pathlib import Path

import genanki

from studyapp.interchange.records import QuestionRecord

_MODEL = genanki.Model(
    1_607_392_319,  # a fixed id: re-imports update the same note type in Anki
    "StudyApp question",
    fields=[{"name": "Question"}, {"name": "Choices"}, {"name": "Answer"}, {"name": "Source"}],
    templates=[{
        "name": "Card",
        "qfmt": "<div class=question>{{Question}}</div>{{#Choices}}<ul class=choices>{{Choices}}</ul>{{/Choices}}",
        "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
                "{{#Source}}<blockquote class=source>{{Source}}</blockquote>{{/Source}}",
    }],
    css=".card { font-family: sans-serif; font-size: 20px; } .answer { font-weight: bold; }"
        " .source { color: #555; font-size: 16px; border-left: 3px solid #ccc; padding-left: 8px; }",
)


def _deck_id(title: str) -> int:
    return 1_000_000_000 + zlib.crc32(title.encode()) % 1_000_000_000


def write_apkg(records: list[QuestionRecord], title: str) -> bytes:
    deck = genanki.Deck(_deck_id(title), title)
    for record in records:
        choices = "".join(f"<li>{html.escape(choice)}</li>" for choice in record.choices
                          if record.type not in {"true_false", "order"}) if record.choices else ""
        if record.type == "order":
            choices = "".join(f"<li>{html.escape(item)}</li>" for item in record.choices)
        note = genanki.Note(
            model=_MODEL,
            fields=[html.escape(record.prompt), choices, html.escape(record.answer),
                    html.escape(record.source_sentence or record.explanation)],
            guid=genanki.guid_for(title, record.key or record.prompt),
        )
        deck.add_note(note)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        genanki.Package(deck).write_to_file(str(path), timestamp=0)
        return _without_file_times(path.read_bytes())


def _without_file_times(package: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01: genanki dates them by the clock, so the
    same set exported twice gave different bytes whenever the two crossed a 2-second tick."""
    import zipfile

    copy = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(copy, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = entry.compress_type
            target.writestr(fixed, source.read(entry))
    return copy.getvalue()


def read_apkg_notes(data: bytes) -> list[list[str]]:
    """The fields of every note in a package (used to check what was written)."""
    import sqlite3
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(package.read("collection.anki2"))
        connection = sqlite3.connect(path)
        try:
            return [row[0].split("\x1f") for row in connection.execute("SELECT flds FROM notes ORDER BY id")]
        finally:
            connection.close()
