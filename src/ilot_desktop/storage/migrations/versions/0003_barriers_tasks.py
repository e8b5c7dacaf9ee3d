"""Barriers checklist with the history of each barrier, and the action plan's tasks.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "barriers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("item", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("identified_on", sa.Date(), nullable=False),
        sa.Column("lifted_on", sa.Date(), nullable=True),
        sa.Column("partner", sa.String(length=200), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_barriers_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barriers")),
        sa.UniqueConstraint("participant_id", "category", "item", name="uq_barriers_participant_category_item"),
    )
    op.create_index(op.f("ix_barriers_participant_id"), "barriers", ["participant_id"], unique=False)

    op.create_table(
        "barrier_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("barrier_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("partner", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["barrier_id"],
            ["barriers.id"],
            name=op.f("fk_barrier_events_barrier_id_barriers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_barrier_events")),
    )
    op.create_index(op.f("ix_barrier_events_barrier_id"), "barrier_events", ["barrier_id"], unique=False)

    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("owner", sa.String(length=40), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("barrier_id", sa.Integer(), nullable=True),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_tasks_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["barrier_id"],
            ["barriers.id"],
            name=op.f("fk_tasks_barrier_id_barriers"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tasks")),
    )
    op.create_index(op.f("ix_tasks_participant_id"), "tasks", ["participant_id"], unique=False)
    op.create_index(op.f("ix_tasks_barrier_id"), "tasks", ["barrier_id"], unique=False)
    op.create_index("ix_tasks_status_due_date", "tasks", ["status", "due_date"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_tasks_status_due_date", table_name="tasks")
    op.drop_index(op.f("ix_tasks_barrier_id"), table_name="tasks")
    op.drop_index(op.f("ix_tasks_participant_id"), table_name="tasks")
    op.drop_table("tasks")
    op.drop_index(op.f("ix_barrier_events_barrier_id"), table_name="barrier_events")
    op.drop_table("barrier_events")
    op.drop_index(op.f("ix_barriers_participant_id"), table_name="barriers")
    op.drop_table("barriers")
