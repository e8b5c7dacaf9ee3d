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


def _sequences(connection: sa.engine.Connection) -> dict[str, int]:
    """The AUTOINCREMENT counters (``sqlite_sequence``) as they are: an erased person's id stays given."""
    exists = connection.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'")).first()
    if exists is None:
        return {}
    return {name: int(seq) for name, seq in connection.execute(sa.text("SELECT name, seq FROM sqlite_sequence"))}


def _restore_sequences(connection: sa.engine.Connection, before: dict[str, int]) -> None:
    """A batch rebuild resets a table's counter to its highest remaining id: put back the highest of the old
    counter, that id and (for participants) the highest id the access log names (0005: never reused)."""
    logged = connection.execute(sa.text("SELECT MAX(participant_id) FROM audit_events")).scalar() or 0
    for table in TABLES:
        if table not in before and table != "participants":
            continue  # no AUTOINCREMENT counter there
        highest = connection.execute(sa.text(f"SELECT MAX(id) FROM {table}")).scalar() or 0
        seq = max(before.get(table, 0), int(highest), int(logged) if table == "participants" else 0)
        if seq == 0:
            continue
        updated = connection.execute(
            sa.text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :name"), {"seq": seq, "name": table}
        )
        if updated.rowcount == 0:
            connection.execute(
                sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"), {"name": table, "seq": seq}
            )


def upgrade() -> None:
    connection = op.get_bind()
    sequences = _sequences(connection)
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
    _restore_sequences(connection, sequences)


def downgrade() -> None:
    connection = op.get_bind()
    sequences = _sequences(connection)
    for table in reversed(TABLES):
        with op.batch_alter_table(table, recreate="always", **_rebuild_kwargs(table)) as batch:  # type: ignore[arg-type]
            batch.drop_constraint(batch.f(f"uq_{table}_uid"), type_="unique")
            batch.drop_column("uid")
    _restore_sequences(connection, sequences)
