"""Live nicknames are unique by their case-folded form, not their exact spelling.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("live_participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("nickname_key", sa.String(length=96), nullable=True))
    op.execute("UPDATE live_participants SET nickname_key = LOWER(nickname)")
    with op.batch_alter_table("live_participants", schema=None) as batch_op:
        batch_op.alter_column("nickname_key", existing_type=sa.String(length=96), nullable=False)
        batch_op.drop_constraint("uq_live_participants_session_id_nickname", type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_live_participants_session_id_nickname_key"),
                                          ["session_id", "nickname_key"])


def downgrade():
    with op.batch_alter_table("live_participants", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_live_participants_session_id_nickname_key"), type_="unique")
        batch_op.create_unique_constraint("uq_live_participants_session_id_nickname", ["session_id", "nickname"])
        batch_op.drop_column("nickname_key")
