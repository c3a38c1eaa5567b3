"""Reading and writing CSV, GIFT and Anki packages; bad files name the line at fault."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from studyapp.interchange.anki import read_apkg_notes, write_apkg
from studyapp.interchange.csv_format import read_csv, write_csv
from studyapp.interchange.gift import read_gift, write_gift
from studyapp.interchange.records import FormatError, QuestionRecord

SEED_BANK = Path(__file__).resolve().parents[2] / "question_bank" / "us-colombia-relations.json"


def seed_records() -> list[QuestionRecord]:
    bank = json.loads(SEED_BANK.read_text())
    facts = {fact["id"]: fact for fact in bank["facts"]}
    return [QuestionRecord(q["type"], q["prompt"], q["answer"], q.get("choices", []), q.get("accept", []),
                           q.get("explanation", ""), q["id"], facts[q["fact_id"]]["sentence"])
            for q in bank["questions"]]


def test_csv_round_trip_keeps_every_question() -> None:
    records = seed_records()
    assert read_csv(write_csv(records)) == records


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("prompt,answer\nWhen?,2019\n", "line 1: the header needs the columns type"),
        ("type,prompt,answer\nessay,Why?,Because\n", "line 2: unknown question type 'essay'"),
        ("type,prompt,answer,choices\nmultiple_choice,When?,2019,2019 | 2018 | 2017\n",
         "line 2: a multiple-choice question needs 4 different choices"),
        ("type,prompt,answer,choices\nmultiple_choice,When?,2020,2019 | 2018 | 2017 | 2016\n",
         "line 2: the answer must be one of the choices"),
        ("type,prompt,answer\nshort_answer,When?,2019\nshort_answer,,2020\n", "line 3: the question has no text"),
        ("type,prompt,answer\nshort_answer,When?,2019,extra\n", "line 2: more values than columns"),
        ("type,prompt,answer\ntrue_false,Is it?,maybe\n", "line 2: a true/false answer must be True or False"),
        ("type,prompt,answer\n", "the file has a header but no questions"),
        ("", "line 1: the header needs the columns type, prompt, answer"),
    ],
)
def test_bad_csv_names_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_csv(text)
    assert message in str(caught.value)


def test_gift_round_trip_for_the_types_gift_knows() -> None:
    records = [
        QuestionRecord("multiple_choice", "When: in {which} year = the answer?", "2019 ~ not",
                       ["2019 ~ not", "2018", "2017", "2016"], [], "Because: reasons.", "q-1"),
        QuestionRecord("true_false", "The sky is blue.", "True", ["True", "False"], [], "", "q-2"),
        QuestionRecord("short_answer", "Who said it?", "Donald Trump", [], ["Trump"], "", "q-3"),
    ]
    assert read_gift(write_gift(records, "Test")) == records


def test_the_seed_set_survives_gift() -> None:
    records = seed_records()
    read = read_gift(write_gift(records, "US-Colombia Relations"))
    assert len(read) == len(records)
    for original, again in zip(records, read):
        assert again.prompt == original.prompt and again.answer == original.answer
        if original.type in {"multiple_choice", "who_said"}:
            assert again.choices == original.choices


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("// only a comment\n", "the file holds no GIFT questions"),
        ("::Q1:: What year?\n", "line 1: not a GIFT question"),
        ("::Q1:: Pick {=a =b ~c ~d}\n", "line 1: a multiple-choice question needs exactly one right answer"),
        ("\n\n::Q1:: Match {=a -> 1 =b -> 2}\n", "line 3: partial credit and matching questions are not supported"),
        ("::Q1:: Pick {=a ~b}\n", "line 1: a multiple-choice question needs 4 different choices"),
        ("::Q1:: Essay {}\n", "line 1: this GIFT question type is not supported"),
    ],
)
def test_bad_gift_names_the_line(text: str, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_gift(text)
    assert message in str(caught.value)


def test_an_anki_package_holds_every_card_with_its_source_on_the_back() -> None:
    records = seed_records()
    notes = read_apkg_notes(write_apkg(records, "US-Colombia Relations"))
    assert len(notes) == len(records)
    first_choice = next(index for index, record in enumerate(records) if record.type == "multiple_choice")
    question, choices, answer, _accepted, source = notes[first_choice]
    assert question == records[first_choice].prompt.replace("'", "&#x27;")
    assert "<li>" in choices and answer == records[first_choice].answer
    assert records[first_choice].source_sentence[:40] in source


def test_anki_packages_are_the_same_bytes_for_the_same_set() -> None:
    records = seed_records()[:5]
    modified = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)
    package = write_apkg(records, "Deck", modified=modified)
    assert package == write_apkg(records, "Deck", modified=modified)
    # Nothing in it is dated by the clock, which would differ between two exports a second apart.
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_csv_from_excel_reads_with_a_byte_order_mark_semicolons_tabs_and_any_line_ending() -> None:
    expected = [QuestionRecord("short_answer", "Which river?", "Magdalena", accept=["The Magdalena"])]
    for delimiter in (",", ";", "\t"):
        for ending in ("\n", "\r\n", "\r"):
            text = f"\ufefftype{delimiter}prompt{delimiter}answer{delimiter}accept{ending}" \
                   f"short_answer{delimiter}Which river?{delimiter}Magdalena{delimiter}The Magdalena{ending}"
            assert read_csv(text) == expected, (delimiter, ending)


def test_a_bar_inside_a_choice_survives_the_round_trip() -> None:
    record = QuestionRecord("multiple_choice", "Which pipe?", "A|B", choices=["A|B", "C", "D\\E", "F"],
                            accept=["a|b"])
    assert read_csv(write_csv([record])) == [record]


def test_the_csv_export_opens_in_excel_as_utf8() -> None:
    # Excel on Windows reads a CSV as UTF-8 only when it starts with the byte-order mark.
    exported = write_csv(seed_records()[:3])
    assert exported.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(exported.removeprefix("\ufeff"), newline="")))
    assert rows[0][:3] == ["id", "type", "prompt"] and len(rows) == 4
