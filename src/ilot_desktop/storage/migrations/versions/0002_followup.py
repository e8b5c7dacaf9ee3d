"""Follow-up: participants' cadence, appointments, collective actions and their registrations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("cadence", sa.String(length=40), nullable=True))

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_appointments_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
    )
    op.create_index(op.f("ix_appointments_start"), "appointments", ["start"], unique=False)
    op.create_index("ix_appointments_participant_start", "appointments", ["participant_id", "start"], unique=False)

    op.create_table(
        "collective_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=30), nullable=False),
        sa.Column("action_type", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start", sa.DateTime(), nullable=False),
        sa.Column("duration_min", sa.Integer(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("partner", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_collective_actions")),
        sa.UniqueConstraint("reference", name=op.f("uq_collective_actions_reference")),
    )
    op.create_index(op.f("ix_collective_actions_start"), "collective_actions", ["start"], unique=False)

    op.create_table(
        "action_registrations",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("attendance", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"],
            ["collective_actions.id"],
            name=op.f("fk_action_registrations_action_id_collective_actions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_action_registrations_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("action_id", "participant_id", name=op.f("pk_action_registrations")),
    )
    op.create_index(
        op.f("ix_action_registrations_participant_id"),
        "action_registrations",
        ["participant_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_action_registrations_participant_id"), table_name="action_registrations")
    op.drop_table("action_registrations")
    op.drop_index(op.f("ix_collective_actions_start"), table_name="collective_actions")
    op.drop_table("collective_actions")
    op.drop_index("ix_appointments_participant_start", table_name="appointments")
    op.drop_index(op.f("ix_appointments_start"), table_name="appointments")
    op.drop_table("appointments")
    with op.batch_alter_table("participants") as batch:
        batch.drop_column("cadence")
