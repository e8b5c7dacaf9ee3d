"""Issue 15, identity: every record has a permanent identifier (uid) from birth; a vault written before gets
one per row at migration (backup first), its data unchanged."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from alembic import command
from sqlalchemy import text

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.identity import normalised_uid
from ilot_desktop.services import vault
from ilot_desktop.services.demo import fill_with_demo_data
from ilot_desktop.storage import migrate
from tests.conftest import PASSWORD
from tests.factories import make_participant

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


def dump(session, with_uid: bool) -> dict[str, list[tuple]]:
    """Every row of every table that carries an identifier, in a stable order (uid left out or alone)."""
    out: dict[str, list[tuple]] = {}
    with session._database.engine.connect() as connection:
        for table in TABLES:
            if with_uid:
                out[table] = [tuple(r) for r in connection.execute(text(f"SELECT uid FROM {table} ORDER BY rowid"))]
                continue
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY rowid")).mappings()
            out[table] = [tuple(v for k, v in sorted(r.items()) if k != "uid") for r in rows]
    return out


def test_an_existing_vault_at_the_previous_revision_gets_a_distinct_uid_on_every_row(vault_dir, session):
    fill_with_demo_data(session)
    before = dump(session, with_uid=False)
    assert all(before[t] for t in TABLES), "the demo holds every kind of record"
    config = migrate.alembic_config()
    with session._database.engine.connect() as connection:  # the file as the previous version left it
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # a rebuild would cascade
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        connection.commit()
    assert session._database.schema_version() == "0006"
    session.close()

    reopened = vault.unlock(vault_dir, PASSWORD)
    try:
        assert reopened.migration_backup is not None  # backed up first
        assert reopened.check().schema_version == migrate.head_revision()
        assert dump(reopened, with_uid=False) == before  # the data unchanged
        uids = [uid for rows in dump(reopened, with_uid=True).values() for (uid,) in rows]
        assert len(uids) == sum(len(rows) for rows in before.values())
        assert len(set(uids)) == len(uids)  # distinct, across every table
        assert all(normalised_uid(uid) == uid and len(uid) == 36 for uid in uids)  # lower-case UUIDs
    finally:
        reopened.close()
    assert list((vault_dir / "sauvegardes").glob("*_avant-migration-0006-vers-*/ilot.db"))


def test_a_record_gets_its_uid_at_birth_and_keeps_it_through_updates(session):
    person = session.participants.save(make_participant())
    stored = session.participants.get(person.id)
    assert normalised_uid(stored.uid) == stored.uid == person.uid
    session.participants.save(replace(stored, notes="Revu", last_name="Autrenom"))
    assert session.participants.get(person.id).uid == stored.uid
    booked = session.followup.save(Appointment(person.id, datetime(2026, 11, 30, 10)))
    again = session.followup.save(replace(booked, report="Fait", duration_min=45))
    assert session.followup.get(booked.id).appointment.uid == booked.uid == again.uid


def test_every_record_of_the_demo_has_its_own_uid(session):
    fill_with_demo_data(session)
    uids = [uid for rows in dump(session, with_uid=True).values() for (uid,) in rows]
    assert all(uids) and len(set(uids)) == len(uids)


def test_a_restored_backup_gives_back_the_same_identifiers(vault_dir, session):
    from ilot_desktop.services.backup import restore

    fill_with_demo_data(session)
    folder = session.backups.write(now=datetime(2026, 11, 27, 17, 42))
    before = dump(session, with_uid=True)
    session.participants.save(make_participant(file_number="DE-2026-999", last_name="Après"))
    session.close()
    restore(vault_dir, folder, PASSWORD, now=datetime(2026, 11, 27, 17, 47))
    reopened = vault.unlock(vault_dir, PASSWORD)
    try:
        assert dump(reopened, with_uid=True) == before  # a record keeps its identity through a restore
    finally:
        reopened.close()


def test_the_rebuild_never_gives_an_erased_persons_id_again(vault_dir, session):
    """0005: an erased person's id is never reused (the access log keeps it); 0007's rebuild must keep that."""
    ids = [session.participants.save(make_participant(file_number=f"DE-2026-00{i}")).id for i in (1, 2, 3)]
    config = migrate.alembic_config()
    with session._database.engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        connection.execute(text("DELETE FROM participants WHERE id = :id"), {"id": ids[-1]})  # the newest, erased
        connection.execute(text("UPDATE sqlite_sequence SET seq = :id WHERE name = 'participants'"), {"id": ids[-1]})
        connection.commit()
    session.close()
    reopened = vault.unlock(vault_dir, PASSWORD)
    try:
        assert reopened.check().schema_version == migrate.head_revision()
        newcomer = reopened.participants.save(make_participant(file_number="DE-2026-009"))
        assert newcomer.id > ids[-1]
    finally:
        reopened.close()
