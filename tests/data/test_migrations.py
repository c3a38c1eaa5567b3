"""Alembic makes the schema, and the schema it makes is exactly the models'."""

from __future__ import annotations

from pathlib import Path

import flask_migrate
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from studyapp.extensions import db
from tests.conftest import make_app


def schema_differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_head_matches_models_exactly(empty_database_url: str, tmp_path: Path) -> None:
    app = make_app(empty_database_url, tmp_path / "instance")
    with app.app_context():
        assert inspect(db.engine).get_table_names() == []
        flask_migrate.upgrade()
        assert schema_differences(db.engine) == []
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) | {"alembic_version"} == tables
        db.engine.dispose()


def test_downgrade_base_removes_everything_and_upgrade_again_works(empty_database_url: str, tmp_path: Path) -> None:
    app = make_app(empty_database_url, tmp_path / "instance")
    with app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        flask_migrate.upgrade()
        assert schema_differences(db.engine) == []
        db.engine.dispose()


def test_constraints_have_conventional_names(empty_database_url: str, tmp_path: Path) -> None:
    app = make_app(empty_database_url, tmp_path / "instance")
    with app.app_context():
        flask_migrate.upgrade()
        inspector = inspect(db.engine)
        unique_names = {constraint["name"] for constraint in inspector.get_unique_constraints("card_states")}
        index_names = {index["name"] for index in inspector.get_indexes("card_states")}
        db.engine.dispose()
    assert "uq_card_states_user_id_question_id" in unique_names
    assert "ix_card_states_user_id_due" in index_names
