"""Identity: a permanent identifier (``uid``, a UUID) on every record, existing rows given a fresh one.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# every kind of record that travels between laptops (team.md, rule 1)
TABLES = (
    "participants",
    "appointments",
    "collective_actions",
    "action_registrations",
    "barriers",
    "barrier_events",
    "tasks",
    "outcomes",
)


def _rebuild_kwargs(table: str) -> dict[str, object]:
    # participants keeps AUTOINCREMENT (0005): an erased person's id is never given again
    return {"table_kwargs": {"sqlite_autoincrement": True}} if table == "participants" else {}


def upgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        op.add_column(table, sa.Column("uid", sa.String(length=36), nullable=True))
        rowids = [r[0] for r in connection.execute(sa.text(f"SELECT rowid FROM {table}"))]
        if rowids:
            connection.execute(
                sa.text(f"UPDATE {table} SET uid = :uid WHERE rowid = :rowid"),
                [{"uid": str(uuid.uuid4()), "rowid": rowid} for rowid in rowids],
            )
        with op.batch_alter_table(table, recreate="always", **_rebuild_kwargs(table)) as batch:  # type: ignore[arg-type]
            batch.alter_column("uid", existing_type=sa.String(length=36), nullable=False)
            batch.create_unique_constraint(batch.f(f"uq_{table}_uid"), ["uid"])


def downgrade() -> None:
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate="always", **_rebuild_kwargs(table)) as batch:  # type: ignore[arg-type]
            batch.drop_constraint(batch.f(f"uq_{table}_uid"), type_="unique")
            batch.drop_column("uid")
