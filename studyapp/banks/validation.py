"""Is this a well-formed ``studyapp-bank/1`` bank? Plain Python, no Flask, no database."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

BANK_FORMAT = "studyapp-bank/1"


class BankError(ValueError):
    """A bank that cannot be loaded; the message names the field at fault."""


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(resources.files("studyapp.banks").joinpath("bank.schema.json").read_text())
    return Draft202012Validator(schema)


def _location(path: Any) -> str:
    parts = []
    for part in path:
        parts.append(f"[{part}]" if isinstance(part, int) else f".{part}")
    return "".join(parts).lstrip(".") or "(the whole file)"


def check_bank(bank: Any) -> None:
    """Raise BankError for the first problem found: the schema first, then cross-references."""
    errors = sorted(_validator().iter_errors(bank), key=lambda error: list(error.absolute_path))
    if errors:
        error = errors[0]
        raise BankError(f"{_location(error.absolute_path)}: {error.message}")

    _refuse_nul(bank)
    _refuse_overlong(bank)
    fact_ids = [fact["id"] for fact in bank["facts"]]
    _refuse_duplicates(fact_ids, "facts", "fact id")
    _refuse_duplicates([question["id"] for question in bank["questions"]], "questions", "question id")
    known_facts = set(fact_ids)
    for index, fact in enumerate(bank["facts"]):
        start, end = fact["span"]
        if start > end:
            raise BankError(f"facts[{index}].span: start {start} is after end {end}")
    for index, question in enumerate(bank["questions"]):
        where = f"questions[{index}]"
        # (A question written by hand or imported from a spreadsheet has no fact.)
        for fact_id in [*([question["fact_id"]] if "fact_id" in question else []), *question.get("fact_ids", [])]:
            if fact_id not in known_facts:
                raise BankError(f"{where}.fact_id: no fact has the id {fact_id!r}")
        choices = question.get("choices")
        # An ordering question's choices are the items to order, not candidate answers.
        if choices is not None and question["type"] != "order" and question["answer"] not in choices:
            raise BankError(f"{where}.choices: the answer {question['answer']!r} is not among the choices")
    for index, conflict in enumerate(bank.get("conflicts", [])):
        for fact_id in conflict["fact_ids"]:
            if fact_id not in known_facts:
                raise BankError(f"conflicts[{index}].fact_ids: no fact has the id {fact_id!r}")


# The longest each stored text may be (the database's columns); the schema itself sets no lengths.
_LONGEST = {"title": 200, "file": 255, "id": 40, "unit": 40, "speaker": 200, "role": 200}


def _refuse_nul(value: Any, where: str = "the file") -> None:
    """A NUL character (written "\\u0000" in JSON) is no text; PostgreSQL refuses to store one."""
    if isinstance(value, str):
        if "\x00" in value:
            raise BankError(f"{where}: holds a NUL character (\\u0000), which is not text")
    elif isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key, where)
            _refuse_nul(item, f"{where}.{key}" if where != "the file" else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul(item, f"{where}[{index}]")


def _refuse_overlong(bank: dict[str, Any]) -> None:
    """A clear message for a text too long to store, rather than the database's error (PostgreSQL's)."""
    fields = [("title", bank["title"]), ("source.file", bank["source"]["file"])]
    for section in ("facts", "questions"):
        for index, item in enumerate(bank[section]):
            fields += [(f"{section}[{index}].{name}", item[name]) for name in ("id", "unit", "speaker", "role")
                       if isinstance(item.get(name), str)]
    for where, value in fields:
        most = _LONGEST[where.rsplit(".", 1)[-1]]
        if len(value) > most:
            raise BankError(f"{where}: {len(value):,} characters; at most {most} fit")


def _refuse_duplicates(ids: list[str], section: str, what: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(ids):
        if item in seen:
            raise BankError(f"{section}[{index}].id: the {what} {item!r} is used twice")
        seen.add(item)


def parse_bank(text: str) -> dict[str, Any]:
    """Parse and check a bank file's text."""
    try:
        bank = json.loads(text)
    except json.JSONDecodeError as error:
        raise BankError(f"line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})") from None
    except RecursionError:
        raise BankError("the JSON nests lists or objects far deeper than a bank does") from None
    check_bank(bank)
    return bank
