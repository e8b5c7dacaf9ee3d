"""Models and migrations agree; a newer file is refused; an upgrade backs up first and keeps data."""

from __future__ import annotations

import dataclasses
import shutil
import textwrap
from datetime import datetime, time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from ilot_desktop.errors import NewerDatabaseError
from ilot_desktop.services import vault
from ilot_desktop.services.clock import SessionClock
from ilot_desktop.storage import migrate
from ilot_desktop.storage.backup import STAMP
from ilot_desktop.storage.tables import Base
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def test_models_and_migrations_agree(session):
    with session._database.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []


def _schema(engine) -> dict:
    """Every table's columns, keys, indexes and constraints, and whether ids are never reused (AUTOINCREMENT)."""
    from sqlalchemy import inspect

    inspector = inspect(engine)
    schema: dict = {}
    for table in sorted(inspector.get_table_names()):
        schema[table] = {
            "columns": {
                c["name"]: (str(c["type"]), c["nullable"], c["default"], c["primary_key"])
                for c in inspector.get_columns(table)
            },
            "pk": inspector.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted(
                (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"], fk["options"].get("ondelete"))
                for fk in inspector.get_foreign_keys(table)
            ),
            "indexes": sorted((i["name"], tuple(i["column_names"]), i["unique"]) for i in inspector.get_indexes(table)),
            "uniques": sorted((u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)),
        }
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
    schema["autoincrement"] = sorted(name for name, sql in rows if sql and "AUTOINCREMENT" in sql.upper())
    return schema


def test_a_created_file_and_a_migrated_file_have_the_same_schema(session, tmp_path):
    """A new file is created from the final schema and stamped (fast); an old file climbs every migration. Both
    must end the same, or a caseworker's old file and a colleague's new one would differ."""
    from ilot_desktop.storage.engine import make_engine

    created = session._database.engine
    with created.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == migrate.head_revision()
    migrated = make_engine(tmp_path / "migre.db", b"\x01" * 32)
    try:
        migrate._run_upgrade(migrated)  # from nothing, through every migration
        with migrated.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        assert _schema(created) == _schema(migrated)
        assert "participants" in _schema(migrated)["autoincrement"]
    finally:
        migrated.dispose()


def test_newer_database_is_refused_and_untouched(vault_dir, session):
    with session._database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_future'"))
    session.close()
    before = (vault_dir / "ilot.db").read_bytes()
    with pytest.raises(NewerDatabaseError, match="version plus récente"):
        vault.unlock(vault_dir, PASSWORD)
    assert (vault_dir / "ilot.db").read_bytes() == before


def test_upgrade_backs_up_first_and_keeps_rows(vault_dir, session, tmp_path, monkeypatch):
    session.participants.save(make_participant())
    session.close()
    head = migrate.head_revision()
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    (scripts / "versions" / "9999_test.py").write_text(
        textwrap.dedent(
            f"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{head}"
            branch_labels = None
            depends_on = None

            def upgrade():
                with op.batch_alter_table("participants") as batch:
                    batch.add_column(sa.Column("extra", sa.String(10), nullable=True))

            def downgrade():
                with op.batch_alter_table("participants") as batch:
                    batch.drop_column("extra")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    moment = datetime.combine(TODAY, time(7, 8, 9))  # the backup is dated by the session's clock, not the wall's
    reopened = vault.unlock(vault_dir, PASSWORD, clock=SessionClock(lambda: TODAY, lambda: moment))
    try:
        assert reopened.migration_backup is not None
        assert reopened.check().schema_version == "9999"
        assert [s.last_name for s in reopened.participants.summaries()] == ["Marqueur"]
    finally:
        reopened.close()
    backups = list((vault_dir / "sauvegardes").glob(f"*_avant-migration-{head}-vers-9999/ilot.db"))
    assert len(backups) == 1
    assert backups[0].parent.name.startswith(moment.strftime(STAMP) + "_")
    assert not backups[0].read_bytes().startswith(b"SQLite format 3")
    # a backup like any other: listed, with its key file, opening with the password at the old version
    from ilot_desktop.services.backup import check_backup, list_backups

    assert [(b.kind, b.detail, b.path) for b in list_backups(vault_dir)] == [
        ("avant-migration", f"{head}-vers-9999", backups[0].parent)
    ]
    assert str(backups[0].parent) == reopened.migration_backup
    report = check_backup(backups[0].parent, PASSWORD)
    assert report.ok and report.schema_version == head and report.counts["participants"] == 1


def test_a_first_version_file_gains_the_follow_up_tables(vault_dir, session):
    """A file written before the calendar (0001) is backed up, upgraded, and keeps its people."""
    from alembic import command

    saved = session.participants.save(make_participant())
    engine = session._database.engine
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
        connection.commit()
    assert session._database.schema_version() == "0001"
    session.close()

    reopened = vault.unlock(vault_dir, PASSWORD)
    try:
        assert reopened.check().schema_version == migrate.head_revision()
        assert reopened.participants.get(saved.id).cadence is None
        with reopened._database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            foreign_keys = connection.exec_driver_sql("PRAGMA foreign_key_list(appointments)").fetchall()
        assert diff == []
        assert [(fk[2], fk[6]) for fk in foreign_keys] == [("participants", "CASCADE")]
    finally:
        reopened.close()
    assert list((vault_dir / "sauvegardes").glob(f"*_avant-migration-0001-vers-{migrate.head_revision()}/ilot.key"))


def test_a_follow_up_version_file_gains_barriers_and_tasks(vault_dir, session):
    """A file written before the action plan (0002) is upgraded with its appointments kept."""
    from datetime import datetime

    from alembic import command

    from ilot_desktop.domain.followup import Appointment

    saved = session.participants.save(make_participant())
    booked = session.followup.save(Appointment(saved.id, datetime(2026, 11, 30, 10)))
    engine = session._database.engine
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        connection.commit()
    assert session._database.schema_version() == "0002"
    session.close()

    reopened = vault.unlock(vault_dir, PASSWORD)
    try:
        assert reopened.check().schema_version == migrate.head_revision()
        again = reopened.followup.get(booked.id).appointment
        assert again == dataclasses.replace(booked, uid=again.uid)  # given a fresh identifier by 0007, all else kept
        assert reopened.barriers.for_participant(saved.id) == []
        with reopened._database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
            task_keys = connection.exec_driver_sql("PRAGMA foreign_key_list(tasks)").fetchall()
            event_keys = connection.exec_driver_sql("PRAGMA foreign_key_list(barrier_events)").fetchall()
        assert diff == []
        assert sorted((fk[2], fk[6]) for fk in task_keys) == [
            ("barriers", "SET NULL"),
            ("participants", "CASCADE"),
        ]
        assert [(fk[2], fk[6]) for fk in event_keys] == [("barriers", "CASCADE")]
    finally:
        reopened.close()
    assert list((vault_dir / "sauvegardes").glob(f"*_avant-migration-0002-vers-{migrate.head_revision()}/ilot.db"))
