"""``flask demo``: the demo accounts of a local install, refused under the production configuration."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from studyapp.auth.accounts import create_user, find_user_by_email
from studyapp.extensions import db
from studyapp.models import Role

# Known passwords are fine on a laptop and nowhere else; see DEMO_ACCOUNTS_ALLOWED.
DEMO_ACCOUNTS = (
    ("teacher@example.com", "Demo Teacher", Role.TEACHER, "teach-demo-2026"),
    ("student@example.com", "Demo Student", Role.STUDENT, "study-demo-2026"),
)


@click.command("demo", help="Create the demo teacher and student (once) and print their logins.")
@with_appcontext
def demo_cli() -> None:
    if not current_app.config["DEMO_ACCOUNTS_ALLOWED"]:
        raise click.ClickException("Demo accounts are not created under the production configuration.")
    for email, name, role, password in DEMO_ACCOUNTS:
        if find_user_by_email(db.session, email) is None:
            create_user(db.session, email=email, password=password, display_name=name, role=role)
    db.session.commit()
    click.echo("Demo logins:")
    for email, _name, role, password in DEMO_ACCOUNTS:
        click.echo(f"  {role.value:<8} {email}  password: {password}")
