"""``flask backup``: a consistent copy of the SQLite database, taken while the app runs."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from studyapp.extensions import db


def backup_sqlite(database: Path, destination: Path) -> Path:
    """Copy ``database`` with SQLite's online backup API: readers and writers carry on meanwhile."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target, pages=1024)  # in steps, so writers are held up only briefly
    finally:
        target.close()
        source.close()
    return destination


@click.command("backup", help="Copy the SQLite database to DESTINATION (default: instance/backups/…).")
@click.argument("destination", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def backup_cli(destination: Path | None) -> None:
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        raise click.ClickException(
            "flask backup copies a SQLite database; for PostgreSQL use pg_dump (see the README's deployment section)."
        )
    database = Path(url.database)
    if destination is None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        destination = Path(current_app.instance_path) / "backups" / f"studyapp-{stamp}.sqlite3"
    if destination.exists():
        raise click.ClickException(f"{destination} exists already; choose another name.")
    backup_sqlite(database, destination)
    click.echo(f"Backed up {database} to {destination}.")
