"""The access log on a real vault: who opened and changed which file, when; kept twelve months."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    EndReason,
    OutcomeType,
    TaskStatus,
)
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.services import vault
from ilot_desktop.services.audit import AuditService
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


def _actions(session, **filters) -> list[tuple[str, str]]:
    """(action, detail), oldest first."""
    return [(e.action, e.detail) for e in reversed(session.audit.events(**filters))]


def test_opening_and_closing_are_logged(vault_dir, session):
    assert _actions(session) == [("vault_created", "")]
    session.close()
    reopened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        events = reopened.audit.events()
        assert [e.action for e in reversed(events)] == ["vault_created", "vault_locked", "vault_opened"]
        assert events[0].at.date() == TODAY and events[0].actor == "Utilisateur" and events[0].label == "Fichier ouvert"
    finally:
        reopened.close()
    code_session = vault.unlock_with_recovery_code(
        vault_dir, _code_of(vault_dir), "Autre-Mot-De-Passe-2026!", lambda: TODAY
    )
    try:
        assert _actions(code_session)[-2:] == [
            ("vault_opened", "avec le code de secours"),
            ("password_changed", "avec le code de secours"),
        ]
    finally:
        code_session.close()


def _code_of(vault_dir) -> str:
    from ilot_desktop.storage import keys
    from ilot_desktop.storage import vault as storage_vault

    return keys.encode_recovery_code(storage_vault.unlock_with_password(storage_vault.VaultPaths(vault_dir), PASSWORD))


def test_the_caseworker_is_named(session):
    first = session.participants.save(make_participant(caseworker=""))
    assert session.audit.events()[0].actor == "Utilisateur"
    session.plan.set_caseworker_contact("Camille Vasseur", "", "")
    session.participants.save(replace(first, notes="autre"))
    assert session.audit.events()[0].actor == "Camille Vasseur"


def test_every_change_to_a_file_is_logged_with_what_changed(session):
    person = session.participants.save(make_participant())
    pid = person.id
    session.participants.save(replace(person, notes="Modifié"))
    appointment = session.followup.save(Appointment(pid, datetime(2026, 11, 20, 10)))
    session.followup.set_status(appointment.id, AppointmentStatus.DONE)
    session.followup.delete(appointment.id)
    barrier = session.barriers.save(Barrier(pid, BarrierCategory.HOUSING, "Squat"))
    session.barriers.set_status(barrier.id, BarrierStatus.IN_PROGRESS)
    task = session.plan.save(Task(pid, "Appeler la CAF"))
    session.plan.set_status(task.id, TaskStatus.DONE)
    session.plan.delete(task.id)
    session.barriers.delete(barrier.id)
    outcome = session.outcomes.save(Outcome(pid, date(2026, 11, 2), OutcomeType.CDI))
    session.outcomes.delete(outcome.id)
    action = session.actions.save(
        CollectiveAction("AC-2026-001", ActionType.TRE_WORKSHOP, "Atelier", datetime(2026, 11, 3, 14))
    )
    session.actions.register(action.id, pid)
    session.actions.set_attendance(action.id, pid, Attendance.PRESENT)
    session.actions.unregister(action.id, pid)
    session.outcomes.end_accompaniment(pid, date(2026, 11, 20), EndReason.POSITIVE)
    session.audit.record("participant_viewed", pid)

    assert _actions(session, participant_id=pid) == [
        ("participant_created", ""),
        ("participant_updated", ""),
        *[("participant_updated", "rendez-vous")] * 2,
        ("participant_updated", "rendez-vous supprimé"),
        *[("participant_updated", "frein")] * 2,
        *[("participant_updated", "plan d'action")] * 2,
        ("participant_updated", "tâche retirée"),
        ("participant_updated", "frein retiré"),
        ("participant_updated", "résultat"),
        ("participant_updated", "résultat retiré"),
        *[("participant_updated", "action collective")] * 3,
        ("participant_updated", "fin d'accompagnement"),
        ("participant_viewed", ""),
    ]
    assert {e.file_number for e in session.audit.events(participant_id=pid)} == {"DE-2026-001"}
    session.participants.delete(pid)
    assert _actions(session)[-1] == ("participant_deleted", "N° DE-2026-001")
    assert {e.file_number for e in session.audit.events(participant_id=pid)} == {None}


def test_exports_and_imports_are_logged_without_names(session, tmp_path):
    session.participants.save(make_participant())
    out = tmp_path / "export.xlsx"
    session.exchange.export_all(out)
    session.funder.write(2026, None, tmp_path / "bilan.xlsx", tmp_path / "bilan.pdf", pseudonymised=True)
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        other.exchange.apply(out)
        logged = _actions(other)
        assert logged[0] == ("vault_created", "")
        assert logged[1][0] == "import" and logged[1][1].startswith("1 créés")
        assert logged[2] == ("participant_created", "import")
        other.exchange.apply(out)  # the same file again: nothing new, one more « import »
        assert _actions(other)[-1] == ("import", "0 créés, 0 mis à jour")
    finally:
        other.close()
    logged = _actions(session)
    assert ("export_full", "1 dossiers, 1 lignes") in logged
    assert ("export_funder", "bilan 2026 au 31/12/2026, PDF : oui, lignes pseudonymisées : oui") in logged
    text = " ".join(f"{e.actor} {e.detail}" for e in session.audit.events())
    assert "Marqueur" not in text and "Zéphyrin" not in text


def test_since_and_participant_filters(session):
    one = session.participants.save(make_participant())
    two = session.participants.save(make_participant(file_number="DE-2026-002", last_name="Autre"))
    with session._database.unit_of_work() as uow:
        uow.audit.add(datetime(2026, 3, 2, 9, 0), "Ariane", "participant_viewed", one.id)
        uow.commit()
    assert [e.participant_id for e in session.audit.events(participant_id=two.id)] == [two.id]
    recent = session.audit.events(since=date(2026, 11, 27))
    assert all(e.at.date() == TODAY for e in recent)
    assert len(session.audit.events()) == len(recent) + 1
    with pytest.raises(ValueError):
        session.audit.record("anything")


def test_events_older_than_twelve_months_go_at_unlock(vault_dir, session):
    with session._database.unit_of_work() as uow:
        uow.audit.add(datetime(2025, 11, 26, 23, 59), "Ariane", "participant_viewed", 1)
        uow.audit.add(datetime(2025, 11, 27, 0, 0), "Ariane", "participant_viewed", 2)
        uow.commit()
    session.close()
    reopened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        kept = [(e.at, e.participant_id) for e in reopened.audit.events() if e.action == "participant_viewed"]
        assert kept == [(datetime(2025, 11, 27, 0, 0), 2)]
        assert reopened.audit.purge(date(2026, 11, 28)) == 1
    finally:
        reopened.close()


def test_a_log_that_cannot_be_written_does_not_stop_the_unlock(vault_dir, session, monkeypatch):
    session.close()

    def refuse(self, *args, **kwargs):
        raise StorageEnvironmentError("Le fichier de données est en lecture seule : vérifiez les droits du dossier.")

    monkeypatch.setattr(AuditService, "purge", refuse)
    reopened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    assert reopened.is_open
    reopened.close()
    monkeypatch.undo()
    again = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        # nothing was logged for the read-only opening, nor its closing
        assert [e.action for e in reversed(again.audit.events())] == ["vault_created", "vault_locked", "vault_opened"]
    finally:
        again.close()


def test_a_file_of_the_previous_version_gains_the_log_and_keeps_its_people(vault_dir, session):
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from ilot_desktop.storage import migrate
    from ilot_desktop.storage.tables import Base

    saved = session.participants.save(make_participant())
    engine = session._database.engine
    with engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        config = migrate.alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
        connection.commit()
    assert session._database.schema_version() == "0004"
    session.close()
    reopened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        assert reopened.check().schema_version == migrate.head_revision()
        assert reopened.participants.get(saved.id).anonymised_on is None
        assert [e.action for e in reopened.audit.events()] == ["vault_opened"]
        with reopened._database.engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
            sql = connection.exec_driver_sql("SELECT sql FROM sqlite_master WHERE name = 'participants'").scalar()
        assert "AUTOINCREMENT" in sql
    finally:
        reopened.close()
