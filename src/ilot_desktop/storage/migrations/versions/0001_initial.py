"""Initial schema: participants and in-file settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_number", sa.String(length=30), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("sex", sa.String(length=40), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("referrer", sa.String(length=40), nullable=False),
        sa.Column("justice_situation", sa.String(length=40), nullable=False),
        sa.Column("facility", sa.String(length=200), nullable=False),
        sa.Column("planned_release_date", sa.Date(), nullable=True),
        sa.Column("housing_at_entry", sa.String(length=40), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("cpip_name", sa.String(length=200), nullable=False),
        sa.Column("cpip_contact", sa.String(length=200), nullable=False),
        sa.Column("justice_measure", sa.String(length=40), nullable=True),
        sa.Column("justice_constraints", sa.Text(), nullable=False),
        sa.Column("resources", sa.JSON(), nullable=False),
        sa.Column("rights", sa.JSON(), nullable=False),
        sa.Column("education_level", sa.String(length=40), nullable=True),
        sa.Column("professional_project", sa.Text(), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("work_constraints", sa.JSON(), nullable=False),
        sa.Column("work_constraints_notes", sa.Text(), nullable=False),
        sa.Column("consent_date", sa.Date(), nullable=True),
        sa.Column("caseworker", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
        sa.UniqueConstraint("file_number", name=op.f("uq_participants_file_number")),
    )
    op.create_index(op.f("ix_participants_entry_date"), "participants", ["entry_date"], unique=False)
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_index(op.f("ix_participants_entry_date"), table_name="participants")
    op.drop_table("participants")
