"""Anki packages (.apkg) through genanki.

A blank becomes a real Anki cloze note; every other question a note with the question (and its choices) on
the front, and on the back the answer, the other answers accepted and the sentence it comes from.
"""

from __future__ import annotations

import html
import io
import re
import tempfile
import zipfile
import zlib
from datetime import datetime, timezone
from pathlib import Path

import genanki

from studyapp.interchange.records import QuestionRecord

_CSS = (".card { font-family: sans-serif; font-size: 20px; } .answer { font-weight: bold; }"
        " .accepted { color: #555; font-size: 16px; }"
        " .source { color: #555; font-size: 16px; border-left: 3px solid #ccc; padding-left: 8px; }")

# Fixed ids: a re-import updates the same note types in Anki. (The first note type, 1_607_392_319, had no
# field for accepted answers; a new id keeps collections that hold it from a schema clash.)
_BASIC = genanki.Model(
    1_607_392_320,
    "StudyApp question",
    fields=[{"name": "Question"}, {"name": "Choices"}, {"name": "Answer"}, {"name": "Accepted"}, {"name": "Source"}],
    templates=[{
        "name": "Card",
        "qfmt": "<div class=question>{{Question}}</div>{{#Choices}}<ul class=choices>{{Choices}}</ul>{{/Choices}}",
        "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
                "{{#Accepted}}<div class=accepted>Also accepted: {{Accepted}}</div>{{/Accepted}}"
                "{{#Source}}<blockquote class=source>{{Source}}</blockquote>{{/Source}}",
    }],
    css=_CSS,
)
_CLOZE = genanki.Model(
    1_607_392_321,
    "StudyApp cloze",
    fields=[{"name": "Text"}, {"name": "Accepted"}, {"name": "Source"}],
    templates=[{
        "name": "Cloze",
        "qfmt": "{{cloze:Text}}",
        "afmt": "{{cloze:Text}}"
                "{{#Accepted}}<div class=accepted>Also accepted: {{Accepted}}</div>{{/Accepted}}"
                "{{#Source}}<blockquote class=source>{{Source}}</blockquote>{{/Source}}",
    }],
    css=_CSS,
    model_type=genanki.Model.CLOZE,
)

_BLANK = "_____"
_CLOZE_PROMPT = re.compile(r"^(?:Fill in the blank|Complete the sentence):\s*")


def _deck_id(title: str) -> int:
    return 1_000_000_000 + zlib.crc32(title.encode()) % 1_000_000_000


def write_apkg(records: list[QuestionRecord], title: str, modified: datetime | None = None) -> bytes:
    """The records as one deck named ``title``.

    ``modified``: when the set last changed (now, if not given). Anki takes an imported note over the one it
    holds only when the import's is newer, so an edited set must carry a later time than the one before; the
    same set with the same time gives the same bytes.
    """
    moment = modified or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    deck = genanki.Deck(_deck_id(title), title)
    for record in records:
        deck.add_note(_note(record, title))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        # Note ids count up from the time in milliseconds: unique, positive, and never 0 (which Anki rejects).
        genanki.Package(deck).write_to_file(str(path), timestamp=moment.timestamp())
        return _without_file_times(path.read_bytes())


def _note(record: QuestionRecord, title: str) -> genanki.Note:
    guid = genanki.guid_for(title, record.key or record.prompt)
    accepted = "; ".join(_html(answer) for answer in record.accept)
    source = _html(record.source_sentence or record.explanation)
    cloze = _cloze_text(record)
    if cloze is not None:
        return genanki.Note(model=_CLOZE, fields=[cloze, accepted, source], guid=guid)
    # (True or false needs no list of its two choices.)
    choices = "" if record.type == "true_false" else "".join(f"<li>{_html(choice)}</li>" for choice in record.choices)
    return genanki.Note(model=_BASIC, fields=[_html(record.prompt), choices, _html(record.answer), accepted, source],
                        guid=guid)


def _cloze_text(record: QuestionRecord) -> str | None:
    """"Fill in the blank: The strike began on _____." as Anki's "The strike began on {{c1::28 October}}."."""
    if record.type != "cloze" or record.prompt.count(_BLANK) != 1:
        return None
    if any(mark in record.answer for mark in ("::", "}}", "{{")):
        return None  # would end Anki's cloze early: asked as a question instead
    before, after = _CLOZE_PROMPT.sub("", record.prompt).split(_BLANK)
    return f"{_html(before)}{{{{c1::{_html(record.answer)}}}}}{_html(after)}"


def _html(text: str) -> str:
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def _without_file_times(package: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01: genanki dates them by the clock, so the
    same set exported twice gave different bytes whenever the two crossed a 2-second tick."""
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

    with zipfile.ZipFile(io.BytesIO(data)) as package, tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "collection.anki2"
        path.write_bytes(package.read("collection.anki2"))
        connection = sqlite3.connect(path)
        try:
            return [row[0].split("\x1f") for row in connection.execute("SELECT flds FROM notes ORDER BY id")]
        finally:
            connection.close()
