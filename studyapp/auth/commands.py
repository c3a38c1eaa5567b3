"""``flask users ...``: account administration from the command line."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import select

from studyapp.auth.accounts import AccountError, create_user
from studyapp.extensions import db
from studyapp.models import Role, User

users_cli = AppGroup("users", help="Create and list accounts.")


@users_cli.command("create")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice([role.value for role in Role]),
    default=Role.STUDENT.value,
    show_default=True,
)
@click.option("--name", "display_name", default="", help="Display name; defaults to the email's local part.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True, help="Prompted for when omitted.")
def create_user_command(email: str, role: str, display_name: str, password: str) -> None:
    """Create an account with the given EMAIL."""
    try:
        user = create_user(db.session, email=email, password=password, display_name=display_name, role=Role(role))
    except AccountError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")


@users_cli.command("list")
def list_users_command() -> None:
    """List every account."""
    for user in db.session.scalars(select(User).order_by(User.id)):
        click.echo(f"{user.id:>5}  {user.role.value:<8} {user.email}  ({user.display_name})")
