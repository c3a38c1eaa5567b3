"""Card introduction time: when a student first met a card, for the daily limit of new cards.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("card_states", schema=None) as batch_op:
        batch_op.add_column(sa.Column("introduced_at", sa.DateTime(timezone=True), nullable=True))
    # Cards that already exist were met no later than their last review.
    op.execute("UPDATE card_states SET introduced_at = COALESCE(last_review, due)")
    with op.batch_alter_table("card_states", schema=None) as batch_op:
        batch_op.alter_column("introduced_at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.create_index(batch_op.f("ix_card_states_user_id_introduced_at"), ["user_id", "introduced_at"],
                              unique=False)


def downgrade():
    with op.batch_alter_table("card_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_states_user_id_introduced_at"))
        batch_op.drop_column("introduced_at")
