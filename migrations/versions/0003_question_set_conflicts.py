"""Question set conflicts: the bank's list of facts that disagree, kept for the teacher's review.

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("question_sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("conflicts", sa.JSON(), nullable=True))
    op.execute("UPDATE question_sets SET conflicts = '[]'")
    with op.batch_alter_table("question_sets", schema=None) as batch_op:
        batch_op.alter_column("conflicts", existing_type=sa.JSON(), nullable=False)


def downgrade():
    with op.batch_alter_table("question_sets", schema=None) as batch_op:
        batch_op.drop_column("conflicts")
