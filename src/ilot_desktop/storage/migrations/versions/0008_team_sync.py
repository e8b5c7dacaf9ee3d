"""Team work: the synchronisation's tables (records' version vectors and dots, conflict values, tombstones,
aliases, peers, packages, hand-overs) and the participants' former numbers (renumbered on a collision).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("participants", sa.Column("former_numbers", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "sync_records",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("hashes", sa.Text(), nullable=False),
        sa.Column("row_hash", sa.String(length=16), nullable=False),
        sa.Column("held", sa.Text(), nullable=True),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_records")),
    )
    op.create_index(op.f("ix_sync_records_seq"), "sync_records", ["seq"], unique=False)
    op.create_table(
        "sync_conflict_values",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("replica", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("uid", "field", "replica", "n", name=op.f("pk_sync_conflict_values")),
    )
    op.create_table(
        "sync_tombstones",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("on_date", sa.String(length=10), nullable=False),
        sa.Column("from_replica", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_tombstones")),
    )
    op.create_table(
        "sync_aliases",
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("canonical_uid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_sync_aliases")),
    )
    op.create_table(
        "sync_peers",
        sa.Column("replica_id", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=True),
        sa.Column("last_package_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("replica_id", name=op.f("pk_sync_peers")),
    )
    op.create_table(
        "sync_packages",
        sa.Column("package_id", sa.String(length=40), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("package_id", name=op.f("pk_sync_packages")),
    )
    op.create_table(
        "sync_handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_uid", sa.String(length=36), nullable=False),
        sa.Column("to_label", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_handovers")),
    )
    op.create_index(op.f("ix_sync_handovers_participant_uid"), "sync_handovers", ["participant_uid"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_handovers_participant_uid"), table_name="sync_handovers")
    op.drop_table("sync_handovers")
    op.drop_table("sync_packages")
    op.drop_table("sync_peers")
    op.drop_table("sync_aliases")
    op.drop_table("sync_tombstones")
    op.drop_table("sync_conflict_values")
    op.drop_index(op.f("ix_sync_records_seq"), table_name="sync_records")
    op.drop_table("sync_records")
    with op.batch_alter_table("participants", recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_column("former_numbers")
