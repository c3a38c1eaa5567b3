"""A bad bank file is refused with a message naming the field at fault."""

from __future__ import annotations

import json

import pytest

from studyapp.banks.validation import BankError, check_bank, parse_bank


def test_a_good_bank_passes(bank) -> None:
    check_bank(bank)


def test_our_schema_is_the_shared_one_plus_questions_without_a_fact_and_their_status() -> None:
    # The design lets a bank carry questions with no fact (written by hand, imported) and each question's
    # status, still as studyapp-bank/1; every bank the shared schema accepts, ours accepts too.
    from importlib import resources
    from pathlib import Path

    shipped = json.loads(resources.files("studyapp.banks").joinpath("bank.schema.json").read_text())
    shared_path = Path(__file__).resolve().parents[3] / "shared" / "docs" / "bank.schema.json"
    if not shared_path.exists():
        pytest.skip("the shared design documents are not beside this checkout")
    shared = json.loads(shared_path.read_text())
    question = shared["properties"]["questions"]["items"]
    question["required"].remove("fact_id")
    question["properties"]["status"] = {"enum": ["draft", "approved"]}
    assert shipped == shared


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda b: b.update(format="studyapp-bank/2"), "format: 'studyapp-bank/1' was expected"),
        (lambda b: b.pop("title"), "'title' is a required property"),
        (lambda b: b["facts"][0].update(kind="opinion"), "facts[0].kind: 'opinion' is not one of"),
        (lambda b: b["facts"][0].update(value="sometime"), "facts[0].value: 'sometime' does not match"),
        (lambda b: b["facts"][1].pop("speaker"), "facts[1]: 'speaker' is a required property"),
        (lambda b: b["questions"][0]["choices"].pop(), "questions[0].choices: ['2004', '2006', '2008'] is too short"),
        (lambda b: b["questions"][0].update(choices=["2006"] * 4), "questions[0].choices: ['2006', '2006', '2006', '2006'] has non-unique elements"),
        (lambda b: b["questions"][0].update(answer="1999"), "questions[0].choices: the answer '1999' is not among"),
        (lambda b: b["questions"][1].update(fact_id="f-missing"), "questions[1].fact_id: no fact has the id 'f-missing'"),
        (lambda b: b["facts"][1].update(id="f-000001"), "facts[1].id: the fact id 'f-000001' is used twice"),
        (lambda b: b["facts"][0].update(span=[9, 2]), "facts[0].span: start 9 is after end 2"),
        (lambda b: b["source"].update(sha256="abc"), "source.sha256: 'abc' does not match"),
    ],
)
def test_problems_are_named(bank, break_it, message) -> None:
    break_it(bank)
    with pytest.raises(BankError) as caught:
        check_bank(bank)
    assert message in str(caught.value)


def test_invalid_json_names_the_line() -> None:
    with pytest.raises(BankError, match=r"line 2, column 1: not valid JSON"):
        parse_bank('{"format": "studyapp-bank/1",\n}')


@pytest.mark.parametrize("text", ["[]", "null", "42", '"bank"'])
def test_json_that_is_not_a_bank_object(text) -> None:
    with pytest.raises(BankError):
        parse_bank(text)
