"""``flask banks load``: load the bank files of a folder, each one all or nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import click
from flask.cli import AppGroup

from studyapp.auth.accounts import find_user_by_email
from studyapp.banks.importer import import_bank
from studyapp.banks.validation import BankError, parse_bank
from studyapp.extensions import db
from studyapp.models import Visibility

banks_cli = AppGroup("banks", help="Load question bank files.")


def _bank_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return files


def _source_text(bank_file: Path, source: dict[str, str]) -> str:
    """The article beside the bank, checked against the bank's hash; '' when it is not there."""
    article = bank_file.parent / source["file"]
    if not article.is_file():
        return ""
    text = article.read_text(encoding="utf-8")
    if hashlib.sha256(article.read_bytes()).hexdigest() != source["sha256"]:
        raise BankError(f"source.sha256: {article.name} has changed since this bank was made; regenerate the bank")
    return text


@banks_cli.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--owner", "owner_email", required=True, help="Email of the teacher who will own the sets.")
@click.option("--public", is_flag=True, help="Let every signed-in user study the sets.")
@click.option("--approve", is_flag=True, help="Approve new questions at once instead of leaving them for review.")
def load_banks_command(paths: tuple[Path, ...], owner_email: str, public: bool, approve: bool) -> None:
    """Load every bank file in PATHS (files, or folders of *.json)."""
    owner = find_user_by_email(db.session, owner_email)
    if owner is None:
        raise click.ClickException(f"No account with the email {owner_email}; create it first (flask users create).")
    failures = 0
    files = _bank_files(paths)
    for bank_file in files:
        try:
            bank = parse_bank(bank_file.read_text(encoding="utf-8"))
            summary = import_bank(
                db.session,
                bank,
                owner=owner,
                source_text=_source_text(bank_file, bank["source"]),
                visibility=Visibility.PUBLIC if public else Visibility.PRIVATE,
                approve=approve,
            )
        except (BankError, UnicodeDecodeError, OSError) as error:
            db.session.rollback()
            failures += 1
            click.echo(f"{bank_file}: not loaded: {error}", err=True)
            continue
        db.session.commit()
        if summary.changed_anything:
            click.echo(
                f"{bank_file}: {'created' if summary.created_set else 'updated'} '{summary.question_set.title}': "
                f"{len(summary.added)} added, {len(summary.updated)} updated, "
                f"{len(summary.retired)} retired, {summary.unchanged} unchanged"
            )
        else:
            click.echo(f"{bank_file}: already up to date ({summary.unchanged} questions)")
    if not files:
        click.echo("No bank files found.")
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} bank files could not be loaded.")
