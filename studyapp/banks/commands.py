"""``flask bank ...``: make a bank from an article, and import banks into the database."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from studyapp.auth.accounts import find_user_by_email
from studyapp.banks.articles import ArticleError, read_article_file
from studyapp.banks.importer import import_bank
from studyapp.banks.validation import BankError, parse_bank
from studyapp.extensions import db
from studyapp.generator import generate
from studyapp.models import Role, User, Visibility

bank_cli = AppGroup("bank", help="Make question banks from articles and import them.")


def write_atomically(path: Path, text: str) -> None:
    """Write the whole file or nothing: a crash midway leaves any old file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@bank_cli.command("generate", with_appcontext=False)
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Bank file to write; by default the article's name with .json.")
@click.option("--title", help="The bank's title; by default the article's first line.")
def generate_command(article: Path, output: Path | None, title: str | None) -> None:
    """Make a question bank from ARTICLE (a UTF-8 text file). Needs no database."""
    try:
        text = read_article_file(article)
    except ArticleError as error:
        raise click.ClickException(str(error)) from None
    bank = generate(text, title=title, source_file=article.name)
    if not bank.questions:
        raise click.ClickException(
            f"{article}: found no dates, figures, quotations or people to ask about; nothing written."
        )
    output = output or article.with_suffix(".json")
    write_atomically(output, bank.to_json())
    kinds = {kind: sum(1 for fact in bank.facts if fact.kind == kind) for kind in ("date", "figure", "quote", "person")}
    click.echo(
        f"{output}: {len(bank.questions)} questions from {len(bank.facts)} facts "
        f"({', '.join(f'{count} {kind}s' for kind, count in kinds.items())}); {len(bank.conflicts)} conflicts."
    )


def _bank_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return files


def _source_text(bank_file: Path, source: dict[str, str]) -> str:
    """The article beside the bank, checked against the bank's hash; '' when it is not there."""
    article = bank_file.parent / source["file"]
    if not article.is_file() or article.resolve() == bank_file.resolve():
        return ""
    raw = article.read_bytes()
    if hashlib.sha256(raw).hexdigest() != source["sha256"]:
        raise BankError(f"source.sha256: {article.name} has changed since this bank was made; regenerate the bank")
    return raw.decode("utf-8")


def _default_owner() -> User | None:
    """The first admin, else the first teacher: who owns banks imported without --owner."""
    for role in (Role.ADMIN, Role.TEACHER):
        user = db.session.scalar(select(User).where(User.role == role).order_by(User.id))
        if user is not None:
            return user
    return None


@bank_cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--owner", "owner_email", help="Email of the teacher who will own the sets; default: the first admin "
              "or teacher.")
@click.option("--public", is_flag=True, help="Let every signed-in user study the sets.")
@click.option("--approve", is_flag=True, help="Approve new questions at once instead of leaving them for review.")
def import_command(paths: tuple[Path, ...], owner_email: str | None, public: bool, approve: bool) -> None:
    """Import every bank file in PATHS (files, or folders of *.json), each one all or nothing.

    Importing a bank again updates its set in place: unchanged questions keep their
    rows and so every student's progress.
    """
    owner = find_user_by_email(db.session, owner_email) if owner_email else _default_owner()
    if owner is None:
        who = f"the email {owner_email}" if owner_email else "the role admin or teacher"
        raise click.ClickException(f"No account with {who}; create one first (flask users create).")
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
            click.echo(f"{bank_file}: not imported: {error}", err=True)
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
        raise click.ClickException(f"{failures} of {len(files)} bank files could not be imported.")
