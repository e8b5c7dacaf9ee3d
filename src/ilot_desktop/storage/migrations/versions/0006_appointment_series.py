"""Recurring appointments: the series an appointment was created in (« Répéter »), none for the others.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.add_column(sa.Column("series_id", sa.String(length=32), nullable=True))
        batch.create_index(batch.f("ix_appointments_series_id"), ["series_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("appointments") as batch:
        batch.drop_index(batch.f("ix_appointments_series_id"))
        batch.drop_column("series_id")
