"""Exported Anki packages, opened by Anki's own library: every card renders, the database checks out, and an
edited set re-imported updates its notes instead of adding copies."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from anki.collection import Collection, ImportAnkiPackageRequest

from studyapp.interchange.anki import write_apkg
from studyapp.interchange.records import QuestionRecord
from tests.interchange.test_formats import seed_records

EXPORTED_AT = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def collection(tmp_path: Path):
    opened = Collection(str(tmp_path / "collection.anki2"))
    yield opened
    opened.close()


def import_into(collection: Collection, package: bytes, folder: Path, name: str = "deck.apkg"):
    path = folder / name
    path.write_bytes(package)
    return collection.import_anki_package(ImportAnkiPackageRequest(package_path=str(path))).log


def test_every_card_of_an_exported_set_renders_in_anki(collection, tmp_path) -> None:
    records = seed_records()
    log = import_into(collection, write_apkg(records, "US-Colombia Relations", modified=EXPORTED_AT), tmp_path)
    assert len(log.new) == len(records)
    note_ids = list(collection.find_notes(""))
    assert len(note_ids) == len(set(note_ids)) == len(records)
    assert min(note_ids) > 0
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        assert card.question().strip() and card.answer().strip()
    problems, ok = collection.fix_integrity()
    assert ok, problems


def test_blanks_are_anki_cloze_notes_with_accepted_answers_and_the_source_on_the_back(collection, tmp_path) -> None:
    records = seed_records()
    import_into(collection, write_apkg(records, "Deck", modified=EXPORTED_AT), tmp_path)
    blanks = [record for record in records if record.type == "cloze"]
    cloze_notes = collection.find_notes('"note:StudyApp cloze"')
    assert blanks and len(cloze_notes) == len(blanks)
    with_accepted = next(record for record in blanks if record.accept)
    note = collection.get_note(next(nid for nid in cloze_notes
                                    if with_accepted.answer in collection.get_note(nid)["Text"]))
    card = note.cards()[0]
    assert "[...]" in card.question() and with_accepted.answer not in card.question()
    back = card.answer()
    assert with_accepted.answer in back
    assert "Also accepted" in back and with_accepted.accept[0] in back
    assert with_accepted.source_sentence[:30] in back


def test_line_breaks_reach_the_card(collection, tmp_path) -> None:
    record = QuestionRecord("short_answer", "Name the river.\nIt runs through two countries.", "The Aske",
                            accept=["Aske"], key="q-lines")
    import_into(collection, write_apkg([record], "Deck", modified=EXPORTED_AT), tmp_path)
    (card_id,) = collection.find_cards("")
    card = collection.get_card(card_id)
    assert "Name the river.<br>It runs through two countries." in card.question()
    assert "Aske" in card.answer()


def test_an_edited_set_updates_its_notes_in_anki_without_copies(collection, tmp_path) -> None:
    records = seed_records()[:10]
    import_into(collection, write_apkg(records, "Deck", modified=EXPORTED_AT), tmp_path, "first.apkg")
    edited = [replace(records[0], prompt=records[0].prompt + " (edited)"), *records[1:]]
    log = import_into(collection, write_apkg(edited, "Deck", modified=EXPORTED_AT + timedelta(hours=1)), tmp_path,
                      "second.apkg")
    assert not log.new
    assert len(collection.find_notes("")) == len(records)
    texts = [" ".join(collection.get_note(nid).fields) for nid in collection.find_notes("")]
    assert any("(edited)" in text for text in texts)
