"""Outcomes (jobs, trainings, drop-outs) and how an accompaniment ended.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("outcome_type", sa.String(length=40), nullable=False),
        sa.Column("dropout_reason", sa.String(length=40), nullable=True),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("sector", sa.String(length=100), nullable=False),
        sa.Column("working_time", sa.String(length=40), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_outcomes_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
    )
    op.create_index("ix_outcomes_on", "outcomes", ["on"], unique=False)
    op.create_index(op.f("ix_outcomes_participant_id"), "outcomes", ["participant_id"], unique=False)
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("end_reason", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("end_reason")
    op.drop_index(op.f("ix_outcomes_participant_id"), table_name="outcomes")
    op.drop_index("ix_outcomes_on", table_name="outcomes")
    op.drop_table("outcomes")
